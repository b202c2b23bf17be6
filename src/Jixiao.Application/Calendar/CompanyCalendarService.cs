using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Calendar;

/// <summary>A field-level problem of a calendar change: the API field, a message code and its arguments.</summary>
public sealed record CalendarProblem(string Field, string Code, IReadOnlyList<object?> Arguments);

/// <summary>How a calendar change ended.</summary>
public enum CalendarOutcome
{
    Ok,
    Invalid,

    /// <summary>The day has no company change (remove).</summary>
    NotFound,

    /// <summary>The caller's version is stale: someone changed (or added, or removed) the day since it was read.</summary>
    Conflict,
}

/// <summary>The result of a change: the company day as stored now (null after a removal), or the problems.</summary>
public sealed record CalendarChange(CalendarOutcome Outcome, CalendarDayEntity? Day, IReadOnlyList<CalendarProblem> Problems)
{
    public bool Ok => Outcome == CalendarOutcome.Ok;
}

/// <summary>
/// The company's working-day calendar in the database: China's calendar (shipped notices and the law) with the
/// company's days (<see cref="CalendarDayEntity"/>) on top. Changes check the caller's version (a day read without a
/// company change has none), are all or nothing, and are audited in the same transaction.
/// </summary>
public sealed class CompanyCalendarService(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>The calendar with every company day.</summary>
    public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken ct = default)
    {
        var rows = await db.CalendarDays.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return new WorkingDayCalendar(rows.Select(ToDomain));
    }

    /// <summary>The company days of <paramref name="year"/>, by date.</summary>
    public async Task<List<CalendarDayEntity>> DaysAsync(int year, CancellationToken ct = default)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="date"/> a company holiday or working day (<paramref name="kind"/> <c>holiday</c>/<c>working</c>).
    /// <paramref name="version"/> is the version of the company change read by the caller, or null when the caller saw none.
    /// </summary>
    public async Task<CalendarChange> SetDayAsync(DateOnly date, string? kind, string? name, long? version, string? userId, CancellationToken ct = default)
    {
        var problems = new List<CalendarProblem>();
        CheckDate(problems, date);
        if (!CompanyCalendarFile.TryParseKind(kind, out var isWorking))
        {
            problems.Add(new("kind", "Kind_Invalid", [kind ?? ""]));
        }

        var cleanName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (cleanName is { Length: > CompanyCalendarFile.MaxNameLength })
        {
            problems.Add(new("name", "Name_TooLong", [CompanyCalendarFile.MaxNameLength]));
        }

        if (problems.Count > 0)
        {
            return new(CalendarOutcome.Invalid, null, problems);
        }

        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct).ConfigureAwait(false);
        if (row is null ? version is not null : version != row.Version)
        {
            return new(CalendarOutcome.Conflict, row, []);
        }

        var before = row is null ? "-" : Describe(row);
        if (row is null)
        {
            row = new CalendarDayEntity { Date = date, Kind = "" };
            db.CalendarDays.Add(row);
        }
        else
        {
            db.Entry(row).Property(d => d.Version).OriginalValue = version!.Value;
        }

        row.Kind = CompanyCalendarFile.KindText(isWorking);
        row.Name = cleanName;
        row.ChangedBy = userId;
        row.ChangedAt = Now();
        db.Audit(row.ChangedAt, userId, "calendar.day.set", Key(date), $"{before} → {Describe(row)}");
        return await SaveAsync(row, date, ct).ConfigureAwait(false);
    }

    /// <summary>Removes the company's change of <paramref name="date"/> (read at <paramref name="version"/>): China's calendar applies again.</summary>
    public async Task<CalendarChange> RemoveDayAsync(DateOnly date, long? version, string? userId, CancellationToken ct = default)
    {
        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct).ConfigureAwait(false);
        if (row is null)
        {
            return new(CalendarOutcome.NotFound, null, []);
        }

        if (version is null)
        {
            return new(CalendarOutcome.Invalid, null, [new("version", "Version_Required", [])]);
        }

        if (version != row.Version)
        {
            return new(CalendarOutcome.Conflict, row, []);
        }

        db.Entry(row).Property(d => d.Version).OriginalValue = version.Value;
        db.CalendarDays.Remove(row);
        db.Audit(Now(), userId, "calendar.day.remove", Key(date), $"{Describe(row)} → -");
        var result = await SaveAsync(row, date, ct).ConfigureAwait(false);
        return result.Ok ? result with { Day = null } : result;
    }

    /// <summary>A stored company day as the domain's <see cref="CompanyDay"/>.</summary>
    public static CompanyDay ToDomain(CalendarDayEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new CompanyDay(row.Date, row.Kind == "working", row.Name);
    }

    private async Task<CalendarChange> SaveAsync(CalendarDayEntity row, DateOnly date, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return new(CalendarOutcome.Ok, row, []);
        }
        catch (DbUpdateException)
        {
            // Someone changed, added or removed the day between our read and our write (a concurrency token
            // mismatch, or a second insert of the same date): nothing of ours was saved.
            db.ChangeTracker.Clear();
            var current = await db.CalendarDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == date, ct).ConfigureAwait(false);
            return new(CalendarOutcome.Conflict, current, []);
        }
    }

    private static void CheckDate(List<CalendarProblem> problems, DateOnly date)
    {
        if (!WorkingDayCalendar.Supports(date))
        {
            problems.Add(new("date", "Date_OutOfRange", [Key(date), WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear]));
        }
    }

    private static string Describe(CalendarDayEntity row) => row.Name is null ? row.Kind : $"{row.Kind} {row.Name}";

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
