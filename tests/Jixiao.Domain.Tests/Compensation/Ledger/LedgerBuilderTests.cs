using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Ledger;

/// <summary>The ledger builder over hand-made period results: schedules, forfeiture, the 30/70 split, pending, corrections.</summary>
public class LedgerBuilderTests
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

    private static Employee Emp(string id, string category, string hired, string? left = null) =>
        new(id, id, "U", null, "p", category, "", "", DataBuilder.D(hired), left is null ? null : DataBuilder.D(left));

    private static EmployeeResult Person(string id, string card, (string Code, decimal Amount, bool Forfeited)[] pay, (string Code, decimal Actual, decimal Target)? indicator = null) =>
        new(0, id, id, "U", card,
            indicator is { } i ? [new IndicatorResult(i.Code, i.Code, "ratio", 100m, 100m, i.Actual, i.Target, i.Actual / i.Target, null)] : [],
            100m, "A", 1m, [.. pay.Select(p => new PayLine(p.Code, p.Code, p.Amount, p.Forfeited))]);

    private static CalculationResult Run(string period, params EmployeeResult[] people) =>
        new(Period.Parse(period), "t", 1, people, [], 0, new Dictionary<string, Jixiao.Domain.Explanations.Explanation>());

    private static IReadOnlyList<LedgerLine> Build(string asOf, IReadOnlyList<CalculationResult> results, Employee[] employees, SalaryRow[]? salaries = null,
        IReadOnlyList<LedgerLine>? approved = null) =>
        LedgerBuilder.Build(new LedgerInput(Plan, 2026, DataBuilder.D(asOf), results, employees, salaries ?? [], WorkingDayCalendar.China) { Approved = approved ?? [] });

    private static List<string> Flat(IEnumerable<LedgerLine> lines) =>
        [.. lines.Select(l => string.Join(',', l.Employee, l.Component, l.Earned, l.PayMonth, LedgerStatusCodes.Code(l.Status), l.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public void Build_WhenMonthlyBonusAndQuarterlyCommission_ThenPaidNextMonthAndAfterTheQuarter()
    {
        // B1: January bonus 1,000.00 → February; January and February commission 300.00 and 450.00 → April (after Q1).
        var results = new[]
        {
            Run("2026-01", Person("B1", "monthly", [("bonus", 1000m, false), ("commission", 300m, false)])),
            Run("2026-02", Person("B1", "monthly", [("bonus", 800m, false), ("commission", 450m, false)])),
        };
        var lines = Build("2026-12-31", results, [Emp("B1", "B", "2020-01-01")]);
        Assert.Equal(
            [
                "B1,bonus,2026-01,2026-02,paid,1000.00",
                "B1,bonus,2026-02,2026-03,paid,800.00",
                "B1,commission,2026-01,2026-04,paid,300.00",
                "B1,commission,2026-02,2026-04,paid,450.00",
            ], Flat(lines));
    }

    [Fact]
    public void Build_WhenLeaverBeforeTheQuarterPayMonth_ThenCommissionForfeitedAndBonusPaid()
    {
        // B2 leaves 2026-11-20. October: bonus paid in November (left after 11-01); commission due January 2027 → forfeited
        // (left before 2027-01-01). November: the close already forfeited both (left before 11-30): forfeited at close, 0.00.
        var results = new[]
        {
            Run("2026-10", Person("B2", "monthly", [("bonus", 1000m, false), ("commission", 500m, false)])),
            Run("2026-11", Person("B2", "monthly", [("bonus", 0m, true), ("commission", 0m, true)])),
        };
        var lines = Build("2027-03-31", results, [Emp("B2", "B", "2020-01-01", "2026-11-20")]);
        Assert.Equal(
            [
                "B2,bonus,2026-10,2026-11,paid,1000.00",
                "B2,bonus,2026-11,2026-12,forfeited,0.00",
                "B2,commission,2026-10,2027-01,forfeited,500.00",
                "B2,commission,2026-11,2027-01,forfeited,0.00",
            ], Flat(lines));
        Assert.Equal(LedgerRule.ForfeitedBeforePayMonth, lines.Single(l => l.Earned == Period.Parse("2026-10") && l.Component == "commission").Rule);
    }

    [Fact]
    public void Build_WhenLeaveDateIsTheFirstOfThePayMonth_ThenNotForfeited()
    {
        // Leaves on 2026-04-01, the first day of the pay month of Q1's commission: not before it → paid.
        var lines = Build("2026-12-31", [Run("2026-03", Person("B3", "monthly", [("commission", 250m, false)]))], [Emp("B3", "B", "2020-01-01", "2026-04-01")]);
        Assert.Equal(["B3,commission,2026-03,2026-04,paid,250.00"], Flat(lines));
    }

    [Fact]
    public void Build_WhenPresalesBonus_ThenThirtyInSecondMonthAndSeventyAfterFestivalTimesAnnualCompletion()
    {
        // C1, quarterly bonus: Q1 8,402.45, Q2 10,000.00, Q3 9,000.00, Q4 6,000.00.
        // 30% in the 2nd month of the next quarter: 2,520.74 (2,520.735 rounded up) in May, 3,000.00 in August, 2,700.00 in
        // November, 1,800.00 in February 2027.
        // 70% = remainder: 5,881.71, 7,000.00, 6,300.00, 4,200.00, each × department completion over the year:
        // dept_task actual 0.9M + 1.0M + 0.8M + 0.9M = 3.6M of 4 × 1.0M target = 90% →
        // 5,881.71 × 0.9 = 5,293.539 → 5,293.54; 6,300.00; 5,670.00; 3,780.00 — paid in February 2027 (the 2027 festival).
        var results = new[]
        {
            Run("2026-Q1", Person("C1", "quarterly", [("presales", 8402.45m, false)], ("dept_task", 900_000m, 1_000_000m))),
            Run("2026-Q2", Person("C1", "quarterly", [("presales", 10000m, false)], ("dept_task", 1_000_000m, 1_000_000m))),
            Run("2026-Q3", Person("C1", "quarterly", [("presales", 9000m, false)], ("dept_task", 800_000m, 1_000_000m))),
            Run("2026-Q4", Person("C1", "quarterly", [("presales", 6000m, false)], ("dept_task", 900_000m, 1_000_000m))),
        };
        var lines = Build("2027-03-31", results, [Emp("C1", "C", "2020-01-01")]);
        Assert.Equal(
            [
                "C1,presales,2026-Q1,2026-05,paid,2520.74",
                "C1,presales,2026-Q2,2026-08,paid,3000.00",
                "C1,presales,2026-Q3,2026-11,paid,2700.00",
                "C1,presales,2026-Q1,2027-02,paid,5293.54",
                "C1,presales,2026-Q2,2027-02,paid,6300.00",
                "C1,presales,2026-Q3,2027-02,paid,5670.00",
                "C1,presales,2026-Q4,2027-02,paid,1800.00",
                "C1,presales,2026-Q4,2027-02,paid,3780.00",
            ], Flat(lines));
        Assert.Equal(LedgerRule.ShareWithFactor, lines.Single(l => l.Amount == 5293.54m).Rule);
        Assert.Contains("90%", lines.Single(l => l.Amount == 5293.54m).Explain(System.Globalization.CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenAsOfYearEnd_ThenLaterMonthsPendingAndLeaverForfeitsTheSeventy()
    {
        // As of 2026-12-31: Q4's 30% (February 2027) and every 70% are pending. C2 leaves 2026-12-15: every 70% share and
        // Q4's 30% would be paid after leaving → forfeited (forfeiture is known, so not pending). Q3's 30% in November: paid.
        // Q3 bonus 10,000 → 3,000.00 / 7,000.00; Q4 is forfeited at the close (left before 12-31) → 0.00 at the first share's month.
        // Completion 1.2M of 1.0M (Q3 only) → capped 100% → 7,000.00 forfeited.
        var results = new[]
        {
            Run("2026-Q3", Person("C2", "quarterly", [("presales", 10000m, false)], ("dept_task", 1_200_000m, 1_000_000m))),
            Run("2026-Q4", Person("C2", "quarterly", [("presales", 0m, true)], ("dept_task", 1_000_000m, 1_000_000m))),
            Run("2026-Q3", Person("C3", "quarterly", [("presales", 5000m, false)], ("dept_task", 500_000m, 1_000_000m))),
        };
        var lines = Build("2026-12-31", results, [Emp("C2", "C", "2020-01-01", "2026-12-15"), Emp("C3", "C", "2020-01-01")]);
        Assert.Equal(
            [
                "C2,presales,2026-Q3,2026-11,paid,3000.00",
                "C2,presales,2026-Q3,2027-02,forfeited,7000.00",
                "C2,presales,2026-Q4,2027-02,forfeited,0.00",
                // C3: 5,000 → 1,500.00 in November; 3,500.00 × 50% = 1,750.00 pending for February 2027.
                "C3,presales,2026-Q3,2026-11,paid,1500.00",
                "C3,presales,2026-Q3,2027-02,pending,1750.00",
            ], Flat(lines));
    }

    [Fact]
    public void Build_WhenPeriodEndsAfterAsOf_ThenNotInTheLedger()
    {
        // As of 2026-02-15: February has not ended, only January is earned; its bonus is due in February, whose payroll
        // is not complete before the month's end → pending.
        var results = new[]
        {
            Run("2026-01", Person("B1", "monthly", [("bonus", 1000m, false)])),
            Run("2026-02", Person("B1", "monthly", [("bonus", 900m, false)])),
        };
        Assert.Equal(["B1,bonus,2026-01,2026-02,pending,1000.00"], Flat(Build("2026-02-15", results, [Emp("B1", "B", "2020-01-01")])));
    }

    [Fact]
    public void Build_WhenApprovedMonthRecomputedLower_ThenClawedBackInTheFirstOpenMonthLinkedToTheOriginal()
    {
        // Approved through April: March commission 1,000.00 paid in April. A refund entered later lowers March's commission to
        // 700.00: April stays as approved; May (the first open month) gets −300.00 clawed back, linked to the April line.
        // A raise of February's bonus from 800.00 to 850.00 (paid in March) is adjusted +50.00 in May.
        var approved = new List<LedgerLine>
        {
            new("B1", "bonus", Period.Parse("2026-02"), Period.Parse("2026-03"), LedgerStatus.Paid, 800m, LedgerRule.Approved, []),
            new("B1", "commission", Period.Parse("2026-03"), Period.Parse("2026-04"), LedgerStatus.Paid, 1000m, LedgerRule.Approved, []),
        };
        var results = new[]
        {
            Run("2026-02", Person("B1", "monthly", [("bonus", 850m, false)])),
            Run("2026-03", Person("B1", "monthly", [("commission", 700m, false)])),
            Run("2026-04", Person("B1", "monthly", [("bonus", 600m, false)])),
        };
        var lines = Build("2026-12-31", results, [Emp("B1", "B", "2020-01-01")], approved: approved);
        Assert.Equal(
            [
                "B1,bonus,2026-02,2026-03,paid,800.00",
                "B1,commission,2026-03,2026-04,paid,1000.00",
                "B1,bonus,2026-02,2026-05,adjusted,50.00",
                "B1,commission,2026-03,2026-05,clawed_back,-300.00",
                "B1,bonus,2026-04,2026-05,paid,600.00",
            ], Flat(lines));
        var claw = lines.Single(l => l.Status == LedgerStatus.ClawedBack);
        Assert.Equal(new LedgerLineRef("B1", "commission", Period.Parse("2026-03"), Period.Parse("2026-04"), LedgerStatus.Paid), claw.Refers);
    }

    [Fact]
    public void Build_WhenApprovedFileHasAnotherYearsLines_ThenTheyAreNotCorrected()
    {
        // 2025's Q4 commission paid in January 2026 belongs to 2025's ledger: not clawed back by the 2026 ledger.
        var approved = new List<LedgerLine>
        {
            new("B1", "commission", Period.Parse("2025-12"), Period.Parse("2026-01"), LedgerStatus.Paid, 900m, LedgerRule.Approved, []),
            new("B1", "bonus", Period.Parse("2026-01"), Period.Parse("2026-02"), LedgerStatus.Paid, 1000m, LedgerRule.Approved, []),
        };
        var results = new[] { Run("2026-01", Person("B1", "monthly", [("bonus", 1000m, false)])), Run("2026-02", Person("B1", "monthly", [("bonus", 700m, false)])) };
        Assert.Equal(
            [
                "B1,bonus,2026-01,2026-02,paid,1000.00",
                "B1,bonus,2026-02,2026-03,paid,700.00",
            ], Flat(Build("2026-12-31", results, [Emp("B1", "B", "2020-01-01")], approved: approved)));
    }

    [Fact]
    public void Build_WhenSalaries_ThenProratedSalaryLinesInTheirOwnMonth()
    {
        // B1 earns 6,000.00 a month; joined 2026-02-16 → February 13 of 28 days = 2,785.714… → 2,785.71.
        var lines = Build("2026-03-31", [Run("2026-02", Person("B1", "monthly", [("bonus", 1000m, false)]))], [Emp("B1", "B", "2026-02-16")],
            [new SalaryRow("B1", new DateOnly(2026, 2, 16), 6000m)]);
        Assert.Equal(
            [
                "B1,salary,2026-02,2026-02,paid,2785.71",
                "B1,bonus,2026-02,2026-03,paid,1000.00",
                "B1,salary,2026-03,2026-03,paid,6000.00",
            ], Flat(lines));
    }

    [Fact]
    public void Build_WhenWithholdingInThePlan_ThenQuartersFromMonthResultsAndOnlyItsScorecards()
    {
        // The plan withholds for the monthly card on its 'task' indicator (later-year ramp 20/25/25/30%).
        var plan = TestPlans.Load(PlanYaml + """

              withholding:
                scorecards: [monthly]
                indicator: task
                first_year: [0%, 20%, 30%, 50%]
                later_years: [20%, 25%, 25%, 30%]
            """);
        // B1: targets 100,000 a month → annual task 1,200,000 (all twelve months' targets, also those after the as-of day).
        // Q1 actuals 50,000 + 60,000 + 70,000 = 180,000 < 20% = 240,000 → 75%: April's 10,000 salary pays 7,500.00 and
        // withholds 2,500.00. As of 2026-04-30 Q2 has not ended: no pay-back decided. C1 (quarterly card) is not withheld.
        var results = new List<CalculationResult>();
        for (var m = 1; m <= 12; m++)
        {
            var actual = m switch { 1 => 50_000m, 2 => 60_000m, 3 => 70_000m, _ => 100_000m };
            results.Add(Run($"2026-{m:D2}", Person("B1", "monthly", [], ("task", actual, 100_000m))));
        }

        results.Add(Run("2026-Q1", Person("C1", "quarterly", [], ("dept_task", 1m, 100m))));
        SalaryRow[] salaries = [new("B1", new DateOnly(2020, 1, 1), 10000m), new("C1", new DateOnly(2020, 1, 1), 9000m)];
        var lines = LedgerBuilder.Build(new LedgerInput(plan, 2026, new DateOnly(2026, 4, 30), results,
            [Emp("B1", "B", "2020-01-01"), Emp("C1", "C", "2020-01-01")], salaries, WorkingDayCalendar.China));
        Assert.Equal(
            [
                "B1,salary,2026-01,2026-01,paid,10000.00",
                "B1,salary,2026-02,2026-02,paid,10000.00",
                "B1,salary,2026-03,2026-03,paid,10000.00",
                "B1,salary,2026-04,2026-04,paid,7500.00",
                "B1,salary,2026-04,2026-04,withheld,2500.00",
                "C1,salary,2026-01,2026-01,paid,9000.00",
                "C1,salary,2026-02,2026-02,paid,9000.00",
                "C1,salary,2026-03,2026-03,paid,9000.00",
                "C1,salary,2026-04,2026-04,paid,9000.00",
            ], Flat(lines));
        Assert.Contains("75%", lines.Single(l => l.Status == LedgerStatus.Withheld).Explain(System.Globalization.CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenNoPaymentSection_ThenEverythingNextMonthAndForfeitAsTheComponent()
    {
        var plan = TestPlans.Load(PlanYaml[..PlanYaml.IndexOf("payment:", StringComparison.Ordinal)]);
        var results = new[] { Run("2026-Q1", Person("C1", "quarterly", [("presales", 9000m, false)])) };
        var lines = LedgerBuilder.Build(new LedgerInput(plan, 2026, new DateOnly(2026, 12, 31), results, [Emp("C1", "C", "2020-01-01")], [], WorkingDayCalendar.China));
        Assert.Equal(["C1,presales,2026-Q1,2026-04,paid,9000.00"], Flat(lines));
    }
}
