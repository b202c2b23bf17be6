using System.Globalization;

namespace Jixiao.Domain.Periods;

/// <summary>What a day is in the working-day calendar.</summary>
public enum DayKind
{
    /// <summary>Monday to Friday, no holiday.</summary>
    Workday,

    /// <summary>Saturday or Sunday, no holiday or adjustment.</summary>
    Weekend,

    /// <summary>A day off of a public holiday (法定节假日 or a 调休 rest day of the notice).</summary>
    Holiday,

    /// <summary>A weekend day that the notice makes a working day (调休上班).</summary>
    AdjustedWorkday,

    /// <summary>A day off that the company added (公司假日).</summary>
    CompanyHoliday,

    /// <summary>A day the company made a working day.</summary>
    CompanyWorkday,
}

/// <summary>
/// One day of the calendar: its <see cref="Kind"/> (the company's change when there is one) and <see cref="NationalKind"/>
/// (weekends, the notice or the law, before the company's change); the <see cref="Holiday"/> it belongs to and the
/// company's <see cref="CompanyName"/> for it, if any.
/// </summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, DayKind NationalKind, Holiday? Holiday, string? CompanyName)
{
    /// <summary>Whether people work on this day.</summary>
    public bool IsWorking => Kind is DayKind.Workday or DayKind.AdjustedWorkday or DayKind.CompanyWorkday;

    /// <summary>Whether the company changed this day.</summary>
    public bool IsCompanyDay => Kind is DayKind.CompanyHoliday or DayKind.CompanyWorkday;

    /// <summary>The day's name in <paramref name="culture"/>: the company's name, else the holiday's, else null.</summary>
    public string? Name(CultureInfo? culture = null) =>
        !string.IsNullOrWhiteSpace(CompanyName) ? CompanyName : Holiday is { } h ? Holidays.Name(h, culture) : null;
}

/// <summary>A company's change to one day: a day off (<paramref name="IsWorking"/> false, e.g. 公司年会) or a working day.</summary>
public sealed record CompanyDay(DateOnly Date, bool IsWorking, string? Name = null);

/// <summary>Something HR should know about a year of the calendar, e.g. that its 调休 are not known yet.</summary>
public sealed record CalendarWarning(int Year, string Code)
{
    /// <summary>The warning in <paramref name="culture"/> (zh-CN by default).</summary>
    public string Format(CultureInfo? culture = null) => Code switch
    {
        "Calendar_YearOutOfRange" => CalendarText.Format(Code, culture, Year, WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear),
        _ => CalendarText.Format(Code, culture, Year),
    };
}
