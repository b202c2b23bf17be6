using System.Globalization;
using System.Text.Json;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Performance;

/// <summary>
/// Stored results and explanations, read for a principal's <see cref="AccessScope"/>: used by the
/// /api/v1/results endpoints and by the 我的绩效 and 团队 pages, so both see exactly the same people.
/// </summary>
public static class ResultQueries
{
    /// <summary>Roles that open the 团队 page (what they see is still their <see cref="AccessScope"/>).</summary>
    public const string TeamRoles = Auth.Roles.Supervisor + "," + Auth.Roles.Manager + "," + Auth.Roles.Hr + "," + Auth.Roles.Admin;

    /// <summary>The sort keys of <see cref="ListAsync"/> (prefix "-" for descending).</summary>
    public static readonly string[] Sorts = ["employee", "name", "total", "pay", "grade", "unit"];

    /// <summary>The latest succeeded run of a period.</summary>
    public static Task<CalculationRun?> LatestRunAsync(JixiaoDbContext db, string period, CancellationToken ct) =>
        db.Runs.AsNoTracking().Where(r => r.Period == period && r.Status == RunStatus.Succeeded).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>Periods with a succeeded run, months first, newest first, then the longer periods.</summary>
    public static async Task<IReadOnlyList<string>> CalculatedPeriodsAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var periods = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Succeeded).Select(r => r.Period).Distinct().ToListAsync(ct);
        // Months first (newest first), then quarters, halves and years ("2026-Q3" would sort above "2026-10" as text).
        return [.. periods.OrderBy(p => Period.TryParse(p, out var parsed) ? (int)parsed.Kind : int.MaxValue).ThenByDescending(p => p, StringComparer.Ordinal)];
    }

    /// <summary>The latest calculated month, or the latest calculated period of any kind, or null.</summary>
    public static string? DefaultPeriod(IReadOnlyList<string> periods) =>
        periods.FirstOrDefault(p => Period.TryParse(p, out var parsed) && parsed.Kind == PeriodKind.Month) ?? (periods.Count > 0 ? periods[0] : null);

    /// <summary>One stored result as the API returns it.</summary>
    public static ResultDto Dto(PersonResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var details = JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson);
        return new ResultDto(r.EmployeeId, details?.Name ?? r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal,
            details?.Indicators ?? [], details?.Pay ?? [], details?.Projection);
    }

    /// <summary>One person's result in a run, or null when missing or outside the scope.</summary>
    public static async Task<ResultDto?> OneAsync(JixiaoDbContext db, AccessScope scope, long runId, string employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind == ScopeKind.None)
        {
            return null;
        }

        // Scoped by the unit stored with the result (the org at the time), not by today's chart.
        var row = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId && r.EmployeeId == employee, ct);
        return row is null || !scope.CanSeeResult(row.EmployeeId, row.OrgUnitId) ? null : Dto(row);
    }

    /// <summary>
    /// Rank by total within the person's org unit in the run (1 = best; ties share a rank) and the unit's size.
    /// Only the position is returned, never other people's numbers.
    /// </summary>
    public static async Task<(int Rank, int Of)> RankInUnitAsync(JixiaoDbContext db, long runId, ResultDto person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var totals = await db.Results.AsNoTracking().Where(r => r.RunId == runId && r.OrgUnitId == person.OrgUnitId).Select(r => r.Total).ToListAsync(ct);
        return (totals.Count(t => t > person.Total) + 1, totals.Count);
    }

    /// <summary>The visible results of a run, filtered (unit subtree, id or name contains q), sorted, one page.</summary>
    public static async Task<Page<ResultDto>> ListAsync(
        JixiaoDbContext db, AccessScope scope, long runId, string? unit, string? q, string? sort, int pageNumber, int size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var key = (sort ?? "employee").TrimStart('-');
        var query = db.Results.AsNoTracking().Where(r => r.RunId == runId);
        if (scope.Kind != ScopeKind.Everyone)
        {
            // The org at the time: own results plus those recorded in a managed unit (docs/transfers.md).
            var self = scope.Self ?? "";
            var managed = scope.Units.ToList();
            query = query.Where(r => r.EmployeeId == self || managed.Contains(r.OrgUnitId));
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            var units = (await EmployeesApi.Subtree(db, unit, ct)).ToList();
            query = query.Where(r => units.Contains(r.OrgUnitId));
        }

        // Checked per record as well, then filtered and sorted in memory (SQLite cannot order decimals).
        var rows = (await query.ToListAsync(ct)).Where(r => scope.CanSeeResult(r.EmployeeId, r.OrgUnitId)).Select(Dto);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            rows = rows.Where(r => r.EmployeeId.Contains(term, StringComparison.OrdinalIgnoreCase) || r.Name.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        var descending = sort?.StartsWith('-') == true;
        IOrderedEnumerable<ResultDto> ordered = key switch
        {
            "name" => descending ? rows.OrderByDescending(r => r.Name, StringComparer.Ordinal) : rows.OrderBy(r => r.Name, StringComparer.Ordinal),
            "total" => descending ? rows.OrderByDescending(r => r.Total) : rows.OrderBy(r => r.Total),
            "pay" => descending ? rows.OrderByDescending(r => r.PayTotal) : rows.OrderBy(r => r.PayTotal),
            "grade" => descending ? rows.OrderByDescending(r => r.Grade, StringComparer.Ordinal) : rows.OrderBy(r => r.Grade, StringComparer.Ordinal),
            "unit" => descending ? rows.OrderByDescending(r => r.OrgUnitId, StringComparer.Ordinal) : rows.OrderBy(r => r.OrgUnitId, StringComparer.Ordinal),
            _ => descending ? rows.OrderByDescending(r => r.EmployeeId, StringComparer.Ordinal) : rows.OrderBy(r => r.EmployeeId, StringComparer.Ordinal),
        };
        var all = ordered.ThenBy(r => r.EmployeeId, StringComparer.Ordinal).ToList();
        return new Page<ResultDto>(all.Skip((pageNumber - 1) * size).Take(size).ToList(), all.Count, pageNumber, size);
    }

    /// <summary>The explanation tree of one person for a period (recomputed by the engine), or null when not visible or missing.</summary>
    public static async Task<ExplanationDto?> ExplainAsync(
        JixiaoDbContext db, TimeProvider time, AccessScope scope, string employee, Period period, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!await CanSeePeriodAsync(db, scope, employee, period.ToString(), ct))
        {
            return null;
        }

        var result = await new CalculationService(db, time).ComputeAsync(period, new CalculationOptions { Explain = [employee] }, ct);
        return result is not null && result.Explanations.TryGetValue(employee, out var root) ? Explain(root, culture) : null;
    }

    /// <summary>
    /// Whether <paramref name="employee"/>'s numbers for <paramref name="period"/> are visible: by the unit stored with
    /// their result in the period's latest run; a period without a stored result falls back to today's scope.
    /// </summary>
    public static async Task<bool> CanSeePeriodAsync(JixiaoDbContext db, AccessScope scope, string employee, string period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind == ScopeKind.Everyone)
        {
            return true;
        }

        var run = await LatestRunAsync(db, period, ct);
        var unit = run is null ? null
            : await db.Results.AsNoTracking().Where(r => r.RunId == run.Id && r.EmployeeId == employee).Select(r => r.OrgUnitId).SingleOrDefaultAsync(ct);
        return unit is null ? scope.CanSee(employee) : scope.CanSeeResult(employee, unit);
    }

    private static ExplanationDto Explain(Explanation node, CultureInfo culture) =>
        new(node.Kind.ToString().ToLowerInvariant(), node.Label, node.Value, ExplanationText.Detail(node, culture),
            node.Sources, node.SourceCount, [.. node.Children.Select(c => Explain(c, culture))]);
}
