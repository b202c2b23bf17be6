using System.Globalization;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>A stored number that a replay computes differently: the person, what (total, grade, details …), stored and replayed.</summary>
public sealed record ReplayDifference(string EmployeeId, string What, string? Stored, string? Replayed);

/// <summary>
/// The outcome of replaying a run: whether the inputs read now are those the run read (same fingerprint), how many
/// people were compared, and every difference (none: the run is reproduced exactly).
/// </summary>
public sealed record ReplayOutcome(long RunId, bool SameInputs, int Compared, IReadOnlyList<ReplayDifference> Differences)
{
    public bool Reproduced => SameInputs && Differences.Count == 0;
}

/// <summary>
/// Re-runs a stored run without storing anything (ARCHITECTURE, "Reproducibility"): the plan version the run used, the
/// data as stored now, the run's as-of date; every person's total, grade, coefficient, pay, org unit, scorecard and
/// details (every indicator and pay line, as stored JSON) compared with what the run stored. A closed period's data
/// cannot change (docs/decisions/0019-evaluation-cycle.md), so its published run replays exactly; a transaction stored
/// later in its dates shows as other inputs (a different fingerprint).
/// </summary>
public static class RunReplay
{
    public static async Task<ReplayOutcome> ReplayAsync(JixiaoDbContext db, CompanyTimeZone zone, long runId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        var version = await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == run.PlanVersionId, ct).ConfigureAwait(false);
        var plan = Plans.StoredPlans.Required(version);
        var period = Period.Parse(run.Period);
        var data = await PeriodReader.ReadAsync(db, period, plan, keepIds: false, ct).ConfigureAwait(false);
        var result = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { AsOf = zone.Date(run.StartedAt) });
        var replayed = CalculationService.Rows(result).ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);
        var stored = await db.Results.AsNoTracking().Where(r => r.RunId == runId).ToListAsync(ct).ConfigureAwait(false);
        var differences = new List<ReplayDifference>();
        foreach (var s in stored.OrderBy(r => r.EmployeeId, StringComparer.Ordinal))
        {
            if (!replayed.Remove(s.EmployeeId, out var r))
            {
                differences.Add(new(s.EmployeeId, "result", "stored", null));
                continue;
            }

            void Compare(string what, string? a, string? b)
            {
                if (!string.Equals(a, b, StringComparison.Ordinal))
                {
                    differences.Add(new(s.EmployeeId, what, a, b));
                }
            }

            Compare("orgUnit", s.OrgUnitId, r.OrgUnitId);
            Compare("scorecard", s.Scorecard, r.Scorecard);
            // Numbers by value: a provider keeps its column's scale (PostgreSQL numeric(18,2) stores 85.5 as 85.50).
            void Number(string what, decimal? a, decimal? b)
            {
                if (a != b)
                {
                    differences.Add(new(s.EmployeeId, what, a is { } x ? Text(x) : null, b is { } y ? Text(y) : null));
                }
            }

            Number("total", s.Total, r.Total);
            Compare("grade", s.Grade, r.Grade);
            Number("coefficient", s.Coefficient, r.Coefficient);
            Number("payTotal", s.PayTotal, r.PayTotal);
            Compare("details", InTodaysForm(s.DetailsJson, r.DetailsJson), r.DetailsJson);
        }

        differences.AddRange(replayed.Keys.Order(StringComparer.Ordinal).Select(id => new ReplayDifference(id, "result", null, "replayed")));
        if (result.Errors.Count != run.Failed)
        {
            differences.Add(new("—", "failed", Text(run.Failed), Text(result.Errors.Count)));
        }

        return new ReplayOutcome(runId, data.Fingerprint == run.InputFingerprint, stored.Count, differences);
    }

    /// <summary>
    /// The stored details as results are written today (<see cref="ResultDetails.Json"/>): runs stored before letters were
    /// written unescaped hold the same values in <c>\uXXXX</c> form; re-written they compare equal, any other value still
    /// differs. Unreadable details stay as stored (and differ).
    /// </summary>
    private static string InTodaysForm(string stored, string replayed)
    {
        if (string.Equals(stored, replayed, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            return JsonSerializer.Deserialize<ResultDetails>(stored) is { } details ? JsonSerializer.Serialize(details, ResultDetails.Json) : stored;
        }
        catch (JsonException)
        {
            return stored;
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
