namespace Jixiao.Domain.Periods;

/// <summary>
/// Deadlines in working days, as instants: a deadline is the end of a working day in the company's time zone
/// (default Asia/Shanghai), i.e. the first instant of the next day there, given in UTC. Something is on time when
/// it happens before the deadline.
/// </summary>
public static class WorkingDayDeadlines
{
    /// <summary>The company's date at <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly CompanyDate(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>The end of <paramref name="date"/> in <paramref name="zone"/> (the next day's first instant there), in UTC.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var next = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Where a daylight-saving change skips midnight, the day ends at the first local time that exists.
        while (zone.IsInvalidTime(next))
        {
            next = next.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(next, zone), TimeSpan.Zero);
    }

    /// <summary>The end (in <paramref name="zone"/>, as UTC) of the working day <paramref name="workingDays"/> after <paramref name="date"/>.</summary>
    public static DateTimeOffset Deadline(this WorkingDayCalendar calendar, DateOnly date, int workingDays, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return EndOfDay(calendar.AddWorkingDays(date, workingDays), zone);
    }

    /// <summary>The deadline <paramref name="workingDays"/> working days after the company date of <paramref name="start"/>.</summary>
    public static DateTimeOffset Deadline(this WorkingDayCalendar calendar, DateTimeOffset start, int workingDays, TimeZoneInfo zone) =>
        calendar.Deadline(CompanyDate(start, zone), workingDays, zone);
}
