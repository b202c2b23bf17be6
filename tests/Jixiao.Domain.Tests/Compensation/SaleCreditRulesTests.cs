using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation;

/// <summary>Indirect sales (seed 003 §五.1) and external referrers (§五.4): hand-worked amounts to the cent.</summary>
public class SaleCreditRulesTests
{
    private const string Metrics = """
        revenue: { source: sales, aggregate: sum, field: amount }
        vehicles: { source: sales, aggregate: sum, field: units }
        deals: { source: sales, aggregate: count }
        team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
        new_revenue: { source: sales, aggregate: sum, field: amount, contract_age_rates: [ { from_month: 1, to_month: 12, rate: 1 }, { from_month: 13, rate: 0 } ] }
        """;

    private const string Card = """
        - { code: m, points: 100, rule: formula, formula: "revenue", cap: 10 }
        """;

    private const string Pay = """
        - { code: c, kind: rate, periods: [month], metric: revenue, rate: 10% }
        - { code: vb, kind: over_target_units, periods: [month], metric: vehicles, amounts: { by: product, values: { sedan: 300 } } }
        """;

    private const string Rules = """

        credits:
          indirect_rate: 50%
          referrer_share: 40%
        """;

    private static string PlanText(string metric = "revenue", bool rules = true) =>
        TestPlans.Plan(Metrics, Card.Replace("\"revenue\"", "\"" + metric + "\"", StringComparison.Ordinal), Pay) + (rules ? Rules : "");

    /// <summary>
    /// e1 and e2 in unit u managed by m, October 2026:
    /// S1 e1 10,000.00 ×1 direct (no credit row) → 10,000.00, 1 unit, 1 deal.
    /// S2 e1 333.33 ×1 indirect → 333.33 × 50% = 166.665: the tie goes to the person → 166.67; 0.5 unit, 0.5 deal.
    /// S3 e1 2,000.00 ×1 referred by 王五 → 2,000 × (1 − 40%) = 1,200.00; 0.6 unit, 0.6 deal.
    /// S4 e2 1,000.01 ×2 split e1 ½ indirect / e2 ½ → weights ¼ / ½ / ¼ nobody: 250.0025, 500.005, 250.0025 → the odd
    ///    cent to e2 (largest remainder) → e1 250.00, e2 500.01; units e1 0.5, e2 1; deals e1 0.25, e2 0.5.
    /// S5 e1 100.00 ×1 indirect and referred by 赵六 → 100 × 50% × 60% = 30.00; 0.3 unit, 0.3 deal.
    /// e1: revenue 11,646.67, units 2.9, deals 2.65; e2: 500.01, 1, 0.5; the team (m) 12,146.68.
    /// </summary>
    private static Dataset Data() => new DataBuilder()
        .Unit("u", null, "m").Person("m", "u", "manager").Person("e1", "u").Person("e2", "u")
        .Sale("e1", "2026-10-02", 10_000m, id: "S1")
        .Sale("e1", "2026-10-03", 333.33m, id: "S2").Credit("S2", "e1", 1m, indirect: true)
        .Sale("e1", "2026-10-04", 2_000m, id: "S3").Credit("S3", "e1", 1m, referrer: "王五")
        .Sale("e2", "2026-10-05", 1_000.01m, units: 2, id: "S4").Credit("S4", "e1", 0.5m, indirect: true).Credit("S4", "e2", 0.5m)
        .Sale("e1", "2026-10-06", 100m, id: "S5").Credit("S5", "e1", 1m, indirect: true, referrer: "赵六")
        .Target("e1", "vehicles", "2026-10", 2m).Target("e2", "vehicles", "2026-10", 5m).Target("m", "vehicles", "2026-10", 1m)
        .Build();

    private static decimal Actual(string metric, string employee, bool rules = true) =>
        TestPlans.Run(PlanText(metric, rules), Data(), "2026-10").Person(employee).Indicators[0].Actual!.Value;

    [Theory]
    [InlineData("revenue", "e1", "11646.67")]
    [InlineData("revenue", "e2", "500.01")]
    [InlineData("vehicles", "e1", "2.9")]
    [InlineData("vehicles", "e2", "1")]
    [InlineData("deals", "e1", "2.65")]
    [InlineData("deals", "e2", "0.5")]
    [InlineData("team_revenue", "m", "12146.68")]
    [InlineData("new_revenue", "e1", "11646.67")]
    [InlineData("new_revenue", "e2", "500.01")]
    public void Metrics_WhenIndirectAndReferredCredits_ThenCountedAtThePlansRates(string metric, string employee, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Actual(metric, employee));

    [Fact]
    public void Metrics_WhenThePlanHasNoCreditsSection_ThenSuchRowsCountInFull()
    {
        // 10,000 + 333.33 + 2,000 + 500.01 (S4: ½ of 1,000.01, the odd cent to e1 by id) + 100 = 12,933.34.
        Assert.Equal(12_933.34m, Actual("revenue", "e1", rules: false));
        Assert.Equal(4.5m, Actual("deals", "e1", rules: false));
    }

    [Fact]
    public void Pay_WhenIndirectAndReferred_ThenCommissionAndUnitsBonusOnTheDiscountedCredit()
    {
        var r = TestPlans.Run(PlanText(), Data(), "2026-10");

        // 11,646.67 × 10% = 1,164.667 → 1,164.67; 500.01 × 10% = 50.001 → 50.00.
        Assert.Equal(1_164.67m, r.Person("e1").Pay("c"));
        Assert.Equal(50.00m, r.Person("e2").Pay("c"));

        // Units beyond the target 2: 2.9 − 2 = 0.9 sedan × 300 = 270.00; e2 (1 of 5) nothing.
        Assert.Equal(270.00m, r.Person("e1").Pay("vb"));
        Assert.Equal(0m, r.Person("e2").Pay("vb"));
    }

    [Fact]
    public void Paths_WhenEveryoneExplained_ThenTheGeneralPathAgreesWithTheFastPath()
    {
        var plan = TestPlans.Load(PlanText());
        var fast = Calculator.Run(plan, Data(), Period.Parse("2026-10"));
        var general = Calculator.Run(plan, Data(), Period.Parse("2026-10"), new CalculationOptions { Explain = ["m", "e1", "e2"] });
        Assert.Equal(3, fast.Results.Count);
        Assert.Equal(3, general.Explanations.Count);
        foreach (var id in new[] { "m", "e1", "e2" })
        {
            var a = fast.Person(id);
            var b = general.Person(id);
            Assert.Equal(a.Indicators.Select(i => (i.Code, i.Actual, i.Points)), b.Indicators.Select(i => (i.Code, i.Actual, i.Points)));
            Assert.Equal(a.Pay.Select(p => (p.Component, p.Amount)), b.Pay.Select(p => (p.Component, p.Amount)));
        }
    }

    [Fact]
    public void Explanation_WhenIndirectAndReferredRows_ThenTheMetricNamesBothRules()
    {
        var r = TestPlans.Run(PlanText(), Data(), "2026-10", "e1", "e2");
        var metric = r.Explanations["e1"].Children.Single(c => c.Kind == ExplanationKind.Indicator).Children.Single(c => c.Kind == ExplanationKind.Metric);
        var rules = metric.Children.Where(c => c.Kind == ExplanationKind.Rule).ToList();
        Assert.Equal(["indirect_sales", "referrer_share"], rules.Select(c => c.Label));
        Assert.Equal("间接销售按 50% 计入", ExplanationText.Detail(rules[0], CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("外部推荐人的销售：推荐人分得 40%，销售员按 60% 计入", ExplanationText.Detail(rules[1], CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("indirect sales count at 50%", ExplanationText.Detail(rules[0], CultureInfo.GetCultureInfo("en")));
        Assert.Contains("sales:S2 ×0.5", metric.Sources);
        Assert.Contains("sales:S5 ×0.3", metric.Sources);

        // e2's part of S4 is direct and nobody referred it: no rule is named.
        var other = r.Explanations["e2"].Children.Single(c => c.Kind == ExplanationKind.Indicator).Children.Single(c => c.Kind == ExplanationKind.Metric);
        Assert.DoesNotContain(other.Children, c => c.Kind == ExplanationKind.Rule);
    }

    [Fact]
    public void Split_WhenIndirectSaleOfAnOddCent_ThenThePersonGetsTheHalfCentAndNobodyTheRest()
    {
        Employee E(string id) => new(id, id, "U", null, "p", "c", "l", "t", new DateOnly(2020, 1, 1), null);
        var rules = new SaleCreditRules(0.5m, 0.4m);
        var weights = CreditSplit.Weights([new Credit(0, 0, 1m, Indirect: true)], [E("e1")], rules);
        Assert.Equal([0.5m, 0.5m], weights.Shares);

        // 333.33 → 16,666.5 cents each: equal remainders and weights, the person before nobody.
        Assert.Equal([16_667L, 16_666L], CreditSplit.Split(33_333, weights));

        // Indirect 30% of a sale of 0.10: 3 cents to the person, 7 to nobody.
        var thirty = CreditSplit.Weights([new Credit(0, 0, 1m, Indirect: true)], [E("e1")], new SaleCreditRules(0.3m, null));
        Assert.Equal([3L, 7L], CreditSplit.Split(10, thirty));

        // A direct sale under the same rules keeps its weights (no nobody part).
        Assert.Equal([1m], CreditSplit.Weights([new Credit(0, 0, 1m)], [E("e1")], rules).Shares);
    }

    [Fact]
    public void Commission_WhenReferredSale_ThenSalespersonAndReferrerTogetherEarnTheSalespersonsRate()
    {
        // S3 alone: 2,000.00 referred, commission 10%, referrer share 40%: the salesperson is paid 2,000 × 60% × 10% =
        // 120.00, the referrer's part 2,000 × 10% × 40% = 80.00; together 200.00 = 2,000 × 10%.
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Sale("e1", "2026-10-04", 2_000m, id: "S3").Credit("S3", "e1", 1m, referrer: "王五")
            .Target("e1", "vehicles", "2026-10", 2m).Build();
        var paid = TestPlans.Run(PlanText(), data, "2026-10").Person("e1").Pay("c");
        Assert.Equal(120.00m, paid);
    }
}
