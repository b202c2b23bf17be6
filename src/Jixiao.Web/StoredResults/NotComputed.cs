using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Web.Plans;

namespace Jixiao.Web.StoredResults;

/// <summary>One person a run could not compute (or an error of the whole run: no employee), as the 计算 page shows it.</summary>
/// <param name="EmployeeId">The person's employee id (null for an error of the whole run).</param>
/// <param name="Name">The person's name ("" when unknown or for the whole run).</param>
/// <param name="Code">The error's code (<c>CalculationErrorCode</c>), for programs.</param>
/// <param name="Reason">Why, in the reader's language, with the plan's names for its codes.</param>
public sealed record NotComputedRow(string? EmployeeId, string Name, string Code, string Reason);

/// <summary>
/// The 未计算 list of a run, page by page (issue 13): one implementation behind the 计算 page and
/// <c>GET /api/v1/runs/{id}/not-computed</c>, counted and paged in the database by <see cref="RunFailuresPage"/>.
/// </summary>
public static class NotComputed
{
    /// <summary>Page <paramref name="page"/> of the errors <paramref name="scope"/> may see; null when the run does not exist.</summary>
    public static async Task<(int Total, IReadOnlyList<NotComputedRow> Rows)?> PageAsync(
        JixiaoDbContext db, long runId, AccessScope scope, int page, int pageSize, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var found = await RunFailuresPage.ForRunAsync(db, runId, scope.Kind == ScopeKind.Everyone ? null : scope.Employees, page, pageSize, ct);
        if (found is null)
        {
            return null;
        }

        if (found.Items.Count == 0)
        {
            return (found.Total, []);
        }

        var codes = (await PlanNames.OfRunAsync(db, runId, culture, ct)).Codes;
        return (found.Total, [.. found.Items.Select(f => new NotComputedRow(f.Error.Employee, f.Error.Employee is null ? "" : f.Name ?? "",
            f.Error.Code.ToString(), (f.Error with { Employee = null }).Format(culture, codes)))]);
    }
}
