using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>A stored cost decision as the pages show it.</summary>
public sealed record CostDecisionView(long Id, CostDecisionKind Kind, string? Reason, string DecidedBy, DateTime DecidedAt, decimal Pool, decimal Total, decimal Excess);

/// <summary>
/// The cost control of one period's payable result: the plan's cap, the review (revenue, pool, total, excess, the capped
/// lines and what scaling would pay), the decision taken on this result if any, and the names of the people.
/// </summary>
public sealed record CostPeriod(Period Period, long RunId, CostControlPlan Plan, CostReview Review, CostDecisionView? Decision, IReadOnlyList<ScaledPay>? Decided)
{
    /// <summary>True when the total exceeds the pool and no decision was taken on this result: the period is not paid until HR decides.</summary>
    public bool Undecided => Review.Check.Exceeded && Decision is null;
}

/// <summary>What a decision did: the period with its decision, or the problem and its arguments.</summary>
public sealed record CostOutcome(CostPeriod? Period, CostDecisionProblem? Problem, IReadOnlyList<string> Arguments)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Cost control in the web app (seed 002 "成本控制", docs/plan-format.md §10c): for each period with a payable result whose
/// plan caps variable pay, HR sees the total against the pool and, when it is exceeded, scales the capped lines to the pool
/// or approves the excess with a reason. The decision is stored with its lines (append-only, audited) and belongs to that
/// result: the payroll ledger pays its amounts, and a period exceeded without a decision is not paid (its payroll month
/// cannot be prepared).
/// </summary>
public sealed partial class CostControlService(JixiaoDbContext db, TimeProvider time, PayableRuns? runs = null)
{
    private readonly PayableRuns _runs = runs ?? PayrollLedger.PublishedRunsAsync;

    /// <summary>The period's cost control on its payable result; null when it has none or its plan has no cost control.</summary>
    public async Task<CostPeriod?> PeriodAsync(Period period, CancellationToken ct = default)
    {
        var payable = await _runs(db, ct).ConfigureAwait(false);
        return payable.TryGetValue(period.ToString(), out var runId) ? await ReviewAsync(period, runId, ct).ConfigureAwait(false) : null;
    }

    /// <summary>The cost control of <paramref name="period"/> on run <paramref name="runId"/>; null when its plan has no cost control.</summary>
    public async Task<CostPeriod?> ReviewAsync(Period period, long runId, CancellationToken ct = default)
    {
        var version = await CalculationService.PlanVersionForAsync(db, period, ct).ConfigureAwait(false);
        if (version is null || Plans.StoredPlans.Of(version) is not { CostControl: { } cap } plan)
        {
            return null;
        }

        var result = await PayrollLedger.StoredAsync(db, plan, period, runId, null, ct).ConfigureAwait(false);
        var review = Jixiao.Domain.Compensation.CostControl.Review(cap, result);
        var key = period.ToString();
        var decision = await db.CostDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Period == key && d.RunId == runId, ct).ConfigureAwait(false);
        IReadOnlyList<ScaledPay>? decided = null;
        if (decision is not null)
        {
            var lines = await db.CostDecisionLines.AsNoTracking().Where(l => l.DecisionId == decision.Id).OrderBy(l => l.Id).ToListAsync(ct).ConfigureAwait(false);
            decided = [.. lines.Select(l => new ScaledPay(l.EmployeeId, l.Component, l.Original, l.Scaled))];
        }

        return new CostPeriod(period, runId, cap, review, decision is null ? null : View(decision), decided);
    }

    /// <summary>
    /// HR decides for the period's payable result: scale to the pool, or approve the excess with a reason. Refused when the
    /// period has no payable result or no cost control, is within its pool, or this result is decided already.
    /// </summary>
    public async Task<CostOutcome> DecideAsync(Period period, CostDecisionKind kind, string? reason, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var key = period.ToString();
        var payable = await _runs(db, ct).ConfigureAwait(false);
        if (!payable.TryGetValue(key, out var runId))
        {
            return new CostOutcome(null, CostDecisionProblem.NoResult, [key]);
        }

        var current = await ReviewAsync(period, runId, ct).ConfigureAwait(false);
        if (current is null)
        {
            return new CostOutcome(null, CostDecisionProblem.NoCap, [key]);
        }

        if (current.Decision is not null)
        {
            return new CostOutcome(current, CostDecisionProblem.AlreadyDecided, [key]);
        }

        var check = current.Review.Check;
        if (CostDecisionRule.Check(current.Review, kind, reason) is { } problem)
        {
            return new CostOutcome(current, problem, [key, LedgerCsv.Amount(check.Total), LedgerCsv.Amount(check.Pool)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lines = CostDecisionRule.Lines(current.Review, kind);
        var entity = new CostDecisionEntity
        {
            Period = key,
            RunId = runId,
            Kind = Code(kind),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Revenue = current.Review.Revenue,
            Pool = check.Pool,
            Total = check.Total,
            Excess = check.Excess,
            DecidedBy = userId,
            DecidedAt = now,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                db.CostDecisions.Add(entity);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                db.CostDecisionLines.AddRange(lines.Select(l => new CostDecisionLineEntity
                {
                    DecisionId = entity.Id,
                    EmployeeId = l.Employee,
                    Component = l.Component,
                    Original = l.Original,
                    Scaled = l.Scaled,
                }));
                var paid = lines.Sum(l => l.Scaled);
                db.Audit(now, userId, "cost.decide", key, string.Create(CultureInfo.InvariantCulture,
                    $"{entity.Kind} on run {runId}: total {LedgerCsv.Amount(check.Total)}, pool {LedgerCsv.Amount(check.Pool)}, excess {LedgerCsv.Amount(check.Excess)}, paying {LedgerCsv.Amount(paid)} on {lines.Count} lines")
                    + (entity.Reason is { } r ? "; reason: " + r : ""));
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Someone decided on this result meanwhile (the unique period and run).
            db.ChangeTracker.Clear();
            return new CostOutcome(await ReviewAsync(period, runId, ct).ConfigureAwait(false), CostDecisionProblem.AlreadyDecided, [key]);
        }

        db.ChangeTracker.Clear();
        return new CostOutcome(await ReviewAsync(period, runId, ct).ConfigureAwait(false), null, []);
    }

    /// <summary>The scalings the ledger pays: the scale decisions taken on the payable results in <paramref name="payable"/>.</summary>
    public static async Task<IReadOnlyList<CostScaling>> ScalingsAsync(JixiaoDbContext db, IReadOnlyDictionary<string, long> payable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payable);
        var scale = Code(CostDecisionKind.Scale);
        var decisions = await db.CostDecisions.AsNoTracking().Where(d => d.Kind == scale).ToListAsync(ct).ConfigureAwait(false);
        decisions = [.. decisions.Where(d => payable.TryGetValue(d.Period, out var run) && run == d.RunId)];
        if (decisions.Count == 0)
        {
            return [];
        }

        var ids = decisions.Select(d => d.Id).ToList();
        var lines = await db.CostDecisionLines.AsNoTracking().Where(l => ids.Contains(l.DecisionId)).OrderBy(l => l.Id).ToListAsync(ct).ConfigureAwait(false);
        return [.. decisions.Select(d => new CostScaling(Period.Parse(d.Period), d.Pool, d.Total,
            [.. lines.Where(l => l.DecisionId == d.Id).Select(l => new ScaledPay(l.EmployeeId, l.Component, l.Original, l.Scaled))]))];
    }

    /// <summary>The stored code of a decision kind.</summary>
    public static string Code(CostDecisionKind kind) => kind == CostDecisionKind.Scale ? "scale" : "approve_excess";

    private static CostDecisionView View(CostDecisionEntity d) =>
        new(d.Id, d.Kind == "scale" ? CostDecisionKind.Scale : CostDecisionKind.ApproveExcess, d.Reason, d.DecidedBy, d.DecidedAt, d.Pool, d.Total, d.Excess);
}
