using System.Globalization;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

public class PlanLoaderTests
{
    private static PlanLoadResult Load(string yaml) => PlanLoader.Load(yaml, "p.yaml");

    private static List<string> Errors(string yaml) =>
        [.. Load(yaml).Errors.Select(p => $"{p.Line}:{p.Column}:{p.Code}")];

    private const string Header = """
        plan: { code: p, name: 方案 }
        metrics:
          revenue: { source: sales, aggregate: sum, field: amount }
          complaints: { source: activities, kinds: [complaint] }
        grade_scales:
          g:
            - { grade: A, from: 80, coefficient: 1 }
            - { grade: B, from: 0, coefficient: 0.5 }
        """;

    [Fact]
    public void Load_WhenValid_ThenPlanWithoutProblems()
    {
        var r = Load(Header + """

            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 75, rule: ratio, metric: revenue }
                  - { code: b, points: 25, rule: deduction, metric: complaints, per_event: 5, category: process }
            """);
        Assert.True(r.Ok);
        Assert.Empty(r.Problems);
        Assert.Equal(75m, r.Plan!.Scorecards[0].Indicators[0].Points);
    }

    [Fact]
    public void Load_WhenSeveralProblems_ThenAllReportedWithLineAndColumn()
    {
        var errors = Errors(Header + """

            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 60, rule: ratio, metric: revenu }
                  - { code: b, points: 25, rule: deduction, metric: complaints, per_event: -5 }
                  - { code: c, points: 10, rule: formula, formula: "revenue * (2" }
                  - { code: d, points: 10, rule: magic }
            """);
        Assert.Equal(["13:7:WeightsNot100", "13:53:UnknownMetric", "14:80:OutOfRange", "15:69:Formula", "16:38:InvalidChoice"], errors);   // 60 + 25 + 10 + 10 = 105
        Assert.True(Load(Header).Plan is null);
    }

    [Fact]
    public void Load_WhenWeightsNot100_ThenErrorWithSum()
    {
        var r = Load(Header + """

            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 70, rule: ratio, metric: revenue }
                  - { code: b, points: 25, rule: deduction, metric: complaints, per_event: 5 }
            """);
        var p = Assert.Single(r.Errors);
        Assert.Equal(PlanProblemCode.WeightsNot100, p.Code);
        Assert.Equal("p.yaml:13:7: 错误: scorecards.s：指标权重合计为 95，不是 100", p.Format(null));
        Assert.Equal("p.yaml:13:7: error: scorecards.s: indicator weights sum to 95, not 100", p.Format(CultureInfo.GetCultureInfo("en")));
        Assert.Contains("指標權重合計為 95", p.Format(CultureInfo.GetCultureInfo("zh-TW")), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenResultWeightOutsideAdvice_ThenWarningOnly()
    {
        var r = Load(Header + """

            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 50, rule: ratio, metric: revenue }
                  - { code: b, points: 50, rule: deduction, metric: complaints, per_event: 5, category: process }
            """);
        Assert.True(r.Ok);
        Assert.Equal(PlanProblemCode.ResultWeightAdvice, Assert.Single(r.Warnings).Code);
    }

    [Theory]
    [InlineData("[{from: 0, to: 0.6, min: 0, max: 14}, {from: 0.7, to: 1, min: 15, max: 29}]", PlanProblemCode.BandGap)]
    [InlineData("[{from: 0, to: 0.6, min: 0, max: 14}, {from: 0.5, to: 1, min: 15, max: 29}]", PlanProblemCode.BandOverlap)]
    [InlineData("[{from: 0.1, to: 0.6, min: 0, max: 14}, {from: 0.6, to: 1, min: 15, max: 29}]", PlanProblemCode.BandsMustStartAtZero)]
    [InlineData("[{from: 0, to: 0.6, min: 0, max: 14}, {from: 0.6, to: 1, min: 15, max: 129}]", PlanProblemCode.BandAboveCap)]
    [InlineData("[{from: 0, to: 0.6, min: 10, max: 4}]", PlanProblemCode.BandPointsInvalid)]
    public void Load_WhenBandsBroken_ThenPreciseError(string bands, PlanProblemCode code)
    {
        var errors = Load(Header + $$"""

            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 100, rule: bands, metric: revenue, bands: {{bands}} }
            """).Errors.Select(e => e.Code);
        Assert.Contains(code, errors);
    }

    [Fact]
    public void Load_WhenGradeScaleHasGap_ThenError()
    {
        var yaml = """
            plan: { code: p, name: 方案 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
            grade_scales:
              g:
                - { grade: A, from: 80, coefficient: 1 }
                - { grade: B, from: 0, to: 70, coefficient: 0.5 }
            scorecards:
              s: { periods: month, indicators: [ { code: a, points: 100, rule: ratio, metric: revenue } ] }
            """;
        Assert.Contains(PlanProblemCode.BandGap, Load(yaml).Errors.Select(e => e.Code));
    }

    [Fact]
    public void Load_WhenYamlBroken_ThenSyntaxErrorWithPosition()
    {
        var r = Load("plan: { code: p\nmetrics: [");
        var p = Assert.Single(r.Problems);
        Assert.Equal((PlanProblemCode.YamlUnclosed, 1, 7), (p.Code, p.Line, p.Column)); // the "{" never closed; the parser stops before it reads "["
    }

    [Fact]
    public void Load_WhenUnknownKey_ThenErrorListsAllowedKeys()
    {
        var r = Load(Header + """

            scorecards:
              s:
                periods: month
                weights: 100
                indicators:
                  - { code: a, points: 100, rule: ratio, metric: revenue }
            """);
        var p = Assert.Single(r.Errors);
        Assert.Equal(PlanProblemCode.UnknownKey, p.Code);
        Assert.Equal(12, p.Line);
        Assert.Equal(5, p.Column);
        Assert.Contains("indicators", p.Format(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenFormulaMetricsFormCycle_ThenError()
    {
        var yaml = """
            plan: { code: p, name: 方案 }
            metrics:
              a: { source: formula, formula: b + 1 }
              b: { source: formula, formula: a * 2 }
            scorecards:
              s: { periods: month, indicators: [ { code: x, points: 100, rule: ratio, metric: a, target: 1 } ] }
            """;
        Assert.Contains(PlanProblemCode.MetricCycle, Load(yaml).Errors.Select(e => e.Code));
    }

    [Fact]
    public void Load_WhenFormulaHasUnknownVariable_ThenPointsIntoPlanFile()
    {
        var yaml = """
            plan: { code: p, name: 方案 }
            metrics:
              a: { source: sales, aggregate: sum, field: amount }
              b: { source: formula, formula: "a + revnue" }
            scorecards:
              s: { periods: month, indicators: [ { code: x, points: 100, rule: ratio, metric: a, target: 1 } ] }
            """;
        var p = Assert.Single(Load(yaml).Errors);
        Assert.Equal(PlanProblemCode.Formula, p.Code);
        Assert.Equal(4, p.Line);
        Assert.Equal(39, p.Column);   // the 'r' of revnue inside the quoted scalar
    }

    [Fact]
    public void Load_WhenFormulaInBlockScalar_ThenPointsIntoPlanFile()
    {
        var yaml = """
            plan: { code: p, name: 方案 }
            metrics:
              a: { source: sales, aggregate: sum, field: amount }
              b:
                source: formula
                formula: |
                  a * 2
                    + revnue
            scorecards:
              s: { periods: month, indicators: [ { code: x, points: 100, rule: ratio, metric: a, target: 1 } ] }
            """;
        var p = Assert.Single(Load(yaml).Errors);
        Assert.Equal(8, p.Line);
        Assert.Equal(11, p.Column);   // the 'r' of revnue: 8 spaces, "+ ", then r
    }

    [Fact]
    public void Load_WhenSumOfPartsDisagrees_ThenError()
    {
        var r = Load(Header + """

            scorecards:
              s:
                periods: month
                indicators:
                  - code: a
                    points: 100
                    rule: sum_of_parts
                    parts:
                      - { name: x, rule: ratio, metric: revenue, points: 60 }
                      - { name: y, rule: ratio, metric: revenue, points: 30 }
            """);
        Assert.Contains(PlanProblemCode.PartsNotSumming, r.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("4s-dealership.yaml")]
    [InlineData("incentive-toolkit.yaml")]
    [InlineData("logistics-a-to-f.yaml")]
    public void Templates_WhenLoaded_ThenNoErrors(string file)
    {
        var path = Path.Combine(RepoRoot(), "templates", file);
        if (!File.Exists(path))
        {
            Assert.Fail("missing template " + path);
        }

        var r = PlanLoader.LoadFile(path);
        Assert.True(r.Ok, string.Join("\n", r.Problems.Select(p => p.Format(CultureInfo.InvariantCulture))));
    }

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Jixiao.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
