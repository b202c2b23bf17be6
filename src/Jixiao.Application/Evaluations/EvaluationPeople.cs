using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>A person's result in a period's evaluation basis: their name and the indicator lines they assess.</summary>
public sealed record BasisResult(long RunId, string EmployeeId, string Name, string OrgUnitId, string Scorecard, IReadOnlyList<IndicatorResult> Indicators);

/// <summary>
/// Who takes part in a period's evaluation (docs/decisions/0019-evaluation-cycle.md): the people with a result in the
/// evaluation basis run (the run visible when evaluation started), and each one's direct manager on the period's last
/// day — the manager on their assignment in force that day (docs/transfers.md, decision 3), else the manager of their
/// unit that day, else of the unit above (a unit head is not their own manager). Someone with no manager above has no
/// manager-scoring step.
/// </summary>
public static class EvaluationPeople
{
    /// <summary>Above this many people, <see cref="DirectManagersAsync(JixiaoDbContext, Period, IReadOnlyCollection{string}, CancellationToken)"/> reads every employee in one query instead of chunks of 500.</summary>
    private const int WholeCompanyAbove = 2000;

    /// <summary>Up to this many people, <see cref="DirectManagersAsync(JixiaoDbContext, Period, IReadOnlyCollection{string}, CancellationToken)"/> reads only their part of the org tree.</summary>
    private const int PartialChartUpTo = 50;

    /// <summary>The basis result of <paramref name="employee"/>, or null when the basis has none.</summary>
    public static async Task<BasisResult?> BasisAsync(JixiaoDbContext db, long? basisRunId, string employee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (basisRunId is not { } run)
        {
            return null;
        }

        var row = await db.Results.AsNoTracking().Where(r => r.RunId == run && r.EmployeeId == employee)
            .Select(r => new { r.EmployeeId, r.OrgUnitId, r.Scorecard, r.DetailsJson }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? null : Parse(run, row.EmployeeId, row.OrgUnitId, row.Scorecard, row.DetailsJson);
    }

    /// <summary>Every basis result of the run, by employee id.</summary>
    public static async Task<Dictionary<string, BasisResult>> BasisAsync(JixiaoDbContext db, long? basisRunId, IReadOnlyCollection<string>? only, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var result = new Dictionary<string, BasisResult>(StringComparer.Ordinal);
        if (basisRunId is not { } run)
        {
            return result;
        }

        var query = db.Results.AsNoTracking().Where(r => r.RunId == run);
        if (only is not null)
        {
            var ids = only.ToList();
            query = query.Where(r => ids.Contains(r.EmployeeId));
        }

        foreach (var row in await query.Select(r => new { r.EmployeeId, r.OrgUnitId, r.Scorecard, r.DetailsJson }).ToListAsync(ct).ConfigureAwait(false))
        {
            result[row.EmployeeId] = Parse(run, row.EmployeeId, row.OrgUnitId, row.Scorecard, row.DetailsJson);
        }

        return result;
    }

    /// <summary>The employee ids with a result in the basis run.</summary>
    public static async Task<List<string>> AssessedAsync(JixiaoDbContext db, long? basisRunId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return basisRunId is { } run
            ? await db.Results.AsNoTracking().Where(r => r.RunId == run).Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false)
            : [];
    }

    /// <summary>
    /// The direct manager of each of <paramref name="employees"/> on <paramref name="period"/>'s last day (or on their leave
    /// date when they left before it), or null when there is none.
    /// </summary>
    public static Task<Dictionary<string, string?>> DirectManagersAsync(JixiaoDbContext db, Period period, IReadOnlyCollection<string> employees, CancellationToken ct = default) =>
        DirectManagersAsync(db, period, employees, null, ct);

    /// <summary>As <see cref="DirectManagersAsync(JixiaoDbContext, Period, IReadOnlyCollection{string}, CancellationToken)"/>, with the org chart when already read.</summary>
    internal static async Task<Dictionary<string, string?>> DirectManagersAsync(
        JixiaoDbContext db, Period period, IReadOnlyCollection<string> employees, DirectManagers? chart, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(employees);
        var ids = employees.Distinct(StringComparer.Ordinal).ToList();
        var people = new List<EmployeeEntity>();
        if (ids.Count > WholeCompanyAbove)
        {
            // Most of the company (the reminder job's pass): one query for everyone, not one per 500 people.
            var wanted = ids.ToHashSet(StringComparer.Ordinal);
            people.AddRange((await db.Employees.AsNoTracking().Include(e => e.Assignments).AsSplitQuery().ToListAsync(ct).ConfigureAwait(false)).Where(e => wanted.Contains(e.Id)));
        }
        else
        {
            foreach (var chunk in ids.Chunk(500))
            {
                people.AddRange(await db.Employees.AsNoTracking().Include(e => e.Assignments).Where(e => chunk.Contains(e.Id)).ToListAsync(ct).ConfigureAwait(false));
            }
        }

        if (people.Count == 0)
        {
            return new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        // A few people (one person's /me, a save): only their units and the units above, not the whole org tree (10,000
        // units at 100,000 people); many people: the whole tree in two queries.
        chart ??= people.Count <= PartialChartUpTo ? Evaluations.DirectManagers.Partial(db) : await Evaluations.DirectManagers.ReadAsync(db, ct).ConfigureAwait(false);
        await chart.EnsureAsync(people.SelectMany(e => e.Assignments.Select(a => a.OrgUnitId)), ct).ConfigureAwait(false);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var e in people)
        {
            result[e.Id] = chart.Of(e, period);
        }

        return result;
    }

    /// <summary>The people among <paramref name="employees"/> whose direct manager on the period's last day is <paramref name="manager"/>.</summary>
    public static async Task<List<string>> ReportsOfAsync(JixiaoDbContext db, Period period, string manager, IReadOnlyCollection<string> employees, CancellationToken ct = default)
    {
        var managers = await DirectManagersAsync(db, period, employees, ct).ConfigureAwait(false);
        return [.. managers.Where(m => m.Value == manager).Select(m => m.Key).Order(StringComparer.Ordinal)];
    }

    private static BasisResult Parse(long run, string employee, string unit, string scorecard, string json)
    {
        var details = JsonSerializer.Deserialize<ResultDetails>(json);
        return new BasisResult(run, employee, details?.Name ?? employee, unit, scorecard, details?.Indicators ?? []);
    }
}
