using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>
/// A unit to create, or (with <see cref="Version"/>) the new name, parent and manager of one; a new manager takes over
/// from <see cref="ManagerFrom"/> (yyyy-MM-dd, default today), the previous one keeps the days before (docs/transfers.md).
/// </summary>
public sealed record UnitRequest(string? Id, string? Name, string? ParentId, string? ManagerId, long? Version, string? ManagerFrom = null);

/// <summary>A person to create (with their first assignment), or (with <see cref="Version"/>) the person fields to update. Dates are yyyy-MM-dd.</summary>
public sealed record EmployeeRequest(
    string? Id,
    string? Name,
    string? HireDate,
    string? ProbationEnd,
    string? LeaveDate,
    string? OrgUnitId,
    string? ManagerId,
    string? Position,
    string? Category,
    string? Level,
    string? Tier,
    long? Version);

/// <summary>One manager appointment of a unit: from <see cref="ValidFrom"/> (null: before any recorded change) until the day before <see cref="ValidTo"/> (null: open).</summary>
public sealed record ManagerPeriodDto(string? ManagerId, string? ManagerName, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>A transfer from <see cref="EffectiveFrom"/> (yyyy-MM-dd); empty fields keep the current assignment's values.</summary>
public sealed record TransferRequest(string? EffectiveFrom, string? OrgUnitId, string? ManagerId, string? Position, string? Category, string? Level, string? Tier, long? Version);

/// <summary>
/// Writes to the org chart and people (HR and administrator only): <c>POST /api/v1/org-units</c>,
/// <c>PUT /api/v1/org-units/{id}</c> (rename, move, manager), <c>POST /api/v1/employees</c>,
/// <c>PUT /api/v1/employees/{id}</c>, <c>POST /api/v1/employees/{id}/transfers</c>. Updates carry the record's
/// <c>version</c> in the JSON body (as read from GET); a stale version answers 409 and changes nothing.
/// </summary>
public static class OrgWriteApi
{
    public static IEndpointRouteBuilder MapOrgWriteApi(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/org-units").WithTags("Organisation").RequireAuthorization(Policies.HrOrAdmin);
        units.MapPost("/", CreateUnitAsync).Accepts<UnitRequest>("application/json").Produces<OrgUnitDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        units.MapPut("/{id}", UpdateUnitAsync).Accepts<UnitRequest>("application/json").Produces<OrgUnitDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/v1/org-units/{id}/managers", ManagersAsync).WithTags("Organisation").RequireAuthorization(Policies.OrgRead);
        var people = app.MapGroup("/api/v1/employees").WithTags("Employees").RequireAuthorization(Policies.HrOrAdmin);
        people.MapPost("/", CreateEmployeeAsync).Accepts<EmployeeRequest>("application/json").Produces<EmployeeDetail>(StatusCodes.Status201Created).ProducesValidationProblem();
        people.MapPut("/{id}", UpdateEmployeeAsync).Accepts<EmployeeRequest>("application/json").Produces<EmployeeDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        people.MapPost("/{id}/transfers", TransferAsync).Accepts<TransferRequest>("application/json").Produces<EmployeeDetail>(StatusCodes.Status201Created).ProducesValidationProblem();
        people.MapGet("/export", ExportAsync);
        return app;
    }

    /// <summary>The people list of the 人员 page as .xlsx (same filters; headers in the caller's UI language).</summary>
    private static async Task<IResult> ExportAsync(string? unit, string? position, string? q, string? sort, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        (unit, position, q, sort) = (input.Text(unit, "unit"), input.Text(position, "position"), input.Text(q, "q"), input.Sort(sort, Organisation.PeopleQueries.Sorts));
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var rows = await Organisation.PeopleQueries.FilterAsync(db, scope, scopes.Today(), unit, position, q, sort, ct);
        var stream = new MemoryStream();
        Organisation.PeopleQueries.WriteXlsx(stream, rows, CultureInfo.CurrentUICulture);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "people.xlsx");
    }

    private static async Task<IResult> CreateUnitAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UnitRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var result = await new OrgService(db, time, zone).CreateUnitAsync(new UnitInput(request.Id, request.Name, request.ParentId, request.ManagerId), ApiUsers.UserId(http), ct);
        return result.Ok ? TypedResults.Created($"/api/v1/org-units/{Uri.EscapeDataString(result.Value!.Id)}", UnitDto(result.Value)) : Failure(http, result);
    }

    private static async Task<IResult> UpdateUnitAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UnitRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var dates = new List<OrgProblem>();
        var from = Date(request.ManagerFrom, "managerFrom", dates);
        if (dates.Count > 0)
        {
            return Invalid(http, dates);
        }

        var result = await new OrgService(db, time, zone).UpdateUnitAsync(id, request.Version, new UnitInput(id, request.Name, request.ParentId, request.ManagerId, from), ApiUsers.UserId(http), ct);
        return result.Ok ? TypedResults.Ok(UnitDto(result.Value!)) : Failure(http, result);
    }

    private static async Task<IResult> CreateEmployeeAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<EmployeeRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var dates = new List<OrgProblem>();
        var input = new PersonInput(request.Id, request.Name, Date(request.HireDate, "hireDate", dates), Date(request.ProbationEnd, "probationEnd", dates), Date(request.LeaveDate, "leaveDate", dates),
            request.OrgUnitId, request.ManagerId, request.Position, request.Category, request.Level, request.Tier);
        if (dates.Count > 0)
        {
            return Invalid(http, dates);
        }

        var result = await new OrgService(db, time, scopes.Zone).CreateEmployeeAsync(input, ApiUsers.UserId(http), ct);
        return result.Ok ? TypedResults.Created($"/api/v1/employees/{Uri.EscapeDataString(result.Value!.Id)}", await DetailAsync(db, result.Value.Id, scopes.Today(), ct)) : Failure(http, result);
    }

    private static async Task<IResult> UpdateEmployeeAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<EmployeeRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var dates = new List<OrgProblem>();
        var input = new PersonInput(id, request.Name, Date(request.HireDate, "hireDate", dates), Date(request.ProbationEnd, "probationEnd", dates), Date(request.LeaveDate, "leaveDate", dates));
        if (dates.Count > 0)
        {
            return Invalid(http, dates);
        }

        var result = await new OrgService(db, time, scopes.Zone).UpdateEmployeeAsync(id, request.Version, input, ApiUsers.UserId(http), ct);
        return result.Ok ? TypedResults.Ok(await DetailAsync(db, id, scopes.Today(), ct)) : Failure(http, result);
    }

    private static async Task<IResult> TransferAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<TransferRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var dates = new List<OrgProblem>();
        var from = Date(request.EffectiveFrom, "effectiveFrom", dates);
        if (dates.Count > 0)
        {
            return Invalid(http, dates);
        }

        var input = new TransferInput(from, request.OrgUnitId, request.ManagerId, request.Position, request.Category, request.Level, request.Tier);
        var result = await new OrgService(db, time, scopes.Zone).TransferAsync(id, request.Version, input, ApiUsers.UserId(http), ct);
        return result.Ok ? TypedResults.Created($"/api/v1/employees/{Uri.EscapeDataString(id)}", await DetailAsync(db, id, scopes.Today(), ct)) : Failure(http, result);
    }

    /// <summary>A unit's manager history, oldest first (validFrom null: since before any recorded change).</summary>
    private static async Task<IResult> ManagersAsync(string id, HttpContext http, JixiaoDbContext db, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return ApiText.NotFound(http);
        }

        var history = await UnitManagers.HistoryAsync(db, unit, ct);
        var ids = history.Select(h => h.ManagerId).OfType<string>().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return TypedResults.Ok(history.Select(h => new ManagerPeriodDto(h.ManagerId, h.ManagerId is null ? null : names.GetValueOrDefault(h.ManagerId), h.ValidFrom, h.ValidTo)).ToList());
    }

    /// <summary>An org unit with its version.</summary>
    internal static OrgUnitDto UnitDto(OrgUnitEntity u) => new(u.Id, u.Name, u.ParentId, u.ManagerId, u.Version);

    private static async Task<EmployeeDetail> DetailAsync(JixiaoDbContext db, string id, DateOnly today, CancellationToken ct)
    {
        var e = await db.Employees.AsNoTracking().Include(x => x.Assignments).SingleAsync(x => x.Id == id, ct);
        var history = e.Assignments.OrderBy(a => a.ValidFrom)
            .Select(a => new AssignmentDto(a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, a.ValidFrom, a.ValidTo)).ToList();
        return new EmployeeDetail(EmployeesApi.Dto(e, today), history);
    }

    /// <summary>
    /// A date field read by the one date rule (<see cref="RecordDates"/>, as the pages and the uploads read it): not a date
    /// is a problem here; a date outside the range goes on to <see cref="OrgService"/>, which names the field in its message.
    /// </summary>
    private static DateOnly? Date(string? text, string field, List<OrgProblem> problems)
    {
        switch (RecordDates.Parse(text, out var d))
        {
            case DateInput.Empty:
                return null;
            case DateInput.Invalid:
                problems.Add(new(field, OrgProblemCode.DateInvalid, [ApiInput.Shown(text)]));
                return null;
            default:
                return d;
        }
    }

    private static IResult Failure<T>(HttpContext http, OrgResult<T> result)
        where T : class
    {
        var culture = ApiText.Culture(http);
        return result.Outcome switch
        {
            OrgOutcome.NotFound => ApiText.NotFound(http),
            OrgOutcome.Conflict => TypedResults.Problem(
                OrgText.Get(culture, "Conflict", CurrentVersion(result.Value)), statusCode: StatusCodes.Status409Conflict, title: OrgText.Get(culture, "Conflict_Title")),
            _ => Invalid(http, result.Problems),
        };
    }

    private static string CurrentVersion(object? value) => value switch
    {
        OrgUnitEntity u => u.Version.ToString(CultureInfo.InvariantCulture),
        EmployeeEntity e => e.Version.ToString(CultureInfo.InvariantCulture),
        _ => "?",
    };

    private static ValidationProblem Invalid(HttpContext http, IEnumerable<OrgProblem> problems)
    {
        var culture = ApiText.Culture(http);
        var errors = problems.GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => OrgText.Message(culture, p)).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(errors, title: OrgText.Get(culture, "Invalid_Title"));
    }
}
