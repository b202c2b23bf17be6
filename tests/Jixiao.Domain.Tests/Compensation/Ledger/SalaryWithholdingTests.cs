using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Ledger;

/// <summary>Withholding and back-pay (seed 003 A 四.2(1)), amounts by hand.</summary>
public class SalaryWithholdingTests
{
    private static readonly WithholdingRule Rule = new(["a"], "task", [0m, 0.2m, 0.3m, 0.5m], [0.2m, 0.25m, 0.25m, 0.3m]);

    private static List<SalaryMonth> Months(decimal salary, int from = 1, int to = 12) =>
        [.. Enumerable.Range(from, to - from + 1).Select(m => new SalaryMonth(new Period(PeriodKind.Month, 2026, m), salary, salary, DateTime.DaysInMonth(2026, m)))];

    private static IEnumerable<(string Month, string PayMonth, LedgerStatus Status, decimal Amount)> Flat(IEnumerable<LedgerLine> lines) =>
        lines.Select(l => (l.Earned.ToString(), l.PayMonth.ToString(), l.Status, l.Amount));

    [Fact]
    public void Withholding_WhenQuarterMissedAndRecovered_ThenNextQuarterReducedAndPaidBack()
    {
        // Hired long ago (later-year ramp 20/25/25/30). Annual task 1,200,000.
        // Q1 required 20% = 240,000; actual 180,000 → missed, completion 75%.
        //   April–June: 10,000 × 75% = 7,500.00 paid, 2,500.00 withheld each.
        // Q2 required 25% = 300,000; actual 380,000 → not missed; cumulative 560,000 ≥ 45% = 540,000 → recovered:
        //   3 × 2,500.00 paid back in July, each linked to its withheld line. Q3 and Q4 met: full pay.
        var lines = SalaryWithholding.Lines("A1", Months(10000m), new Dictionary<int, decimal> { [1] = 180_000m, [2] = 380_000m, [3] = 300_000m, [4] = 360_000m },
            1_200_000m, new DateOnly(2020, 1, 1), Rule, "salary");
        var expected = new List<(string, string, LedgerStatus, decimal)>
        {
            ("2026-01", "2026-01", LedgerStatus.Paid, 10000m), ("2026-02", "2026-02", LedgerStatus.Paid, 10000m), ("2026-03", "2026-03", LedgerStatus.Paid, 10000m),
            ("2026-04", "2026-04", LedgerStatus.Paid, 7500.00m), ("2026-04", "2026-04", LedgerStatus.Withheld, 2500.00m),
            ("2026-05", "2026-05", LedgerStatus.Paid, 7500.00m), ("2026-05", "2026-05", LedgerStatus.Withheld, 2500.00m),
            ("2026-06", "2026-06", LedgerStatus.Paid, 7500.00m), ("2026-06", "2026-06", LedgerStatus.Withheld, 2500.00m),
            ("2026-07", "2026-07", LedgerStatus.Paid, 10000m), ("2026-08", "2026-08", LedgerStatus.Paid, 10000m), ("2026-09", "2026-09", LedgerStatus.Paid, 10000m),
            ("2026-10", "2026-10", LedgerStatus.Paid, 10000m), ("2026-11", "2026-11", LedgerStatus.Paid, 10000m), ("2026-12", "2026-12", LedgerStatus.Paid, 10000m),
            ("2026-04", "2026-07", LedgerStatus.PaidBack, 2500.00m), ("2026-05", "2026-07", LedgerStatus.PaidBack, 2500.00m), ("2026-06", "2026-07", LedgerStatus.PaidBack, 2500.00m),
        };
        Assert.Equal(expected, Flat(lines));
        var back = lines.Where(l => l.Status == LedgerStatus.PaidBack).ToList();
        Assert.All(back, b => Assert.Equal(new LedgerLineRef("A1", "salary", b.Earned, b.Earned, LedgerStatus.Withheld), b.Refers));
    }

    [Fact]
    public void Withholding_WhenNotRecovered_ThenStaysWithheldAndNextQuarterReducedAgain()
    {
        // Annual task 1,000,000 (later years). Q1 required 200,000, actual 150,000 → 75%.
        // Q2 required 250,000, actual 200,000 → missed itself (80%); cumulative 350,000 < 450,000 → Q2's withheld stays.
        // April–June salary 8,000 × 75% = 6,000.00 / 2,000.00 withheld; July–Sept 8,000 × 80% = 6,400.00 / 1,600.00 withheld.
        // Q3 known (actual 250,000 = requirement): cumulative 600,000 < 700,000 → Q3's withheld stays too. No paid_back at all.
        var lines = SalaryWithholding.Lines("A1", Months(8000m, 1, 9), new Dictionary<int, decimal> { [1] = 150_000m, [2] = 200_000m, [3] = 250_000m },
            1_000_000m, new DateOnly(2020, 1, 1), Rule, "salary");
        Assert.DoesNotContain(lines, l => l.Status == LedgerStatus.PaidBack);
        Assert.Equal([2000m, 2000m, 2000m, 1600m, 1600m, 1600m], lines.Where(l => l.Status == LedgerStatus.Withheld).Select(l => l.Amount));
        Assert.Equal([8000m, 8000m, 8000m, 6000m, 6000m, 6000m, 6400m, 6400m, 6400m], lines.Where(l => l.Status == LedgerStatus.Paid).Select(l => l.Amount));
    }

    [Fact]
    public void Withholding_WhenNewHire_ThenFirstQuarterNeverMissedAndRampOfTheFirstYear()
    {
        // Hired 2026-04-10, monthly salary 9,000 from April; annual task (prorated by the targets) 900,000.
        // Q2 is the first assessed quarter: 0% → cannot be missed. Q3 requires 20% = 180,000; actual 90,000 → 50%:
        // October–December pay 9,000 × 50% = 4,500.00 and withhold 4,500.00. Q4 not completed (no actual): nothing decided.
        var lines = SalaryWithholding.Lines("A2", Months(9000m, 4, 12), new Dictionary<int, decimal> { [2] = 0m, [3] = 90_000m },
            900_000m, new DateOnly(2026, 4, 10), Rule, "salary");
        Assert.Equal([9000m, 9000m, 9000m, 9000m, 9000m, 9000m, 4500.00m, 4500.00m, 4500.00m], lines.Where(l => l.Status == LedgerStatus.Paid).Select(l => l.Amount));
        Assert.Equal(3, lines.Count(l => l.Status == LedgerStatus.Withheld && l.Earned.Index >= 10));
        Assert.DoesNotContain(lines, l => l.Status == LedgerStatus.PaidBack);
    }

    [Fact]
    public void Withholding_WhenCompletionHasManyDecimals_ThenPaidRoundedAndWithheldTheRest()
    {
        // Q1 required 20% × 1,000,000 = 200,000; actual 123,456.78 → 0.6172839; 7,333.33 × 0.6172839 = 4,526.7488… → 4,526.75;
        // withheld 7,333.33 − 4,526.75 = 2,806.58.
        var lines = SalaryWithholding.Lines("A1", Months(7333.33m, 4, 4), new Dictionary<int, decimal> { [1] = 123_456.78m },
            1_000_000m, new DateOnly(2020, 1, 1), Rule, "salary");
        Assert.Equal([(LedgerStatus.Paid, 4526.75m), (LedgerStatus.Withheld, 2806.58m)], lines.Select(l => (l.Status, l.Amount)));
    }

    [Fact]
    public void Withholding_WhenNoRule_ThenFullSalary()
    {
        var lines = SalaryWithholding.Lines("B1", Months(6000m, 1, 3), new Dictionary<int, decimal>(), 0m, new DateOnly(2020, 1, 1), null, "salary");
        Assert.Equal([6000m, 6000m, 6000m], lines.Select(l => l.Amount));
        Assert.All(lines, l => Assert.Equal(LedgerStatus.Paid, l.Status));
    }
}
