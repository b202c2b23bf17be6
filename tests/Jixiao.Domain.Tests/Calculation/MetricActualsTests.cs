using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Calculation;

public sealed class MetricActualsTests
{
    private const string Metrics = """
        revenue: { source: sales, aggregate: sum, field: amount, products: [suv, sedan] }
        vehicles: { source: sales, aggregate: sum, field: units }
        leads: { source: activities, kinds: [lead] }
        team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
        biggest: { source: sales, aggregate: max, field: amount }
        """;

    private static readonly Jixiao.Domain.Plans.Plan Plan = TestPlans.Load(TestPlans.Plan(Metrics, """
        - { code: m, points: 100, rule: formula, formula: "revenue", cap: 10 }
        """));

    private static Jixiao.Domain.Data.Dataset Data() => new DataBuilder()
        .Unit("HQ").Unit("T1", "HQ", manager: "s1").Unit("T2", "HQ")
        .Person("s1", "T1", position: "supervisor").Person("a", "T1").Person("b", "T1").Person("c", "T2")
        .Sale("a", "2025-03-01", 100_000.10m, units: 1)
        .Sale("a", "2025-12-31", 50_000m, units: 2, product: "suv")
        .Sale("b", "2025-07-01", 80_000m, units: 1)
        .Sale("b", "2025-07-02", 9_999m, units: 1, product: "mpv") // not a product revenue counts
        .Sale("c", "2025-01-15", 20_000m, units: 1)
        .Sale("c", "2026-01-01", 70_000m, units: 1) // next year
        .Activity("a", "2025-05-05", "lead", times: 3)
        .Activity("c", "2025-05-05", "lead", times: 2)
        .Build();

    [Fact]
    public void For_WhenPeopleAndUnits_ThenPeopleFromTheEngineAndUnitsSummedOverTheirSubtree()
    {
        var actuals = MetricActuals.For(Plan, Data(), Period.Parse("2025"), "revenue", ["a", "b", "c", "T1", "T2", "HQ", "nobody"]);

        Assert.Equal(150_000.10m, actuals["a"]);
        Assert.Equal(80_000m, actuals["b"]);
        Assert.Equal(20_000m, actuals["c"]);
        Assert.Equal(230_000.10m, actuals["T1"]);
        Assert.Equal(20_000m, actuals["T2"]);
        Assert.Equal(250_000.10m, actuals["HQ"]);
        Assert.Null(actuals["nobody"]);

        var vehicles = MetricActuals.For(Plan, Data(), Period.Parse("2025"), "vehicles", ["T1", "HQ"]);
        Assert.Equal(5m, vehicles["T1"]);
        Assert.Equal(6m, vehicles["HQ"]);
        Assert.Equal(3m, MetricActuals.For(Plan, Data(), Period.Parse("2025"), "leads", ["T1"])["T1"]);
    }

    [Fact]
    public void For_WhenTeamOrNonAdditiveMetric_ThenTeamValueOfTheHeadOrNothingForUnits()
    {
        var team = MetricActuals.For(Plan, Data(), Period.Parse("2025"), "team_revenue", ["T1", "T2", "HQ"]);
        Assert.Equal(239_999.10m, team["T1"]); // s1 manages T1: every T1 sale, any product
        Assert.Equal(20_000m, team["T2"]); // nobody manages T2: its members' team is T2 itself
        Assert.Null(team["HQ"]); // nobody's team unit is HQ

        var biggest = MetricActuals.For(Plan, Data(), Period.Parse("2025"), "biggest", ["a", "T1"]);
        Assert.Equal(100_000.10m, biggest["a"]);
        Assert.Null(biggest["T1"]);
        Assert.False(MetricActuals.IsAdditive(Plan.Metrics.Single(m => m.Code == "biggest")));
        Assert.True(MetricActuals.IsAdditive(Plan.Metrics.Single(m => m.Code == "leads")));
        Assert.Throws<ArgumentException>(() => MetricActuals.For(Plan, Data(), Period.Parse("2025"), "nope", ["a"]));
    }
}
