using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Calculation;

/// <summary>Calculation as of a day inside an open period (docs/decisions/0018-projection.md).</summary>
public class ProjectionTests
{
    private const string Metrics = """
        vehicles: { source: sales, aggregate: sum, field: units }
        revenue: { source: sales, aggregate: sum, field: amount }
        leads: { source: activities, kinds: [lead] }
        due: { source: activities, kinds: [followup_due] }
        on_time: { source: activities, kinds: [followup_on_time] }
        timeliness: { source: formula, formula: on_time / due }
        survey: { source: activities, kinds: [survey], aggregate: avg, field: value }
        """;

    private const string Indicators = """
        - { code: v, points: 30, rule: ratio, metric: vehicles }
        - { code: rev, points: 20, rule: ratio, metric: revenue }
        - { code: leads, points: 10, rule: ratio, metric: leads }
        - { code: ft, points: 10, rule: ratio, metric: timeliness, target: 1 }
        - { code: sat, points: 10, rule: ratio, metric: survey, target: 100, if_undefined: zero }
        - code: r
          points: 20
          rule: rating
          rubric:
            - { level: 好, min: 10, max: 20 }
            - { level: 差, min: 0, max: 9 }
        """;

    private const string Pay = """
        - { code: bonus, kind: bonus, periods: [month], base: 1000 }
        """;

    /// <summary>October 2026 (31 days) up to the 10th: 3 vehicles / 320,000 of 10 / 1,000,000, 2 of 6 leads, 3 of 4 follow-ups on time, surveys 90 and 80, not rated yet.</summary>
    private static DataBuilder TenDays() => new DataBuilder().Unit("u").Person("e1", "u")
        .Target("e1", "vehicles", "2026-10", 10).Target("e1", "revenue", "2026-10", 1_000_000m).Target("e1", "leads", "2026-10", 6)
        .Sale("e1", "2026-10-02", 100_000m).Sale("e1", "2026-10-05", 100_000m).Sale("e1", "2026-10-09", 120_000m)
        .Activity("e1", "2026-10-04", "lead", times: 2)
        .Activity("e1", "2026-10-03", "followup_due", times: 4).Activity("e1", "2026-10-06", "followup_on_time", times: 3)
        .Activity("e1", "2026-10-07", "survey", 90m).Activity("e1", "2026-10-08", "survey", 80m);

    private static CalculationResult Run(DataBuilder data, string period, string? asOf, string indicators = Indicators, string metrics = Metrics, string? pay = Pay) =>
        Calculator.Run(TestPlans.Load(TestPlans.Plan(metrics, indicators, pay)), data.Build(), Period.Parse(period),
            new CalculationOptions { AsOf = asOf is null ? null : DataBuilder.D(asOf), Explain = ["e1"] });

    [Fact]
    public void OpenMonth_WhenDayTenOfThirtyOne_ThenPointsSoFarAndProjectedTotal()
    {
        var r = Run(TenDays(), "2026-10", "2026-10-10");
        Assert.Empty(r.Errors);

        // Points so far: the actuals to date against the full month's targets; the rating is pending (0).
        var now = r.Person("e1");
        Assert.Equal(9m, now.Points("v"));          // 30 × 3/10
        Assert.Equal(6.4m, now.Points("rev"));      // 20 × 320,000/1,000,000
        Assert.Equal(3.33m, now.Points("leads"));   // 10 × 2/6
        Assert.Equal(7.5m, now.Points("ft"));       // 10 × 3/4
        Assert.Equal(8.5m, now.Points("sat"));      // 10 × 85/100
        Assert.Equal(0m, now.Points("r"));
        Assert.Null(now.Indicators.Single(i => i.Code == "r").Actual);
        Assert.Equal(34.73m, now.Total);

        var projection = r.Projection!;
        Assert.Equal(DataBuilder.D("2026-10-10"), projection.AsOf);
        Assert.Equal(10, projection.DaysElapsed);
        Assert.Equal(31, projection.DaysInPeriod);
        var p = projection.Of("e1")!;
        Assert.Equal(["r"], p.Pending);
        var projected = p.Projected;

        // Sums and counts × 31/10; the ratio of two counts and the average unchanged.
        Assert.Equal(9.3m, projected.Indicators.Single(i => i.Code == "v").Actual);
        Assert.Equal(992_000m, projected.Indicators.Single(i => i.Code == "rev").Actual);
        Assert.Equal(6.2m, projected.Indicators.Single(i => i.Code == "leads").Actual);
        Assert.Equal(0.75m, projected.Indicators.Single(i => i.Code == "ft").Actual);
        Assert.Equal(85m, projected.Indicators.Single(i => i.Code == "sat").Actual);
        Assert.Equal(10m, projected.Indicators.Single(i => i.Code == "v").Target);

        Assert.Equal(27.9m, projected.Points("v"));     // 30 × 9.3/10
        Assert.Equal(19.84m, projected.Points("rev"));  // 20 × 0.992
        Assert.Equal(10m, projected.Points("leads"));   // 6.2/6 capped at 1
        Assert.Equal(7.5m, projected.Points("ft"));
        Assert.Equal(8.5m, projected.Points("sat"));
        Assert.Equal(0m, projected.Points("r"));
        Assert.Equal(73.74m, projected.Total);
        Assert.Equal("B", projected.Grade);
        Assert.Equal(0.8m, projected.Coefficient);
        Assert.Equal(800m, projected.Pay("bonus"));

        // So far the person is in grade C: no bonus yet.
        Assert.Equal("C", now.Grade);
        Assert.Equal(0m, now.Pay("bonus"));

        // The explanation (of the points so far) says the rating is pending.
        var rating = r.Explanations["e1"].Children.Single(c => c.Label == "r").Children.First(c => c.Kind == Jixiao.Domain.Explanations.ExplanationKind.Rating);
        Assert.Equal("Explain_RatingPending", rating.Detail);
    }

    [Fact]
    public void OpenMonth_WhenRated_ThenNothingPendingAndRatingCountsInBoth()
    {
        var r = Run(TenDays().Rating("e1", "2026-10", "r", 15m), "2026-10", "2026-10-10");
        Assert.Equal(49.73m, r.Person("e1").Total);
        var p = r.Projection!.Of("e1")!;
        Assert.Empty(p.Pending);
        Assert.Equal(88.74m, p.Projected.Total);
        Assert.Equal("A", p.Projected.Grade);
        Assert.Equal(1000m, p.Projected.Pay("bonus"));
    }

    [Theory]
    [InlineData("2026-10-31")] // the last day: the period is complete
    [InlineData("2026-11-05")]
    [InlineData(null)]
    public void ClosedMonth_WhenRatingMissing_ThenErrorAndNoProjection(string? asOf)
    {
        var r = Run(TenDays(), "2026-10", asOf);
        Assert.Empty(r.Results);
        Assert.Equal(CalculationErrorCode.MissingRating, Assert.Single(r.Errors).Code);
        Assert.Null(r.Projection);
    }

    [Fact]
    public void ClosedMonth_WhenRated_ThenSameAsWithoutAsOf()
    {
        var closed = Run(TenDays().Rating("e1", "2026-10", "r", 15m), "2026-10", "2026-10-31");
        var plain = Run(TenDays().Rating("e1", "2026-10", "r", 15m), "2026-10", null);
        Assert.Equal(plain.Person("e1"), closed.Person("e1"), new ResultComparer());
        Assert.Equal(49.73m, closed.Person("e1").Total);
        Assert.Null(closed.Projection);
    }

    [Fact]
    public void OpenMonth_WhenTargetMissing_ThenStillAnError()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Sale("e1", "2026-10-02", 100_000m);
        var r = Run(data, "2026-10", "2026-10-10", """
            - { code: v, points: 100, rule: ratio, metric: vehicles }
            """, pay: null);
        Assert.Equal(CalculationErrorCode.MissingTarget, Assert.Single(r.Errors).Code);
        Assert.Empty(r.Projection!.Results);
    }

    [Fact]
    public void OpenQuarter_WhenHalfTheDaysElapsed_ThenSumsDoubleAndInputsStay()
    {
        // 2026-Q4 has 92 days; 2026-11-15 is day 46 (31 October days + 15).
        var data = new DataBuilder().Unit("u").Person("e1", "u")
            .Target("e1", "vehicles", "2026-Q4", 8)
            .Sale("e1", "2026-10-20", 50_000m, units: 2).Sale("e1", "2026-11-14", 60_000m, units: 1)
            .Input("e1", "score", "2026-Q4", 40m);
        var r = Run(data, "2026-Q4", "2026-11-15", """
            - { code: v, points: 50, rule: ratio, metric: vehicles }
            - { code: s, points: 50, rule: formula, formula: score }
            """, Metrics + "\nscore: { source: input }", pay: null);
        Assert.Equal((46, 92), (r.Projection!.DaysElapsed, r.Projection.DaysInPeriod));
        var projected = r.Projection.Of("e1")!.Projected;
        Assert.Equal(6m, projected.Indicators.Single(i => i.Code == "v").Actual);
        Assert.Equal(37.5m, projected.Points("v"));  // 50 × 6/8
        Assert.Equal(40m, projected.Points("s"));    // the input is not scaled
        Assert.Equal(18.75m, r.Person("e1").Points("v")); // so far: 50 × 3/8
    }

    [Fact]
    public void OpenMonth_WhenOverTargetUnits_ThenEachRowRecursAtThePaceSoFar()
    {
        // Target 5 vehicles; by the 10th a sedan and an SUV (1 each). Projected × 3.1: sedan 3.1, SUV 6.2 cumulative,
        // so 1.2 SUV beyond the target × 500 = 600. So far: 2 ≤ 5, nothing.
        var data = new DataBuilder().Unit("u").Person("e1", "u").Target("e1", "vehicles", "2026-10", 5)
            .Sale("e1", "2026-10-02", 150_000m, product: "sedan").Sale("e1", "2026-10-05", 210_000m, product: "suv");
        var r = Run(data, "2026-10", "2026-10-10", """
            - { code: v, points: 100, rule: ratio, metric: vehicles }
            """, pay: """
            - { code: vb, kind: over_target_units, periods: [month], metric: vehicles, amounts: { by: product, values: { sedan: 300, suv: 500 } } }
            """);
        Assert.Equal(0m, r.Person("e1").Pay("vb"));
        Assert.Equal(600m, r.Projection!.Of("e1")!.Projected.Pay("vb"));
    }

    [Fact]
    public void Project_WhenRepeatingFactor_ThenMultipliedBeforeDivided()
    {
        Assert.Equal(31m, OpenPeriod.Project(3m, 3, 31));
        Assert.Equal(Period.Parse("2026-02").End, DataBuilder.D("2026-02-28"));
        Assert.Equal((1, 28), OpenPeriod.DaysOf(Period.Parse("2026-02"), DataBuilder.D("2026-02-01")));
        Assert.False(OpenPeriod.IsOpen(Period.Parse("2026-10"), DataBuilder.D("2026-09-30")));
        Assert.True(OpenPeriod.IsOpen(Period.Parse("2026-10"), DataBuilder.D("2026-10-01")));
        Assert.True(OpenPeriod.IsOpen(Period.Parse("2026-10"), DataBuilder.D("2026-10-30")));
        Assert.False(OpenPeriod.IsOpen(Period.Parse("2026-10"), DataBuilder.D("2026-10-31")));
    }

    /// <summary>Compares results by value, lists included.</summary>
    private sealed class ResultComparer : IEqualityComparer<EmployeeResult>
    {
        public bool Equals(EmployeeResult? x, EmployeeResult? y) =>
            x is not null && y is not null && x.Total == y.Total && x.Grade == y.Grade && x.Coefficient == y.Coefficient
            && x.Indicators.Select(i => (i.Code, i.Points, i.Actual, i.Target)).SequenceEqual(y.Indicators.Select(i => (i.Code, i.Points, i.Actual, i.Target)))
            && x.Pay.SequenceEqual(y.Pay);

        public int GetHashCode(EmployeeResult obj) => obj.Total.GetHashCode();
    }
}
