using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Calculation;

/// <summary>Calculation errors speak of the plan's names, not its codes (issue 12, "plain words").</summary>
public class ErrorArgumentNamesTests
{
    private const string Yaml = """
        plan: { code: names, name: 名称, effective_from: 2026-01-01 }
        positions:
          sales_rep: { name: 销售顾问, name_en: Sales consultant, name_zh_tw: 銷售顧問 }
        levels:
          core: { name: 骨干, name_en: Core }
        metrics:
          vehicles: { name: 销售车辆数, name_en: Vehicles sold, source: sales, aggregate: sum, field: units }
          leads:    { source: activities, kinds: [lead] }
        grade_scales:
          standard:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          rep:
            name: 销售顾问考核表
            match: { position: sales_rep }
            grade_scale: standard
            periods: [month]
            indicators:
              - { code: sales, name: 销售业绩, name_en: Sales, rule: ratio, metric: vehicles, points: 60 }
              - { code: leads_kpi, name: 客户开发, rule: ratio, metric: leads, points: 20 }
              - code: mix
                name: 结构
                name_en: Mix
                points: 10
                rule: sum_of_parts
                parts:
                  - { name: 车辆得分, name_en: Vehicles, rule: ratio, metric: vehicles, points: 5 }
                  - { name: 线索得分, rule: ratio, metric: leads, points: 5 }
              - { code: attitude, name: 工作态度, name_en: Attitude, rule: rating, points: 10 }
        """;

    private static readonly Plan Plan = Load();

    private static Plan Load()
    {
        var loaded = PlanLoader.Load(Yaml);
        Assert.True(loaded.Plan is not null, string.Join("; ", loaded.Problems.Select(p => p.Format(CultureInfo.InvariantCulture))));
        return loaded.Plan!;
    }

    private static string Pick(CultureInfo culture, string name, string? en, string? tw) =>
        culture.Name.StartsWith("en", StringComparison.Ordinal) ? en ?? name : culture.Name == "zh-TW" ? tw ?? name : name;

    private static string Say(CalculationError error, string culture)
    {
        var c = CultureInfo.GetCultureInfo(culture);
        return error.Format(c, PlanCodeNames.For(Plan, (n, en, tw) => Pick(c, n, en, tw)));
    }

    [Fact]
    public void MissingTarget_WhenPlanNamesMetricAndIndicator_ThenNamesInEachLanguage()
    {
        var error = new CalculationError("P01", CalculationErrorCode.MissingTarget, ["vehicles", "2026-10", "sales"]);

        Assert.Equal("P01: 缺少“销售车辆数”在 2026-10 的目标值（“销售业绩”需要）", Say(error, "zh-CN"));
        Assert.Equal("P01: no target for 'Vehicles sold' in 2026-10 (needed by 'Sales')", Say(error, "en"));
        Assert.Equal("P01: no target for 'vehicles' in 2026-10 (needed by 'sales')", error.Format(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void NoScorecard_WhenPositionAndLevelNamed_ThenNamesAndUnnamedCodeAsIs()
    {
        var error = new CalculationError("G01", CalculationErrorCode.NoScorecard, ["sales_rep", "A", "core"]);

        Assert.Equal("G01: 没有与岗位“销售顾问”、类别“A”、职级“骨干”匹配的考核表", Say(error, "zh-CN"));
        Assert.Equal("G01: no scorecard matches position 'Sales consultant', category 'A', level 'Core'", Say(error, "en"));
        Assert.Contains("銷售顧問", Say(error, "zh-TW"), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRating_WhenNoEnglishName_ThenSimplifiedNameNotCode()
    {
        var rating = new CalculationError("P01", CalculationErrorCode.MissingRating, ["leads_kpi", "2026-10"]);
        var unnamedMetric = new CalculationError("P01", CalculationErrorCode.Undefined, ["leads_kpi", "leads"]);

        Assert.Equal("P01: indicator '客户开发': no rating for 2026-10", Say(rating, "en"));
        Assert.Equal("P01: “客户开发”：无法计算达成率（leads：无数据或分母为 0）", Say(unnamedMetric, "zh-CN"));
    }

    [Fact]
    public void MissingTarget_WhenPartOfSumOfParts_ThenIndicatorAndPartByName()
    {
        var error = new CalculationError("P01", CalculationErrorCode.MissingTarget, ["vehicles", "2026-10", "mix.车辆得分"]);
        var unnamedPart = new CalculationError("P01", CalculationErrorCode.MissingTarget, ["leads", "2026-10", "mix.线索得分"]);

        Assert.Equal("P01: no target for 'Vehicles sold' in 2026-10 (needed by 'Mix / Vehicles')", Say(error, "en"));
        Assert.Equal("P01: 缺少“leads”在 2026-10 的目标值（“结构 / 线索得分”需要）", Say(unnamedPart, "zh-CN"));
    }

    [Fact]
    public void NoValueFor_WhenTableByLevel_ThenAttributeWordAndLevelName()
    {
        var byLevel = new CalculationError("P01", CalculationErrorCode.NoValueFor, ["bonus", "level", "core"]);
        var byProduct = new CalculationError("P01", CalculationErrorCode.NoValueFor, ["bonus", "product", "core"]);

        Assert.Equal("P01: 薪酬项“bonus”：职级“骨干”没有对应取值", Say(byLevel, "zh-CN"));
        Assert.Equal("P01: pay component 'bonus': no value for level 'Core'", Say(byLevel, "en"));
        // A product is data, not a plan code: shown as it is even when a level has the same code.
        Assert.Equal("P01: pay component 'bonus': no value for product 'core'", Say(byProduct, "en"));
    }

    [Fact]
    public void TextArguments_WhenCodeLikeText_ThenNeverReplaced()
    {
        // A period and a number are shown as they are even when a code of the plan has the same spelling.
        var error = new CalculationError("P01", CalculationErrorCode.RatingOutOfRange, ["attitude", "sales", "10"]);

        Assert.Equal("P01: indicator 'Attitude': rating sales is outside 0–10", Say(error, "en"));
    }
}
