using System.Globalization;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Tests.Plans;

namespace Jixiao.Domain.Tests.Careers;

/// <summary>The plan's <c>careers</c> section (docs/plan-format.md §10b): the logistics template's thresholds, defaults, and every problem located.</summary>
public class CareerPlanTests
{
    private const string Base = """
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          credit: { source: sales, field: amount }
        scorecards:
          b:
            match: { category: B }
            periods: [month]
            indicators:
              - { code: task, points: 100, rule: ratio, metric: credit }
        """;

    [Fact]
    public void Template_WhenLoaded_ThenCareersStateTheSeedsThresholds()
    {
        var result = PlanLoader.LoadFile(Path.Combine(PlanLoaderTests.RepoRoot(), "templates", "logistics-a-to-f.yaml"));
        Assert.True(result.Ok, string.Join("\n", result.Problems.Select(p => p.Format(CultureInfo.InvariantCulture))));
        var careers = result.Plan!.Careers;
        Assert.Equal(["b1", "b2", "b3"], careers.Tiers!.Order);
        Assert.Equal((3, 1m, 1m, 0.6m), (careers.Tiers.Months, careers.Tiers.UpAtLeast, careers.Tiers.DownBelow, careers.Tiers.ExitAtMost));
        Assert.Equal((3, 1, 0.4m, 80m, 2), (careers.Probation!.NoTargetMonthsFirstTier, careers.Probation.NoTargetMonthsOtherTiers,
            careers.Probation.FirstQuarterBelow, careers.Probation.ScoreBelow, careers.Probation.ScoreMonths));
        Assert.Equal(("team_task", 0.8m, 3, 0.8m), (careers.Reassignment!.Indicator, careers.Reassignment.SecondQuarterBelow,
            careers.Reassignment.MissedQuarters, careers.Reassignment.CumulativeBelow));
    }

    [Fact]
    public void Careers_WhenOnlyWhoIsGiven_ThenTheSeedsDefaults()
    {
        var plan = TestPlans.Load(Base + "\ncareers:\n  tiers: { scorecards: [b], indicator: task, order: [b1, b2] }\n  probation: { scorecards: [b], indicator: task }\n");
        Assert.Equal((3, 1m, 1m, 0.6m), (plan.Careers.Tiers!.Months, plan.Careers.Tiers.UpAtLeast, plan.Careers.Tiers.DownBelow, plan.Careers.Tiers.ExitAtMost));
        Assert.Equal((3, 1, 0.4m, 80m, 2), (plan.Careers.Probation!.NoTargetMonthsFirstTier, plan.Careers.Probation.NoTargetMonthsOtherTiers,
            plan.Careers.Probation.FirstQuarterBelow, plan.Careers.Probation.ScoreBelow, plan.Careers.Probation.ScoreMonths));
        Assert.Null(plan.Careers.Reassignment);
        Assert.Null(TestPlans.Load(Base).Careers.Tiers);
    }

    [Theory]
    [InlineData("tiers: { scorecards: [b], indicator: task, order: [b1, b1] }", PlanProblemCode.CareerTierTwice, "careers.tiers.order: tier 'b1' is listed twice")]
    [InlineData("tiers: { scorecards: [b], indicator: task, order: [b1] }", PlanProblemCode.CareerNoTiers, "careers.tiers.order: give at least two tiers")]
    [InlineData("tiers: { scorecards: [x], indicator: task, order: [b1, b2] }", PlanProblemCode.UnknownScorecard, "scorecard 'x' is not defined")]
    [InlineData("tiers: { scorecards: [b], indicator: nope, order: [b1, b2] }", PlanProblemCode.UnknownPaymentIndicator, "indicator 'nope'")]
    [InlineData("tiers: { scorecards: [b], indicator: task }", PlanProblemCode.MissingKey, "'order' is required in careers.tiers")]
    [InlineData("probation: { scorecards: [b], indicator: task, first_quarter_below: 0 }", PlanProblemCode.OutOfRange, "careers.probation.first_quarter_below")]
    [InlineData("reassignment: { scorecards: [b], indicator: task, missed_quarters: 5 }", PlanProblemCode.OutOfRange, "careers.reassignment.missed_quarters")]
    [InlineData("promotions: {}", PlanProblemCode.UnknownKey, "unknown key 'promotions' in careers")]
    public void Careers_WhenWrong_ThenLocatedProblemAndNoPlan(string section, PlanProblemCode code, string message)
    {
        var result = PlanLoader.Load(Base + "\ncareers:\n  " + section + "\n", "test.yaml");
        Assert.False(result.Ok);
        var problem = Assert.Single(result.Errors);
        Assert.Equal(code, problem.Code);
        Assert.Equal(11, problem.Line);
        Assert.Contains(message, problem.Message(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }
}
