using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// A person's projected outcome for an open period as stored in <c>PersonResult.DetailsJson</c>
/// (docs/decisions/0018-projection.md): the day it was made on, days elapsed and in the period, and the
/// projected total, grade, coefficient, pay, indicators (projected actuals) and pending ratings.
/// </summary>
public sealed record ProjectionDetails(
    DateOnly AsOf,
    int DaysElapsed,
    int DaysInPeriod,
    decimal Total,
    string? Grade,
    decimal? Coefficient,
    decimal PayTotal,
    IReadOnlyList<IndicatorResult> Indicators,
    IReadOnlyList<PayLine> Pay,
    IReadOnlyList<string> Pending)
{
    /// <summary>The stored form of one person's projection, or null when the run has none for them.</summary>
    public static ProjectionDetails? Of(ProjectionSummary? summary, string employee)
    {
        if (summary?.Of(employee) is not { } p)
        {
            return null;
        }

        var r = p.Projected;
        return new ProjectionDetails(summary.AsOf, summary.DaysElapsed, summary.DaysInPeriod, r.Total, r.Grade, r.Coefficient, r.PayTotal, r.Indicators, r.Pay, p.Pending);
    }
}

/// <summary>
/// The company's calendar for calculation runs: a run's as-of date is the company date (Asia/Shanghai) of its
/// <c>StartedAt</c> (UTC, from <see cref="TimeProvider"/>). The engine projects when that date is inside the period
/// before its last day.
/// </summary>
public static class RunClock
{
    /// <summary>The company's time zone: China Standard Time (UTC+8, no daylight saving).</summary>
    public static TimeZoneInfo Company { get; } = FindZone();

    /// <summary>The company date of a UTC instant.</summary>
    public static DateOnly Date(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Company));

    /// <summary>The current calendar month (company date).</summary>
    public static Period CurrentMonth(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var today = Date(time.GetUtcNow().UtcDateTime);
        return new Period(PeriodKind.Month, today.Year, today.Month);
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        }
    }
}
