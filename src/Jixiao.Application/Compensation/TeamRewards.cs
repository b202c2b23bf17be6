using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Datasets;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>A team member as the distribution shows them.</summary>
public sealed record TeamMember(string Id, string Name);

/// <summary>
/// A pool a team earned in a month, with its rule, the team's members and its distributions (newest first); the current one is
/// the first that is not rejected (null: the pool is still to be distributed).
/// </summary>
public sealed record TeamPoolView(TeamPool Pool, TeamRewardRule Rule, IReadOnlyList<TeamMember> Members, IReadOnlyList<TeamRewardEntity> Distributions)
{
    public TeamRewardEntity? Current => Distributions.FirstOrDefault(d => d.State != TeamRewardState.Rejected);

    /// <summary>Set when the pool is void: a distribution of it exists but the month's payable result no longer earns it.</summary>
    public TeamPoolVoid? Void { get; init; }
}

/// <summary>Why a distributed pool is void (docs/pay-ledger.md "Team reward pools").</summary>
public enum TeamPoolVoidReason
{
    /// <summary>The month's payable result (republished) no longer has the team meeting its target.</summary>
    NotMet,

    /// <summary>The team still earns a pool, of another amount: the distribution of the old one is void.</summary>
    PoolChanged,

    /// <summary>The month's plan no longer offers the reward.</summary>
    RuleRemoved,
}

/// <summary>
/// A void pool: why, the pool the month earns now (when it changed), and per member the amount the ledger claws back — the
/// share paid in approved payroll months, negated (empty when nothing was paid yet).
/// </summary>
public sealed record TeamPoolVoid(TeamPoolVoidReason Reason, decimal? NowEarned, IReadOnlyList<TeamShare> ClawedBack);

/// <summary>What a team reward action did, or why it was refused (with the message's arguments).</summary>
public sealed record TeamRewardOutcome(TeamRewardEntity? Distribution, TeamRewardProblem? Problem, IReadOnlyList<string> Arguments)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Team reward pools (seed 004 团队奖励; docs/plan-format.md §10e): the pools teams earned in a month's published results
/// (<see cref="PoolsAsync"/>), the leader's distribution summing exactly to the pool (<see cref="SubmitAsync"/>), the manager's
/// approval or rejection (<see cref="DecideAsync"/>, never the leader or the submitter); approved shares are ledger lines
/// (<see cref="GrantedAsync"/>). Every step is audited.
/// </summary>
public sealed class TeamRewardsService(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>The pools earned in <paramref name="month"/> (none without a plan, a team reward rule or a published run of the month).</summary>
    public async Task<IReadOnlyList<TeamPoolView>> PoolsAsync(Period month, CancellationToken ct = default)
    {
        if (month.Kind != PeriodKind.Month)
        {
            return [];
        }

        var version = await CalculationService.PlanVersionForAsync(db, month, ct).ConfigureAwait(false);
        var plan = version is null ? null : Plans.StoredPlans.Of(version);
        var runs = await PayrollLedger.PublishedRunsAsync(db, ct).ConfigureAwait(false);
        if (plan is null || plan.TeamRewards.Count == 0 || !runs.TryGetValue(month.ToString(), out var runId))
        {
            return [];
        }

        var result = await PayrollLedger.StoredAsync(db, plan, month, runId, null, ct).ConfigureAwait(false);
        var rows = await db.Employees.AsNoTracking().Include(e => e.Assignments).ToListAsync(ct).ConfigureAwait(false);
        var employees = rows.Select(e => DatasetBuilder.EmployeeOn(e, month.End)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var key = month.ToString();
        var stored = await db.TeamRewards.AsNoTracking().Include(t => t.Shares).Where(t => t.Month == key).OrderByDescending(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        var views = new List<TeamPoolView>();
        foreach (var rule in plan.TeamRewards)
        {
            foreach (var pool in TeamRewardPools.Earned(rule, result, employees))
            {
                var members = await MembersAsync(pool.Leader, month, employees, ct).ConfigureAwait(false);
                views.Add(new TeamPoolView(pool, rule, members, [.. stored.Where(d => d.Rule == rule.Code && d.LeaderId == pool.Leader && d.Pool == pool.Amount)]));
            }
        }

        // A distribution (waiting or approved) of a pool the payable result no longer earns, as the ledger reads it: void.
        var earned = views.ToList();
        foreach (var d in stored.Where(d => d.State != TeamRewardState.Rejected).GroupBy(d => (d.Rule, d.LeaderId)).Select(g => g.First()))
        {
            if (earned.Any(v => v.Rule.Code == d.Rule && v.Pool.Leader == d.LeaderId && v.Pool.Amount == d.Pool))
            {
                continue;
            }

            var rule = plan.TeamRewards.FirstOrDefault(r => r.Code == d.Rule) ?? await RuleOfAnyVersionAsync(d.Rule, ct).ConfigureAwait(false);
            if (rule is null)
            {
                continue;
            }

            var now = earned.FirstOrDefault(v => v.Rule.Code == d.Rule && v.Pool.Leader == d.LeaderId);
            var reason = !plan.TeamRewards.Any(r => r.Code == d.Rule) ? TeamPoolVoidReason.RuleRemoved : now is null ? TeamPoolVoidReason.NotMet : TeamPoolVoidReason.PoolChanged;
            var leaderName = employees.TryGetValue(d.LeaderId, out var leader) ? leader.Name : d.LeaderId;
            var members = await MembersAsync(d.LeaderId, month, employees, ct).ConfigureAwait(false);
            views.Add(new TeamPoolView(new TeamPool(d.Rule, d.LeaderId, leaderName, d.OrgUnitId, month, d.Pool), rule, members,
                [.. stored.Where(x => x.Rule == d.Rule && x.LeaderId == d.LeaderId && x.Pool == d.Pool)])
            {
                Void = new TeamPoolVoid(reason, now?.Pool.Amount, await ClawedBackAsync(d, ct).ConfigureAwait(false)),
            });
        }

        return views;
    }

    /// <summary>What the ledger claws back of a void distribution: per member, the shares paid in approved payroll months, negated.</summary>
    private async Task<IReadOnlyList<TeamShare>> ClawedBackAsync(TeamRewardEntity d, CancellationToken ct)
    {
        if (d.State != TeamRewardState.Approved)
        {
            return [];
        }

        var members = d.Shares.Select(s => s.EmployeeId).ToList();
        var paid = LedgerStatusCodes.Code(LedgerStatus.Paid);
        var approved = db.PayrollMonths.Where(m => m.State == PayrollMonthState.Approved).Select(m => m.Id);
        var lines = await db.PayrollLines.AsNoTracking()
            .Where(l => l.Earned == d.Month && l.Component == d.Rule && l.Status == paid && members.Contains(l.EmployeeId) && approved.Contains(l.PayrollMonthId))
            .Select(l => new { l.EmployeeId, l.Amount }).ToListAsync(ct).ConfigureAwait(false);
        return [.. lines.GroupBy(l => l.EmployeeId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TeamShare(g.Key, -g.Sum(l => l.Amount))).Where(s => s.Amount != 0m)];
    }

    /// <summary>A team reward rule of that code in any stored plan version (the latest first), for a pool whose plan dropped it.</summary>
    private async Task<TeamRewardRule?> RuleOfAnyVersionAsync(string code, CancellationToken ct)
    {
        var versions = await db.PlanVersions.AsNoTracking().OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Number).Select(v => v.Yaml).ToListAsync(ct).ConfigureAwait(false);
        return versions.Select(y => Plans.StoredPlans.Of(y)?.TeamRewards.FirstOrDefault(r => r.Code == code)).FirstOrDefault(r => r is not null);
    }

    /// <summary>The pool <paramref name="rule"/> of <paramref name="leader"/>'s team in <paramref name="month"/>, or null.</summary>
    public async Task<TeamPoolView?> PoolAsync(string rule, string leader, Period month, CancellationToken ct = default) =>
        (await PoolsAsync(month, ct).ConfigureAwait(false)).FirstOrDefault(p => p.Rule.Code == rule && p.Pool.Leader == leader && p.Void is null);

    /// <summary>
    /// The team: everyone in the units the leader manages (with their descendants) on the month's last day who was employed in
    /// the month, other than the leader, by id.
    /// </summary>
    private async Task<List<TeamMember>> MembersAsync(string leader, Period month, Dictionary<string, Employee> employees, CancellationToken ct)
    {
        var scope = await AccessScope.ForAsync(db, leader, ScopeKind.Subtree, false, month.End, ct).ConfigureAwait(false);
        return [.. scope.Employees.Where(id => id != leader).Select(id => employees.GetValueOrDefault(id)).OfType<Employee>()
            .Where(e => e.HireDate <= month.End && (e.LeaveDate is null || e.LeaveDate >= month.Start))
            .OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => new TeamMember(e.Id, e.Name))];
    }

    /// <summary>
    /// The leader (<paramref name="userEmployee"/>, the signed-in account's employee) submits a distribution of the pool: refused
    /// when there is no such pool, the user is not its leader, a distribution is waiting or approved, or the shares are not the
    /// team's, to the cent, at least zero and summing exactly to the pool.
    /// </summary>
    public async Task<TeamRewardOutcome> SubmitAsync(string rule, string leader, Period month, IReadOnlyList<TeamShare> shares, string userId, string? userEmployee,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(userId);
        var view = await PoolAsync(rule, leader, month, ct).ConfigureAwait(false);
        if (view is null)
        {
            return new(null, TeamRewardProblem.NoPool, [leader, month.ToString()]);
        }

        if (!string.Equals(leader, userEmployee, StringComparison.Ordinal))
        {
            return new(null, TeamRewardProblem.NotLeader, [view.Pool.LeaderName]);
        }

        if (view.Current is { } current)
        {
            return new(current, TeamRewardProblem.AlreadyDecided, [current.Id.ToString(CultureInfo.InvariantCulture)]);
        }

        var names = view.Members.ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
        if (TeamRewardPools.CheckShares(view.Pool.Amount, names.Keys, shares) is { } problem)
        {
            // Name the member where the message names one (a person, not an id); an unknown id stays as given.
            string[] args = [.. problem.Arguments];
            if (problem.Problem is not TeamRewardProblem.NotPool && names.TryGetValue(args[0], out var name))
            {
                args[0] = name;
            }

            return new(null, problem.Problem, args);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var distribution = new TeamRewardEntity
        {
            Rule = rule,
            LeaderId = leader,
            OrgUnitId = view.Pool.OrgUnit,
            Month = month.ToString(),
            Pool = view.Pool.Amount,
            State = TeamRewardState.Submitted,
            SubmittedBy = userId,
            SubmittedAt = now,
            Shares = [.. shares.Select(s => new TeamRewardShareEntity { EmployeeId = s.Employee, Amount = s.Amount })],
        };
        db.TeamRewards.Add(distribution);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.Audit(now, userId, "teamreward.submit", leader, $"#{distribution.Id} {rule} {distribution.Month}: pool {Amt(distribution.Pool)}; "
            + string.Join(", ", shares.Select(s => $"{s.Employee} {Amt(s.Amount)}")), distribution.Month, leader, null, null);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new(distribution, null, []);
    }

    /// <summary>
    /// A manager above the team approves or rejects distribution <paramref name="id"/> (the caller checked the role and that the
    /// team is in the approver's scope); never the leader or the submitter, once. Null when there is no such distribution.
    /// </summary>
    public async Task<TeamRewardOutcome?> DecideAsync(long id, bool approve, string? note, string userId, string? userEmployee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var distribution = await db.TeamRewards.Include(t => t.Shares).SingleOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        if (distribution is null)
        {
            return null;
        }

        if (TeamRewardPools.CheckDecision(distribution.LeaderId, distribution.SubmittedBy, userId, userEmployee, distribution.State != TeamRewardState.Submitted) is { } problem)
        {
            return new(distribution, problem, [id.ToString(CultureInfo.InvariantCulture)]);
        }

        // A pool voided while its distribution waited (the month republished, the team no longer earning that pool) is not approved:
        // the ledger would pay nothing of it, so the approval would mislead. Rejecting it stays possible.
        if (approve)
        {
            var pool = await PoolAsync(distribution.Rule, distribution.LeaderId, Period.Parse(distribution.Month), ct).ConfigureAwait(false);
            if (pool is null || pool.Pool.Amount != distribution.Pool)
            {
                return new(distribution, TeamRewardProblem.PoolVoid, [id.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        distribution.State = approve ? TeamRewardState.Approved : TeamRewardState.Rejected;
        distribution.DecidedBy = userId;
        distribution.DecidedAt = now;
        distribution.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.Audit(now, userId, approve ? "teamreward.approve" : "teamreward.reject", distribution.LeaderId,
            $"#{distribution.Id} {distribution.Rule} {distribution.Month}: pool {Amt(distribution.Pool)}, submitted by {distribution.SubmittedBy}"
            + (distribution.DecisionNote is { } n ? "; note: " + n : ""), distribution.Month, distribution.LeaderId, null, null);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, TeamRewardProblem.AlreadyDecided, [id.ToString(CultureInfo.InvariantCulture)]);
        }

        return new(distribution, null, []);
    }

    /// <summary>A distribution by id, with its shares (null: none).</summary>
    public Task<TeamRewardEntity?> FindAsync(long id, CancellationToken ct = default) =>
        db.TeamRewards.AsNoTracking().Include(t => t.Shares).SingleOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>The approved shares as the ledger's granted amounts (one person's when <paramref name="employee"/> is given), each with its pool and leader.</summary>
    public static async Task<IReadOnlyList<GrantedAmount>> GrantedAsync(JixiaoDbContext db, string? employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One person's (我的收入 on /me): only the pools that give them a share, not every approved pool of the company.
        var rows = await db.TeamRewards.AsNoTracking().Include(t => t.Shares)
            .Where(t => t.State == TeamRewardState.Approved && (employee == null || t.Shares.Any(s => s.EmployeeId == employee)))
            .OrderBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        var leaders = rows.Select(r => r.LeaderId).Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => leaders.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return [.. rows.SelectMany(t => t.Shares.Where(s => s.Amount != 0m && (employee == null || s.EmployeeId == employee)).OrderBy(s => s.Id)
            .Select(s => new GrantedAmount(s.EmployeeId, t.Rule, Period.Parse(t.Month), s.Amount)
            {
                Pool = new TeamPoolShare(t.Pool, names.GetValueOrDefault(t.LeaderId, t.LeaderId)) { Leader = t.LeaderId },
            }))];
    }

    private static string Amt(decimal d) => LedgerCsv.Amount(d);
}
