using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;

namespace Jixiao.Domain.Tests.Calculation;

/// <summary>Effective-dated transfers (docs/transfers.md): team credit by transaction date, scorecard by the period's last day.</summary>
public class TransferTests
{
    private const string Metrics = """
        revenue: { source: sales, aggregate: sum, field: amount }
        team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
        team_deals: { source: sales, aggregate: count, scope: team }
        team_biggest: { source: sales, aggregate: max, field: amount, scope: team }
        team_leads: { source: activities, kinds: [lead], scope: team }
        """;

    // company (ceo) → storeA (ma: a1) and storeB (mb: b1); p moves from storeA to storeB on 2026-10-16.
    private static DataBuilder Company() => new DataBuilder()
        .Unit("company", null, "ceo").Unit("storeA", "company", "ma").Unit("storeB", "company", "mb")
        .Person("ceo", "company", "manager").Person("ma", "storeA", "manager").Person("mb", "storeB", "manager")
        .Person("a1", "storeA").Person("b1", "storeB")
        .Person("p", "storeB", level: "senior")
        .Assignment("p", "storeA", "2025-01-01", level: "junior", manager: "ma")
        .Assignment("p", "storeB", "2026-10-16", level: "senior", manager: "mb")
        .Sale("p", "2026-10-05", 100m, id: "P1").Sale("p", "2026-10-15", 20m, id: "P2").Sale("p", "2026-10-16", 5000m, id: "P3").Sale("p", "2026-10-31", 8m, id: "P4")
        .Sale("a1", "2026-10-10", 1000m, id: "A1").Sale("b1", "2026-10-20", 2000m, id: "B1")
        .Activity("p", "2026-10-15", "lead", times: 2).Activity("p", "2026-10-16", "lead", times: 3);

    private static CalculationResult Run(DataBuilder data, string metric, string period = "2026-10", params string[] explain)
    {
        var plan = TestPlans.Plan(Metrics, $$"""
            - { code: m, points: 100, rule: formula, formula: "{{metric}}", cap: 10 }
            """);
        return TestPlans.Run(plan, data.Build(), period, explain);
    }

    private static decimal Value(CalculationResult r, string employee) => r.Person(employee).Indicators[0].Actual!.Value;

    [Fact]
    public void TeamTotals_WhenTransferMidMonth_ThenEachRowCountsForTheUnitOfItsDate()
    {
        var r = Run(Company(), "team_revenue");
        Assert.Equal(1120m, Value(r, "ma"));        // a1 1000 + p's 100 and 20 before the 16th
        Assert.Equal(7008m, Value(r, "mb"));        // b1 2000 + p's 5000 and 8 from the 16th
        Assert.Equal(8128m, Value(r, "ceo"));       // the company sees every row once
        Assert.Equal(7008m, Value(r, "p"));         // not a manager: the unit p is in at the end of the month

        var deals = Run(Company(), "team_deals");
        Assert.Equal(3m, Value(deals, "ma"));
        Assert.Equal(3m, Value(deals, "mb"));
        Assert.Equal(6m, Value(deals, "ceo"));

        var leads = Run(Company(), "team_leads");
        Assert.Equal(2m, Value(leads, "ma"));
        Assert.Equal(3m, Value(leads, "mb"));

        var biggest = Run(Company(), "team_biggest");
        Assert.Equal(1000m, Value(biggest, "ma"));
        Assert.Equal(5000m, Value(biggest, "mb"));
    }

    [Fact]
    public void OwnMetrics_WhenTransferred_ThenStayWithThePerson()
    {
        var r = Run(Company(), "revenue");
        Assert.Equal(5128m, Value(r, "p"));
        Assert.Equal("storeB", r.Person("p").OrgUnit);
    }

    [Fact]
    public void Quarter_WhenTransferInside_ThenSameSplitAsTheMonths()
    {
        var data = Company().Sale("p", "2026-11-03", 7m, id: "P5").Sale("p", "2026-09-30", 3m, id: "P0");
        var q = Run(data, "team_revenue", "2026-Q4");
        Assert.Equal(1120m, Value(q, "ma"));
        Assert.Equal(7015m, Value(q, "mb"));
        var september = Run(data, "team_revenue", "2026-09");
        Assert.Equal(1003m - 1000m, Value(september, "ma"));
        Assert.Equal(0m, Value(september, "mb"));
        Assert.Equal("storeA", september.Person("p").OrgUnit);
    }

    [Fact]
    public void SplitCredit_WhenCreditedPersonMovedBeforeTheSale_ThenTheirShareCountsForTheirNewUnit()
    {
        var data = new DataBuilder()
            .Unit("company", null, "ceo").Unit("storeA", "company", "ma").Unit("storeB", "company", "mb")
            .Person("ceo", "company", "manager").Person("ma", "storeA", "manager").Person("mb", "storeB", "manager")
            .Person("a1", "storeA").Person("p", "storeB")
            .Assignment("p", "storeA", "2025-01-01").Assignment("p", "storeB", "2026-10-16")
            .Sale("a1", "2026-10-05", 1000m, id: "S1").Credit("S1", "a1", 0.5m).Credit("S1", "p", 0.5m)
            .Sale("a1", "2026-10-20", 300.01m, id: "S2").Credit("S2", "a1", 0.5m).Credit("S2", "p", 0.5m);
        var r = Run(data, "team_revenue");
        Assert.Equal(1150.01m, Value(r, "ma"));     // S1 whole (both in A) + a1's 150.01 of S2 (largest remainder: a1 first)
        Assert.Equal(150.00m, Value(r, "mb"));      // p's half of S2, made after the move
        Assert.Equal(1300.01m, Value(r, "ceo"));
    }

    [Fact]
    public void Scorecard_WhenTransferredMidMonth_ThenTheAssignmentOnThePeriodsLastDayDecides()
    {
        // junior and senior have different scorecards; p is junior until the 15th, senior from the 16th.
        var plan = TestPlans.Load("""
            plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
            grade_scales:
              g:
                - { grade: A, from: 0, coefficient: 1 }
            scorecards:
              junior:
                match: { level: junior }
                periods: [month]
                indicators:
                  - { code: m, points: 100, rule: formula, formula: "revenue", cap: 10 }
              senior:
                match: { level: senior }
                periods: [month]
                indicators:
                  - { code: m, points: 100, rule: formula, formula: "revenue", cap: 10 }
              others:
                periods: [month]
                indicators:
                  - { code: m, points: 100, rule: formula, formula: "revenue", cap: 10 }
            """);
        var data = Company().Build();
        var october = Calculator.Run(plan, data, Jixiao.Domain.Periods.Period.Parse("2026-10"));
        Assert.Equal("senior", october.Person("p").Scorecard);
        var september = Calculator.Run(plan, data, Jixiao.Domain.Periods.Period.Parse("2026-09"));
        Assert.Equal("junior", september.Person("p").Scorecard);
        Assert.Equal("storeA", september.Person("p").OrgUnit);

        // Left on the 15th, before a transfer dated the 16th: the last day employed decides.
        var left = new DataBuilder()
            .Unit("storeA").Unit("storeB")
            .Person("p", "storeB", level: "senior", left: "2026-10-15")
            .Assignment("p", "storeA", "2025-01-01", level: "junior").Assignment("p", "storeB", "2026-10-16", level: "senior")
            .Build();
        var r = Calculator.Run(plan, left, Jixiao.Domain.Periods.Period.Parse("2026-10"));
        Assert.Equal("junior", r.Person("p").Scorecard);
        Assert.Equal("storeA", r.Person("p").OrgUnit);

        // The dataset itself is unchanged: the view is per period.
        Assert.Equal("storeB", left.Employees[0].OrgUnitId);
        var plain = new DataBuilder().Unit("u").Person("x", "u").Build();
        Assert.Same(plain, plain.ForPeriod(Jixiao.Domain.Periods.Period.Parse("2026-10")));
    }

    [Fact]
    public void Explanation_WhenManagerOfTheOldUnit_ThenListsOnlyTheRowsMadeWhileInTheUnit()
    {
        var r = Run(Company(), "team_revenue", "2026-10", "ma", "mb");
        Assert.Equal(["sales:P1", "sales:A1", "sales:P2"], Sources(r, "ma"));
        Assert.Equal(["sales:P3", "sales:B1", "sales:P4"], Sources(r, "mb"));
    }

    private static List<string> Sources(CalculationResult r, string employee) =>
        r.Explanations[employee].Children.Single(c => c.Kind == ExplanationKind.Indicator).Children.Single(c => c.Kind == ExplanationKind.Metric).Sources;
}
