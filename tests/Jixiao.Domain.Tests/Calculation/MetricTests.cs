using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;

namespace Jixiao.Domain.Tests.Calculation;

public class MetricTests
{
    private const string Metrics = """
        revenue: { source: sales, aggregate: sum, field: amount }
        vehicles: { source: sales, aggregate: sum, field: units }
        deals: { source: sales, aggregate: count }
        suv_units: { source: sales, aggregate: sum, field: units, products: [suv] }
        margin: { source: sales, aggregate: sum, field: margin }
        team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
        team_leads: { source: activities, kinds: [lead], scope: team }
        biggest: { source: sales, aggregate: max, field: amount }
        travel: { source: expenses, aggregate: sum, field: amount, categories: [travel] }
        credit: { source: collections, aggregate: sum, field: amount, contract_age_rates: [ { from_month: 1, to_month: 12, rate: 1 }, { from_month: 13, to_month: 24, rate: 50% }, { from_month: 25, to_month: 36, rate: 25% }, { from_month: 37, rate: 0 } ] }
        new_revenue: { source: sales, aggregate: sum, field: amount, contract_age_rates: [ { from_month: 1, to_month: 12, rate: 1 }, { from_month: 13, rate: 0 } ] }
        new_suv_revenue: { source: sales, aggregate: sum, field: amount, products: [suv], contract_age_rates: [ { from_month: 1, to_month: 12, rate: 1 }, { from_month: 13, rate: 0 } ] }
        receivable: { source: input, rollup: last }
        churned: { source: input, rollup: sum }
        """;

    private static EmployeeResult Run(DataBuilder data, string metric, string employee = "e1", string period = "2026-10")
    {
        var plan = TestPlans.Plan(Metrics, $$"""
            - { code: m, points: 100, rule: formula, formula: "{{metric}}", cap: 10 }
            """);
        return TestPlans.Run(plan, data.Build(), period).Person(employee);
    }

    private static decimal Value(DataBuilder data, string metric, string employee = "e1", string period = "2026-10") =>
        Run(data, metric, employee, period).Indicators[0].Actual!.Value;

    [Fact]
    public void Sum_WhenRowsOutsidePeriod_ThenOnlyPeriodRowsCount()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Sale("e1", "2026-09-30", 1000m).Sale("e1", "2026-10-01", 10.01m).Sale("e1", "2026-10-31", 20.02m).Sale("e1", "2026-11-01", 5000m);
        Assert.Equal(30.03m, Value(data, "revenue"));
        Assert.Equal(2m, Value(data, "deals"));
    }

    [Fact]
    public void Filters_WhenProductsOrCategoriesListed_ThenOnlyThoseRows()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Sale("e1", "2026-10-02", 1m, units: 2, product: "suv").Sale("e1", "2026-10-03", 1m, units: 3, product: "sedan")
            .Expense("e1", "2026-10-02", 100m, "travel").Expense("e1", "2026-10-02", 40m, "entertainment");
        Assert.Equal(2m, Value(data, "suv_units"));
        Assert.Equal(100m, Value(data, "travel"));
    }

    [Fact]
    public void Margin_WhenCostGiven_ThenAmountMinusCost()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Sale("e1", "2026-10-02", 200000m, cost: 185000.55m).Sale("e1", "2026-10-03", 150000m, cost: 151000m);
        Assert.Equal(13999.45m, Value(data, "margin"));
        Assert.Equal(200000m, Value(data, "biggest"));
    }

    [Fact]
    public void Credits_WhenSaleSplit_ThenMoneyByLargestRemainderAndUnitsByShare()
    {
        // 1000.01 split 50/50: 500.005 each → e1 (first by id) gets the odd cent.
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("e2", "u")
            .Sale("e2", "2026-10-02", 1000.01m, units: 1, id: "S1").Credit("S1", "e2", 0.5m).Credit("S1", "e1", 0.5m)
            .Sale("e1", "2026-10-03", 100m, units: 1, id: "S2");
        Assert.Equal(600.01m, Value(data, "revenue", "e1"));
        Assert.Equal(500.00m, Value(data, "revenue", "e2"));
        Assert.Equal(1.5m, Value(data, "vehicles", "e1"));
        Assert.Equal(0.5m, Value(data, "vehicles", "e2"));
        Assert.Equal(1.5m, Value(data, "deals", "e1"));
    }

    [Fact]
    public void Credits_WhenThreeWaySplit_ThenPartsSumToTheSale()
    {
        var data = new DataBuilder().Unit("u").Person("a", "u").Person("b", "u").Person("c", "u")
            .Sale("a", "2026-10-02", 100m, id: "S1").Credit("S1", "a", 0.3333m).Credit("S1", "b", 0.3333m).Credit("S1", "c", 0.3334m);
        var total = Value(data, "revenue", "a") + Value(data, "revenue", "b") + Value(data, "revenue", "c");
        Assert.Equal(100m, total);
        Assert.Equal(33.34m, Value(data, "revenue", "c"));
    }

    [Fact]
    public void Team_WhenManagerOfUnit_ThenSubtreeIncludingSubUnits()
    {
        // store (managed by m) → team1 (managed by s1: e1, e2) and team2 (s2: e3)
        var data = new DataBuilder()
            .Unit("store", null, "m").Unit("team1", "store", "s1").Unit("team2", "store", "s2")
            .Person("m", "store", "manager").Person("s1", "team1", "supervisor").Person("s2", "team2", "supervisor")
            .Person("e1", "team1").Person("e2", "team1").Person("e3", "team2")
            .Sale("e1", "2026-10-02", 100m).Sale("e2", "2026-10-02", 200m).Sale("e3", "2026-10-02", 400m).Sale("s1", "2026-10-02", 8m)
            .Activity("e3", "2026-10-02", "lead", times: 3).Activity("e1", "2026-10-02", "lead");
        Assert.Equal(308m, Value(data, "team_revenue", "s1"));
        Assert.Equal(400m, Value(data, "team_revenue", "s2"));
        Assert.Equal(708m, Value(data, "team_revenue", "m"));
        Assert.Equal(4m, Value(data, "team_leads", "m"));
        Assert.Equal(308m, Value(data, "team_revenue", "e1"));   // not a manager: own unit
    }

    [Theory]
    [InlineData("2026-01-14", "1000")]   // signed 2025-01-15: month 12 → 100%
    [InlineData("2026-01-15", "500")]    // month 13 → 50%
    [InlineData("2027-01-15", "250")]    // month 25 → 25%
    [InlineData("2028-01-15", "0")]      // month 37 → 0%
    public void ContractAge_WhenCollectedLater_ThenRateByContractMonth(string collected, string expected)
    {
        var period = collected[..7];
        var data = new DataBuilder().Unit("u").Person("e1", "u").Collection("e1", collected, 1000m, "K1", "2025-01-15");
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Value(data, "credit", period: period));
    }

    [Fact]
    public void ContractAge_WhenSaleSplitOrFilteredByProduct_ThenSplitBeforeWeightingAndFilterApplies()
    {
        // S1: new contract (signed this month), 1000.01 split e1 60% / e2 40% → 600.01 / 400.00 (largest remainder).
        // S2: e1's sedan on a new contract, 300. S3: e1's suv on a contract in its 20th month → rate 0.
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("e2", "u")
            .Sale("e2", "2026-10-05", 1000.01m, product: "suv", id: "S1", contract: "K1", signed: "2026-10-05").Credit("S1", "e1", 0.6m).Credit("S1", "e2", 0.4m)
            .Sale("e1", "2026-10-06", 300m, product: "sedan", id: "S2", contract: "K2", signed: "2026-10-06")
            .Sale("e1", "2026-10-07", 500m, product: "suv", id: "S3", contract: "K3", signed: "2025-03-01");
        Assert.Equal(900.01m, Value(data, "new_revenue"));
        Assert.Equal(400m, Value(data, "new_revenue", "e2"));
        Assert.Equal(600.01m, Value(data, "new_suv_revenue"));
        Assert.Equal(400m, Value(data, "new_suv_revenue", "e2"));
    }

    [Fact]
    public void ContractMonth_WhenEndOfMonthSigning_ThenShortMonthsCountAsFull()
    {
        var signed = new DateOnly(2025, 1, 31).DayNumber;
        Assert.Equal(1, ContractAge.Month(signed, new DateOnly(2025, 2, 27).DayNumber));
        Assert.Equal(2, ContractAge.Month(signed, new DateOnly(2025, 2, 28).DayNumber));
        Assert.Equal(1, ContractAge.Month(Columns.NoDay, new DateOnly(2025, 2, 28).DayNumber));
    }

    [Fact]
    public void Input_WhenQuarterAndRollup_ThenLastOrSumOfMonths()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Input("e1", "receivable", "2026-10", 100m).Input("e1", "receivable", "2026-11", 200m).Input("e1", "receivable", "2026-12", 300m)
            .Input("e1", "churned", "2026-10", 1m).Input("e1", "churned", "2026-11", 2m).Input("e1", "churned", "2026-12", 3m);
        Assert.Equal(300m, Value(data, "receivable", period: "2026-Q4"));
        Assert.Equal(6m, Value(data, "churned", period: "2026-Q4"));
        Assert.Equal(200m, Value(data, "receivable", period: "2026-11"));
    }

    [Fact]
    public void Input_WhenMissing_ThenErrorNotZero()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u");
        var plan = TestPlans.Plan(Metrics, """
            - { code: m, points: 100, rule: formula, formula: "receivable" }
            """);
        var r = TestPlans.Run(plan, data.Build(), "2026-10");
        var error = Assert.Single(r.Errors);
        Assert.Equal(CalculationErrorCode.MissingInput, error.Code);
        Assert.Equal(["m", "receivable", "2026-10"], error.Arguments);
    }

    [Fact]
    public void Explain_WhenRequested_ThenTreeHasRuleTargetAndSourceRows()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("e2", "u")
            .Sale("e1", "2026-10-02", 300m, id: "S-1").Sale("e1", "2026-10-05", 200m, id: "S-2").Sale("e2", "2026-10-05", 999m, id: "S-3")
            .Target("e1", "revenue", "2026-10", 1000m).Target("e2", "revenue", "2026-10", 1000m);
        var plan = TestPlans.Plan(Metrics, """
            - { code: rev, points: 100, rule: ratio, metric: revenue }
            """);
        var r = TestPlans.Run(plan, data.Build(), "2026-10", "e1");
        var root = r.Explanations["e1"];
        Assert.False(r.Explanations.ContainsKey("e2"));
        var indicator = root.Children.Single(c => c.Kind == ExplanationKind.Indicator);
        Assert.Equal(50m, indicator.Value);
        var metric = indicator.Children.Single(c => c.Kind == ExplanationKind.Metric);
        Assert.Equal(500m, metric.Value);
        Assert.Equal(["sales:S-1", "sales:S-2"], metric.Sources);
        Assert.Contains(indicator.Children, c => c.Kind == ExplanationKind.Target && c.Value == 1000m);
        Assert.Contains(indicator.Children, c => c.Kind == ExplanationKind.Ratio && c.Value == 0.5m);
        Assert.Contains(root.Children, c => c.Kind == ExplanationKind.Total && c.Value == 50m);
        Assert.Contains(root.Children, c => c.Kind == ExplanationKind.Grade);
    }

    [Fact]
    public void Explain_WhenRatioRepeats_ThenNumbersShownToTenDecimalsAndTargetSourceNamed()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Sale("e1", "2026-10-02", 7m, id: "S-1")
            .Build();
        var withDbTarget = new Jixiao.Domain.Data.Dataset(data.OrgUnits, data.Employees, data.Sales,
            targets: [new Jixiao.Domain.Data.TargetRow("e1", "revenue", "2026-10", 9m, null, Line: 0)]);
        var plan = TestPlans.Plan(Metrics, """
            - { code: rev, points: 100, rule: ratio, metric: revenue }
            """);
        var root = TestPlans.Run(plan, withDbTarget, "2026-10", "e1").Explanations["e1"];
        var indicator = root.Children.Single(c => c.Kind == ExplanationKind.Indicator);
        var rule = indicator.Children.Single(c => c.Kind == ExplanationKind.Rule);
        Assert.Equal("0.7777777778", rule.DetailArgs[1]);
        var target = indicator.Children.Single(c => c.Kind == ExplanationKind.Target);
        Assert.Equal("Explain_TargetStored", target.Detail);
        Assert.Equal("e1 在 2026-10 的目标值", ExplanationText.Detail(target, null));
    }
}
