using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Calculation;

public class GradeAndPayTests
{
    private const string Metrics = """
        sales_amount: { source: sales, aggregate: sum, field: amount }
        vehicles: { source: sales, aggregate: sum, field: units }
        margin: { source: sales, aggregate: sum, field: margin }
        score: { source: input }
        """;

    // The score indicator passes a given total straight through: points = score (formula, weight 100).
    private const string ScoreCard = """
        - { code: s, points: 100, rule: formula, formula: score, cap: 1.2 }
        """;

    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("90", "S", "1.2")]
    [InlineData("89.99", "A", "1.0")]
    [InlineData("80", "A", "1.0")]
    [InlineData("79.99", "B", "0.8")]
    [InlineData("70", "B", "0.8")]
    [InlineData("69.99", "C", "0")]
    [InlineData("0", "C", "0")]
    [InlineData("120", "S", "1.2")]
    public void Grade_WhenTotalOnBoundary_ThenLowerBoundInclusive(string total, string grade, string coefficient)
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Input("e1", "score", "2026-10", D(total)).Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard), data, "2026-10").Person("e1");
        Assert.Equal(grade, r.Grade);
        Assert.Equal(D(coefficient), r.Coefficient);
    }

    private const string Seed003Grades = """
        - { grade: A+, from: 96, coefficient: { from: 1.01, to: 1.20, over: [96, 120] } }
        - { grade: A, from: 86, to: 96, coefficient: { from: 0.90, to: 1.00, over: [86, 95] } }
        - { grade: B, from: 71, to: 86, coefficient: { from: 0.80, to: 0.90, over: [71, 85] } }
        - { grade: B-, from: 61, to: 71, coefficient: 0 }
        - { grade: C, from: 0, to: 61, coefficient: 0 }
        """;

    [Theory]
    [InlineData("86", "A", "0.9")]
    [InlineData("90.5", "A", "0.95")]      // 0.90 + 4.5/9 × 0.10
    [InlineData("95", "A", "1")]
    [InlineData("95.5", "A", "1")]         // beyond the 86–95 range: clamped
    [InlineData("96", "A+", "1.01")]
    [InlineData("108", "A+", "1.105")]     // 1.01 + 12/24 × 0.19
    [InlineData("100", "A+", "1.0417")]    // 1.01 + 4/24 × 0.19 = 1.041666… → 1.0417
    [InlineData("78", "B", "0.85")]
    [InlineData("70.99", "B-", "0")]
    [InlineData("60.5", "C", "0")]
    public void Grade_WhenInterpolated_ThenLinearOverScoreRangeRoundedTo4(string total, string grade, string coefficient)
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Input("e1", "score", "2026-10", D(total)).Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, grades: Seed003Grades), data, "2026-10").Person("e1");
        Assert.Equal(grade, r.Grade);
        Assert.Equal(D(coefficient), r.Coefficient);
    }

    private const string BonusPay = """
        - code: bonus
          kind: bonus
          periods: [month, quarter]
          base: { by: level, values: { newcomer: 5000, core: 8000 } }
          achievement: { metric: sales_amount, cap: 1.5 }
        - code: award
          kind: over_target
          periods: [quarter]
          metric: sales_amount
          threshold: 10%
          rate: 2%
        """;

    [Theory]
    [InlineData("core", "93.2", "480000", "9216.00")]      // seed 002's 小张: 93.2 ≥ 90 → 1.2 (the seed's table says 1.0 and 7,680)
    [InlineData("core", "85.6", "480000", "7680.00")]      // 8000 × 1.0 × 0.96
    [InlineData("newcomer", "75", "450000", "3600.00")]    // 5000 × 0.8 × 0.9 (seed 002's 新人 row)
    [InlineData("core", "85", "900000", "12000.00")]       // achievement 1.8 capped at 1.5
    [InlineData("core", "65", "500000", "0.00")]           // coefficient 0
    [InlineData("core", "85", "333333.33", "5333.33")]     // 8000 × 0.66666666 = 5333.33328
    public void Bonus_WhenComputed_ThenBaseTimesCoefficientTimesCappedAchievement(string level, string total, string sales, string expected)
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u", level: level)
            .Input("e1", "score", "2026-10", D(total))
            .Sale("e1", "2026-10-10", D(sales))
            .Target("e1", "sales_amount", "2026-10", 500000m)
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, BonusPay), data, "2026-10").Person("e1");
        Assert.Equal(D(expected), r.Pay("bonus"));
        Assert.DoesNotContain(r.Pay, p => p.Component == "award");   // quarterly only
    }

    [Theory]
    [InlineData("600000", "2000.00")]   // 120%: 2% × 100,000
    [InlineData("550000", "0.00")]      // exactly 110%: not more than 10% over
    [InlineData("550000.01", "1000.00")] // just over: 2% × 50,000.01 = 1000.0002
    [InlineData("540000", "0.00")]
    [InlineData("400000", "0.00")]
    public void SpecialAward_WhenQuarterOverTarget_ThenTwoPercentOfExcess(string sales, string expected)
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Input("e1", "score", "2026-Q3", 85m)
            .Sale("e1", "2026-08-10", D(sales))
            .Target("e1", "sales_amount", "2026-Q3", 500000m)
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, BonusPay), data, "2026-Q3").Person("e1");
        Assert.Equal(D(expected), r.Pay("award"));
    }

    [Fact]
    public void OverTargetUnits_WhenSoldBeyondTarget_ThenUnitsPastTargetPaidByModelInOrderSold()
    {
        // Target 3. Sold: 10-02 suv ×2 (cum 2), 10-05 sedan ×1 (cum 3), 10-07 ev ×2 (cum 5), 10-09 suv ×1 (cum 6).
        // Beyond target: ev ×2 at 600 + suv ×1 at 500 = 1700.
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Input("e1", "score", "2026-10", 85m)
            .Sale("e1", "2026-10-07", 1m, units: 2, product: "ev")
            .Sale("e1", "2026-10-02", 1m, units: 2, product: "suv")
            .Sale("e1", "2026-10-09", 1m, units: 1, product: "suv")
            .Sale("e1", "2026-10-05", 1m, units: 1, product: "sedan")
            .Target("e1", "vehicles", "2026-10", 3)
            .Build();
        var pay = """
            - code: vb
              kind: over_target_units
              periods: [month]
              metric: vehicles
              amounts: { by: product, values: { sedan: 300, suv: 500, ev: 600 } }
            """;
        Assert.Equal(1700m, TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, pay), data, "2026-10").Person("e1").Pay("vb"));
    }

    [Fact]
    public void OverTargetUnits_WhenTargetFallsInsideASale_ThenOnlyThePartBeyondCounts()
    {
        // Target 2.5 (a fractional target): sale of 3 suv → 0.5 beyond → 250.
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Input("e1", "score", "2026-10", 85m)
            .Sale("e1", "2026-10-02", 1m, units: 3, product: "suv")
            .Target("e1", "vehicles", "2026-10", 2.5m)
            .Build();
        var pay = """
            - { code: vb, kind: over_target_units, periods: [month], metric: vehicles, amounts: { by: product, values: { suv: 500 } } }
            - { code: mb, kind: over_target, periods: [month], metric: margin, rate: 0.05 }
            """;
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, pay), data, "2026-10");
        Assert.Equal(CalculationErrorCode.MissingTarget, Assert.Single(r.Errors).Code);   // margin target missing → error, nothing half-computed
        Assert.Empty(r.Results);
    }

    [Fact]
    public void Commission_WhenSeed003B_ThenActualOverAnnualTargetTimesTargetCommission()
    {
        // Month sales 50,000 of an annual target 1,200,000 with annual target commission 60,000 → 2,500.
        // Month sales 130,000 (over the 100,000 month target) → uncapped 6,500.
        var pay = """
            - code: commission
              kind: commission
              periods: [month]
              metric: sales_amount
              target_commission: { by: tier, values: { t1: 60000 } }
            """;
        foreach (var (sales, expected) in new[] { (50000m, 2500m), (130000m, 6500m), (0m, 0m), (33333.33m, 1666.67m) })
        {
            var data = new DataBuilder().Unit("u").Person("e1", "u", tier: "t1")
                .Input("e1", "score", "2026-10", 85m)
                .Sale("e1", "2026-10-02", sales)
                .Target("e1", "sales_amount", "2026", 1200000m)
                .Build();
            Assert.Equal(expected, TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, pay), data, "2026-10").Person("e1").Pay("commission"));
        }
    }

    [Fact]
    public void Rate_WhenPartTime_ThenNetSalesTimesRateOfGrade()
    {
        var metrics = Metrics + """

            expenses: { source: expenses, aggregate: sum, field: amount }
            net_sales: { source: formula, formula: sales_amount - expenses }
            """;
        var pay = """
            - { code: pt, kind: rate, periods: [quarter], metric: net_sales, rate: { by: level, values: { g1: 3%, g2: 0.05 } } }
            """;
        var data = new DataBuilder().Unit("u").Person("e1", "u", level: "g2")
            .Input("e1", "score", "2026-Q4", 85m)
            .Sale("e1", "2026-10-02", 100000m).Sale("e1", "2026-11-02", 23456.78m)
            .Expense("e1", "2026-10-03", 1234.56m, "entertainment")
            .Build();
        // (123,456.78 − 1,234.56) × 5% = 6,111.111 → 6,111.11
        Assert.Equal(6111.11m, TestPlans.Run(TestPlans.Plan(metrics, ScoreCard, pay), data, "2026-Q4").Person("e1").Pay("pt"));
    }

    [Fact]
    public void PayOnlyCard_WhenNoIndicators_ThenNoScoreNoGradeButPay()
    {
        // Seed 003 D/E: no targets, no assessed indicators, commission = net sales × rate by pay grade.
        // Two grade scales, yet the pay-only card needs none.
        var yaml = """
            plan: { code: t, name: 测试方案 }
            metrics:
              sales_amount: { source: sales, aggregate: sum, field: amount }
              score: { source: input }
            grade_scales:
              a: [ { grade: A, from: 0, coefficient: 1 } ]
              b: [ { grade: B, from: 0, coefficient: 1 } ]
            scorecards:
              card:
                match: { category: B }
                periods: [quarter]
                grade_scale: a
                indicators:
                  - { code: s, points: 100, rule: formula, formula: score }
              part_time:
                match: { category: [D, E] }
                periods: [quarter]
                indicators: []
            pay:
              - { code: pt, kind: rate, periods: [quarter], scorecards: [part_time], metric: sales_amount, rate: { by: level, values: { g3: 3% } } }
            """;
        var data = new DataBuilder().Unit("u").Person("d1", "u", category: "D", level: "g3")
            .Sale("d1", "2026-11-02", 12345.67m)
            .Build();
        var r = TestPlans.Run(yaml, data, "2026-Q4").Person("d1");
        Assert.Equal("part_time", r.Scorecard);
        Assert.Empty(r.Indicators);
        Assert.Equal(0m, r.Total);
        Assert.Null(r.Grade);
        Assert.Null(r.Coefficient);
        Assert.Equal(370.37m, r.Pay("pt"));   // 12,345.67 × 3% = 370.3701
    }

    [Fact]
    public void Pay_WhenEmployeeLeftBeforePeriodEnd_ThenForfeitedButScored()
    {
        var data = new DataBuilder().Unit("u")
            .Person("e1", "u", left: "2026-10-20")
            .Person("e2", "u", left: "2026-10-31")
            .Input("e1", "score", "2026-10", 85m).Input("e2", "score", "2026-10", 85m)
            .Sale("e1", "2026-10-10", 500000m).Sale("e2", "2026-10-10", 500000m)
            .Target("e1", "sales_amount", "2026-10", 500000m).Target("e2", "sales_amount", "2026-10", 500000m)
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, BonusPay), data, "2026-10");
        Assert.Equal(0m, r.Person("e1").Pay("bonus"));
        Assert.True(r.Person("e1").Pay.Single().Forfeited);
        Assert.Equal(85m, r.Person("e1").Total);
        Assert.Equal(8000m, r.Person("e2").Pay("bonus"));   // left on the last day: assessed and paid
    }

    [Fact]
    public void Employees_WhenHiredAfterOrLeftBeforePeriod_ThenNotAssessed()
    {
        var data = new DataBuilder().Unit("u")
            .Person("e1", "u", hired: "2026-11-01")
            .Person("e2", "u", hired: "2020-01-01", left: "2026-09-30")
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard), data, "2026-10");
        Assert.Empty(r.Results);
        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Skipped);
    }

    [Fact]
    public void Calculator_WhenScorecardIsQuarterly_ThenMonthRunSkipsPerson()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Input("e1", "score", "2026-Q4", 85m).Build();
        var plan = TestPlans.Load(TestPlans.Plan(Metrics, ScoreCard, periods: "[quarter]"));
        Assert.Empty(Calculator.Run(plan, data, Period.Parse("2026-10")).Results);
        Assert.Equal(85m, Calculator.Run(plan, data, Period.Parse("2026-Q4")).Person("e1").Total);
    }

    [Fact]
    public void Bonus_WhenNoBaseForTheLevel_ThenErrorNamesComponentAndLevel()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u", level: "senior")
            .Input("e1", "score", "2026-10", 85m)
            .Sale("e1", "2026-10-10", 500000m)
            .Target("e1", "sales_amount", "2026-10", 500000m)
            .Build();
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, BonusPay), data, "2026-10");
        Assert.Empty(r.Results);
        var error = Assert.Single(r.Errors);
        Assert.Equal(CalculationErrorCode.NoValueFor, error.Code);
        Assert.Equal(["bonus", "level", "senior"], error.Arguments);
    }
}
