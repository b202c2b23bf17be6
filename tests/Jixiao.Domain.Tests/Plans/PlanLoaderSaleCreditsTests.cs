using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

/// <summary>The <c>credits</c> section (docs/plan-format.md §5 "Indirect sales and external referrers").</summary>
public class PlanLoaderSaleCreditsTests
{
    private const string Head = """
        plan: { code: t, name: 测试方案 }
        metrics:
          credit: { source: sales, field: amount }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          a:
            periods: [month]
            indicators:
              - { code: task, points: 100, rule: ratio, metric: credit }

        """;

    private static PlanLoadResult Load(string section) => PlanLoader.Load(Head + section, "p.yaml");

    [Fact]
    public void Credits_WhenBothRates_ThenRead()
    {
        var plan = Load("credits: { indirect_rate: 50%, referrer_share: 0.3 }\n").Plan!;
        Assert.Equal(new SaleCreditRules(0.5m, 0.3m), plan.SaleCredits);
    }

    [Fact]
    public void Credits_WhenAbsentOrOneKey_ThenTheOtherRuleIsNone()
    {
        Assert.Equal(SaleCreditRules.None, Load("").Plan!.SaleCredits);
        Assert.Equal(new SaleCreditRules(0.6m, null), Load("credits: { indirect_rate: 60% }\n").Plan!.SaleCredits);
    }

    [Theory]
    [InlineData("credits: { indirect_rate: 150% }", "credits.indirect_rate: value out of range")]
    [InlineData("credits: { referrer_share: -10% }", "credits.referrer_share: value out of range")]
    [InlineData("credits: { indirect_rate: half }", "indirect_rate")]
    [InlineData("credits: { indirect_rate: 50%, discount: 1 }", "discount")]
    public void Credits_WhenWrong_ThenOneClearErrorAndNoPlan(string section, string expected)
    {
        var result = Load(section + "\n");
        Assert.False(result.Ok);
        Assert.Contains(result.Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("en"))), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Credits_WhenLogisticsTemplate_ThenSeed003sRulesAreOn()
    {
        // §五.1 indirect sales at 50%, §五.4 the external referrer's 30% taken out of the salesperson's part.
        var plan = PlanLoader.LoadFile(Path.Combine(PlanLoaderTests.RepoRoot(), "templates", "logistics-a-to-f.yaml")).Plan!;
        Assert.Equal(new SaleCreditRules(0.5m, 0.3m), plan.SaleCredits);
    }
}
