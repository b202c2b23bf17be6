using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Ledger;

/// <summary>Cost control decided by HR (seed 002 "成本控制"): the ledger pays the decided amounts and explains them; amounts by hand.</summary>
public class LedgerCostScalingTests
{
    private const string PlanYaml = """
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          credit: { source: sales, field: amount }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          monthly:
            match: { category: B }
            periods: [month]
            indicators:
              - { code: task, points: 100, rule: ratio, metric: credit }
          quarterly:
            match: { category: C }
            periods: [quarter]
            indicators:
              - { code: dept_task, points: 100, rule: ratio, metric: credit }
        pay:
          - { code: bonus, kind: bonus, periods: [month], scorecards: [monthly], base: 1000 }
          - { code: commission, kind: rate, periods: [month], scorecards: [monthly], metric: credit, rate: 1% }
          - { code: presales, kind: bonus, periods: [quarter], scorecards: [quarterly], base: 10000 }
        payment:
          schedules:
            bonus: { pay: next_month }
            commission: { pay: month_after_quarter }
            presales:
              shares:
                - { share: 30%, pay: second_month_of_next_quarter }
                - { share: 70%, pay: after_spring_festival, factor: { indicator: dept_task, cap: 100% } }
        """;

    private static readonly Jixiao.Domain.Plans.Plan Plan = TestPlans.Load(PlanYaml);
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static Employee Emp(string id, string category) => new(id, id, "U", null, "p", category, "", "", DataBuilder.D("2020-01-01"), null);

    private static EmployeeResult Person(string id, string card, (string Code, decimal Amount)[] pay, (decimal Actual, decimal Target)? dept = null) =>
        new(0, id, id, "U", card,
            dept is { } d ? [new IndicatorResult("dept_task", "dept_task", "ratio", 100m, 100m, d.Actual, d.Target, d.Actual / d.Target, null)] : [],
            100m, "A", 1m, [.. pay.Select(p => new PayLine(p.Code, p.Code, p.Amount, false))]);

    private static CalculationResult Run(string period, params EmployeeResult[] people) =>
        new(Period.Parse(period), "t", 1, people, [], 0, new Dictionary<string, Jixiao.Domain.Explanations.Explanation>());

    private static IReadOnlyList<LedgerLine> Build(IReadOnlyList<CalculationResult> results, IReadOnlyList<CostScaling> scaled) =>
        LedgerBuilder.Build(new LedgerInput(Plan, 2026, DataBuilder.D("2027-03-31"), results, [Emp("B1", "B"), Emp("B2", "B"), Emp("C1", "C")], [], WorkingDayCalendar.China) { Scaled = scaled });

    private static List<string> Flat(IEnumerable<LedgerLine> lines) =>
        [.. lines.Select(l => string.Join(',', l.Employee, l.Component, l.Earned, l.PayMonth, LedgerStatusCodes.Code(l.Status), l.Amount.ToString("0.00", CultureInfo.InvariantCulture)))];

    [Fact]
    public void Decision_WhenScaledToABudget_ThenLargestRemainderToTheCentAndApprovalKeepsTheAmounts()
    {
        // Budget 1,000.00 against 1,000.00 + 500.00 = 1,500.00: × 2/3 → 666.666… and 333.333…; floors 666.66 + 333.33 = 999.99,
        // the cent left goes to the larger remainder (.666… of B1): 666.67 + 333.33 = 1,000.00.
        VariablePay[] lines = [new("B1", "bonus", 1000.00m), new("B2", "bonus", 500.00m)];
        var cap = new BonusPoolCap(BonusPoolCapKind.Budget, 1000.00m);
        var review = new CostReview(0m, BonusPoolCapRule.Check(cap, 0m, lines), lines, BonusPoolCapRule.Scale(lines, 1000.00m));
        Assert.Equal(500.00m, review.Check.Excess);
        Assert.Null(CostDecisionRule.Check(review, CostDecisionKind.Scale, null));
        Assert.Equal([new ScaledPay("B1", "bonus", 1000.00m, 666.67m), new ScaledPay("B2", "bonus", 500.00m, 333.33m)], CostDecisionRule.Lines(review, CostDecisionKind.Scale));
        Assert.Equal(CostDecisionProblem.ReasonRequired, CostDecisionRule.Check(review, CostDecisionKind.ApproveExcess, "  "));
        Assert.Null(CostDecisionRule.Check(review, CostDecisionKind.ApproveExcess, "战略客户签约月，总经理批准超额"));
        Assert.Equal([new ScaledPay("B1", "bonus", 1000.00m, 1000.00m), new ScaledPay("B2", "bonus", 500.00m, 500.00m)], CostDecisionRule.Lines(review, CostDecisionKind.ApproveExcess));

        var within = new CostReview(0m, BonusPoolCapRule.Check(new BonusPoolCap(BonusPoolCapKind.Budget, 1500.00m), 0m, lines), lines, BonusPoolCapRule.Scale(lines, 1500.00m));
        Assert.Equal(CostDecisionProblem.NotExceeded, CostDecisionRule.Check(within, CostDecisionKind.Scale, null));
    }

    [Fact]
    public void Build_WhenJanuaryScaled_ThenTheDecidedBonusesArePaidAndExplainedAndUncappedPayIsNot()
    {
        var results = new[] { Run("2026-01", Person("B1", "monthly", [("bonus", 1000.00m), ("commission", 300.00m)]), Person("B2", "monthly", [("bonus", 500.00m)])) };
        var scaling = new CostScaling(Period.Parse("2026-01"), 1000.00m, 1500.00m, [new("B1", "bonus", 1000.00m, 666.67m), new("B2", "bonus", 500.00m, 333.33m)]);
        var lines = Build(results, [scaling]);
        Assert.Equal(
            [
                "B1,bonus,2026-01,2026-02,paid,666.67",
                "B1,commission,2026-01,2026-04,paid,300.00",
                "B2,bonus,2026-01,2026-02,paid,333.33",
            ], Flat(lines));
        var b1 = lines[0];
        Assert.Equal(LedgerRule.ScheduledScaled, b1.Rule);
        Assert.Equal("bonus earned in 2026-01, paid in 2026-02; scaled by cost control: computed 1000.00, paid 666.67 (pool 1000.00 of a computed total of 1500.00)", b1.Explain(En));
        Assert.Equal(LedgerRule.Scheduled, lines[1].Rule);
    }

    [Fact]
    public void Build_WhenAQuarterOfSharesScaled_ThenTheSharesSplitTheDecidedAmount()
    {
        // Q1 presales 7,777.77 scaled to 7,000.00: 30% = 2,100.00 in May; 70% = 4,900.00 × department completion 90 ÷ 100 = 4,410.00
        // in February 2027 (the Spring Festival holiday of 2027 ends in February).
        var results = new[] { Run("2026-Q1", Person("C1", "quarterly", [("presales", 7777.77m)], (90m, 100m))) };
        var scaling = new CostScaling(Period.Parse("2026-Q1"), 7000.00m, 7777.77m, [new("C1", "presales", 7777.77m, 7000.00m)]);
        var lines = Build(results, [scaling]);
        Assert.Equal(["C1,presales,2026-Q1,2026-05,paid,2100.00", "C1,presales,2026-Q1,2027-02,paid,4410.00"], Flat(lines));
        Assert.Equal(LedgerRule.ShareScaled, lines[0].Rule);
        Assert.Equal(LedgerRule.ShareWithFactorScaled, lines[1].Rule);
        Assert.Contains("scaled by cost control: computed 7777.77, scaled to 7000.00, pool 7000.00", lines[1].Explain(En), StringComparison.Ordinal);
        Assert.Contains("成本控制按比例调整", lines[0].Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenTheExcessWasApproved_ThenTheComputedAmountsArePaidAsUsual()
    {
        var results = new[] { Run("2026-01", Person("B1", "monthly", [("bonus", 1000.00m)])) };
        var approved = new CostScaling(Period.Parse("2026-01"), 800.00m, 1000.00m, [new("B1", "bonus", 1000.00m, 1000.00m)]);
        var line = Assert.Single(Build(results, [approved]));
        Assert.Equal(1000.00m, line.Amount);
        Assert.Equal(LedgerRule.Scheduled, line.Rule);
    }

    [Fact]
    public void Build_WhenTheDecisionWasTakenOnOtherFigures_ThenRefusedRatherThanPaidWrong()
    {
        var results = new[] { Run("2026-01", Person("B1", "monthly", [("bonus", 1200.00m)])) };
        var stale = new CostScaling(Period.Parse("2026-01"), 800.00m, 1000.00m, [new("B1", "bonus", 1000.00m, 800.00m)]);
        Assert.Throws<InvalidOperationException>(() => Build(results, [stale]));
    }
}
