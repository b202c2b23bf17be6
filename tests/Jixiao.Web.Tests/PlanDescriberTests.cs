using System.Globalization;
using Jixiao.Application.Plans;
using Jixiao.Domain.Plans;
using Jixiao.Web.Plans;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Tests;

/// <summary>Plans in words: every template in every language has no missing resource, and each rule kind reads as its model says.</summary>
public class PlanDescriberTests
{
    private static readonly IStringLocalizer<PlansText> Text = new StringLocalizer<PlansText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static PlanView Describe(string yaml, string culture)
    {
        var plan = PlanLoader.Load(yaml, "t.yaml").Plan ?? throw new InvalidOperationException("plan does not load");
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return new PlanDescriber(Text).Describe(plan);
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = saved;
        }
    }

    private static List<string> Sentences(PlanView view) =>
    [
        .. view.Scorecards.SelectMany(s => new[] { s.AppliesTo, s.Periods }
            .Concat(s.Indicators.SelectMany(i => i.Rule.Append(i.Category)))
            .Concat(s.Grades.SelectMany(g => new[] { g.Range, g.Coefficient }))),
        .. view.Pay.SelectMany(p => p.Rule.Append(p.AppliesTo).Append(p.Periods)),
    ];

    public static TheoryData<string, string> TemplatesAndCultures()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in PlanTemplates.Names)
        {
            foreach (var culture in UiText.Cultures)
            {
                data.Add(name, culture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TemplatesAndCultures))]
    public void Describe_WhenTemplate_ThenEverySentenceComesFromResourcesFilledIn(string template, string culture)
    {
        var view = Describe(PlanTemplates.Text(template), culture);
        var sentences = Sentences(view);

        Assert.NotEmpty(view.Scorecards);
        Assert.NotEmpty(view.Pay);
        string[] keyPrefixes = ["Rule_", "Ach_", "Target_", "Undefined_", "Grade_", "Coef_", "Pay_", "Value_", "Attr_", "Period_", "Cat_", "Match_"];
        Assert.All(sentences, s =>
        {
            Assert.DoesNotContain("{0}", s, StringComparison.Ordinal);
            Assert.DoesNotContain("?", s, StringComparison.Ordinal);
            Assert.False(keyPrefixes.Any(p => s.StartsWith(p, StringComparison.Ordinal)), $"missing resource: {s}");
        });
        Assert.All(view.Scorecards.Where(s => s.Indicators.Count > 0), s => Assert.Equal(100m, s.TotalPoints));
    }

    private const string BandsAndFormula = """
        plan: { code: t, name: 测试方案, effective_from: 2026-01-01 }
        metrics:
          revenue: { name: 销售额, source: sales, aggregate: sum, field: amount }
          vehicles: { name: 销售车辆数, source: sales, aggregate: sum, field: units }
          complaints: { name: 投诉次数, source: activities, kinds: [complaint], direction: lower }
        scorecards:
          s:
            match: { position: [salesperson] }
            periods: [month, quarter]
            indicators:
              - code: v
                points: 40
                rule: bands
                metric: vehicles
                if_undefined: zero
                bands:
                  - { from: 0, to: 60%, min: 0, max: 14 }
                  - { from: 60%, to: 100%, min: 15, max: 40 }
              - { code: f, points: 50, rule: formula, formula: "revenue / 1000", cap: 1.2 }
              - { code: c, points: 10, rule: deduction, metric: complaints, per_event: 5 }
        """;

    [Fact]
    public void Describe_WhenBandsFormulaDeduction_ThenWordsFromTheModelInChinese()
    {
        var card = Assert.Single(Describe(BandsAndFormula, "zh-CN").Scorecards);

        Assert.Equal("岗位 salesperson", card.AppliesTo);
        Assert.Equal("月度、季度", card.Periods);
        Assert.Equal(
            ["按达成率分段计分（段内线性），达成率 = 销售车辆数 ÷ 销售车辆数的目标值：", "达成率 0%–60%：0–14 分", "达成率 60%–100%：15–40 分", "无法计算达成率时（无数据或分母为 0）计 0 分"],
            card.Indicators[0].Rule);
        Assert.Equal(["公式：revenue / 1000，结果限定在 0–60 分"], card.Indicators[1].Rule);
        Assert.Equal(["扣分制：满分 10 分，每次“投诉次数”扣 5 分，最低 0 分"], card.Indicators[2].Rule);
    }

    [Fact]
    public void Describe_WhenEnglish_ThenEnglishWords()
    {
        var card = Assert.Single(Describe(BandsAndFormula, "en").Scorecards);

        Assert.Equal("monthly, quarterly", card.Periods);
        Assert.Equal("achievement 60%–100%: 15–40 points", card.Indicators[0].Rule[2]);
        Assert.Equal(["Formula: revenue / 1000, kept within 0–60 points"], card.Indicators[1].Rule);
    }

    [Theory]
    [InlineData("  - { code: a, metric: revenu }", 1, 18, "  - { code: a, metric: revenu }", "                 ^")]
    [InlineData("名称: 销售额x", 1, 8, "名称: 销售额x", "\u3000\u3000  \u3000\u3000\u3000^")]
    public void Context_WhenProblemPosition_ThenLineAndCaretUnderTheColumn(string yaml, int line, int column, string text, string caret)
    {
        var context = PlanCatalog.Context("first\n" + yaml + "\nlast", line + 1, column)!;
        Assert.Equal(text, context.Line);
        Assert.Equal(caret, context.Caret);
        Assert.Null(PlanCatalog.Context("one line", 5, 1));
    }
}
