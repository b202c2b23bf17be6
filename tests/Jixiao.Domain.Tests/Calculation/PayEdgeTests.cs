namespace Jixiao.Domain.Tests.Calculation;

public class PayEdgeTests
{
    private const string Metrics = """
        sales_amount: { source: sales, aggregate: sum, field: amount }
        aged: { source: collections, aggregate: sum, field: amount, contract_age_rates: [ { from_month: 1, to_month: 12, rate: 0 }, { from_month: 13, to_month: 24, rate: 50% }, { from_month: 25, rate: 0 } ] }
        score: { source: input }
        opening: { source: input, rollup: first }
        """;

    private const string ScoreCard = """
        - { code: s, points: 100, rule: formula, formula: score }
        """;

    [Theory]
    [InlineData(85000, 5000)]     // month target 80,000 met: proportional 85/1200 × 60,000 = 4,250 < full 5,000 → 5,000
    [InlineData(130000, 6500)]    // met and proportional 6,500 > 5,000 → uncapped 6,500
    [InlineData(70000, 3500)]     // not met: 70/1200 × 60,000
    [InlineData(80000, 5000)]     // exactly met
    public void Commission_WhenPeriodTargetCommissionGiven_ThenFullCommissionOnceMet(decimal sales, decimal expected)
    {
        var pay = """
            - code: commission
              kind: commission
              periods: [month]
              metric: sales_amount
              target_commission: { by: tier, values: { t1: 60000 } }
              period_target_commission: { by: tier, values: { t1: 5000 } }
            """;
        var data = new DataBuilder().Unit("u").Person("e1", "u", tier: "t1")
            .Input("e1", "score", "2026-10", 85m)
            .Sale("e1", "2026-10-02", sales)
            .Target("e1", "sales_amount", "2026", 1200000m)
            .Target("e1", "sales_amount", "2026-10", 80000m)
            .Build();
        Assert.Equal(expected, TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, pay), data, "2026-10").Person("e1").Pay("commission"));
    }

    [Fact]
    public void PayFormula_WhenNegative_ThenZero()
    {
        var pay = """
            - { code: f, kind: formula, periods: [month], formula: "(total - 90) * 100" }
            """;
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("e2", "u")
            .Input("e1", "score", "2026-10", 85m).Input("e2", "score", "2026-10", 95.5m).Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, pay), data, "2026-10");
        Assert.Equal(0m, r.Person("e1").Pay("f"));
        Assert.Equal(550m, r.Person("e2").Pay("f"));
    }

    [Fact]
    public void Deduction_WhenCountNegative_ThenNotAboveWeight()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Input("e1", "score", "2026-10", -2m).Build();
        var plan = TestPlans.Plan(Metrics, """
            - { code: d, points: 100, rule: deduction, metric: score, per_event: 5 }
            """);
        Assert.Equal(100m, TestPlans.Run(plan, data, "2026-10").Person("e1").Points("d"));
    }

    [Fact]
    public void ContractAge_WhenCollectionSplitByCredit_ThenEachPartWeighted()
    {
        // Collections are credited to their own employee only; credits split sales. Here: 1000.01 collected
        // in contract month 13 → 50% → 500.005 for e1.
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Input("e1", "score", "2026-10", 85m)
            .Collection("e1", "2026-10-20", 1000.01m, "K1", "2025-09-20");
        var plan = TestPlans.Plan(Metrics, """
            - { code: a, points: 100, rule: formula, formula: aged, cap: 10 }
            """);
        Assert.Equal(500.005m, TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Indicators[0].Actual);
    }

    [Fact]
    public void Input_WhenRollupFirst_ThenFirstMonthOfQuarter()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Input("e1", "score", "2026-Q4", 85m)
            .Input("e1", "opening", "2026-10", 120m).Input("e1", "opening", "2026-11", 118m).Input("e1", "opening", "2026-12", 117m);
        var plan = TestPlans.Plan(Metrics, """
            - { code: a, points: 100, rule: formula, formula: opening, cap: 10 }
            """);
        Assert.Equal(120m, TestPlans.Run(plan, data.Build(), "2026-Q4").Person("e1").Indicators[0].Actual);
    }
}
