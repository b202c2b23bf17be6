using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// A team reward a plan offers (seed 004 团队奖励, plan <c>team_rewards</c>, docs/plan-format.md §10e): a team whose leader, assessed
/// on one of <paramref name="Scorecards"/>, meets the month's target of <paramref name="Indicator"/> earns a pool of
/// <paramref name="Pool"/> (by the leader's level, tier, category or position); the leader distributes it among the team.
/// </summary>
public sealed record TeamRewardRule(string Code, string Name, string? NameEn, IReadOnlyList<string> Scorecards, string Indicator, ValueTable Pool)
{
    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <see cref="Name"/> with OpenCC.</summary>
    public string? NameZhTw { get; init; }
}

/// <summary>A pool a team earned in a month: the rule, the team's leader (and unit), the month, the amount.</summary>
public sealed record TeamPool(string Rule, string Leader, string LeaderName, string OrgUnit, Period Month, decimal Amount);

/// <summary>One person's part of a pool as the leader enters it.</summary>
public sealed record TeamShare(string Employee, decimal Amount);

/// <summary>Why a distribution cannot be submitted or decided (messages: the web app's CompensationText <c>Team_Problem_{code}</c>).</summary>
public enum TeamRewardProblem
{
    /// <summary>{0} is not a member of the team.</summary>
    NotMember,

    /// <summary>{0} is listed twice.</summary>
    Twice,

    /// <summary>{0}'s share {1} is below zero.</summary>
    Negative,

    /// <summary>{0}'s share {1} has more than two decimals.</summary>
    NotCents,

    /// <summary>The shares sum to {0}, the pool is {1}: {2} left to distribute.</summary>
    NotPool,

    /// <summary>Only the team's leader distributes the pool.</summary>
    NotLeader,

    /// <summary>The leader (or whoever submitted) cannot approve their own distribution.</summary>
    OwnDistribution,

    /// <summary>The distribution is decided already (or a decided one exists for this pool).</summary>
    AlreadyDecided,

    /// <summary>No such pool: the team did not meet the month's target, or the month has no published results.</summary>
    NoPool,

    /// <summary>Distribution #{0} is of a pool the month's payable result no longer earns (void): it can be rejected, not approved.</summary>
    PoolVoid,
}

/// <summary>
/// The team reward pool rules (seed 004 七.(一).2 "当销售团队完成月度销售任务时，给予团队一定金额的团队奖励，由销售主管根据团队成员表现进行分配"):
/// which teams earned a pool in a month (<see cref="Earned"/>), whether a distribution may be submitted (<see cref="CheckShares"/>:
/// members only, to the cent, never below zero, summing exactly to the pool) and who may approve it (<see cref="CheckDecision"/>).
/// </summary>
public static class TeamRewardPools
{
    /// <summary>
    /// Whether the indicator meets its target: its achievement (actual ÷ target, or target ÷ actual for lower-is-better) is at
    /// least 100%, and so is every part of a sum of parts that has a target. An indicator without an achievement (a rating) never does.
    /// </summary>
    public static bool Met(IndicatorResult indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (indicator.Parts is { Count: > 0 } parts)
        {
            var scored = parts.Where(p => p.Target is not null).ToList();
            return scored.Count > 0 && scored.TrueForAll(p => p.Achievement is >= 1m);
        }

        return indicator.Achievement is >= 1m;
    }

    /// <summary>
    /// The pools earned in a month's results: for every person assessed on one of the rule's scorecards whose indicator is met
    /// (<see cref="Met"/>), the pool of the rule's value table for that person (none when the table has no value for them or it is 0).
    /// </summary>
    public static IReadOnlyList<TeamPool> Earned(TeamRewardRule rule, CalculationResult month, IReadOnlyDictionary<string, Employee> employees)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(employees);
        var pools = new List<TeamPool>();
        if (month.Period.Kind != PeriodKind.Month)
        {
            return pools;
        }

        foreach (var person in month.Results.Where(p => rule.Scorecards.Contains(p.Scorecard, StringComparer.Ordinal)))
        {
            var indicator = person.Indicators.FirstOrDefault(i => i.Code == rule.Indicator);
            if (indicator is null || !Met(indicator))
            {
                continue;
            }

            var emp = employees.GetValueOrDefault(person.Employee);
            var key = emp is null ? null : ValueTable.Attribute(rule.Pool.By, emp);
            if (rule.Pool.TryGet(key, out var amount) && amount > 0m)
            {
                pools.Add(new TeamPool(rule.Code, person.Employee, person.Name, person.OrgUnit, month.Period, Money.Round(amount)));
            }
        }

        return pools;
    }

    /// <summary>
    /// Why <paramref name="shares"/> cannot be submitted for a pool of <paramref name="pool"/> among <paramref name="members"/>
    /// (null: they can), with the message's arguments.
    /// </summary>
    public static (TeamRewardProblem Problem, string[] Arguments)? CheckShares(decimal pool, IReadOnlyCollection<string> members, IReadOnlyList<TeamShare> shares)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(shares);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in shares)
        {
            if (!members.Contains(s.Employee))
            {
                return (TeamRewardProblem.NotMember, [s.Employee]);
            }

            if (!seen.Add(s.Employee))
            {
                return (TeamRewardProblem.Twice, [s.Employee]);
            }

            if (s.Amount < 0m)
            {
                return (TeamRewardProblem.Negative, [s.Employee, Ledger.LedgerCsv.Amount(s.Amount)]);
            }

            if (Money.Round(s.Amount) != s.Amount)
            {
                return (TeamRewardProblem.NotCents, [s.Employee, s.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        var sum = shares.Sum(s => s.Amount);
        return sum == pool ? null : (TeamRewardProblem.NotPool, [Ledger.LedgerCsv.Amount(sum), Ledger.LedgerCsv.Amount(pool), Ledger.LedgerCsv.Amount(pool - sum)]);
    }

    /// <summary>
    /// Why <paramref name="approver"/> cannot decide a distribution of <paramref name="leader"/>'s team submitted by
    /// <paramref name="submitter"/> (null: they can): never the leader, never whoever submitted it, and only once.
    /// <paramref name="approverEmployee"/> is the approver's linked employee, if any.
    /// </summary>
    public static TeamRewardProblem? CheckDecision(string leader, string submitter, string approver, string? approverEmployee, bool decided) =>
        decided ? TeamRewardProblem.AlreadyDecided
        : string.Equals(submitter, approver, StringComparison.Ordinal) || string.Equals(leader, approverEmployee, StringComparison.Ordinal) ? TeamRewardProblem.OwnDistribution
        : null;
}
