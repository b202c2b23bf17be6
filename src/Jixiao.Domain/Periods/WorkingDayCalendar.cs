using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Jixiao.Domain.Periods;

/// <summary>
/// The working-day calendar (工作日历, SPEC §3): Monday–Friday work and weekends are off, except that a year with a
/// State Council notice follows the notice (its days off and 调休 working days), a year without one takes the
/// statutory holidays of the law as days off (and warns: <see cref="Warnings"/>), and the company's own days
/// override both. Immutable and safe to share; years are built on first use. Dates from <see cref="FirstYear"/> to
/// <see cref="LastYear"/>; others throw <see cref="ArgumentOutOfRangeException"/> (check with <see cref="Supports"/>).
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The first year the calendar knows.</summary>
    public const int FirstYear = StatutoryHolidays.FirstYear;

    /// <summary>The last year the calendar knows.</summary>
    public const int LastYear = StatutoryHolidays.LastYear;

    private readonly ChinaHolidayNotices _notices;
    private readonly FrozenDictionary<DateOnly, CompanyDay> _company;
    private readonly ConcurrentDictionary<int, CalendarDay[]> _years = new();

    /// <summary>The national calendar (<paramref name="notices"/>, default the shipped ones) with the company's <paramref name="companyDays"/> on top.</summary>
    public WorkingDayCalendar(IEnumerable<CompanyDay>? companyDays = null, ChinaHolidayNotices? notices = null)
    {
        _notices = notices ?? ChinaHolidayNotices.Shipped;
        var company = new Dictionary<DateOnly, CompanyDay>();
        foreach (var day in companyDays ?? [])
        {
            CheckSupported(day.Date);
            company[day.Date] = day;
        }

        _company = company.ToFrozenDictionary();
    }

    /// <summary>China's calendar from the shipped notices, without company days.</summary>
    public static WorkingDayCalendar China { get; } = new();

    /// <summary>The company's days, in date order.</summary>
    public IReadOnlyList<CompanyDay> CompanyDays => [.. _company.Values.OrderBy(d => d.Date)];

    /// <summary>Whether the calendar knows <paramref name="date"/>'s year.</summary>
    public static bool Supports(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    /// <summary>Whether <paramref name="year"/> has a published notice (its 调休 are known).</summary>
    public bool HasNotice(int year) => _notices.For(year) is not null;

    /// <summary>What <paramref name="date"/> is.</summary>
    public CalendarDay Day(DateOnly date)
    {
        CheckSupported(date);
        return Year(date.Year)[date.DayOfYear - 1];
    }

    /// <summary>Whether people work on <paramref name="date"/>.</summary>
    public bool IsWorkingDay(DateOnly date) => Day(date).IsWorking;

    /// <summary>Every day of <paramref name="year"/>, 1 January first.</summary>
    public IReadOnlyList<CalendarDay> DaysOf(int year)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The working-day calendar covers {FirstYear}–{LastYear}.");
        }

        return Year(year);
    }

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="date"/> (the date itself not counted; it
    /// need not be a working day); before it when negative; <paramref name="date"/> itself for 0. From 2026-09-30, 3
    /// working days later is 2026-10-10 (国庆 Oct 1–7 off, Oct 10 a 调休 Saturday).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        CheckSupported(date);
        var step = Math.Sign(days);
        var left = Math.Abs((long)days);
        var current = date;
        while (left > 0)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                left--;
            }
        }

        return current;
    }

    /// <summary>
    /// The working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when
    /// <paramref name="to"/> is earlier (then the working days from <paramref name="to"/> up to the day before
    /// <paramref name="from"/>). The inverse of <see cref="AddWorkingDays"/>: WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        CheckSupported(from);
        CheckSupported(to);
        if (to < from)
        {
            return -WorkingDaysBetween(to.AddDays(-1), from.AddDays(-1));
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>What HR should know about <paramref name="year"/>: no notice yet (调休 unknown), or a year the calendar does not know.</summary>
    public IReadOnlyList<CalendarWarning> Warnings(int year) =>
        year is < FirstYear or > LastYear ? [new CalendarWarning(year, "Calendar_YearOutOfRange")]
        : HasNotice(year) ? []
        : [new CalendarWarning(year, "Calendar_NoNotice")];

    private CalendarDay[] Year(int year) => _years.GetOrAdd(year, Build);

    private CalendarDay[] Build(int year)
    {
        var notice = _notices.For(year);
        var statutory = notice is null ? StatutoryHolidays.For(year).ToDictionary(s => s.Date, s => s.Holiday) : null;
        var first = new DateOnly(year, 1, 1);
        var days = new CalendarDay[DateTime.IsLeapYear(year) ? 366 : 365];
        for (var i = 0; i < days.Length; i++)
        {
            var date = first.AddDays(i);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var national = weekend ? DayKind.Weekend : DayKind.Workday;
            Holiday? holiday = null;
            if (notice is not null && notice.ByDate.TryGetValue(date, out var n))
            {
                national = n.IsWorking ? DayKind.AdjustedWorkday : DayKind.Holiday;
                holiday = n.Holiday;
            }
            else if (statutory is not null && statutory.TryGetValue(date, out var h))
            {
                national = DayKind.Holiday;
                holiday = h;
            }

            var kind = national;
            string? name = null;
            if (_company.TryGetValue(date, out var c))
            {
                kind = c.IsWorking ? DayKind.CompanyWorkday : DayKind.CompanyHoliday;
                name = string.IsNullOrWhiteSpace(c.Name) ? null : c.Name.Trim();
            }

            days[i] = new CalendarDay(date, kind, national, holiday, name);
        }

        return days;
    }

    private static void CheckSupported(DateOnly date)
    {
        if (!Supports(date))
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The working-day calendar covers {FirstYear}–{LastYear}.");
        }
    }
}
