using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.Demo;

/// <summary>
/// The months of a demo company seeded on <see cref="Today"/> (a company date, from the injected clock): the six
/// complete months before today's month, and today's month with data up to <see cref="DataThrough"/>, so the open
/// month shows points so far and a projection. Seeded on 2026-11-26 that is May–October 2026 and November 2026 to the 25th.
/// </summary>
public sealed record DemoCalendar
{
    /// <summary>How many complete months of data the demo has before the open month.</summary>
    public const int CompleteMonths = 6;

    public DemoCalendar(DateOnly today)
    {
        Today = today;
        var current = new DateOnly(today.Year, today.Month, 1);
        Months = [.. Enumerable.Range(0, CompleteMonths).Select(i => current.AddMonths(i - CompleteMonths))];
        OpenMonth = current;
        // Up to yesterday; on the first of a month, up to today (a month with no day of data would have nothing to show).
        DataThrough = today.Day == 1 ? today : today.AddDays(-1);
        Since = Months[0].AddMonths(-4);
        var lastComplete = Months[^1];
        var quarter = Period.Containing(lastComplete, PeriodKind.Quarter);
        if (quarter.End > lastComplete.AddMonths(1).AddDays(-1))
        {
            quarter = Period.Containing(quarter.Start.AddMonths(-1), PeriodKind.Quarter);
        }

        Quarter = quarter.ToString();
        var quarters = new List<string>();
        for (var q = Period.Containing(Months[0], PeriodKind.Quarter); q.Start <= current; q = Period.Containing(q.End.AddDays(1), PeriodKind.Quarter))
        {
            quarters.Add(q.ToString());
        }

        Quarters = quarters;
    }

    /// <summary>The day the demo is seeded on (company date).</summary>
    public DateOnly Today { get; }

    /// <summary>The first days of the complete months, oldest first.</summary>
    public IReadOnlyList<DateOnly> Months { get; }

    /// <summary>The first day of the open month (today's month).</summary>
    public DateOnly OpenMonth { get; }

    /// <summary>The last day with data in the open month.</summary>
    public DateOnly DataThrough { get; }

    /// <summary>The org chart's effective date and the earliest newcomer's hire month (four months before the first month).</summary>
    public DateOnly Since { get; }

    /// <summary>First month with data, e.g. "2026-05".</summary>
    public string FirstMonth => Key(Months[0]);

    /// <summary>Last complete month with data, e.g. "2026-10".</summary>
    public string LastMonth => Key(Months[^1]);

    /// <summary>The open month with data to date, e.g. "2026-11" (the one the demo shows first).</summary>
    public string CurrentMonth => Key(OpenMonth);

    /// <summary>The latest quarter whose months are all complete, e.g. "2026-Q3".</summary>
    public string Quarter { get; }

    /// <summary>The quarters the demo's months fall in (quarterly targets and ratings), e.g. 2026-Q2 to 2026-Q4.</summary>
    public IReadOnlyList<string> Quarters { get; }

    /// <summary>The periods calculated when the demo is seeded: the complete months, <see cref="Quarter"/>, then the open month.</summary>
    public IReadOnlyList<string> Periods => [.. Months.Select(Key), Quarter, CurrentMonth];

    private static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
