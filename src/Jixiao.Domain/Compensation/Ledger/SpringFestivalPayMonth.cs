using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// The payroll month "after the Spring Festival" (春节过后, seed 003 §六.2): the month in which the year's Spring Festival
/// holiday ends, from the working-day calendar — the State Council notice when the year has one, else the statutory
/// days (<see cref="StatutoryHolidays"/>). 2026: 春节 off 2026-02-15 to 2026-02-23 → February; 2027 (statutory days
/// 除夕 2027-02-05 to 初三 2027-02-08) → February.
/// </summary>
public static class SpringFestivalPayMonth
{
    /// <summary>The month in which the Spring Festival holiday of <paramref name="year"/> ends.</summary>
    public static Period Of(int year, WorkingDayCalendar calendar)
    {
        DateOnly? last = null;
        foreach (var day in calendar.DaysOf(year))
        {
            if (day.Holiday == Holiday.SpringFestival && !day.IsWorking)
            {
                last = day.Date;
            }
        }

        // Every supported year has statutory Spring Festival days; the fallback is never reached for a supported year.
        var end = last ?? StatutoryHolidays.SpringFestival(year);
        return PayMonth.Month(end.Year, end.Month);
    }
}
