using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

/// <summary>The <c>cost_control</c> section (docs/plan-format.md §10c): what it reads and every problem it reports.</summary>
public class PlanLoaderCostControlTests
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
        pay:
          - { code: bonus, kind: bonus, periods: [month], base: 1000 }
          - { code: commission, kind: rate, periods: [month], metric: credit, rate: 1% }

        """;

    private static PlanLoadResult Load(string section) => PlanLoader.Load(Head + section, "p.yaml");

    private static List<string> Errors(string section) => [.. Load(section).Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("en")))];

    [Fact]
    public void CostControl_WhenShareOfRevenue_ThenIndicatorRateAndComponentsRead()
    {
        var plan = Load("""
            cost_control:
              pool: { share_of: task, rate: 8% }
              components: [bonus]
            """).Plan!;
        Assert.Equal(new BonusPoolCap(BonusPoolCapKind.ShareOfRevenue, 0.08m), plan.CostControl!.Cap);
        Assert.Equal("task", plan.CostControl.RevenueIndicator);
        Assert.True(plan.CostControl.Covers("bonus"));
        Assert.False(plan.CostControl.Covers("commission"));
    }

    [Fact]
    public void CostControl_WhenBudgetWithoutComponents_ThenEveryComponentCovered()
    {
        var plan = Load("cost_control: { pool: { budget: 500000.5 } }\n").Plan!;
        Assert.Equal(new BonusPoolCap(BonusPoolCapKind.Budget, 500_000.50m), plan.CostControl!.Cap);
        Assert.Null(plan.CostControl.RevenueIndicator);
        Assert.True(plan.CostControl.Covers("commission"));
    }

    [Fact]
    public void CostControl_WhenAbsent_ThenNull()
    {
        Assert.Null(Load("").Plan!.CostControl);
    }

    [Theory]
    [InlineData("cost_control: { pool: { budget: 100, share_of: task, rate: 5% } }", "give exactly one kind of pool")]
    [InlineData("cost_control: { pool: { rate: 5% } }", "give exactly one kind of pool")]
    [InlineData("cost_control: { components: [bonus] }", "'pool' is required in cost_control")]
    [InlineData("cost_control: { pool: { share_of: task } }", "'rate' is required in cost_control.pool")]
    [InlineData("cost_control: { pool: { share_of: sales, rate: 5% } }", "cost_control.pool.share_of: no scorecard has the indicator 'sales'")]
    [InlineData("cost_control: { pool: { share_of: task, rate: 150% } }", "cost_control.pool.rate: value out of range")]
    [InlineData("cost_control: { pool: { budget: -1 } }", "cost_control.pool.budget: value out of range")]
    [InlineData("cost_control: { pool: { budget: 10.005 } }", "cost_control.pool.budget: value out of range")]
    [InlineData("cost_control: { pool: { budget: 10 }, components: [bonus, award] }", "cost_control.components: pay component 'award' is not defined")]
    [InlineData("cost_control: { pool: { budget: 10 }, cap: 1 }", "cap")]
    public void CostControl_WhenWrong_ThenOneClearErrorAndNoPlan(string section, string expected)
    {
        var errors = Errors(section + "\n");
        Assert.False(Load(section + "\n").Ok);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CostControl_WhenWrong_ThenMessagesInChineseToo()
    {
        var errors = Load("cost_control: { pool: { share_of: sales, rate: 5% } }\n").Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Contains(errors, e => e.Contains("没有任何考核表含有指标“sales”", StringComparison.Ordinal));
    }
}
