using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Compensation;

/// <summary>
/// Team reward pools (seed 004 团队奖励): a team meeting the month's target earns its pool, the supervisor's distribution must sum
/// exactly to it, the manager (never the supervisor or the submitter) approves, and approved shares are ledger lines.
/// </summary>
public class TeamRewardPoolTests
{
    private const string PlanYaml = """
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          team_vehicles: { source: sales, field: units, scope: team }
          team_revenue: { source: sales, field: amount, scope: team }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          supervisor:
            periods: [month]
            match: { position: supervisor }
            indicators:
              - code: team_sales
                points: 80
                rule: sum_of_parts
                parts:
                  - { name: 车辆, rule: ratio, metric: team_vehicles, points: 40 }
                  - { name: 销售额, rule: ratio, metric: team_revenue, points: 40 }
              - { code: team_management, points: 20, rule: rating, rubric: [{ level: 好, min: 0, max: 20 }] }
        team_rewards:
          - { code: team_reward, name: 团队奖励, name_en: Team reward, scorecards: [supervisor], indicator: team_sales, pool: { by: level, values: { senior: 4500 }, default: 3000 } }
        """;

    private static readonly Period May = Period.Parse("2026-05");

    private static EmployeeResult Supervisor(string id, string name, decimal vehicles, decimal revenue) => new(0, id, name, "T-" + id, "supervisor",
        [new IndicatorResult("team_sales", "团队销售业绩", "sum_of_parts", 80m, 0m, null, null, null,
            [new PartResult("车辆", 0m, vehicles, 20m, vehicles / 20m), new PartResult("销售额", 0m, revenue, 4_000_000m, revenue / 4_000_000m)])],
        0m, null, null, []);

    private static Employee Emp(string id, string level) => new(id, id, "T-" + id, null, "supervisor", "", level, "", new DateOnly(2020, 1, 1), null);

    [Fact]
    public void Plan_WhenTeamRewardsAreGiven_ThenRuleWithItsPoolTable()
    {
        var rule = Assert.Single(TestPlans.Load(PlanYaml).TeamRewards);
        Assert.Equal(("team_reward", "团队奖励", "Team reward", "team_sales"), (rule.Code, rule.Name, rule.NameEn, rule.Indicator));
        Assert.True(rule.Pool.TryGet("senior", out var senior) && senior == 4500m);
        Assert.True(rule.Pool.TryGet("core", out var other) && other == 3000m);
    }

    [Fact]
    public void Earned_WhenBothPartsReachTheTarget_ThenThePoolByTheLeadersLevel_AndNoneWhenOnePartFallsShort()
    {
        var rule = TestPlans.Load(PlanYaml).TeamRewards[0];
        // S1: 20 of 20 vehicles and 4,000,000 of 4,000,000 → met, pool 3,000.00 (default); S2 (senior): 24 and 4,100,000 → 4,500.00;
        // S3: 25 vehicles but 3,999,999.99 of revenue → one part short, no pool.
        var month = new CalculationResult(May, "t", 1,
            [Supervisor("S1", "王伟", 20m, 4_000_000m), Supervisor("S2", "李芳", 24m, 4_100_000m), Supervisor("S3", "张敏", 25m, 3_999_999.99m)], [], 0,
            new Dictionary<string, Jixiao.Domain.Explanations.Explanation>());
        var employees = new[] { Emp("S1", "core"), Emp("S2", "senior"), Emp("S3", "core") }.ToDictionary(e => e.Id);
        var pools = TeamRewardPools.Earned(rule, month, employees);
        Assert.Equal([new TeamPool("team_reward", "S1", "王伟", "T-S1", May, 3000.00m), new TeamPool("team_reward", "S2", "李芳", "T-S2", May, 4500.00m)], pools);
        // A quarter's results never earn a monthly team reward.
        Assert.Empty(TeamRewardPools.Earned(rule, month with { Period = Period.Parse("2026-Q2") }, employees));
    }

    [Fact]
    public void Met_WhenAnIndicatorHasNoAchievement_ThenNever()
    {
        Assert.False(TeamRewardPools.Met(new IndicatorResult("team_management", "团队管理", "rating", 20m, 20m, null, null, null, null)));
        Assert.True(TeamRewardPools.Met(new IndicatorResult("x", "x", "ratio", 10m, 10m, 5m, 5m, 1m, null)));
        Assert.False(TeamRewardPools.Met(new IndicatorResult("x", "x", "ratio", 10m, 9.99m, 4.99m, 5m, 0.998m, null)));
    }

    [Fact]
    public void Shares_WhenTheyDoNotSumExactlyToThePool_ThenRefusedWithWhatIsLeft()
    {
        string[] team = ["P01", "P02", "P03"];
        // 1,200.00 + 1,000.00 + 800.00 = 3,000.00: exactly the pool.
        Assert.Null(TeamRewardPools.CheckShares(3000m, team, [new("P01", 1200.00m), new("P02", 1000.00m), new("P03", 800.00m)]));
        // One cent short: 2,999.99 of 3,000.00, 0.01 left.
        var shortBy = TeamRewardPools.CheckShares(3000m, team, [new("P01", 1200.00m), new("P02", 1000.00m), new("P03", 799.99m)]);
        Assert.Equal(TeamRewardProblem.NotPool, shortBy!.Value.Problem);
        Assert.Equal(["2999.99", "3000.00", "0.01"], shortBy.Value.Arguments);
        // Over by 100.00: left is −100.00.
        Assert.Equal(["3100.00", "3000.00", "-100.00"], TeamRewardPools.CheckShares(3000m, team, [new("P01", 3100m)])!.Value.Arguments);
        Assert.Equal(TeamRewardProblem.NotMember, TeamRewardPools.CheckShares(3000m, team, [new("P99", 3000m)])!.Value.Problem);
        Assert.Equal(TeamRewardProblem.Twice, TeamRewardPools.CheckShares(3000m, team, [new("P01", 1500m), new("P01", 1500m)])!.Value.Problem);
        Assert.Equal(TeamRewardProblem.Negative, TeamRewardPools.CheckShares(3000m, team, [new("P01", 3500m), new("P02", -500m)])!.Value.Problem);
        Assert.Equal(TeamRewardProblem.NotCents, TeamRewardPools.CheckShares(3000m, team, [new("P01", 1500.005m), new("P02", 1499.995m)])!.Value.Problem);
    }

    [Fact]
    public void Decide_WhenTheSupervisorOrTheSubmitterApproves_ThenRefused_AndOnlyOnce()
    {
        Assert.Equal(TeamRewardProblem.OwnDistribution, TeamRewardPools.CheckDecision("S11", "u-sup", "u-sup", "S11", decided: false));
        Assert.Equal(TeamRewardProblem.OwnDistribution, TeamRewardPools.CheckDecision("S11", "u-hr", "u-other", "S11", decided: false));
        Assert.Null(TeamRewardPools.CheckDecision("S11", "u-sup", "u-mgr", "M01", decided: false));
        Assert.Equal(TeamRewardProblem.AlreadyDecided, TeamRewardPools.CheckDecision("S11", "u-sup", "u-mgr", "M01", decided: true));
    }

    [Fact]
    public void Ledger_WhenSharesOfAMayPoolAreApproved_ThenPaidInJuneExplainedAsTheTeamsPool()
    {
        var plan = TestPlans.Load(PlanYaml);
        var granted = new GrantedAmount("P01", "team_reward", May, 1200.00m) { Pool = new TeamPoolShare(3000.00m, "王伟") };
        var lines = LedgerBuilder.Build(new LedgerInput(plan, 2026, DataBuilder.D("2026-12-31"), [],
            [new Employee("P01", "P01", "T-S1", "S1", "salesperson", "", "", "", DataBuilder.D("2020-01-01"), null)], [], WorkingDayCalendar.China)
        {
            Granted = [granted],
        });
        var line = Assert.Single(lines);
        Assert.Equal((LedgerStatus.Paid, 1200.00m, Period.Parse("2026-06"), LedgerRule.TeamRewardShare), (line.Status, line.Amount, line.PayMonth, line.Rule));
        Assert.Equal("团队奖励：王伟 团队完成 2026-05 月度销售任务，团队奖励池 3000.00 中分得 1200.00（主管分配、经理审批），2026-06 发放", line.Explain());
    }

    [Fact]
    public void Ledger_WhenThePlanSchedulesTheTeamReward_ThenPaidAsScheduled_AndALeaverForfeitsOnlyWhenItSaysSo()
    {
        // month_after_quarter: a May share is paid in July (the month after Q2); forfeit_on_leave: a leaver of 2026-06-30 forfeits it.
        var plan = TestPlans.Load(PlanYaml + "\npayment:\n  schedules:\n    team_reward: { pay: month_after_quarter, forfeit_on_leave: true }\n");
        var kept = TestPlans.Load(PlanYaml + "\npayment:\n  schedules:\n    team_reward: { pay: month_after_quarter }\n");
        var granted = new GrantedAmount("P01", "team_reward", May, 1200.00m) { Pool = new TeamPoolShare(3000.00m, "王伟") };
        Employee[] people = [new Employee("P01", "P01", "T-S1", "S1", "salesperson", "", "", "", DataBuilder.D("2020-01-01"), DataBuilder.D("2026-06-30"))];
        LedgerLine One(Plan p) => Assert.Single(LedgerBuilder.Build(new LedgerInput(p, 2026, DataBuilder.D("2026-12-31"), [], people, [], WorkingDayCalendar.China)
        {
            Granted = [granted],
        }));
        var forfeited = One(plan);
        Assert.Equal((LedgerStatus.Forfeited, 1200.00m, Period.Parse("2026-07")), (forfeited.Status, forfeited.Amount, forfeited.PayMonth));
        // Without forfeit_on_leave the team reward's default holds: kept by a leaver.
        var paid = One(kept);
        Assert.Equal((LedgerStatus.Paid, 1200.00m, Period.Parse("2026-07"), LedgerRule.TeamRewardShare), (paid.Status, paid.Amount, paid.PayMonth, paid.Rule));
        Assert.Equal("團隊獎勵", TestPlans.Load(PlanYaml.Replace("name_en: Team reward,", "name_en: Team reward, name_zh_tw: 團隊獎勵,", StringComparison.Ordinal)).TeamRewards[0].NameZhTw);
    }

    [Fact]
    public void Plan_WhenTheIndicatorIsARatingOrTheCodeIsTaken_ThenProblems()
    {
        var rating = PlanLoader.Load(PlanYaml.Replace("indicator: team_sales", "indicator: team_management", StringComparison.Ordinal));
        Assert.Contains(rating.Problems, p => p.Code == PlanProblemCode.TeamRewardNoTarget);
        var unknown = PlanLoader.Load(PlanYaml.Replace("indicator: team_sales", "indicator: nothing", StringComparison.Ordinal));
        Assert.Contains(unknown.Problems, p => p.Code == PlanProblemCode.UnknownPaymentIndicator);
        var salary = PlanLoader.Load(PlanYaml.Replace("code: team_reward", "code: salary", StringComparison.Ordinal));
        Assert.Contains(salary.Problems, p => p.Code == PlanProblemCode.DuplicateCode);
        Assert.Null(PlanLoader.Load(PlanYaml.Replace("pool: { by: level, values: { senior: 4500 }, default: 3000 }", "pool: -1", StringComparison.Ordinal)).Plan);
    }

    [Fact]
    public void Template_4S_WhenLoaded_ThenTheTeamRewardIsTheSupervisorsTeamSalesWith3000()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "templates", "4s-dealership.yaml");
        if (!File.Exists(path))
        {
            path = Path.Combine(FindRoot(), "templates", "4s-dealership.yaml");
        }

        var rule = Assert.Single(TestPlans.Load(File.ReadAllText(path)).TeamRewards);
        Assert.Equal(("team_reward", "team_sales"), (rule.Code, rule.Indicator));
        Assert.Equal(["supervisor"], rule.Scorecards);
        Assert.Equal(3000m, rule.Pool.Fixed);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
