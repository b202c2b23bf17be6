using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Targets;

/// <summary>How applying a decomposition ended.</summary>
public enum ApplyStatus
{
    Applied,

    /// <summary>The request has problems or the sums do not match: nothing stored.</summary>
    Invalid,

    /// <summary>Some rows belong to subjects the caller may not write: nothing stored.</summary>
    Forbidden,

    /// <summary>The stored targets changed since the preview (or no preview version was given): nothing stored.</summary>
    Conflict,

    /// <summary>Targets of calculated periods would change and the user did not confirm it: nothing stored.</summary>
    Locked,

    /// <summary>Targets a closed period reads would change (docs/decisions/0019): nothing stored, whatever the user confirms.</summary>
    Closed,
}

/// <summary>What a decomposition needs from the database, or the <see cref="Problem"/> that prevents it.</summary>
public sealed record PlanningContext(IReadOnlyList<PlanningNode> Nodes, int Decimals, string? Unit, IReadOnlyDictionary<string, decimal?>? LastYear, TargetProblem? Problem)
{
    /// <summary>The calculated periods of the year and the stored targets of the tree (which rows are locked).</summary>
    public TargetLockState? Locks { get; init; }

    /// <summary>The stored targets of the tree as the grid shows them (<see cref="StoredTargetGrid"/>); empty when none is stored.</summary>
    public IReadOnlyDictionary<string, GridValue?[]> Stored { get; init; } = new Dictionary<string, GridValue?[]>(StringComparer.Ordinal);

    /// <summary>
    /// The columns of the year whose target rows a closed period read (docs/decisions/0019): 0 the annual column, 1–12 the
    /// months, each with the closed period's key. Their values cannot change.
    /// </summary>
    public IReadOnlyDictionary<int, string> Closed { get; init; } = new Dictionary<int, string>();
}

/// <summary>The outcome of applying a decomposition.</summary>
public sealed record ApplyOutcome(ApplyStatus Status, TargetPlan Plan, WriteOutcome? Write = null, IReadOnlyList<string>? Forbidden = null);

/// <summary>
/// Top-down targets (docs/targets.md): decomposes an org unit's annual target of one metric to its child units,
/// its people and the twelve months, previews it (nothing stored) and applies it (all rows in one transaction,
/// audited). The metric's definition comes from the plan in force for the year; last year's actuals from the
/// Domain's <see cref="MetricActuals"/>; the splitting from <see cref="TargetDecomposer"/>.
/// </summary>
public sealed class TargetPlanner(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>The metric of the plan in force for <paramref name="year"/>, or null (no plan / unknown code).</summary>
    public async Task<(Plan? Plan, MetricDefinition? Metric)> MetricAsync(int year, string metric, CancellationToken ct = default)
    {
        var version = await CalculationService.PlanVersionForAsync(db, new Period(PeriodKind.Year, year, 1), ct).ConfigureAwait(false);
        var plan = version is null ? null : Plans.StoredPlans.Of(version);
        return (plan, plan?.Metrics.FirstOrDefault(m => string.Equals(m.Code, metric, StringComparison.Ordinal)));
    }

    /// <summary>The metrics that can be decomposed (additive) in the plan in force for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<MetricDefinition>> AdditiveMetricsAsync(int year, CancellationToken ct = default)
    {
        var (plan, _) = await MetricAsync(year, "", ct).ConfigureAwait(false);
        return plan is null ? [] : [.. plan.Metrics.Where(MetricActuals.IsAdditive)];
    }

    /// <summary>The planning tree under <paramref name="subject"/> (<see cref="PlanningTree"/>) from the stored org units and people.</summary>
    public async Task<IReadOnlyList<PlanningNode>> TreeAsync(string subject, int year, CancellationToken ct = default)
    {
        // People placed and heads appointed on the year's last day, read as a run of the year reads them.
        var placement = await PeriodReader.ReadPlacementAsync(db, new DateOnly(year, 12, 31), ct).ConfigureAwait(false);
        var units = placement.Units;
        if (!units.Any(u => u.Id == subject))
        {
            return [];
        }

        var heads = units.Select(u => u.ManagerId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var people = placement.Employees.Select(e => new PlanningTree.Person(e.Id, e.Name, e.OrgUnitId, e.HireDate, e.LeaveDate));
        return PlanningTree.Build(subject, year, [.. units.Select(u => new PlanningTree.Unit(u.Id, u.Name, u.ParentId))], people, heads);
    }

    /// <summary>
    /// What a decomposition of <paramref name="metric"/> under <paramref name="subject"/> in <paramref name="year"/>
    /// needs from the database: the planning tree, the metric's precision and unit, and (when asked) last year's
    /// actuals of the subject's descendants; or the problem that prevents it.
    /// </summary>
    public async Task<PlanningContext> ContextAsync(int year, string metric, string subject, bool lastYear, CancellationToken ct = default)
    {
        static PlanningContext Fail(string field, TargetProblemCode code, params object[] args) => new([], 0, null, null, new TargetProblem(field, code, args));

        if (year is < 1901 or > 9998)
        {
            return Fail("year", TargetProblemCode.YearInvalid, year);
        }

        if (string.IsNullOrWhiteSpace(metric))
        {
            return Fail("metric", TargetProblemCode.MetricRequired);
        }

        var (plan, definition) = await MetricAsync(year, metric, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return Fail("metric", TargetProblemCode.NoPlan);
        }

        if (definition is null)
        {
            return Fail("metric", TargetProblemCode.MetricUnknown, metric);
        }

        if (!MetricActuals.IsAdditive(definition))
        {
            return Fail("metric", TargetProblemCode.MetricNotAdditive, metric);
        }

        var nodes = await TreeAsync(subject, year, ct).ConfigureAwait(false);
        if (nodes.Count == 0)
        {
            return Fail("subject", TargetProblemCode.SubjectUnknown, subject);
        }

        IReadOnlyDictionary<string, decimal?>? actuals = null;
        if (lastYear)
        {
            // Streamed month by month through the engine (docs/targets.md, "Last year's share at scale").
            actuals = await LastYearActuals.ForAsync(db, plan, definition, year - 1, [.. nodes.Skip(1).Select(n => n.Id)], ct).ConfigureAwait(false);
        }

        return new PlanningContext(nodes, TargetDecomposer.DecimalsOf(definition), definition.Unit, actuals, null)
        {
            Locks = await LocksAsync(year, metric, nodes, ct).ConfigureAwait(false),
            Stored = await StoredAsync(year, metric, nodes, ct).ConfigureAwait(false),
            Closed = await ClosedColumnsAsync(year, ct).ConfigureAwait(false),
        };
    }

    /// <summary>The stored targets of <paramref name="metric"/> in <paramref name="year"/> of the tree's subjects, as the grid shows them.</summary>
    public async Task<IReadOnlyDictionary<string, GridValue?[]>> StoredAsync(int year, string metric, IReadOnlyList<PlanningNode> nodes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var prefix = year.ToString("D4", CultureInfo.InvariantCulture);
        var periods = new HashSet<string>([prefix, .. Enumerable.Range(1, 12).Select(m => $"{prefix}-{m:D2}")], StringComparer.Ordinal);
        var stored = new Dictionary<(string, string), (decimal, decimal?)>();
        foreach (var chunk in nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var list = chunk.ToList();
            var rows = await db.Targets.AsNoTracking()
                .Where(t => t.Metric == metric && list.Contains(t.Subject) && t.Period.StartsWith(prefix))
                .Select(t => new { t.Subject, t.Period, t.Value, t.Challenge })
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var r in rows.Where(r => periods.Contains(r.Period)))
            {
                stored[(r.Subject, r.Period)] = (r.Value, r.Challenge);
            }
        }

        return StoredTargetGrid.Of(nodes, year, stored);
    }

    /// <summary>The columns of <paramref name="year"/> (0 annual, 1–12 months) whose targets a closed period read, with that period.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ClosedColumnsAsync(int year, CancellationToken ct = default)
    {
        var closed = await Evaluations.ClosedPeriods.ReadAsync(db, ct).ConfigureAwait(false);
        var columns = new Dictionary<int, string>();
        for (var m = 0; m <= 12; m++)
        {
            var period = m == 0 ? new Period(PeriodKind.Year, year, 1) : new Period(PeriodKind.Month, year, m);
            if (closed.LockingTarget(period.ToString()) is { } key)
            {
                columns[m] = key;
            }
        }

        return columns;
    }

    /// <summary>The lock state of the tree's targets of <paramref name="metric"/> in <paramref name="year"/> (read again after a save).</summary>
    public Task<TargetLockState> LocksAsync(int year, string metric, IReadOnlyList<PlanningNode> nodes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return TargetLockState.ReadAsync(db, year, metric, [.. nodes.Select(n => n.Id)], ct);
    }

    /// <summary>The fingerprint of the stored rows <paramref name="plan"/> would write (its <see cref="TargetPlan.Version"/>).</summary>
    public Task<string> TokenAsync(TargetPlan plan, CancellationToken ct = default) =>
        new TargetStore(db, time).TokenAsync([.. TargetDecomposer.Writes(plan).Select(w => TargetStore.Key(w.Subject, w.Metric, w.Period))], ct);

    /// <summary>Computes the decomposition without storing anything.</summary>
    public async Task<TargetPlan> PreviewAsync(DecomposeRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = await ContextAsync(request.Year, request.Metric, request.Subject, request.Method == SplitMethod.LastYear, ct).ConfigureAwait(false);
        if (context.Problem is not null)
        {
            return new TargetPlan(request.Year, request.Metric, null, 0, [], [], [context.Problem], "");
        }

        var computed = StoredTargetGrid.KeepUnset(
            ClosedTargets.Apply(TargetDecomposer.Compute(request, context.Nodes, context.Decimals, context.Unit, context.LastYear), context.Closed, context.Stored),
            request, context.Stored);
        return computed with
        {
            Version = await TokenAsync(computed, ct).ConfigureAwait(false),
            Locked = computed.Problems.Count == 0 ? (context.Locks ?? TargetLockState.None(request.Year)).Changes(computed) : [],
        };
    }

    /// <summary>
    /// Stores the decomposition when it is valid and balanced, every subject is writable
    /// (<paramref name="canWrite"/>) and the stored rows are those of the preview (<see cref="DecomposeRequest.Version"/>).
    /// </summary>
    public async Task<ApplyOutcome> ApplyAsync(DecomposeRequest request, Func<string, bool> canWrite, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(canWrite);
        var plan = await PreviewAsync(request, ct).ConfigureAwait(false);
        if (!plan.Balanced)
        {
            return new ApplyOutcome(ApplyStatus.Invalid, plan);
        }

        var forbidden = plan.Rows.Select(r => r.Subject).Where(s => !canWrite(s)).ToList();
        if (forbidden.Count > 0)
        {
            return new ApplyOutcome(ApplyStatus.Forbidden, plan, Forbidden: forbidden);
        }

        if (string.IsNullOrEmpty(request.Version))
        {
            return new ApplyOutcome(ApplyStatus.Conflict, plan);
        }

        // Closed is closed (docs/decisions/0019): no confirmation overwrites what a closed period read.
        if (plan.ClosedChanges.Count > 0)
        {
            return new ApplyOutcome(ApplyStatus.Closed, plan, new WriteOutcome(WriteStatus.Closed,
                [.. plan.ClosedChanges.Select(c => TargetStore.Key(c.Subject, plan.Metric, c.Period))], ClosedPeriod: plan.ClosedChanges[0].ClosedPeriod));
        }

        var closed = await Evaluations.ClosedPeriods.ReadAsync(db, ct).ConfigureAwait(false);
        var frozen = plan.Locked.Where(l => closed.LockingTarget(l.Period) is not null).ToList();
        if (frozen.Count > 0)
        {
            return new ApplyOutcome(ApplyStatus.Closed, plan, new WriteOutcome(WriteStatus.Closed,
                [.. frozen.Select(l => TargetStore.Key(l.Subject, plan.Metric, l.Period))], ClosedPeriod: closed.LockingTarget(frozen[0].Period)));
        }

        if (plan.Locked.Count > 0 && !request.OverwriteCalculated)
        {
            return new ApplyOutcome(ApplyStatus.Locked, plan);
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{request.Subject} {request.Metric} {request.Year}: {request.Method}, annual {request.Annual}, challenge {plan.Rows[0].Challenge}")
            + OverwriteDetail(plan.Locked);
        var write = await new TargetStore(db, time).UpsertAsync(TargetDecomposer.Writes(plan), request.Version, userId, "targets.decompose", "decompose " + request.Subject, detail, ct).ConfigureAwait(false);
        var status = write.Status switch
        {
            WriteStatus.Saved => ApplyStatus.Applied,
            WriteStatus.Closed => ApplyStatus.Closed,
            _ => ApplyStatus.Conflict,
        };
        return new ApplyOutcome(status, plan, write);
    }

    /// <summary>The audit text of an overwrite confirmed by the user: the periods to re-run and every changed row, old → new ("" when none).</summary>
    public static string OverwriteDetail(IReadOnlyList<LockedChange> locked)
    {
        if (locked.Count == 0)
        {
            return "";
        }

        const int Listed = 1000;
        var runs = string.Join(",", LockedChange.RerunPeriodsOf(locked));
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"; OVERWRITE of calculated periods confirmed (re-run {runs}): {locked.Count} rows");
        foreach (var l in locked.Take(Listed))
        {
            text.Append(CultureInfo.InvariantCulture, $"; {l.Subject}{(l.Metric is null ? "" : " " + l.Metric)} {l.Period} {l.OldValue}->{l.NewValue}");
            if (l.OldChallenge != l.NewChallenge)
            {
                text.Append(CultureInfo.InvariantCulture, $" (challenge {l.OldChallenge?.ToString(CultureInfo.InvariantCulture) ?? "-"}->{l.NewChallenge?.ToString(CultureInfo.InvariantCulture) ?? "-"})");
            }
        }

        if (locked.Count > Listed)
        {
            text.Append(CultureInfo.InvariantCulture, $"; … {locked.Count - Listed} more");
        }

        return text.ToString();
    }
}
