using System.Globalization;
using Jixiao.Application.Audit;
using Jixiao.Application.Calendar;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Web.Audit;
using Jixiao.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>One audit entry as the API shows it: the action's code and name, who did it, whom and what it concerns, before and after.</summary>
public sealed record AuditEntryDto(
    long Id, DateTime At, string Action, string ActionName, string? UserId, string? User, string? EmployeeId, string? Person, string? Period,
    string? Subject, string? Before, string? After, string? Detail);

/// <summary>
/// /api/v1/audit (docs/decisions/0023-notifications.md, section Audit search): HR and administrators search the append-only
/// audit log by person, period, action and company dates, newest first, and export what they found to Excel or CSV. HR
/// covering one unit sees the entries concerning the people of that unit only.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.HrOrAdmin);
        group.MapGet("/", SearchAsync);
        group.MapGet("/export", ExportAsync);
        return app;
    }

    /// <summary>The columns of the export, in the reader's language.</summary>
    public static IReadOnlyList<ExportColumn> Columns { get; } =
    [
        Col("Col_At", ExportKind.Text), Col("Col_Action"), Col("Col_User"), Col("Col_Person"), Col("Col_Period"), Col("Col_Subject"),
        Col("Col_Before"), Col("Col_After"), Col("Col_Detail"),
    ];

    private static ExportColumn Col(string key, ExportKind kind = ExportKind.Text) =>
        new(AuditText.Get(CultureInfo.GetCultureInfo("zh-CN"), key), AuditText.Get(CultureInfo.GetCultureInfo("en"), key), kind);

    private static async Task<IResult> SearchAsync(
        string? person, string? period, string? action, string? from, string? to, string? page, string? pageSize,
        HttpContext http, JixiaoDbContext db, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (number, size) = input.Paging(page, pageSize);
        var query = await AuditFilters.ParseAsync(input, new AuditFilterInput(person, period, action, from, to), db, zone, await scopes.ForAsync(http.User, ct), ct);
        if (query is null || input.Problem is not null)
        {
            return input.Problem!;
        }

        var (rows, total) = await new AuditSearch(db).PageAsync(query, number, size, ct);
        var items = await DtosAsync(db, rows, input.Culture, ct);
        return TypedResults.Ok(new Page<AuditEntryDto>(items, total, number, size));
    }

    private static async Task<IResult> ExportAsync(
        string? person, string? period, string? action, string? from, string? to, string? format,
        HttpContext http, JixiaoDbContext db, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var kind = input.Choice(format, "format", ["xlsx", "csv"]) ?? "xlsx";
        var query = await AuditFilters.ParseAsync(input, new AuditFilterInput(person, period, action, from, to), db, zone, await scopes.ForAsync(http.User, ct), ct);
        if (query is null || input.Problem is not null)
        {
            return input.Problem!;
        }

        var (rows, cut) = await new AuditSearch(db).ExportAsync(query, ct: ct);
        var items = await DtosAsync(db, rows, input.Culture, ct);
        var table = items.Select(i => (IReadOnlyList<object?>)[Local(i.At, zone), i.ActionName, i.User ?? AuditText.Get(input.Culture, "System"), i.Person, i.Period, i.Subject, i.Before, i.After, i.Detail]).ToList();
        if (cut)
        {
            table.Add([AuditText.Get(input.Culture, "Cut", AuditSearch.ExportMax)]);
        }

        using var buffer = new MemoryStream();
        var name = "audit-log-" + LocalDay(http.RequestServices.GetRequiredService<TimeProvider>(), zone) + "." + kind;
        if (kind == "csv")
        {
            ExcelExport.WriteCsv(buffer, Columns, table, input.Culture);
            return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", name);
        }

        ExcelExport.Write(buffer, AuditText.Get(input.Culture, "Title"), Columns, table, input.Culture);
        return TypedResults.File(buffer.ToArray(), Exports.XlsxType, name);
    }

    /// <summary>The entries with names: the action's, the user's, the person's.</summary>
    public static async Task<List<AuditEntryDto>> DtosAsync(JixiaoDbContext db, IReadOnlyList<AuditEntry> rows, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var users = await ApiUsers.UserNamesAsync(db, rows.Select(r => r.UserId), ct);
        var ids = rows.Select(r => r.EmployeeId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var e in await db.Employees.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            {
                people[e.Id] = e.Name;
            }
        }

        return [.. rows.Select(r => new AuditEntryDto(
            r.Id, DateTime.SpecifyKind(r.At, DateTimeKind.Utc), r.Action, AuditNames.Of(r.Action, culture), r.UserId,
            r.UserId is { } u ? users.GetValueOrDefault(u, u) : null,
            r.EmployeeId, r.EmployeeId is { } e ? people.GetValueOrDefault(e, e) : null, r.Period, r.Subject, r.Before, r.After, r.Detail))];
    }

    /// <summary>An instant as the company's local date and time, yyyy-MM-dd HH:mm:ss.</summary>
    public static string Local(DateTime utc, CompanyTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static string LocalDay(TimeProvider time, CompanyTimeZone zone) =>
        TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone.Zone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
