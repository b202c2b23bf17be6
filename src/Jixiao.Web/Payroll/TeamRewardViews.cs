using System.Globalization;
using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;

namespace Jixiao.Web.Payroll;

/// <summary>A member of a team as shown.</summary>
public sealed record TeamMemberDto(string Id, string Name);

/// <summary>One member's share of a distribution.</summary>
public sealed record TeamShareDto(string Employee, string Name, decimal Amount);

/// <summary>A distribution of a pool: its state, shares, who submitted and who decided.</summary>
public sealed record TeamDistributionDto(long Id, string State, string StateName, IReadOnlyList<TeamShareDto> Shares, string SubmittedBy, DateTime SubmittedAt,
    string? DecidedBy, DateTime? DecidedAt, string? Note);

/// <summary>
/// A team's pool of a month as shown: the rule, the leader and team, the pool, the members, the current distribution (waiting or
/// approved; null: still to distribute), the rejected ones, and what the caller may do (distribute it, decide the waiting one).
/// </summary>
/// A void pool (<c>void</c> true) carries why in the caller's language (<c>voidReason</c>, "作废：…") and the amounts the ledger
/// claws back per member (<c>clawedBack</c>, negative; empty when nothing was paid); nobody may distribute or decide it.
public sealed record TeamPoolDto(string Rule, string RuleName, string Leader, string LeaderName, string Unit, string UnitName, string Month, decimal Pool,
    IReadOnlyList<TeamMemberDto> Members, TeamDistributionDto? Current, IReadOnlyList<TeamDistributionDto> Rejected, bool MayDistribute, bool MayDecide,
    bool Void = false, string? VoidReason = null, IReadOnlyList<TeamShareDto>? ClawedBack = null);

/// <summary>
/// Who sees and does what with team reward pools (seed 004 团队奖励), shared by /api/v1/team-rewards and the 团队奖励 page: HR, finance
/// and administrators read every pool, a manager or supervisor the pools of teams in their subtree (their own as leader); the leader
/// distributes; a manager above the team or an administrator — never the leader or the submitter — decides.
/// </summary>
public static class TeamRewardViews
{
    /// <summary>The roles that see the page.</summary>
    public const string Roles = Auth.Roles.Supervisor + "," + Auth.Roles.Manager + "," + Auth.Roles.Hr + "," + Auth.Roles.Finance + "," + Auth.Roles.Admin;

    /// <summary>Whether <paramref name="user"/> may read <paramref name="leader"/>'s pools.</summary>
    public static bool MayRead(ClaimsPrincipal user, AccessScope scope, string leader)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Kind == ScopeKind.Everyone || scope.Self == leader || (scope.Kind == ScopeKind.Subtree && scope.CanSee(leader));
    }

    /// <summary>Whether <paramref name="user"/> may decide distributions of <paramref name="leader"/>'s team: a manager above it or an administrator, not the leader.</summary>
    public static bool MayDecide(ClaimsPrincipal user, AccessScope scope, string leader)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Self != leader && (user.IsInRole(Auth.Roles.Admin) || (user.IsInRole(Auth.Roles.Manager) && scope.Kind == ScopeKind.Subtree && scope.CanSee(leader)));
    }

    /// <summary>The pools of <paramref name="month"/> the user may read, as shown in <paramref name="culture"/>.</summary>
    public static async Task<IReadOnlyList<TeamPoolDto>> PoolsAsync(JixiaoDbContext db, TimeProvider time, ClaimsPrincipal user, AccessScope scope, Period month,
        CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var pools = (await new TeamRewardsService(db, time).PoolsAsync(month, ct)).Where(p => MayRead(user, scope, p.Pool.Leader)).ToList();
        var units = await PayrollViews.UnitNamesAsync(db, ct);
        var users = await PayrollViews.UserNamesAsync(db, pools.SelectMany(p => p.Distributions).SelectMany(d => new[] { d.SubmittedBy, d.DecidedBy }), ct);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return [.. pools.Select(p =>
        {
            var names = p.Members.ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
            TeamDistributionDto Dto(TeamRewardEntity d) => new(d.Id, d.State.ToString().ToLowerInvariant(), CompensationText.Get(culture, "Team_State_" + d.State),
                [.. d.Shares.OrderBy(s => s.EmployeeId, StringComparer.Ordinal).Select(s => new TeamShareDto(s.EmployeeId, names.GetValueOrDefault(s.EmployeeId, s.EmployeeId), s.Amount))],
                users.GetValueOrDefault(d.SubmittedBy, d.SubmittedBy), d.SubmittedAt, d.DecidedBy is { } by ? users.GetValueOrDefault(by, by) : null, d.DecidedAt, d.DecisionNote);
            var current = p.Current;
            if (p.Void is { } v)
            {
                var reason = CompensationText.Get(culture, "Team_Void_" + v.Reason, p.Pool.Month.ToString(), LocaleFormat.Money(p.Pool.Amount, culture),
                    v.NowEarned is { } now ? LocaleFormat.Money(now, culture) : "");
                return new TeamPoolDto(p.Rule.Code, Plans.PlanNames.In(p.Rule.Name, p.Rule.NameEn, p.Rule.NameZhTw, culture), p.Pool.Leader, p.Pool.LeaderName, p.Pool.OrgUnit,
                    units.GetValueOrDefault(p.Pool.OrgUnit, p.Pool.OrgUnit), p.Pool.Month.ToString(), p.Pool.Amount, [.. p.Members.Select(m => new TeamMemberDto(m.Id, m.Name))],
                    current is null ? null : Dto(current), [.. p.Distributions.Where(d => d.State == TeamRewardState.Rejected).Select(Dto)], MayDistribute: false, MayDecide: false,
                    Void: true, VoidReason: reason, ClawedBack: [.. v.ClawedBack.Select(c => new TeamShareDto(c.Employee, names.GetValueOrDefault(c.Employee, c.Employee), c.Amount))]);
            }

            return new TeamPoolDto(p.Rule.Code, Plans.PlanNames.In(p.Rule.Name, p.Rule.NameEn, p.Rule.NameZhTw, culture), p.Pool.Leader, p.Pool.LeaderName, p.Pool.OrgUnit,
                units.GetValueOrDefault(p.Pool.OrgUnit, p.Pool.OrgUnit), p.Pool.Month.ToString(), p.Pool.Amount, [.. p.Members.Select(m => new TeamMemberDto(m.Id, m.Name))],
                current is null ? null : Dto(current), [.. p.Distributions.Where(d => d.State == TeamRewardState.Rejected).Select(Dto)],
                MayDistribute: current is null && scope.Self == p.Pool.Leader,
                MayDecide: current is { State: TeamRewardState.Submitted } c && c.SubmittedBy != userId && MayDecide(user, scope, p.Pool.Leader));
        })];
    }
}
