using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;

namespace Jixiao.Domain.Tests.Calculation;

/// <summary>
/// The close keeps its results in a columnar store and builds the result records on access; the
/// over-target units bonus reads each person's units from a per-run index with split rows divided once.
/// </summary>
public class ResultStoreTests
{
    private const string Metrics = """
        vehicles: { source: sales, aggregate: sum, field: units }
        revenue: { source: sales, aggregate: sum, field: amount }
        score: { source: input }
        """;

    private const string Card = """
        - code: sales
          points: 60
          rule: sum_of_parts
          parts:
            - { name: units, rule: ratio, metric: vehicles, points: 30, cap: 1.2 }
            - { name: revenue, rule: ratio, metric: revenue, points: 30, cap: 1.2 }
        - { code: s, points: 40, rule: formula, formula: score, cap: 1 }
        """;

    private const string Pay = """
        - { code: vb, kind: over_target_units, periods: [month], metric: vehicles, amounts: { by: product, values: { suv: 500, sedan: 300 } } }
        - { code: fixed, kind: bonus, periods: [month], base: { by: level, values: { core: 1000 } }, forfeit_on_leave: true }
        """;

    private static DataBuilder TwoPeople() => new DataBuilder().Unit("u")
        .Person("e1", "u").Person("e2", "u")
        .Input("e1", "score", "2026-10", 30m).Input("e2", "score", "2026-10", 20m)
        .Target("e1", "vehicles", "2026-10", 1m).Target("e2", "vehicles", "2026-10", 1m)
        .Target("e1", "revenue", "2026-10", 1000m).Target("e2", "revenue", "2026-10", 1000m);

    [Fact]
    public void Results_WhenReadTwice_ThenTheSameRecordsWithEveryNumber()
    {
        var data = TwoPeople()
            .Sale("e1", "2026-10-03", 900m, units: 1, product: "suv")
            .Sale("e2", "2026-10-04", 1500m, units: 2, product: "sedan")
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, Card, Pay), data, "2026-10");

        Assert.Equal(2, r.Results.Count);
        Assert.Same(r.Results[0], r.Results[0]);
        Assert.Equal(r.Results, r.Results.ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Results[2]);

        var e2 = r.Person("e2");
        Assert.Equal(1, e2.EmployeeIndex);
        Assert.Equal("u", e2.OrgUnit);
        Assert.Equal("card", e2.Scorecard);
        var sales = e2.Indicators[0];
        Assert.Equal(("sales", "sum_of_parts", 60m, 72m), (sales.Code, sales.Rule, sales.Weight, sales.Points));
        Assert.Null(sales.Actual);
        Assert.Null(sales.Achievement);
        var parts = sales.Parts!;
        Assert.Equal(["units", "revenue"], parts.Select(p => p.Name));
        Assert.Equal((36m, 2m, 1m, 2m), (parts[0].Points, parts[0].Actual, parts[0].Target, parts[0].Achievement));
        Assert.Equal((36m, 1500m, 1000m, 1.5m), (parts[1].Points, parts[1].Actual, parts[1].Target, parts[1].Achievement));
        var formula = e2.Indicators[1];
        Assert.Equal((20m, 20m, null, null, null), (formula.Points, formula.Actual, formula.Target, formula.Achievement, formula.Parts));
        Assert.Equal(92m, e2.Total);
        Assert.Equal("S", e2.Grade);
        Assert.Equal(1.2m, e2.Coefficient);
        Assert.Equal([("vb", 300m, false), ("fixed", 1200m, false)], e2.Pay.Select(p => (p.Component, p.Amount, p.Forfeited)));
        Assert.Equal(1500m, e2.PayTotal);
    }

    [Fact]
    public void Results_WhenAPersonHasErrors_ThenOnlyTheOthersAreListedInEmployeeOrder()
    {
        var data = TwoPeople().Person("e3", "u").Input("e3", "score", "2026-10", 10m)
            .Sale("e1", "2026-10-03", 900m, units: 1, product: "suv")
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, Card, Pay), data, "2026-10");

        Assert.Equal(["e1", "e2"], r.Results.Select(x => x.Employee));
        Assert.Equal("e3", Assert.Single(r.Errors.Select(e => e.Employee).Distinct()));
    }

    [Fact]
    public void OverTargetUnits_WhenASplitRowLeavesAUnitRemainder_ThenItGoesByEmployeeIdLikeTheMetric()
    {
        // 0.0001 vehicle split 50/50: the one 1/10,000 left over goes to e1 (equal remainders and shares: smaller id).
        // e1: 0.0001 + 1 = 1.0001 against a target of 1 → 0.0001 × 500 = 0.05; e2: 0 + 1 → nothing beyond the target.
        var data = TwoPeople()
            .Sale("e2", "2026-10-02", 0m, units: 0.0001m, product: "suv", id: "SPLIT")
            .Credit("SPLIT", "e2", 0.5m).Credit("SPLIT", "e1", 0.5m)
            .Sale("e1", "2026-10-05", 1000m, units: 1, product: "suv")
            .Sale("e2", "2026-10-06", 1000m, units: 1, product: "suv")
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, Card, Pay), data, "2026-10");

        Assert.Equal(1.0001m, r.Person("e1").Indicators[0].Parts![0].Actual);
        Assert.Equal(1m, r.Person("e2").Indicators[0].Parts![0].Actual);
        Assert.Equal(0.05m, r.Person("e1").Pay("vb"));
        Assert.Equal(0m, r.Person("e2").Pay("vb"));
    }

    [Theory]
    [InlineData("1.5", 2, "1.5")]
    [InlineData("12", 2, "12")]
    [InlineData("1.005", 2, "1.01")]
    [InlineData("1.23456", 4, "1.2346")]
    public void Round_WhenFewerDecimalsThanAsked_ThenValueAndScaleKept(string value, int decimals, string expected)
    {
        var rounded = Money.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals);
        Assert.Equal(expected, rounded.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Round_WhenDecimalsOutOfRange_ThenThrowsAsBefore()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Round(1.5m, 29));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Round(1.5m, -1));
    }

    [Fact]
    public void Units_WhenPlanDeclaresOrFieldIsMoney_ThenEachActualCarriesItsUnit()
    {
        const string metrics = """
            vehicles: { source: sales, aggregate: sum, field: units, unit: 台 }
            revenue: { source: sales, aggregate: sum, field: amount }
            margin: { source: sales, aggregate: sum, field: margin, unit: " CNY " }
            deals: { source: sales, aggregate: count, field: amount }
            complaints: { source: activities, kinds: [complaint], unit: 次 }
            """;
        const string card = """
            - code: sales
              points: 40
              rule: sum_of_parts
              parts:
                - { name: units, rule: ratio, metric: vehicles, points: 20 }
                - { name: revenue, rule: ratio, metric: revenue, points: 20 }
            - { code: margin, points: 20, rule: ratio, metric: margin }
            - { code: deals, points: 20, rule: ratio, metric: deals, target: 4 }
            - { code: complaints, points: 10, rule: deduction, metric: complaints, per_event: 5 }
            - { code: attitude, points: 10, rule: rating }
            """;
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Sale("e1", "2026-10-03", 900m, units: 1, cost: 600m)
            .Target("e1", "vehicles", "2026-10", 1m).Target("e1", "revenue", "2026-10", 1000m).Target("e1", "margin", "2026-10", 300m)
            .Rating("e1", "2026-10", "attitude", 8m)
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(metrics, card), data, "2026-10").Person("e1");

        var units = r.Indicators.ToDictionary(i => i.Code, i => i.Unit);
        Assert.Null(units["sales"]);
        Assert.Equal(["台", "元"], r.Indicators[0].Parts!.Select(p => p.Unit));
        Assert.Equal("CNY", units["margin"]);
        Assert.Null(units["deals"]);
        Assert.Equal("次", units["complaints"]);
        Assert.Null(units["attitude"]);

        // Stored as JSON without a null unit, read back with it.
        var json = System.Text.Json.JsonSerializer.Serialize(r.Indicators);
        Assert.DoesNotContain("\"Unit\":null", json, StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<List<IndicatorResult>>(json)!;
        Assert.Equal(r.Indicators.Select(i => i.Unit), back.Select(i => i.Unit));
        Assert.Equal("元", back[0].Parts![1].Unit);
    }
}
