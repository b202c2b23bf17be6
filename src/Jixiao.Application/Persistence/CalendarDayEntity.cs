namespace Jixiao.Application.Persistence;

/// <summary>
/// A company's change to one day of the working-day calendar (table <c>calendar_days</c>): a day off
/// (<see cref="Kind"/> <c>holiday</c>, e.g. 公司年会) or a working day (<c>working</c>) on top of China's calendar;
/// who changed it last and when. Every change is also in the audit log.
/// </summary>
public sealed class CalendarDayEntity : IVersioned
{
    public DateOnly Date { get; set; }

    /// <summary><c>holiday</c> or <c>working</c> (<see cref="Domain.Periods.CompanyCalendarFile.TryParseKind"/>).</summary>
    public required string Kind { get; set; }

    public string? Name { get; set; }

    /// <summary>The user id of who made the last change.</summary>
    public string? ChangedBy { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ChangedAt { get; set; }

    public long Version { get; set; }
}
