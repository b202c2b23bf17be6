using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.CalculationRuns;

/// <summary>How one person's outcome in a run differs from the previous run of the same period.</summary>
public enum ChangeKind
{
    Changed,
    Added,
    Removed,
}

/// <summary>One person whose total, pay or grade differs between two runs of a period (null: not in that run).</summary>
public sealed record RunChange(
    string EmployeeId, string Name, string OrgUnitId, ChangeKind Kind,
    decimal? OldTotal, decimal? NewTotal, decimal? OldPay, decimal? NewPay, string? OldGrade, string? NewGrade)
{
    /// <summary>New − old total (null when either side is missing).</summary>
    public decimal? TotalDelta => NewTotal - OldTotal;

    /// <summary>New − old pay total (null when either side is missing).</summary>
    public decimal? PayDelta => NewPay - OldPay;
}

/// <summary>A run compared with the run people see of its period (none: <see cref="PreviousRunId"/> is null).</summary>
public sealed record RunComparison(long RunId, long? PreviousRunId, IReadOnlyList<RunChange> Changes)
{
    /// <summary>
    /// What changed in run <paramref name="runId"/> against the run people see (docs/decisions/0019-evaluation-cycle.md):
    /// the period's published run when there is one (and it is another run), else the provisional run as it was before
    /// this run was stored (the previous succeeded run that was not discarded and did not lose people). So a draft is
    /// compared with what people see before it is published. People added, removed, or with a different total, pay or
    /// grade; ordered changed/added by employee id, then removed. Null when the run does not exist. Used by
    /// GET /api/v1/runs/{id} and the calculation page.
    /// </summary>
    public static async Task<RunComparison?> ForRunAsync(JixiaoDbContext db, long runId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var previous = await PreviousAsync(db, run, ct).ConfigureAwait(false);
        if (previous is null)
        {
            return new RunComparison(runId, null, []);
        }

        var now = await db.Results.AsNoTracking().Where(r => r.RunId == runId).ToListAsync(ct).ConfigureAwait(false);
        var before = (await db.Results.AsNoTracking().Where(r => r.RunId == previous).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);
        var changes = new List<RunChange>();
        foreach (var r in now.OrderBy(r => r.EmployeeId, StringComparer.Ordinal))
        {
            if (!before.Remove(r.EmployeeId, out var old))
            {
                changes.Add(new RunChange(r.EmployeeId, NameOf(r), r.OrgUnitId, ChangeKind.Added, null, r.Total, null, r.PayTotal, null, r.Grade));
            }
            else if (old.Total != r.Total || old.PayTotal != r.PayTotal || old.Grade != r.Grade)
            {
                changes.Add(new RunChange(r.EmployeeId, NameOf(r), r.OrgUnitId, ChangeKind.Changed, old.Total, r.Total, old.PayTotal, r.PayTotal, old.Grade, r.Grade));
            }
        }

        changes.AddRange(before.Values.OrderBy(r => r.EmployeeId, StringComparer.Ordinal)
            .Select(old => new RunChange(old.EmployeeId, NameOf(old), old.OrgUnitId, ChangeKind.Removed, old.Total, null, old.PayTotal, null, old.Grade, null)));
        return new RunComparison(runId, previous, changes);
    }

    /// <summary>
    /// The run <paramref name="run"/> is compared with (see <see cref="ForRunAsync"/>): the period's published run when it is
    /// another run, else the provisional run before it; null when there is none.
    /// </summary>
    internal static async Task<long?> PreviousAsync(JixiaoDbContext db, CalculationRun run, CancellationToken ct)
    {
        var runs = (await db.Runs.AsNoTracking().Where(r => r.Period == run.Period)
                .Select(r => new { r.Id, r.Status, r.Computed, r.Failed, r.Visibility }).ToListAsync(ct).ConfigureAwait(false))
            .Select(r => new RunFacts(r.Id, r.Status == RunStatus.Succeeded, r.Computed, r.Failed, r.Visibility)).ToList();
        return runs.Where(r => r.Visibility == RunVisibility.Published && r.Id != run.Id).MaxBy(r => r.Id)?.Id
            ?? VisibleRuns.Provisional(runs.Where(r => r.Id < run.Id))?.Id;
    }

    /// <summary>The person's name stored with a result (the id when missing).</summary>
    public static string NameOf(PersonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Deserialize<ResultDetails>(result.DetailsJson)?.Name ?? result.EmployeeId;
    }
}
