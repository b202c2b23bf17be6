using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// Required completion per quarter (seed 003 A 三; SPEC §4): the share of the annual task due in each assessed quarter.
/// The first assessed month is the hire month when the person joined on or before the 15th, else the next month (the
/// join month is then a no-target month, 无单期); the first assessed quarter is the quarter containing it. In the calendar
/// year of the first assessed month the plan's first-year shares apply by assessed quarter (0/20/30/50%: hired 2026-04-10,
/// Q2 0%, Q3 20%, Q4 30%); from the next calendar year the later-year shares by calendar quarter (20/25/25/30%).
/// </summary>
public static class CompletionRamp
{
    /// <summary>The first assessed month of someone hired on <paramref name="hired"/>.</summary>
    public static Period FirstAssessedMonth(DateOnly hired)
    {
        var month = PayMonth.Month(hired.Year, hired.Month);
        return hired.Day <= 15 ? month : PayMonth.Add(month, 1);
    }

    /// <summary>The required share of the annual task in <paramref name="quarter"/>; null for a quarter before the first assessed one.</summary>
    public static decimal? Required(Period quarter, DateOnly hired, IReadOnlyList<decimal> firstYear, IReadOnlyList<decimal> laterYears)
    {
        var first = Period.Containing(FirstAssessedMonth(hired).Start, PeriodKind.Quarter);
        if (quarter < first)
        {
            return null;
        }

        if (quarter.Year == first.Year)
        {
            var n = quarter.Index - first.Index;
            return n < firstYear.Count ? firstYear[n] : laterYears[quarter.Index - 1];
        }

        return laterYears[quarter.Index - 1];
    }

    /// <summary>The cumulative requirement of the year through <paramref name="quarter"/> (Σ of the year's assessed quarters up to it).</summary>
    public static decimal Cumulative(Period quarter, DateOnly hired, IReadOnlyList<decimal> firstYear, IReadOnlyList<decimal> laterYears)
    {
        var sum = 0m;
        for (var q = 1; q <= quarter.Index; q++)
        {
            sum += Required(new Period(PeriodKind.Quarter, quarter.Year, q), hired, firstYear, laterYears) ?? 0m;
        }

        return sum;
    }
}
