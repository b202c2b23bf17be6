using Jixiao.Domain.Careers;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Careers;

/// <summary>What accepting a career recommendation changes, effective-dated (SPEC §9).</summary>
public class CareerChangeTests
{
    private static CareerRecommendation Rec(CareerRule rule, string effective, params string[] args) => new("B1", rule, Period.Parse(effective), args);

    [Fact]
    public void Accept_WhenTierPromotion_ThenTheNextTierFromTheFirstDayOfTheEffectiveMonth()
    {
        var (change, problem) = CareerChanges.For(Rec(CareerRule.TierPromotion, "2026-04", "b1", "b2", "2026-01 100%, 2026-02 120%, 2026-03 105%", "100%", "2026-04"), "b1", null, null, null);
        Assert.Null(problem);
        Assert.Equal(new CareerChange(new DateOnly(2026, 4, 1), "b2", null, null, null), change);
    }

    [Fact]
    public void Accept_WhenTierDemotion_ThenBackDown()
    {
        var (change, _) = CareerChanges.For(Rec(CareerRule.TierDemotion, "2026-07", "b2", "b1", "2026-04, 2026-05, 2026-06", "320000", "360000", "88.89%", "100%", "2026-07"), "b2", null, null, null);
        Assert.Equal(new CareerChange(new DateOnly(2026, 7, 1), "b1", null, null, null), change);
    }

    [Fact]
    public void Accept_WhenTheTierChangedMeanwhile_ThenRefused()
    {
        var (change, problem) = CareerChanges.For(Rec(CareerRule.TierPromotion, "2026-04", "b1", "b2", "x", "100%", "2026-04"), "b2", null, null, null);
        Assert.Null(change);
        Assert.Equal(CareerChangeProblem.TierChanged, problem);
    }

    [Fact]
    public void Accept_WhenExit_ThenLeavesTheDayBeforeTheEffectiveMonth()
    {
        // Effective 2026-03 (a leap-free February): the last day employed is 28 February.
        var (change, _) = CareerChanges.For(Rec(CareerRule.TierExit, "2026-03", "2025-12 50%, 2026-01 40%, 2026-02 60%", "60%", "2026-03"), "b1", null, null, null);
        Assert.Equal(new DateOnly(2026, 2, 28), change!.LeaveDate);
        Assert.Null(change.Tier);
    }

    [Fact]
    public void Accept_WhenPromotionToManager_ThenCategoryAUnlessHrNamesAnother()
    {
        Assert.Equal(new CareerChange(new DateOnly(2026, 10, 1), "", "A", null, null), CareerChanges.For(Rec(CareerRule.PromotionToManager, "2026-10"), "b3", null, null, null).Change);
        Assert.Equal(new CareerChange(new DateOnly(2026, 10, 1), "a1", "A", "regional_manager", null),
            CareerChanges.For(Rec(CareerRule.PromotionToManager, "2026-10"), "b3", "a1", null, "regional_manager").Change);
    }

    [Fact]
    public void Accept_WhenReassignmentWithoutTheNewPosition_ThenRefusedElseThatPosition()
    {
        Assert.Equal(CareerChangeProblem.NeedsNewPosition, CareerChanges.For(Rec(CareerRule.SecondQuarterReassignment, "2026-07"), "", null, null, null).Problem);
        Assert.Equal(new CareerChange(new DateOnly(2026, 7, 1), null, "B", "salesperson", null),
            CareerChanges.For(Rec(CareerRule.SecondQuarterReassignment, "2026-07"), "", null, "B", "salesperson").Change);
    }
}

/// <summary>The pay a tier change brings, from the plan's by-tier values.</summary>
public class TierPayChangeTests
{
    [Fact]
    public void TierPay_WhenB1ToB2OnTheLogisticsTemplate_ThenManagementBonusAndTargetCommissionRise()
    {
        // templates/logistics-a-to-f.yaml: management bonus b1 1,000 → b2 1,500; the month's target commission b1 3,000 → b2 4,000.
        var plan = Jixiao.Domain.Plans.PlanLoader.LoadFile(Path.Combine(Jixiao.Domain.Tests.Plans.PlanLoaderTests.RepoRoot(), "templates", "logistics-a-to-f.yaml")).Plan!;
        var pay = TierPayChange.Of(plan, "b1", "b2");
        Assert.Equal([new TierPay("management_bonus", "管理指标考核奖金", "Management indicator bonus", 1000m, 1500m), new TierPay("commission", "业务提成", "Sales commission", 3000m, 4000m)], pay);
        Assert.Empty(TierPayChange.Of(plan, "b1", "b1"));
    }
}
