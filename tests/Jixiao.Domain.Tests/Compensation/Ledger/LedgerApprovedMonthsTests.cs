using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Ledger;

/// <summary>
/// Approvals kept outside the lines (the web app's payroll months): the first and last approved month are given, so a month
/// approved without a line of this year is still closed, and months before the first approved one are left as computed.
/// Also the payroll file's bytes (<see cref="LedgerCsv"/>).
/// </summary>
public class LedgerApprovedMonthsTests
{
    private static readonly Jixiao.Domain.Plans.Plan Plan = TestPlans.Load("""
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
        payment:
          schedules:
            bonus: { pay: next_month }
        """);

    private static readonly Employee B1 = new("B1", "B1", "U", null, "p", "B", "", "", DataBuilder.D("2020-01-01"), null);

    private static CalculationResult Run(string period, decimal bonus) =>
        new(Period.Parse(period), "t", 1, [new EmployeeResult(0, "B1", "B1", "U", "monthly", [], 100m, "A", 1m, [new PayLine("bonus", "奖金", bonus)])],
            [], 0, new Dictionary<string, Jixiao.Domain.Explanations.Explanation>());

    private static List<string> Flat(IEnumerable<LedgerLine> lines) => [.. lines.Select(LedgerCsv.Row)];

    [Fact]
    public void Build_WhenApprovedMonthsGivenApartFromTheLines_ThenEarlierMonthsAsComputedAndMissingLinesAdjustedAfterTheLast()
    {
        // Payroll months 2026-04 and 2026-05 approved; the approved April line paid 1,000.00 for March. February's bonus (paid in
        // March, before the first approved month) stays as computed. April's bonus of 600.00 (paid in May) came in after May was
        // approved without it: 600.00 is adjusted in June, the first open month, referring to no earlier line.
        var approved = new List<LedgerLine> { new("B1", "bonus", Period.Parse("2026-03"), Period.Parse("2026-04"), LedgerStatus.Paid, 1000m, LedgerRule.Approved, []) };
        var results = new[] { Run("2026-02", 800m), Run("2026-03", 1000m), Run("2026-04", 600m), Run("2026-05", 700m) };
        var lines = LedgerBuilder.Build(new LedgerInput(Plan, 2026, new DateOnly(2026, 6, 30), results, [B1], [], WorkingDayCalendar.China)
        {
            Approved = approved,
            ApprovedFrom = Period.Parse("2026-04"),
            ApprovedThrough = Period.Parse("2026-05"),
        });
        Assert.Equal(
            [
                "B1,bonus,2026-02,2026-03,paid,800.00",
                "B1,bonus,2026-03,2026-04,paid,1000.00",
                "B1,bonus,2026-04,2026-06,adjusted,600.00",
                "B1,bonus,2026-05,2026-06,paid,700.00",
            ], Flat(lines));
        Assert.Null(lines.Single(l => l.Status == LedgerStatus.Adjusted).Refers);
    }

    [Fact]
    public void Build_WhenApprovedThroughWithoutAnyLineOfTheYear_ThenEverythingUpToItIsCorrectedAfterIt()
    {
        // Approved through 2026-03 (from 2026-03) with no line of B1: February's bonus of 800.00 due in March is adjusted in April.
        var lines = LedgerBuilder.Build(new LedgerInput(Plan, 2026, new DateOnly(2026, 4, 30), [Run("2026-02", 800m)], [B1], [], WorkingDayCalendar.China)
        {
            ApprovedFrom = Period.Parse("2026-03"),
            ApprovedThrough = Period.Parse("2026-03"),
        });
        Assert.Equal(["B1,bonus,2026-02,2026-04,adjusted,800.00"], Flat(lines));
    }

    [Fact]
    public void Write_WhenFieldsNeedQuotes_ThenQuotedAndAmountsToTheCentWithNewlineEndings()
    {
        var line = new LedgerLine("A,1", "say \"hi\"", Period.Parse("2026-Q2"), Period.Parse("2026-08"), LedgerStatus.ClawedBack, -900m, LedgerRule.Correction, []);
        Assert.Equal("employee,component,earned_period,pay_month,status,amount\n\"A,1\",\"say \"\"hi\"\"\",2026-Q2,2026-08,clawed_back,-900.00\n", LedgerCsv.Write([line]));
        Assert.Equal("1234567.50", LedgerCsv.Amount(1234567.5m));
    }
}
