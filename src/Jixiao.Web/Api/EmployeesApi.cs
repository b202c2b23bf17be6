using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>An employee as of today.</summary>
public sealed record EmployeeDto(string Id, string Name, string? OrgUnitId, string? ManagerId, string? Position, string? Category, string? Level, string? Tier, DateOnly HireDate, DateOnly? ProbationEnd, DateOnly? LeaveDate, long Version);

/// <summary>One effective-dated assignment ([from, to)).</summary>
public sealed record AssignmentDto(string OrgUnitId, string? ManagerId, string Position, string Category, string Level, string Tier, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>An employee with their assignment history.</summary>
public sealed record EmployeeDetail(EmployeeDto Employee, IReadOnlyList<AssignmentDto> Assignments);

/// <summary>/api/v1/employees: people, scoped per record by <see cref="ScopeResolver"/>.</summary>
public static class EmployeesApi
{
    public static IEndpointRouteBuilder MapEmployeesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/employees").WithTags("Employees").RequireAuthorization(Policies.OrgRead);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<Results<Ok<Page<EmployeeDto>>, ValidationProblem>> ListAsync(
        string? unit, string? q, string? page, string? pageSize, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        unit = input.Text(unit, "unit");
        q = input.Text(q, "q");
        var (p, size) = input.Paging(page, pageSize);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // The same query as the 人员 page (scope, search, unit subtree; checked again per record).
        var scope = await scopes.ForAsync(http.User, ct);
        var rows = await PeopleQueries.ListAsync(db, scope, scopes.Today(), unit, position: null, q, sort: "id", p, size, ct);
        return TypedResults.Ok(new Page<EmployeeDto>(
            [.. rows.Items.Select(r => new EmployeeDto(r.Id, r.Name, r.OrgUnitId, r.ManagerId, r.Position, r.Category, r.Level, r.Tier, r.HireDate, r.ProbationEnd, r.LeaveDate, r.Version))],
            rows.Total, p, size));
    }

    private static async Task<Results<Ok<EmployeeDetail>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(http.User, ct);
        if (new ApiInput(http).Text(id, "id") is null || !scope.CanSee(id))
        {
            return ApiText.NotFound(http);
        }

        var e = await db.Employees.AsNoTracking().Include(x => x.Assignments).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return ApiText.NotFound(http);
        }

        var history = e.Assignments.OrderBy(a => a.ValidFrom)
            .Select(a => new AssignmentDto(a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, a.ValidFrom, a.ValidTo)).ToList();
        return TypedResults.Ok(new EmployeeDetail(Dto(e, scopes.Today()), history));
    }

    internal static EmployeeDto Dto(EmployeeEntity e, DateOnly today)
    {
        var a = DatasetBuilder.Current(e.Assignments, today);
        return new EmployeeDto(e.Id, e.Name, a?.OrgUnitId, a?.ManagerId, a?.Position, a?.Category, a?.Level, a?.Tier, e.HireDate, e.ProbationEnd, e.LeaveDate, e.Version);
    }
}
