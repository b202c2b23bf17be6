using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Datasets;
using Jixiao.Application.Organisation;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Careers;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>A recommendation with the person's name and HR's decision on it, if any.</summary>
public sealed record CareerItem(CareerRecommendation Recommendation, string Name, string Category, string Tier, CareerDecisionEntity? Decision);

/// <summary>Why a career decision is refused: the engine's change problem, or one of the service's own.</summary>
public enum CareerDecisionProblem
{
    /// <summary>{0}: no such recommendation (no longer recommended, or never).</summary>
    NotRecommended,

    /// <summary>{0}: decided already.</summary>
    AlreadyDecided,

    /// <summary>A rejection needs a reason.</summary>
    ReasonRequired,

    /// <summary>A reassignment needs the new category or position.</summary>
    NeedsNewPosition,

    /// <summary>The person's tier changed since the recommendation.</summary>
    TierChanged,

    /// <summary>{0}: the change was refused by the people records (e.g. a transfer on or before the latest one); {1}: why.</summary>
    ChangeRefused,
}

/// <summary>What a decision did, or why it was refused.</summary>
public sealed record CareerOutcome(CareerItem? Item, CareerDecisionProblem? Problem, IReadOnlyList<string> Arguments)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Career recommendations for HR (SPEC §9, docs/careers.md): the plan's career rules over the year's published month results
/// (<see cref="CareerRecommender"/>; tiers as assigned at the end of January, as the CLI reads them). HR accepts one — an
/// effective-dated change of the person (<see cref="CareerChanges"/>: a new assignment from the effective month with the new
/// tier, category or position, whose pay and targets the plan gives; or the leave date of an exit) — or rejects it with a
/// reason. Nothing changes without that decision; every decision is stored once and audited.
/// </summary>
public sealed class CareersService(JixiaoDbContext db, TimeProvider time, PayableRuns? runs = null)
{
    private readonly PayableRuns _runs = runs ?? PayrollLedger.PublishedRunsAsync;

    /// <summary>The recommendations of <paramref name="year"/> with their decisions; null when no plan is stored.</summary>
    public async Task<IReadOnlyList<CareerItem>?> ListAsync(int year, CancellationToken ct = default)
    {
        var version = await CalculationService.PlanVersionForAsync(db, new Period(PeriodKind.Month, year, 12), ct).ConfigureAwait(false);
        if (version is null || Plans.StoredPlans.Of(version) is not { } plan)
        {
            return null;
        }

        if (plan.Careers == CareerPlan.None)
        {
            return [];
        }

        var payable = await _runs(db, ct).ConfigureAwait(false);
        var results = new List<CalculationResult>();
        for (var m = 1; m <= 12; m++)
        {
            var month = new Period(PeriodKind.Month, year, m);
            if (payable.TryGetValue(month.ToString(), out var runId))
            {
                results.Add(await PayrollLedger.StoredAsync(db, plan, month, runId, null, ct).ConfigureAwait(false));
            }
        }

        var january = new DateOnly(year, 1, 31);
        var people = await db.Employees.AsNoTracking().Include(e => e.Assignments).ToListAsync(ct).ConfigureAwait(false);
        var employees = people.Select(e => DatasetBuilder.EmployeeOn(e, january)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var found = CareerRecommender.Recommend(plan.Careers, year, results, employees);
        var ids = found.Select(f => f.Employee).Distinct().ToList();
        var decisions = await db.CareerDecisions.AsNoTracking().Where(d => ids.Contains(d.EmployeeId)).ToListAsync(ct).ConfigureAwait(false);
        var byId = employees.ToDictionary(e => e.Id, StringComparer.Ordinal);
        return [.. found.Select(r => new CareerItem(r, byId[r.Employee].Name, byId[r.Employee].Category, byId[r.Employee].Tier,
            decisions.FirstOrDefault(d => d.EmployeeId == r.Employee && d.Rule == CareerRuleCodes.Code(r.Rule) && d.Effective == r.Effective.ToString())))];
    }

    /// <summary>
    /// HR's decision on the recommendation (<paramref name="employee"/>, <paramref name="rule"/> code, <paramref name="effective"/> month):
    /// accept (the change is made and the decision stored in one transaction) or reject with a reason.
    /// </summary>
    public async Task<CareerOutcome> DecideAsync(string employee, string rule, Period effective, bool accept, string? reason, string? tier, string? category, string? position,
        string userId, CompanyTimeZone zone, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(zone);
        var key = $"{employee} {rule} {effective}";
        var items = await ListAsync(effective.Year, ct).ConfigureAwait(false) ?? [];
        var item = items.FirstOrDefault(i => i.Recommendation.Employee == employee && CareerRuleCodes.Code(i.Recommendation.Rule) == rule && i.Recommendation.Effective == effective);
        if (item is null)
        {
            return new(null, CareerDecisionProblem.NotRecommended, [key]);
        }

        if (item.Decision is not null)
        {
            return new(item, CareerDecisionProblem.AlreadyDecided, [key]);
        }

        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            return new(item, CareerDecisionProblem.ReasonRequired, [key]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var person = await db.Employees.AsNoTracking().Include(e => e.Assignments).SingleAsync(e => e.Id == employee, ct).ConfigureAwait(false);
        var before = DatasetBuilder.Current(person.Assignments, effective.Start.AddDays(-1));
        CareerChange? change = null;
        if (accept)
        {
            var (c, problem) = CareerChanges.For(item.Recommendation, before?.Tier ?? "", tier, category, position);
            if (problem is { } p)
            {
                return new(item, p == CareerChangeProblem.TierChanged ? CareerDecisionProblem.TierChanged : CareerDecisionProblem.NeedsNewPosition, [key, before?.Tier ?? ""]);
            }

            change = c;
        }

        var described = change is null ? null : Describe(change, before);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (change is not null)
            {
                var org = new OrgService(db, time, zone);
                var current = await db.Employees.AsNoTracking().SingleAsync(e => e.Id == employee, ct).ConfigureAwait(false);
                var result = change.LeaveDate is { } leave
                    ? await org.UpdateEmployeeAsync(employee, current.Version, new PersonInput(employee, current.Name, current.HireDate, current.ProbationEnd, leave), userId, ct).ConfigureAwait(false)
                    : await org.TransferAsync(employee, current.Version, new TransferInput(change.EffectiveFrom, null, null, change.Position, change.Category, null, change.Tier), userId, ct).ConfigureAwait(false);
                if (result.Outcome != OrgOutcome.Ok)
                {
                    await tx.RollbackAsync(ct).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    var why = string.Join("; ", result.Problems.Select(p => p.Field + ": " + p.Code));
                    return new CareerOutcome(item, CareerDecisionProblem.ChangeRefused, [key, why.Length == 0 ? result.Outcome.ToString() : why]);
                }
            }

            var decision = new CareerDecisionEntity
            {
                EmployeeId = employee,
                Rule = rule,
                Effective = effective.ToString(),
                Accepted = accept,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                Change = described,
                DecidedBy = userId,
                DecidedAt = now,
            };
            db.CareerDecisions.Add(decision);
            db.Audit(now, userId, accept ? "career.accept" : "career.reject", employee,
                $"{rule} from {effective}" + (described is null ? "" : ": " + described) + (decision.Reason is { } r ? "; reason: " + r : ""));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return new CareerOutcome(item with { Decision = decision }, null, []);
        }).ConfigureAwait(false);
    }

    /// <summary>The change as the audit log and the page say it (codes; the page shows names).</summary>
    private static string Describe(CareerChange c, Assignment? before)
    {
        var day = c.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (c.LeaveDate is { } leave)
        {
            return "leaves on " + leave.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var parts = new List<string>();
        if (c.Tier is not null)
        {
            parts.Add($"tier {before?.Tier ?? "-"} → {(c.Tier.Length == 0 ? "-" : c.Tier)}");
        }

        if (c.Category is not null)
        {
            parts.Add($"category {before?.Category ?? "-"} → {c.Category}");
        }

        if (c.Position is not null)
        {
            parts.Add($"position {before?.Position ?? "-"} → {c.Position}");
        }

        return string.Join(", ", parts) + " from " + day;
    }
}
