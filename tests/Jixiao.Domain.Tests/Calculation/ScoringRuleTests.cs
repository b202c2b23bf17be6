using Jixiao.Domain.Calculation;

namespace Jixiao.Domain.Tests.Calculation;

public class ScoringRuleTests
{
    private const string SalesMetrics = """
        vehicles: { source: sales, aggregate: sum, field: units }
        revenue: { source: sales, aggregate: sum, field: amount }
        complaints: { source: activities, kinds: [complaint], direction: lower }
        due: { source: activities, kinds: [followup_due] }
        on_time: { source: activities, kinds: [followup_on_time] }
        survey: { source: activities, kinds: [survey], aggregate: avg, field: value }
        """;

    private static DataBuilder OnePerson() => new DataBuilder().Unit("u").Person("e1", "u");

    [Theory]
    [InlineData(7, 9, "23.33")]    // 30 × 7/9 = 23.333…
    [InlineData(9, 9, "30")]
    [InlineData(12, 9, "30")]      // capped at 1
    [InlineData(0, 9, "0")]
    [InlineData(2, 3, "20")]
    public void Ratio_WhenAchievementVaries_ThenWeightTimesCappedRatio(int sold, int target, string expected)
    {
        var data = OnePerson().Target("e1", "vehicles", "2026-10", target);
        for (var i = 0; i < sold; i++)
        {
            data.Sale("e1", "2026-10-05", 100m);
        }

        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: v, points: 30, rule: ratio, metric: vehicles }
            - { code: rest, points: 70, rule: ratio, metric: revenue, target: 1 }
            """);
        var r = TestPlans.Run(plan, data.Sale("e1", "2026-10-01", 0m, units: 0).Build(), "2026-10");
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Person("e1").Points("v"));
    }

    [Fact]
    public void Ratio_WhenCapAboveOne_ThenPointsCanExceedWeightUpToCap()
    {
        var data = OnePerson().Target("e1", "vehicles", "2026-10", 10);
        for (var i = 0; i < 14; i++)
        {
            data.Sale("e1", "2026-10-05", 1m);
        }

        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: v, points: 100, rule: ratio, metric: vehicles, cap: 1.2 }
            """);
        Assert.Equal(120m, TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("v"));
    }

    [Theory]
    [InlineData(4, "2.5")]   // r = 2 / 4
    [InlineData(2, "5")]
    [InlineData(1, "5")]     // r = 2, capped at 1
    [InlineData(0, "5")]     // actual 0 → r = cap
    [InlineData(3, "3.33")]  // 5 × 2/3 = 3.333…
    public void Ratio_WhenLowerIsBetter_ThenTargetOverActual(int complaints, string expected)
    {
        var data = OnePerson().Target("e1", "complaints", "2026-10", 2).Activity("e1", "2026-10-03", "complaint", times: complaints);
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: c, points: 5, rule: ratio, metric: complaints }
            - { code: rest, points: 95, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("c"));
    }

    [Theory]
    [InlineData(8, "22")]     // r 0.8 in [0.6,1): 15 + (0.2/0.4) × 14
    [InlineData(12, "38")]    // r 1.2 in [1,1.5]: 30 + (0.2/0.5) × 20
    [InlineData(30, "50")]    // r 3 → capped at 1.5 → 50
    [InlineData(3, "7")]      // r 0.3 in [0,0.6): 0 + 0.5 × 14
    [InlineData(6, "15")]     // r 0.6 → lower edge of the middle band
    [InlineData(10, "30")]    // r 1.0 → lower edge of the top band
    [InlineData(7, "18.5")]   // r 0.7: 15 + 0.25 × 14
    public void Bands_WhenInsideRange_ThenLinearFromMinToMax(int sold, string expected)
    {
        var data = OnePerson().Target("e1", "vehicles", "2026-10", 10);
        for (var i = 0; i < sold; i++)
        {
            data.Sale("e1", "2026-10-05", 1m);
        }

        var plan = TestPlans.Plan(SalesMetrics, """
            - code: v
              points: 50
              rule: bands
              metric: vehicles
              bands:
                - { from: 0, to: 60%, min: 0, max: 14 }
                - { from: 60%, to: 100%, min: 15, max: 29 }
                - { from: 100%, to: 150%, min: 30, max: 50 }
            - { code: rest, points: 50, rule: ratio, metric: revenue, target: 1 }
            """);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("v"));
    }

    [Theory]
    [InlineData(0, "20")]
    [InlineData(3, "5")]
    [InlineData(4, "0")]
    [InlineData(9, "0")]
    public void Deduction_WhenEventsCounted_ThenWeightMinusPerEventNotBelowZero(int complaints, string expected)
    {
        var data = OnePerson().Activity("e1", "2026-10-03", "complaint", times: complaints);
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: c, points: 20, rule: deduction, metric: complaints, per_event: 5 }
            - { code: rest, points: 80, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("c"));
    }

    [Fact]
    public void SumOfParts_WhenPartsUseDenominators_ThenPartsAddBeforeRounding()
    {
        // 5 × 2/3 + 5 × 2/3 = 6.666… → 6.67 (rounding each part first would give 3.33 + 3.33 = 6.66).
        var data = OnePerson()
            .Activity("e1", "2026-10-02", "followup_due", times: 3)
            .Activity("e1", "2026-10-02", "followup_on_time", times: 2)
            .Activity("e1", "2026-10-02", "survey", 80m)
            .Activity("e1", "2026-10-02", "survey", 90m)
            .Activity("e1", "2026-10-02", "survey", 30m);
        var plan = TestPlans.Plan(SalesMetrics, """
            - code: f
              points: 10
              rule: sum_of_parts
              parts:
                - { name: a, rule: ratio, metric: on_time, denominator: due, points: 5 }
                - { name: b, rule: ratio, metric: survey, target: 100, points: 5, cap: 1 }
            - { code: rest, points: 90, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        var person = TestPlans.Run(plan, data.Build(), "2026-10").Person("e1");

        // survey avg = 200/3 = 66.666…; 5 × 0.6666… = 3.333…; + 3.333… = 6.666… → 6.67
        Assert.Equal(6.67m, person.Points("f"));
        Assert.Equal(2, person.Indicators.Single(i => i.Code == "f").Parts!.Count);
    }

    [Theory]
    [InlineData("full", "5")]
    [InlineData("zero", "0")]
    public void Ratio_WhenDenominatorZero_ThenPlanDecides(string mode, string expected)
    {
        var data = OnePerson();
        var plan = TestPlans.Plan(SalesMetrics, $$"""
            - { code: a, points: 5, rule: ratio, metric: on_time, denominator: due, if_undefined: {{mode}} }
            - { code: rest, points: 95, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("a"));
    }

    [Fact]
    public void Ratio_WhenDenominatorZeroAndNoRule_ThenErrorForThatPersonOnly()
    {
        var data = OnePerson().Person("e2", "u").Activity("e2", "2026-10-01", "followup_due").Activity("e2", "2026-10-01", "followup_on_time");
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: a, points: 5, rule: ratio, metric: on_time, denominator: due }
            - { code: rest, points: 95, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        var r = TestPlans.Run(plan, data.Build(), "2026-10");
        Assert.Equal(5m, r.Person("e2").Total);   // 1 of 1 on time; no revenue
        var error = Assert.Single(r.Errors);
        Assert.Equal("e1", error.Employee);
        Assert.Equal(CalculationErrorCode.Undefined, error.Code);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("zero")]
    public void Ratio_WhenFormulaInputRowMissing_ThenMissingInputErrorNotIfUndefined(string mode)
    {
        // collection_rate = collections ÷ receivable. Receivable 0 is "undefined" and the plan decides
        // (e2: full 100 or zero 0); no receivable row at all is missing data and an error for e1,
        // whatever if_undefined says — it must not silently pay full points.
        var metrics = """
            collections: { source: collections, aggregate: sum, field: amount }
            receivable: { source: input }
            collection_rate: { source: formula, formula: collections / receivable }
            """;
        var plan = TestPlans.Plan(metrics, $$"""
            - { code: c, points: 100, rule: ratio, metric: collection_rate, target: 0.9, if_undefined: {{mode}} }
            """);
        var data = OnePerson().Person("e2", "u").Person("e3", "u")
            .Collection("e1", "2026-10-05", 100m, "HT1", null)
            .Input("e2", "receivable", "2026-10", 0m)
            .Input("e3", "receivable", "2026-10", 200m).Collection("e3", "2026-10-05", 90m, "HT2", null)
            .Build();
        var r = TestPlans.Run(plan, data, "2026-10");
        var error = Assert.Single(r.Errors);
        Assert.Equal("e1", error.Employee);
        Assert.Equal(CalculationErrorCode.MissingInput, error.Code);
        Assert.Equal(["c", "receivable", "2026-10"], error.Arguments);
        Assert.Equal(mode == "full" ? 100m : 0m, r.Person("e2").Total);
        Assert.Equal(50m, r.Person("e3").Total);   // 0.45 ÷ 0.9 × 100
    }

    [Fact]
    public void Ratio_WhenTargetMissing_ThenErrorNamesMetricAndPeriod()
    {
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: v, points: 100, rule: ratio, metric: vehicles }
            """);
        var r = TestPlans.Run(plan, OnePerson().Sale("e1", "2026-10-01", 5m).Build(), "2026-10");
        Assert.Empty(r.Results);
        var error = Assert.Single(r.Errors);
        Assert.Equal(CalculationErrorCode.MissingTarget, error.Code);
        Assert.Equal(["vehicles", "2026-10", "v"], error.Arguments);
        Assert.Contains("缺少“vehicles”在 2026-10 的目标值", error.Format(null), StringComparison.Ordinal);
        Assert.Contains("no target for 'vehicles' in 2026-10", error.Format(System.Globalization.CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Ratio_WhenQuarterHasOnlyMonthlyTargets_ThenSumOfMonths()
    {
        var data = OnePerson()
            .Target("e1", "vehicles", "2026-10", 3).Target("e1", "vehicles", "2026-11", 3).Target("e1", "vehicles", "2026-12", 4)
            .Sale("e1", "2026-10-02", 1m, units: 4).Sale("e1", "2026-12-30", 1m, units: 1).Sale("e1", "2027-01-01", 1m, units: 9);
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: v, points: 100, rule: ratio, metric: vehicles }
            """);
        var person = TestPlans.Run(plan, data.Build(), "2026-Q4").Person("e1");
        Assert.Equal(50m, person.Points("v"));   // 5 of 10
        Assert.Equal(10m, person.Indicators[0].Target);
    }

    [Fact]
    public void Rating_WhenGiven_ThenPointsTaken_AndMissingOrOutOfRangeIsError()
    {
        var data = OnePerson().Person("e2", "u").Person("e3", "u")
            .Rating("e1", "2026-10", "team", 27.5m)
            .Rating("e3", "2026-10", "team", 31m);
        var plan = TestPlans.Plan(SalesMetrics, """
            - code: team
              points: 30
              rule: rating
              rubric:
                - { level: 优秀, min: 24, max: 30 }
                - { level: 一般, min: 12, max: 23 }
            - { code: rest, points: 70, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        var r = TestPlans.Run(plan, data.Build(), "2026-10");
        Assert.Equal(27.5m, r.Person("e1").Points("team"));
        Assert.Equal(["e2:MissingRating", "e3:RatingOutOfRange"], r.Errors.Select(e => e.Employee + ":" + e.Code));
    }

    [Theory]
    [InlineData(5000, "50")]       // revenue / 100 = 50
    [InlineData(20000, "60")]      // 200 clamped to weight × cap = 60 × 1
    [InlineData(-500, "0")]        // negative clamped to 0
    public void Formula_WhenEvaluated_ThenClampedToZeroAndWeightTimesCap(decimal revenue, string expected)
    {
        var data = OnePerson().Sale("e1", "2026-10-02", revenue);
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: f, points: 60, rule: formula, formula: "revenue / 100" }
            - { code: rest, points: 40, rule: ratio, metric: revenue, target: 1, if_undefined: zero }
            """);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("f"));
    }

    [Fact]
    public void Total_WhenIndicatorsRounded_ThenTotalIsSumOfRoundedPoints()
    {
        // 3 indicators at 33.333… each → 33.33 × 3 = 99.99 (not 100).
        var data = OnePerson().Sale("e1", "2026-10-02", 1m).Target("e1", "revenue", "2026-10", 3m);
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: a, points: 100, rule: ratio, metric: revenue }
            """.Replace("100", "33.3333333333333333333333333", StringComparison.Ordinal)
            + "\n- { code: b, points: 33.3333333333333333333333333, rule: ratio, metric: revenue }"
            + "\n- { code: c, points: 33.3333333333333333333333334, rule: ratio, metric: revenue }");
        var person = TestPlans.Run(plan, data.Build(), "2026-10").Person("e1");
        Assert.Equal(11.11m + 11.11m + 11.11m, person.Total);
    }

    [Fact]
    public void Ratio_WhenExactResultIsAHalfCent_ThenRoundedUp()
    {
        // 30 × 1,000 ÷ 1,200,000 = 0.025 → 0.03 (not 0.02 from 28-digit representation error).
        var data = OnePerson().Sale("e1", "2026-10-05", 1000m).Target("e1", "revenue", "2026-10", 1200000m);
        var plan = TestPlans.Plan(SalesMetrics, """
            - { code: r, points: 30, rule: ratio, metric: revenue }
            - { code: rest, points: 70, rule: ratio, metric: revenue, target: 1000000000 }
            """);
        Assert.Equal(0.03m, TestPlans.Run(plan, data.Build(), "2026-10").Person("e1").Points("r"));
    }
}
