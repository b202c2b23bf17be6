using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

public class PlanLoaderStrictnessTests
{
    private const string Head = """
        plan: { code: p, name: 方案 }
        metrics:
          revenue: { source: sales, aggregate: sum, field: amount }
          units: { source: sales, aggregate: sum, field: units }
        grade_scales:
          g:
            - { grade: A, from: 80, coefficient: 1 }
            - { grade: B, from: 0, coefficient: { from: 0.5, to: 0.9 } }
        """;

    private static List<PlanProblemCode> Codes(string yaml) => [.. PlanLoader.Load(yaml, "p.yaml").Errors.Select(e => e.Code)];

    private static string Card(string indicators, string? pay = null) => Head + "\nscorecards:\n  s:\n    periods: month\n    indicators:\n"
        + string.Join("\n", indicators.Split('\n').Select(l => "      " + l)) + (pay is null ? "" : "\npay:\n" + string.Join("\n", pay.Split('\n').Select(l => "  " + l)));

    [Fact]
    public void Load_WhenKeyBelongsToAnotherRule_ThenError()
    {
        Assert.Equal([PlanProblemCode.KeyNotForRule], Codes(Card("- { code: a, points: 100, rule: ratio, metric: revenue, formula: \"(\" }")));
        Assert.Equal([PlanProblemCode.KeyNotForRule], Codes(Card("- { code: a, points: 100, rule: deduction, metric: revenue, per_event: 1, cap: 2 }")));
    }

    [Fact]
    public void Load_WhenKeyBelongsToAnotherPayKind_ThenError()
    {
        Assert.Equal([PlanProblemCode.KeyNotForKind], Codes(Card("- { code: a, points: 100, rule: ratio, metric: revenue }",
            "- { code: b, kind: bonus, periods: month, base: 100, metric: nope }")));
    }

    [Fact]
    public void Load_WhenKeyBelongsToAnotherSource_ThenError()
    {
        var yaml = Card("- { code: a, points: 100, rule: ratio, metric: revenue }").Replace(
            "units: { source: sales, aggregate: sum, field: units }", "units: { source: sales, aggregate: sum, field: units, default: 0 }", StringComparison.Ordinal);
        Assert.Equal([PlanProblemCode.KeyNotForSource], Codes(yaml));
    }

    [Fact]
    public void Load_WhenScoringFormulaUsesTotal_ThenError()
    {
        Assert.Equal([PlanProblemCode.VariableOnlyInPay], Codes(Card("- { code: a, points: 100, rule: formula, formula: total / 2 }")));
    }

    [Fact]
    public void Load_WhenPayFormulaUsesTotalAndCoefficient_ThenFine()
    {
        Assert.Empty(Codes(Card("- { code: a, points: 100, rule: ratio, metric: revenue }",
            "- { code: b, kind: formula, periods: month, formula: total * coefficient * 10 }")));
    }

    [Fact]
    public void Load_WhenBonusOnCardWithoutGradeScale_ThenError()
    {
        var yaml = """
            plan: { code: p, name: 方案 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
            scorecards:
              s: { periods: month, indicators: [ { code: a, points: 100, rule: ratio, metric: revenue } ] }
            pay:
              - { code: b, kind: bonus, periods: month, base: 100 }
            """;
        Assert.Equal([PlanProblemCode.BonusNeedsGradeScale], Codes(yaml));
    }

    [Fact]
    public void Load_WhenInterpolatedCoefficientWithoutTo_ThenUsesNextGradeAsUpperBound()
    {
        var plan = TestPlans.Load(Card("- { code: a, points: 100, rule: ratio, metric: revenue }"));
        var b = plan.GradeScales["g"].Bands[0];
        Assert.Equal("B", b.Grade);
        Assert.Equal(80m, b.Coefficient.OverTo);
        Assert.Equal(0.7m, b.Coefficient.At(40m));
    }

    [Fact]
    public void Load_WhenPeriodsOrMatchEmpty_ThenError()
    {
        Assert.Contains(PlanProblemCode.EmptyList, Codes(Card("- { code: a, points: 100, rule: ratio, metric: revenue }").Replace("periods: month", "periods: []", StringComparison.Ordinal)));
        Assert.Contains(PlanProblemCode.EmptyList, Codes(Card("- { code: a, points: 100, rule: ratio, metric: revenue }").Replace("periods: month", "periods: month\n    match: { position: [] }", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_WhenWeightsWrongAndOtherErrors_ThenBothReported()
    {
        var codes = Codes(Card("- { code: a, points: 60, rule: ratio, metric: revenue, cap: 0 }"));
        Assert.Contains(PlanProblemCode.OutOfRange, codes);
        Assert.Contains(PlanProblemCode.WeightsNot100, codes);
    }

    [Fact]
    public void Load_WhenPointsNotANumber_ThenOneErrorOnly()
    {
        Assert.Equal([PlanProblemCode.ExpectedNumber], Codes(Card("- { code: a, points: 1e2, rule: ratio, metric: revenue }")));
    }

    [Fact]
    public void Load_WhenOverTargetUnitsOnTeamMetric_ThenError()
    {
        var yaml = Card("- { code: a, points: 100, rule: ratio, metric: revenue }",
            "- { code: v, kind: over_target_units, periods: month, metric: team_units, amounts: { by: product, values: { suv: 1 } } }")
            .Replace("  units: { source: sales, aggregate: sum, field: units }", "  units: { source: sales, aggregate: sum, field: units }\n  team_units: { source: sales, aggregate: sum, field: units, scope: team }", StringComparison.Ordinal);
        Assert.Equal([PlanProblemCode.OverTargetUnitsMetric], Codes(yaml));
    }

    [Fact]
    public void Load_WhenRateTableByProduct_ThenError()
    {
        Assert.Equal([PlanProblemCode.ProductOnlyForAmounts], Codes(Card("- { code: a, points: 100, rule: ratio, metric: revenue }",
            "- { code: r, kind: rate, periods: month, metric: revenue, rate: { by: product, values: { suv: 0.1 } } }")));
    }

    [Fact]
    public void Load_WhenContractAgeWithMax_ThenError()
    {
        var yaml = Card("- { code: a, points: 100, rule: ratio, metric: revenue }").Replace(
            "units: { source: sales, aggregate: sum, field: units }",
            "units: { source: sales, aggregate: sum, field: units }\n  aged: { source: collections, aggregate: max, field: amount, contract_age_rates: [ { from_month: 1, rate: 1 } ] }", StringComparison.Ordinal);
        Assert.Equal([PlanProblemCode.ContractAgeNeedsSum], Codes(yaml));
    }
}
