using System.Globalization;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

/// <summary>The <c>payment</c> section (docs/plan-format.md §10a): what it reads and every problem it reports.</summary>
public class PlanLoaderPaymentTests
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
          - { code: commission, kind: rate, periods: [month], metric: credit, rate: 1%, forfeit_on_leave: false }

        """;

    private static PlanLoadResult Load(string payment) => PlanLoader.Load(Head + payment, "p.yaml");

    private static List<string> Errors(string payment) => [.. Load(payment).Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("en")))];

    [Fact]
    public void Payment_WhenValid_ThenSchedulesSharesFactorAndWithholdingRead()
    {
        var plan = Load("""
            payment:
              schedules:
                bonus:
                  shares:
                    - { share: 30%, pay: second_month_of_next_quarter }
                    - { share: 70%, pay: after_spring_festival, factor: { indicator: task, cap: 120% }, forfeit_on_leave: true }
                commission: { pay: month_after_quarter }
              withholding:
                scorecards: [a]
                indicator: task
                first_year: [0%, 20%, 30%, 50%]
                later_years: [20%, 25%, 25%, 30%]
            """).Plan!;
        var bonus = plan.Payment.Schedules["bonus"];
        Assert.Equal([new PaymentShare(0.3m, PayTiming.SecondMonthOfNextQuarter, true), new PaymentShare(0.7m, PayTiming.AfterSpringFestival, true, new CompletionFactor("task", 1.2m))], bonus.Shares);
        // The component's forfeit_on_leave: false is the schedule's default.
        Assert.Equal([new PaymentShare(1m, PayTiming.MonthAfterQuarter, false)], plan.Payment.Schedules["commission"].Shares);
        Assert.Equal([0.2m, 0.25m, 0.25m, 0.3m], plan.Payment.Withholding!.LaterYears);
        Assert.Equal("task", plan.Payment.Withholding.Indicator);
    }

    [Fact]
    public void Payment_WhenAbsent_ThenNone()
    {
        Assert.Same(PaymentPlan.None, Load("").Plan!.Payment);
    }

    [Theory]
    [InlineData("payment:\n  schedules:\n    nosuch: { pay: next_month }\n", "payment.schedules: pay component 'nosuch' is not defined")]
    [InlineData("payment:\n  schedules:\n    bonus: { pay: whenever }\n", "payment.schedules.bonus.pay: 'whenever' is not one of: same_month, next_month, month_after_quarter, second_month_of_next_quarter, after_spring_festival")]
    [InlineData("payment:\n  schedules:\n    bonus: { forfeit_on_leave: true }\n", "payment.schedules.bonus: give either pay (all at once) or shares")]
    [InlineData("payment:\n  schedules:\n    bonus: { pay: next_month, shares: [] }\n", "payment.schedules.bonus: give either pay (all at once) or shares")]
    [InlineData("payment:\n  schedules:\n    bonus:\n      shares:\n        - { share: 30%, pay: next_month }\n        - { share: 60%, pay: next_month }\n", "payment.schedules.bonus: the shares sum to 90%, not 100%")]
    [InlineData("payment:\n  schedules:\n    bonus:\n      shares:\n        - { share: 130%, pay: next_month }\n", "payment.schedules.bonus.shares.1.share: value out of range (allowed: > 0 and ≤ 100%)")]
    [InlineData("payment:\n  schedules:\n    bonus: { pay: next_month, factor: { indicator: nope } }\n", "payment.schedules.bonus.factor: indicator 'nope' is not on the scorecards this applies to")]
    [InlineData("payment:\n  schedules:\n    bonus: { pay: next_month, factor: { indicator: task, cap: 0 } }\n", "payment.schedules.bonus.factor.cap: value out of range (allowed: > 0)")]
    [InlineData("payment:\n  withholding: { scorecards: [a], indicator: task, first_year: [0, 20%, 80%], later_years: [20%, 25%, 25%, 30%] }\n", "payment.withholding.first_year: give the four quarters' shares (found 3)")]
    [InlineData("payment:\n  withholding: { scorecards: [a], indicator: task, first_year: [0, 20%, 30%, 40%], later_years: [20%, 25%, 25%, 30%] }\n", "payment.withholding.first_year: the shares sum to 90%, not 100%")]
    [InlineData("payment:\n  withholding: { scorecards: [zz], indicator: task, first_year: [0, 20%, 30%, 50%], later_years: [20%, 25%, 25%, 30%] }\n", "payment.withholding: scorecard 'zz' is not defined")]
    [InlineData("payment:\n  withholding: { scorecards: [a], first_year: [0, 20%, 30%, 50%], later_years: [20%, 25%, 25%, 30%] }\n", "'indicator' is required in payment.withholding")]
    [InlineData("payment:\n  colour: red\n", "unknown key 'colour' in payment; allowed keys: schedules, withholding")]
    public void Payment_WhenWrong_ThenLocatedErrorInEnglish(string payment, string expected)
    {
        var errors = Errors(payment);
        Assert.Contains(errors, e => e.EndsWith("error: " + expected, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith("p.yaml:", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Payment_WhenWrong_ThenMessageInChinese()
    {
        var errors = Load("payment:\n  schedules:\n    nosuch: { pay: next_month }\n").Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("zh-CN"))).ToList();
        Assert.Contains(errors, e => e.Contains("未定义薪酬项“nosuch”", StringComparison.Ordinal));
        var tw = Load("payment:\n  schedules:\n    nosuch: { pay: next_month }\n").Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("zh-TW"))).ToList();
        Assert.Contains(tw, e => e.Contains("nosuch", StringComparison.Ordinal) && e.Contains('項'));
    }

    [Fact]
    public void Payment_WhenPayComponentNamedSalary_ThenReserved()
    {
        var yaml = Head.Replace("code: bonus,", "code: salary,", StringComparison.Ordinal) + "payment:\n  schedules: {}\n";
        var errors = PlanLoader.Load(yaml, "p.yaml").Errors.Select(p => p.Format(CultureInfo.GetCultureInfo("en"))).ToList();
        Assert.Contains(errors, e => e.Contains("the pay component code 'salary' is reserved", StringComparison.Ordinal));
    }
}
