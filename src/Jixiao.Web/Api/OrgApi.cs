using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>An org unit.</summary>
public sealed record OrgUnitDto(string Id, string Name, string? ParentId, string? ManagerId, long Version);

/// <summary>An org unit with its children.</summary>
public sealed record OrgUnitNode(string Id, string Name, string? ManagerId, IReadOnlyList<OrgUnitNode> Children);

/// <summary>
/// /api/v1/org-units: the org chart. Its structure (units, parents, managers) is company-wide information and
/// visible to every role; people's records are scoped in <see cref="EmployeesApi"/>.
/// </summary>
public static class OrgApi
{
    public static IEndpointRouteBuilder MapOrgApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/org-units").WithTags("Organisation").RequireAuthorization(Policies.OrgRead);
        group.MapGet("/", ListAsync);
        group.MapGet("/tree", TreeAsync);
        return app;
    }

    private static async Task<Ok<List<OrgUnitDto>>> ListAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).Select(u => new OrgUnitDto(u.Id, u.Name, u.ParentId, u.ManagerId, u.Version)).ToListAsync(ct);
        return TypedResults.Ok(units);
    }

    private static async Task<Ok<List<OrgUnitNode>>> TreeAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrgUnitNode Node(OrgUnitEntity u)
        {
            seen.Add(u.Id);
            return new OrgUnitNode(u.Id, u.Name, u.ManagerId, [.. children[u.Id].Where(c => !seen.Contains(c.Id)).Select(Node)]);
        }

        return TypedResults.Ok(units.Where(u => u.ParentId is null || !ids.Contains(u.ParentId)).Select(Node).ToList());
    }
}
