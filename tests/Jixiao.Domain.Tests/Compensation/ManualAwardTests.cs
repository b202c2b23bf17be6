using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation;

/// <summary>Manual awards (seed 002 "成功签约战略客户，奖励5000-20000元"): the range, the reason, a second person, the ledger line.</summary>
public class ManualAwardTests
{
    private static readonly AwardKind Strategic = new("strategic_customer", "战略客户签约奖", "Strategic customer award", 5000m, 20000m);

    [Theory]
    [InlineData("5000.00", "签约华东战略客户", null)]
    [InlineData("20000.00", "签约华东战略客户", null)]
    [InlineData("4999.99", "签约华东战略客户", AwardProblem.OutOfRange)]
    [InlineData("20000.01", "签约华东战略客户", AwardProblem.OutOfRange)]
    [InlineData("12000.005", "签约华东战略客户", AwardProblem.NotCents)]
    [InlineData("12000.00", " ", AwardProblem.ReasonRequired)]
    public void Request_WhenAmountAndReason_ThenInsideTheRangeToTheCentWithAReason(string amount, string reason, AwardProblem? expected) =>
        Assert.Equal(expected, AwardRules.CheckRequest(Strategic, decimal.Parse(amount, CultureInfo.InvariantCulture), reason));

    [Fact]
    public void Request_WhenTheKindIsNotInThePlan_ThenUnknownKind() =>
        Assert.Equal(AwardProblem.UnknownKind, AwardRules.CheckRequest(null, 6000m, "x"));

    [Fact]
    public void Decide_WhenTheRequesterApproves_ThenRefused()
    {
        Assert.Equal(AwardProblem.OwnRequest, AwardRules.CheckDecision("u-hr", "u-hr", decided: false));
        Assert.Null(AwardRules.CheckDecision("u-hr", "u-finance", decided: false));
        Assert.Equal(AwardProblem.AlreadyDecided, AwardRules.CheckDecision("u-hr", "u-finance", decided: true));
    }

    [Fact]
    public void Ledger_WhenAnAwardIsGrantedForMay_ThenPaidInJuneUnderItsNameAndKeptByALeaverInJune()
    {
        var plan = TestPlans.Load("""
            plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
            metrics:
              credit: { source: sales, field: amount }
            grade_scales:
              g:
                - { grade: A, from: 0, coefficient: 1 }
            scorecards:
              monthly:
                periods: [month]
                indicators:
                  - { code: task, points: 100, rule: ratio, metric: credit }
            pay:
              - { code: bonus, kind: bonus, periods: [month], scorecards: [monthly], base: 1000 }
            awards:
              - { code: strategic_customer, name: 战略客户签约奖, name_en: Strategic customer award, min: 5000, max: 20000 }
            """);
        Assert.Equal([Strategic], plan.Awards);
        // B1 leaves on 10 June: the award granted for May (12,000.00) is paid in June all the same (an award is not forfeited).
        var lines = LedgerBuilder.Build(new LedgerInput(plan, 2026, DataBuilder.D("2026-12-31"), [],
            [new Employee("B1", "B1", "U", null, "p", "B", "", "", DataBuilder.D("2020-01-01"), DataBuilder.D("2026-06-10"))], [], WorkingDayCalendar.China)
        {
            Granted = [new GrantedAmount("B1", "strategic_customer", Period.Parse("2026-05"), 12000.00m)],
        });
        var line = Assert.Single(lines);
        Assert.Equal((LedgerStatus.Paid, 12000.00m, Period.Parse("2026-06")), (line.Status, line.Amount, line.PayMonth));
        Assert.Equal("战略客户签约奖：2026-05 计提，2026-06 发放", line.Explain());
    }

    [Fact]
    public void Plan_WhenAnAwardRangeIsUpsideDownOrItsCodeIsAPayComponent_ThenProblems()
    {
        var result = Jixiao.Domain.Plans.PlanLoader.Load("""
            plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
            metrics:
              credit: { source: sales, field: amount }
            grade_scales:
              g:
                - { grade: A, from: 0, coefficient: 1 }
            scorecards:
              monthly:
                periods: [month]
                indicators:
                  - { code: task, points: 100, rule: ratio, metric: credit }
            pay:
              - { code: bonus, kind: bonus, periods: [month], scorecards: [monthly], base: 1000 }
            awards:
              - { code: big, min: 20000, max: 5000 }
              - { code: bonus, min: 1, max: 2 }
            """);
        Assert.Null(result.Plan);
        Assert.Contains(result.Problems, p => p.Code == Jixiao.Domain.Plans.PlanProblemCode.OutOfRange);
        Assert.Contains(result.Problems, p => p.Code == Jixiao.Domain.Plans.PlanProblemCode.DuplicateCode);
    }
}
