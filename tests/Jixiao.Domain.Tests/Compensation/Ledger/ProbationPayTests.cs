using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Ledger;

/// <summary>C on probation gets no management bonus (seed 003 §七.4): the probation days' part is forfeited; amounts by hand.</summary>
public class ProbationPayTests
{
    private const string PlanYaml = """
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          credit: { source: sales, field: amount }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          quarterly:
            match: { category: C }
            periods: [quarter]
            indicators:
              - { code: dept_task, points: 100, rule: ratio, metric: credit }
        pay:
          - { code: presales, kind: bonus, periods: [quarter], scorecards: [quarterly], base: 9000 }
          - { code: other, kind: bonus, periods: [quarter], scorecards: [quarterly], base: 1000 }
        payment:
          schedules:
            presales:
              none_during_probation: true
              shares:
                - { share: 30%, pay: second_month_of_next_quarter }
                - { share: 70%, pay: after_spring_festival, factor: { indicator: dept_task, cap: 100% } }
            other: { pay: next_month }
        """;

    private static readonly Jixiao.Domain.Plans.Plan Plan = TestPlans.Load(PlanYaml);

    private static List<string> Build(string probationEnd, params (string Period, decimal Presales)[] quarters)
    {
        var results = quarters.Select(q => new CalculationResult(Period.Parse(q.Period), "t", 1,
            [new EmployeeResult(0, "C1", "C1", "U", "quarterly", [new IndicatorResult("dept_task", "dept_task", "ratio", 100m, 100m, 100m, 100m, 1m, null)], 100m, "A", 1m,
                [new PayLine("presales", "presales", q.Presales, false), new PayLine("other", "other", 1000m, false)])],
            [], 0, new Dictionary<string, Jixiao.Domain.Explanations.Explanation>())).ToList();
        var lines = LedgerBuilder.Build(new LedgerInput(Plan, 2026, DataBuilder.D("2027-03-31"), results,
            [new Employee("C1", "C1", "U", null, "p", "C", "", "", DataBuilder.D("2026-01-01"), null)], [], WorkingDayCalendar.China)
        {
            ProbationEnds = new Dictionary<string, DateOnly> { ["C1"] = DataBuilder.D(probationEnd) },
        });
        return [.. lines.Select(l => string.Join(',', l.Component, l.Earned, l.PayMonth, LedgerStatusCodes.Code(l.Status), l.Amount.ToString("0.00", CultureInfo.InvariantCulture)))];
    }

    [Fact]
    public void Ledger_WhenProbationEndsMidQuarter_ThenTheProbationDaysPartIsForfeitedAndTheRestPaidAsScheduled()
    {
        // Q1 2026 has 31 + 28 + 31 = 90 days; probation to 15 February = 31 + 15 = 46 days: 9,000.00 × 46 ÷ 90 = 4,600.00 forfeited.
        // The other 4,400.00: 30% = 1,320.00 in May, 70% = 3,080.00 × 100% in February 2027. The component without the rule is paid in full.
        string[] expected =
        [
            "other,2026-Q1,2026-04,paid,1000.00",
            "presales,2026-Q1,2026-05,forfeited,4600.00",
            "presales,2026-Q1,2026-05,paid,1320.00",
            "presales,2026-Q1,2027-02,paid,3080.00",
        ];
        Assert.Equal(expected, Build("2026-02-15", ("2026-Q1", 9000m)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ledger_WhenTheWholeQuarterIsOnProbation_ThenNothingOfTheBonusIsPaidAndTheNextQuarterIsPaidInFull()
    {
        var lines = Build("2026-03-31", ("2026-Q1", 9000m), ("2026-Q2", 7777.77m));
        Assert.Contains("presales,2026-Q1,2026-05,forfeited,9000.00", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("presales,2026-Q1", StringComparison.Ordinal) && l.Contains(",paid,", StringComparison.Ordinal));
        // Q2: 30% of 7,777.77 = 2,333.33 in August, 70% = 5,444.44 in February 2027; nothing forfeited.
        Assert.Contains("presales,2026-Q2,2026-08,paid,2333.33", lines);
        Assert.Contains("presales,2026-Q2,2027-02,paid,5444.44", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("presales,2026-Q2", StringComparison.Ordinal) && l.Contains("forfeited", StringComparison.Ordinal));
    }

    [Fact]
    public void Forfeited_WhenOneDayOfAMonthOnProbation_ThenRoundedToTheCent()
    {
        // 1,000.00 × 1 ÷ 31 = 32.258… → 32.26; the day before the period: nothing; the period's last day: everything.
        Assert.Equal(32.26m, ProbationPay.Forfeited(1000m, Period.Parse("2026-01"), DataBuilder.D("2026-01-01")));
        Assert.Equal(0m, ProbationPay.Forfeited(1000m, Period.Parse("2026-01"), DataBuilder.D("2025-12-31")));
        Assert.Equal(1000m, ProbationPay.Forfeited(1000m, Period.Parse("2026-01"), DataBuilder.D("2026-01-31")));
        Assert.Equal(0m, ProbationPay.Forfeited(1000m, Period.Parse("2026-01"), null));
    }
}
