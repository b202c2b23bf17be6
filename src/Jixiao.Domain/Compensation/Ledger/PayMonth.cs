using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// The payroll month of an amount earned in a period under a <see cref="PayTiming"/> (seed 003 §六; docs/pay-ledger.md).
/// Earned 2026-02: next month 2026-03, month after the quarter 2026-04, second month of the next quarter 2026-05, after
/// the Spring Festival 2027-02 (the 2027 festival holiday ends in February).
/// </summary>
public static class PayMonth
{
    /// <summary>The pay month of an amount earned in <paramref name="earned"/>.</summary>
    public static Period Of(Period earned, PayTiming timing, WorkingDayCalendar calendar)
    {
        var last = Month(earned.Year, earned.LastMonth);
        var quarter = Period.Containing(earned.End, PeriodKind.Quarter);
        return timing switch
        {
            PayTiming.SameMonth => last,
            PayTiming.NextMonth => Add(last, 1),
            PayTiming.MonthAfterQuarter => Add(Month(quarter.Year, quarter.LastMonth), 1),
            PayTiming.SecondMonthOfNextQuarter => Add(Month(quarter.Year, quarter.LastMonth), 2),
            _ => SpringFestivalPayMonth.Of(earned.Year + 1, calendar),
        };
    }

    /// <summary>The month period of <paramref name="year"/> and <paramref name="month"/> (1–12).</summary>
    public static Period Month(int year, int month) => new(PeriodKind.Month, year, month);

    /// <summary>The month <paramref name="months"/> after <paramref name="month"/> (before it when negative).</summary>
    public static Period Add(Period month, int months)
    {
        var d = month.Start.AddMonths(months);
        return Month(d.Year, d.Month);
    }
}
