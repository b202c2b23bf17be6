using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Careers;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Careers;

/// <summary>
/// Every career rule on hand-made month results, with the rates worked out by hand in each test (seed 003's thresholds):
/// runs of exactly 100%, exactly 60%, exactly 40%, exactly 80; gap months breaking a run; the recommendation's month and evidence.
/// </summary>
public class CareerRulesTests
{
    private static readonly TierRules Tiers = new(["b"], "task", ["b1", "b2", "b3"], 3, 1m, 1m, 0.6m);

    private static readonly ProbationRules Probation = new(["b"], "task", 3, 1, 0.4m, 80m, 2);

    private static readonly ReassignmentRules Reassignment = new(["a"], "team_task", 0.8m, 3, 0.8m);

    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static Employee Emp(string id, string tier, string hired) =>
        new(id, id, "U", null, "p", "B", "", tier, DataBuilder.D(hired), null);

    /// <summary>Month results of one person on <paramref name="card"/>: (month, actual, target, total); a null target is a month without one.</summary>
    private static List<CalculationResult> Months(string id, string card, string indicator, params (int Month, decimal Actual, decimal? Target, decimal Total)[] months) =>
        [.. months.Select(m => new CalculationResult(new Period(PeriodKind.Month, 2026, m.Month), "t", 1,
            [new EmployeeResult(0, id, id, "U", card,
                [new IndicatorResult(indicator, indicator, "ratio", 50m, 50m, m.Actual, m.Target, m.Target is { } t ? m.Actual / t : null, null)],
                m.Total, null, null, [])],
            [], 0, new Dictionary<string, Jixiao.Domain.Explanations.Explanation>()))];

    private static List<CalculationResult> B(params (int Month, decimal Actual, decimal? Target)[] months) =>
        Months("B1", "b", "task", [.. months.Select(m => (m.Month, m.Actual, m.Target, 90m))]);

    private static List<CalculationResult> A(params (int Month, decimal Actual, decimal Target)[] months) =>
        Months("A1", "a", "team_task", [.. months.Select(m => (m.Month, m.Actual, (decimal?)m.Target, 90m))]);

    private static IReadOnlyList<CareerRecommendation> Run(CareerPlan plan, List<CalculationResult> results, params Employee[] employees) =>
        CareerRecommender.Recommend(plan, 2026, results, employees);

    private static string Flat(CareerRecommendation r) => $"{r.Employee} {CareerRuleCodes.Code(r.Rule)} {r.Effective}";

    private static readonly CareerPlan TiersOnly = new(Tiers, null, null);

    [Fact]
    public void TierPromotion_WhenThreeMonthsFromExactly100_ThenUpFromTheFourthAndDemotedWhenTheNextThreeFallShort()
    {
        // Jan 100,000 / 100,000 = 100% (exactly: counts), Feb 120%, Mar 105% → b1 → b2 from April.
        // Apr 90,000 + May 100,000 + Jun 130,000 = 320,000 of 3 × 120,000 = 360,000 → 88.89% < 100% → back to b1 from July.
        var results = B((1, 100_000m, 100_000m), (2, 120_000m, 100_000m), (3, 105_000m, 100_000m),
            (4, 90_000m, 120_000m), (5, 100_000m, 120_000m), (6, 130_000m, 120_000m));
        var found = Run(TiersOnly, results, Emp("B1", "b1", "2020-01-06"));

        Assert.Equal(["B1 tier_promotion 2026-04", "B1 tier_demotion 2026-07"], found.Select(Flat));
        Assert.Equal("2026-01 100%, 2026-02 120%, 2026-03 105%: three consecutive months at or above 100% of the monthly target → tier b1 to b2 from 2026-04",
            found[0].Explain(En));
        Assert.Equal("after the promotion to tier b2: 2026-04 75%, 2026-05 83.33%, 2026-06 108.33% together 320000 of 360000 = 88.89%, below 100% → back to tier b1 from 2026-07",
            found[1].Explain(En));
        Assert.Equal("升档", found[0].RuleName());
        Assert.Equal("tier promotion", found[0].RuleName(En));
        Assert.Equal("升檔", found[0].RuleName(CultureInfo.GetCultureInfo("zh-TW")));
    }

    [Fact]
    public void TierDemotion_WhenTheThreeMonthsTotalExactly100_ThenTheTierIsKept()
    {
        // Apr 100% + May 110% + Jun 90% of 100,000 each: 300,000 of 300,000 = 100% → not below: kept; Jun breaks a new run.
        var results = B((1, 110_000m, 100_000m), (2, 110_000m, 100_000m), (3, 110_000m, 100_000m),
            (4, 100_000m, 100_000m), (5, 110_000m, 100_000m), (6, 90_000m, 100_000m));
        var found = Run(TiersOnly, results, Emp("B1", "b1", "2020-01-06"));
        Assert.Equal(["B1 tier_promotion 2026-04"], found.Select(Flat));
    }

    [Fact]
    public void TierPromotion_WhenAGapMonthBreaksTheRun_ThenCountedAgainAfterIt()
    {
        // Jan, Feb 110%; March has no target (a gap); Apr, May 110% → no run of three until June (Apr–Jun) → b2 from July.
        var results = B((1, 110m, 100m), (2, 110m, 100m), (3, 500m, null), (4, 110m, 100m), (5, 110m, 100m), (6, 110m, 100m));
        var found = Run(TiersOnly, results, Emp("B1", "b1", "2020-01-06"));
        Assert.Equal(["B1 tier_promotion 2026-07"], found.Select(Flat));
    }

    [Fact]
    public void TierExit_WhenThreeMonthsAtMostExactly60_ThenExitFromTheFourthAndNothingAfter()
    {
        // Jan 60,000 / 100,000 = 60% (included: "60%(含)以下"), Feb 50%, Mar 30% → exit from April; Apr–Jun stay low, nothing more.
        var results = B((1, 60_000m, 100_000m), (2, 50_000m, 100_000m), (3, 30_000m, 100_000m), (4, 10m, 100m), (5, 10m, 100m), (6, 10m, 100m));
        var found = Run(TiersOnly, results, Emp("B1", "b2", "2020-01-06"));
        Assert.Equal(["B1 tier_exit 2026-04"], found.Select(Flat));
        Assert.Equal("2026-01 60%, 2026-02 50%, 2026-03 30%: three consecutive months at or below 60% of the monthly target → exit from 2026-04",
            found[0].Explain(En));
    }

    [Fact]
    public void TierExit_WhenOneMonthJustAbove60_ThenNoExit()
    {
        // Mar 60,001 / 100,000 = 60.001% > 60% breaks the run.
        var results = B((1, 60_000m, 100_000m), (2, 50_000m, 100_000m), (3, 60_001m, 100_000m));
        Assert.Empty(Run(TiersOnly, results, Emp("B1", "b2", "2020-01-06")));
    }

    [Fact]
    public void PromotionToManager_WhenPromotedToTheTopTierAndThreeMoreMonthsAt100_ThenManagerFromTheNextMonth()
    {
        // b2: Jan–Mar 100% → b3 from April. Apr–Jun 100%, 101%, 100% of 150: 451 of 450 ≥ 100%, kept; in the top tier → A from July.
        var results = B((1, 100m, 100m), (2, 100m, 100m), (3, 100m, 100m), (4, 150m, 150m), (5, 151.5m, 150m), (6, 150m, 150m));
        var found = Run(TiersOnly, results, Emp("B1", "b2", "2020-01-06"));
        Assert.Equal(["B1 tier_promotion 2026-04", "B1 promotion_to_manager 2026-07"], found.Select(Flat));
        Assert.Equal("in the top tier b3: 2026-04 100%, 2026-05 101%, 2026-06 100% at or above 100% of the monthly target → regional sales manager from 2026-07",
            found[1].Explain(En));
    }

    [Fact]
    public void Tiers_WhenTierUnknownOrScorecardNotCovered_ThenNothing()
    {
        var results = B((1, 200m, 100m), (2, 200m, 100m), (3, 200m, 100m));
        Assert.Empty(Run(TiersOnly, results, Emp("B1", "x9", "2020-01-06")));
        Assert.Empty(Run(new CareerPlan(Tiers with { Scorecards = ["other"] }, null, null), results, Emp("B1", "b1", "2020-01-06")));
    }

    [Fact]
    public void ProbationQuarterExit_WhenFirstTierHireBelow40InTheFirstAssessedQuarter_ThenExitAfterIt()
    {
        // Hired 2026-01-10 (≤ 15th: January is the first month) in b1: Jan–Mar have no target; Apr–Jun is the first assessed
        // quarter: 10,000 + 20,000 + 9,000 = 39,000 of 300,000 = 13% < 40% → exit from July.
        var plan = new CareerPlan(null, Probation, null);
        var results = B((4, 10_000m, 100_000m), (5, 20_000m, 100_000m), (6, 9_000m, 100_000m));
        var found = Run(plan, results, Emp("B1", "b1", "2026-01-10"));
        Assert.Equal(["B1 probation_quarter_exit 2026-07"], found.Select(Flat));
        Assert.Equal("first assessed quarter 2026-04–2026-06: 39000 of 300000 = 13%, below 40% → exit from 2026-07", found[0].Explain(En));
    }

    [Fact]
    public void ProbationQuarterExit_WhenExactly40_ThenStays()
    {
        var plan = new CareerPlan(null, Probation, null);
        var results = B((4, 40_000m, 100_000m), (5, 30_000m, 100_000m), (6, 50_000m, 100_000m));   // 120,000 of 300,000 = 40%
        Assert.Empty(Run(plan, results, Emp("B1", "b1", "2026-01-10")));
    }

    [Fact]
    public void ProbationQuarterExit_WhenHigherTierHiredAfterThe15th_ThenOneMonthWithoutTargetFromTheNextMonth()
    {
        // Hired 2026-01-20 in b2: February is the first month (joined after the 15th), February has no target, Mar–May is
        // the first assessed quarter: 30,000 + 40,000 + 45,000 = 115,000 of 300,000 = 38.33% → exit from June.
        var plan = new CareerPlan(Tiers, Probation, null);
        var results = B((3, 30_000m, 100_000m), (4, 40_000m, 100_000m), (5, 45_000m, 100_000m));
        var found = Run(plan, results, Emp("B1", "b2", "2026-01-20"));
        Assert.Contains("B1 probation_quarter_exit 2026-06", found.Select(Flat));
        Assert.Contains("38.33%", found.Single(r => r.Rule == CareerRule.ProbationQuarterExit).Explain(En), StringComparison.Ordinal);
    }

    [Fact]
    public void ProbationScoreExit_WhenBelow80TwoMonthsRunning_ThenExitAndExactly80Passes()
    {
        // Hired 2026-01-05 in b1: probation Jan–Jun. Jan 85, Feb 79, Mar 80 (exactly 80 passes: the run breaks), Apr 70, May 75
        // → two months in a row below 80 → exit from June.
        var plan = new CareerPlan(null, Probation, null);
        var results = Months("B1", "b", "task", (1, 0m, null, 85m), (2, 0m, null, 79m), (3, 0m, null, 80m), (4, 50m, 100m, 70m), (5, 50m, 100m, 75m));
        var found = Run(plan, results, Emp("B1", "b1", "2026-01-05"));
        Assert.Equal(["B1 probation_score_exit 2026-06"], found.Where(r => r.Rule == CareerRule.ProbationScoreExit).Select(Flat));
        Assert.Equal("probation scorecard below 80 in 2 consecutive months (2026-04 70, 2026-05 75) → exit from 2026-06",
            found.Single(r => r.Rule == CareerRule.ProbationScoreExit).Explain(En));
    }

    [Fact]
    public void ProbationScoreExit_WhenAMonthWithoutResultOrAfterProbation_ThenNoExit()
    {
        // Jan 70, no February result (gap), Mar 70; Jul and Aug below 80 are after probation (Jan–Jun).
        var plan = new CareerPlan(null, Probation, null);
        var results = Months("B1", "b", "task", (1, 0m, null, 70m), (3, 0m, null, 70m), (4, 50m, 100m, 90m), (7, 50m, 100m, 60m), (8, 50m, 100m, 60m));
        Assert.DoesNotContain(Run(plan, results, Emp("B1", "b1", "2026-01-05")), r => r.Rule == CareerRule.ProbationScoreExit);
    }

    [Fact]
    public void SecondQuarterReassignment_WhenBelow80_ThenReassignedAfterItAndExactly80Stays()
    {
        // Hired 2026-02-20: March is the first assessed month, Q1 the first assessed quarter, Q2 the second:
        // 50,000 + 100,000 + 89,000 = 239,000 of 300,000 = 79.67% < 80% → reassignment from July.
        var plan = new CareerPlan(null, null, Reassignment);
        var manager = Emp("A1", "a1", "2026-02-20");
        var found = Run(plan, A((4, 50_000m, 100_000m), (5, 100_000m, 100_000m), (6, 89_000m, 100_000m)), manager);
        Assert.Equal(["A1 second_quarter_reassignment 2026-07"], found.Select(Flat));
        Assert.Equal("second assessed quarter 2026-Q2: 239000 of 300000 = 79.67%, below 80% → reassignment from 2026-07", found[0].Explain(En));

        // 240,000 of 300,000 = 80% exactly: stays.
        Assert.Empty(Run(plan, A((4, 50_000m, 100_000m), (5, 100_000m, 100_000m), (6, 90_000m, 100_000m)), manager));
    }

    [Fact]
    public void SecondQuarterReassignment_WhenHiredAfterThe15thOfAQuarterEnd_ThenTheSecondQuarterIsLater()
    {
        // Hired 2026-03-20: April is the first assessed month → Q2 first, Q3 second. A poor Q2 is not judged; Q3 at 70% is.
        var plan = new CareerPlan(null, null, Reassignment);
        var results = A((4, 10m, 100m), (5, 10m, 100m), (6, 10m, 100m), (7, 70m, 100m), (8, 70m, 100m), (9, 70m, 100m));
        Assert.Equal(["A1 second_quarter_reassignment 2026-10"], Run(plan, results, Emp("A1", "a1", "2026-03-20")).Select(Flat));
    }

    [Fact]
    public void MissedQuartersReassignment_WhenThreeMissedAndCumulativeBelow80_ThenReassignedAfterTheThird()
    {
        // In normal employment (hired 2020). Q1 270/300 = 90%, Q2 210/300 = 70%, Q3 240/300 = 80%: all missed, cumulative
        // 720/900 = 80% (not below) → nothing yet. Q4 150/300 = 50%: Q2–Q4 600/900 = 66.67% < 80% → reassignment from 2027-01.
        var plan = new CareerPlan(null, null, Reassignment);
        var results = A((1, 90m, 100m), (2, 90m, 100m), (3, 90m, 100m), (4, 70m, 100m), (5, 70m, 100m), (6, 70m, 100m),
            (7, 80m, 100m), (8, 80m, 100m), (9, 80m, 100m), (10, 50m, 100m), (11, 50m, 100m), (12, 50m, 100m));
        var found = Run(plan, results, Emp("A1", "a1", "2020-03-02"));
        Assert.Equal(["A1 missed_quarters_reassignment 2027-01"], found.Select(Flat));
        Assert.Equal("quarters missed in a row (2026-Q2 70%, 2026-Q3 80%, 2026-Q4 50%); together 600 of 900 = 66.67%, below 80% → reassignment from 2027-01",
            found[0].Explain(En));
    }

    [Fact]
    public void MissedQuartersReassignment_WhenAQuarterAtExactly100OrIncomplete_ThenTheRunBreaks()
    {
        // Q1 50%, Q2 100% (not missed), Q3 50%, Q4 50%: no three in a row. Then a gap: Q1–Q3 low but August missing.
        var plan = new CareerPlan(null, null, Reassignment);
        var manager = Emp("A1", "a1", "2020-03-02");
        Assert.Empty(Run(plan, A((1, 50m, 100m), (2, 50m, 100m), (3, 50m, 100m), (4, 100m, 100m), (5, 100m, 100m), (6, 100m, 100m),
            (7, 50m, 100m), (8, 50m, 100m), (9, 50m, 100m), (10, 50m, 100m), (11, 50m, 100m), (12, 50m, 100m)), manager));
        Assert.Empty(Run(plan, A((1, 50m, 100m), (2, 50m, 100m), (3, 50m, 100m), (4, 50m, 100m), (5, 50m, 100m), (6, 50m, 100m),
            (7, 50m, 100m), (9, 50m, 100m)), manager));
    }

    [Fact]
    public void Recommend_WhenSeveralPeople_ThenOrderedByEmployeeMonthAndRule()
    {
        // B2 is promoted from April (Jan–Mar 100%); B1 exits from April (Jan–Mar 10%); A0 has no results.
        var plan = TiersOnly;
        var results = Months("B2", "b", "task", (1, 100m, 100m, 90m), (2, 100m, 100m, 90m), (3, 100m, 100m, 90m));
        var low = Months("B1", "b", "task", (1, 10m, 100m, 90m), (2, 10m, 100m, 90m), (3, 10m, 100m, 90m));
        var merged = results.Zip(low, (x, y) => x with { Results = [.. x.Results, .. y.Results] }).ToList();
        var found = Run(plan, merged, Emp("B2", "b1", "2020-01-06"), Emp("B1", "b1", "2020-01-06"), Emp("A0", "a1", "2020-01-06"));
        Assert.Equal(["B1 tier_exit 2026-04", "B2 tier_promotion 2026-04"], found.Select(Flat));
    }
}
