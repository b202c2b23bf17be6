using System.Globalization;

namespace Jixiao.Domain.Periods;

/// <summary>One statutory day off: the date and the holiday it belongs to.</summary>
public readonly record struct StatutoryDay(DateOnly Date, Holiday Holiday);

/// <summary>
/// The days off that the law itself fixes (全国年节及纪念日放假办法, art. 2), computed for any year from
/// <see cref="FirstYear"/> to <see cref="LastYear"/>: the calendar's fallback for a year whose State Council
/// notice (放假调休安排) is not published yet. The lunar holidays come from <see cref="ChineseLunisolarCalendar"/>,
/// 清明 from the solar-term formula in <see cref="QingMing"/>. The version of the regulation in force that year applies:
/// <list type="bullet">
/// <item>from 2025 (revision of 2024-11-10): 元旦 Jan 1; 春节 4 days, 除夕 and 正月初一 to 初三; 清明; 劳动节 May 1–2;
/// 端午 (五月初五); 中秋 (八月十五); 国庆 Oct 1–3 — 13 days;</item>
/// <item>2014–2024: 春节 正月初一 to 初三, 劳动节 May 1 — 11 days;</item>
/// <item>2008–2013: 春节 除夕, 初一, 初二, 劳动节 May 1 — 11 days.</item>
/// </list>
/// The weekday off given for a statutory day that falls on a weekend (补假, art. 6) and every 调休 are set by the
/// yearly notice, so they are not guessed here. When two holidays fall on one date (中秋 on Oct 1–3) the date is
/// listed once, as 国庆.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The first year computed: 清明, 端午 and 中秋 became public holidays in 2008.</summary>
    public const int FirstYear = 2008;

    /// <summary>The last year computed: the 清明 formula holds for 2000–2099.</summary>
    public const int LastYear = 2099;

    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The statutory days off of <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<StatutoryDay> For(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        var days = new List<StatutoryDay> { new(new DateOnly(year, 1, 1), Holiday.NewYear) };

        var newYear = LunarDate(year, 1, 1);
        var (springFrom, springTo) = year switch
        {
            >= 2025 => (-1, 2),
            >= 2014 => (0, 2),
            _ => (-1, 1),
        };
        for (var i = springFrom; i <= springTo; i++)
        {
            days.Add(new(newYear.AddDays(i), Holiday.SpringFestival));
        }

        days.Add(new(QingMing(year), Holiday.QingMing));
        days.Add(new(new DateOnly(year, 5, 1), Holiday.LabourDay));
        if (year >= 2025)
        {
            days.Add(new(new DateOnly(year, 5, 2), Holiday.LabourDay));
        }

        days.Add(new(LunarDate(year, 5, 5), Holiday.DragonBoat));
        for (var d = 1; d <= 3; d++)
        {
            days.Add(new(new DateOnly(year, 10, d), Holiday.NationalDay));
        }

        var midAutumn = LunarDate(year, 8, 15);
        if (!days.Any(x => x.Date == midAutumn))
        {
            days.Add(new(midAutumn, Holiday.MidAutumn));
        }

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }

    /// <summary>正月初一 (Chinese New Year's day) of <paramref name="year"/>.</summary>
    public static DateOnly SpringFestival(int year) => LunarDate(year, 1, 1);

    /// <summary>
    /// 清明 (the day the sun reaches ecliptic longitude 15°, in China Standard Time) of a year in 2000–2099, by the
    /// solar-term formula ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋ (Y = the year's last two digits) in April. Checked for every
    /// year 2000–2099 against an astronomical ephemeris (docs/calendar.md).
    /// </summary>
    public static DateOnly QingMing(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2099);
        var y = year % 100;
        // decimal, so the floor never meets a binary rounding error.
        var day = (int)decimal.Floor((y * 0.2422m) + 4.81m) - (y / 4);
        return new DateOnly(year, 4, day);
    }

    /// <summary>The Gregorian date of lunar <paramref name="month"/>/<paramref name="day"/> (not a leap month) of the lunar year starting in <paramref name="year"/>.</summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        // ChineseLunisolarCalendar numbers the months of a year with a leap month 1–13: the leap month is the one
        // GetLeapMonth returns, and every month from it on is shifted by one.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
