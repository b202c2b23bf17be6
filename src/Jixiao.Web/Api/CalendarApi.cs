using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>The company's change of a day: its kind (holiday/working), name, who changed it last (user name) and when (UTC), and its version.</summary>
public sealed record CompanyDayDto(string Kind, string? Name, string? ChangedBy, DateTime ChangedAt, long Version);

/// <summary>
/// One day: <see cref="Kind"/> workday, weekend, holiday, adjusted_workday (调休上班), company_holiday or company_workday;
/// <see cref="NationalKind"/> the same before the company's change; the name in the caller's language; the holiday's code.
/// </summary>
public sealed record CalendarDayDto(DateOnly Date, string Kind, bool Working, string? Name, string? Holiday, string NationalKind, CompanyDayDto? Company);

/// <summary>A year of the calendar: whether its State Council notice is known, warnings in the caller's language, every day.</summary>
public sealed record CalendarYearDto(int Year, bool HasNotice, string TimeZone, int WorkingDays, IReadOnlyList<string> Warnings, IReadOnlyList<CalendarDayDto> Days);

/// <summary>The change of a day: <c>kind</c> holiday or working, an optional name, and the version read (null when the day had no company change).</summary>
public sealed record CalendarDayRequest(string? Kind, string? Name, long? Version);

/// <summary>The working day <see cref="Add"/> working days after <see cref="From"/>, and its end in the company's time zone as a UTC instant.</summary>
public sealed record WorkdaysDto(DateOnly From, int Add, DateOnly Date, DateTimeOffset Deadline, string TimeZone, IReadOnlyList<string> Warnings);

/// <summary>
/// /api/v1/calendar: the working-day calendar (docs/calendar.md). Reading is for every signed-in person and tokens
/// with org:read; changing a day (<c>PUT</c>/<c>DELETE /days/{date}</c>) for HR and administrators, with the version
/// read (409 when stale), audited.
/// </summary>
public static class CalendarApi
{
    /// <summary>The largest |add| of <c>workdays</c> (about ten years of working days).</summary>
    public const int MaxAdd = 2500;

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization(Policies.OrgRead);
        read.MapGet("/", YearAsync);
        read.MapGet("/workdays", WorkdaysAsync);
        var write = app.MapGroup("/api/v1/calendar/days").WithTags("Calendar").RequireAuthorization(Policies.HrOrAdmin);
        write.MapPut("/{date}", SetAsync).Accepts<CalendarDayRequest>("application/json")
            .Produces<CalendarDayDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{date}", RemoveAsync);
        return app;
    }

    private static async Task<IResult> YearAsync(string? year, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        int y;
        if (string.IsNullOrWhiteSpace(year))
        {
            y = zone.Today(time).Year;
        }
        else if (!int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < WorkingDayCalendar.FirstYear or > WorkingDayCalendar.LastYear)
        {
            return Invalid(culture, "year", "Year_Invalid", year, WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear);
        }

        var service = new CompanyCalendarService(db, time);
        var calendar = await service.CalendarAsync(ct);
        var rows = (await service.DaysAsync(y, ct)).ToDictionary(r => r.Date);
        var users = await ApiUsers.UserNamesAsync(db, rows.Values.Select(r => r.ChangedBy), ct);
        var days = calendar.DaysOf(y).Select(d => Dto(d, rows.GetValueOrDefault(d.Date), users, culture)).ToList();
        return TypedResults.Ok(new CalendarYearDto(y, calendar.HasNotice(y), zone.Id, days.Count(d => d.Working),
            [.. calendar.Warnings(y).Select(w => w.Format(culture))], days));
    }

    private static async Task<IResult> WorkdaysAsync(string? from, string? add, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var start = ParseDate(from, culture, "from", errors);
        if (!int.TryParse(add?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || Math.Abs((long)n) > MaxAdd)
        {
            errors["add"] = [CalendarText.Get(culture, "Add_Invalid", add ?? "", MaxAdd)];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: CalendarText.Get(culture, "Invalid_Title"));
        }

        var calendar = await new CompanyCalendarService(db, time).CalendarAsync(ct);
        DateOnly date;
        try
        {
            date = calendar.AddWorkingDays(start!.Value, n);
        }
        catch (ArgumentOutOfRangeException)
        {
            return Invalid(culture, "add", "Result_OutOfRange", WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear);
        }

        var (first, last) = start.Value <= date ? (start.Value.Year, date.Year) : (date.Year, start.Value.Year);
        var warnings = Enumerable.Range(first, last - first + 1).SelectMany(calendar.Warnings).Select(w => w.Format(culture)).ToList();
        return TypedResults.Ok(new WorkdaysDto(start.Value, n, date, WorkingDayDeadlines.EndOfDay(date, zone.Zone), zone.Id, warnings));
    }

    private static async Task<IResult> SetAsync(string date, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        // The body through the one reader (ApiInput): broken JSON or a wrong type is a 400 naming where, never a framework error.
        var (request, unreadable) = await new ApiInput(http).BodyAsync<CalendarDayRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var culture = ApiText.Culture(http);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var day = ParseDate(date, culture, "date", errors);
        if (day is null)
        {
            return TypedResults.ValidationProblem(errors, title: CalendarText.Get(culture, "Invalid_Title"));
        }

        var service = new CompanyCalendarService(db, time);
        var result = await service.SetDayAsync(day.Value, request.Kind, request.Name, request.Version, ApiUsers.UserId(http), ct);
        if (!result.Ok)
        {
            return Failure(culture, day.Value, result);
        }

        return TypedResults.Ok(await DayAsync(db, service, day.Value, culture, ct));
    }

    private static async Task<IResult> RemoveAsync(string date, string? version, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var day = ParseDate(date, culture, "date", errors);
        long? v = null;
        if (!string.IsNullOrWhiteSpace(version))
        {
            if (long.TryParse(version.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                v = parsed;
            }
            else
            {
                errors["version"] = [CalendarText.Get(culture, "Version_Required")];
            }
        }

        if (day is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: CalendarText.Get(culture, "Invalid_Title"));
        }

        var result = await new CompanyCalendarService(db, time).RemoveDayAsync(day.Value, v, ApiUsers.UserId(http), ct);
        return result.Ok ? TypedResults.NoContent() : Failure(culture, day.Value, result);
    }

    /// <summary>One day as the API shows it, read back after a change.</summary>
    private static async Task<CalendarDayDto> DayAsync(JixiaoDbContext db, CompanyCalendarService service, DateOnly date, CultureInfo culture, CancellationToken ct)
    {
        var calendar = await service.CalendarAsync(ct);
        var row = await db.CalendarDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == date, ct);
        var users = await ApiUsers.UserNamesAsync(db, [row?.ChangedBy], ct);
        return Dto(calendar.Day(date), row, users, culture);
    }

    internal static CalendarDayDto Dto(CalendarDay day, CalendarDayEntity? row, IReadOnlyDictionary<string, string> users, CultureInfo culture) =>
        new(day.Date, CalendarText.KindCode(day.Kind), day.IsWorking, day.Name(culture), day.Holiday is { } h ? Holidays.Code(h) : null,
            CalendarText.KindCode(day.NationalKind),
            row is null ? null : new CompanyDayDto(row.Kind, row.Name, row.ChangedBy is null ? null : users.GetValueOrDefault(row.ChangedBy, row.ChangedBy), row.ChangedAt, row.Version));

    private static DateOnly? ParseDate(string? text, CultureInfo culture, string field, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            if (WorkingDayCalendar.Supports(d))
            {
                return d;
            }

            errors[field] = [CalendarText.Get(culture, "Date_OutOfRange", text!.Trim(), WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear)];
            return null;
        }

        errors[field] = [CalendarText.Get(culture, "Date_Invalid", text ?? "")];
        return null;
    }

    private static IResult Failure(CultureInfo culture, DateOnly date, CalendarChange result) => result.Outcome switch
    {
        CalendarOutcome.NotFound => TypedResults.Problem(
            CalendarText.Get(culture, "NotFound", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), statusCode: StatusCodes.Status404NotFound, title: CalendarText.Get(culture, "NotFound_Title")),
        CalendarOutcome.Conflict => TypedResults.Problem(
            CalendarText.Get(culture, "Conflict", result.Day?.Version.ToString(CultureInfo.InvariantCulture) ?? "-"), statusCode: StatusCodes.Status409Conflict, title: CalendarText.Get(culture, "Conflict_Title")),
        _ => TypedResults.ValidationProblem(
            result.Problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => CalendarText.Message(culture, p)).ToArray(), StringComparer.Ordinal),
            title: CalendarText.Get(culture, "Invalid_Title")),
    };

    private static ValidationProblem Invalid(CultureInfo culture, string field, string key, params object?[] args) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [CalendarText.Get(culture, key, args)] }, title: CalendarText.Get(culture, "Invalid_Title"));
}
