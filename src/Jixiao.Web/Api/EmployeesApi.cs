using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
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
        string? unit, string? q, int? page, int? pageSize, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        if (ApiText.Paging(http, page, pageSize, out var p, out var size) is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var query = db.Employees.AsNoTracking().Include(e => e.Assignments).AsQueryable();
        if (scope.Kind != ScopeKind.Everyone)
        {
            var visible = scope.Employees.ToList();
            query = query.Where(e => visible.Contains(e.Id));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(e => e.Id.Contains(term) || e.Name.Contains(term));
        }

        var today = scopes.Today();
        var people = (await query.OrderBy(e => e.Id).ToListAsync(ct)).Select(e => Dto(e, today));
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var units = await Subtree(db, unit, ct);
            people = people.Where(e => e.OrgUnitId is not null && units.Contains(e.OrgUnitId));
        }

        // Checked again per record: the list can never return someone the scope does not allow.
        var all = scope.Filter(people, e => e.Id).ToList();
        return TypedResults.Ok(new Page<EmployeeDto>(all.Skip((p - 1) * size).Take(size).ToList(), all.Count, p, size));
    }

    private static async Task<Results<Ok<EmployeeDetail>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(http.User, ct);
        if (!scope.CanSee(id))
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

    /// <summary>The unit and every unit below it.</summary>
    internal static async Task<HashSet<string>> Subtree(JixiaoDbContext db, string unit, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, u => u.Id, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([unit]);
        while (stack.TryPop(out var u))
        {
            if (result.Add(u))
            {
                foreach (var c in children[u])
                {
                    stack.Push(c);
                }
            }
        }

        return result;
    }
}
