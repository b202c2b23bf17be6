using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation;

/// <summary>Cost control (seed 002 "成本控制"): the bonus pool cap, worked out by hand.</summary>
public class BonusPoolCapTests
{
    private static readonly VariablePay[] Three =
    [
        new("P01", "bonus", 50_000.00m),
        new("P02", "bonus", 30_000.00m),
        new("P03", "bonus", 25_000.01m),
    ];

    [Fact]
    public void Check_WhenShareOfRevenueExceeded_ThenExcessToTheCent()
    {
        // 1,234,567.89 × 8% = 98,765.4312 → pool 98,765.43; total 105,000.01 → excess 6,234.58.
        var check = BonusPoolCapRule.Check(new BonusPoolCap(BonusPoolCapKind.ShareOfRevenue, 0.08m), 1_234_567.89m, Three);
        Assert.Equal(105_000.01m, check.Total);
        Assert.Equal(98_765.43m, check.Pool);
        Assert.Equal(6_234.58m, check.Excess);
        Assert.True(check.Exceeded);
    }

    [Fact]
    public void Check_WhenBudgetNotReached_ThenNoExcess()
    {
        var check = BonusPoolCapRule.Check(new BonusPoolCap(BonusPoolCapKind.Budget, 105_000.01m), 0m, Three);
        Assert.Equal(0m, check.Excess);
        Assert.False(check.Exceeded);
    }

    [Fact]
    public void Scale_WhenExceeded_ThenProportionalAndSumsToThePool()
    {
        // Pool 9,876,543 cents × 50,000 / 105,000.01 = 4,703,115.27; × 30,000 / … = 2,821,869.16; × 25,000.01 / … =
        // 2,351,558.57: floors sum to 9,876,542, the one leftover cent goes to the largest remainder (P03, .57).
        var scaled = BonusPoolCapRule.Scale(Three, 98_765.43m);
        Assert.Equal([47_031.15m, 28_218.69m, 23_515.59m], scaled);
        Assert.Equal(98_765.43m, scaled.Sum());
    }

    [Fact]
    public void Scale_WhenRemaindersTie_ThenSmallerKeyGetsTheCentWhateverTheOrder()
    {
        // 150.00 into 100.00: 33.333… each; the leftover cent goes to P01 (smallest key), wherever it stands.
        VariablePay[] pay = [new("P03", "bonus", 50m), new("P01", "bonus", 50m), new("P02", "bonus", 50m)];
        Assert.Equal([33.33m, 33.34m, 33.33m], BonusPoolCapRule.Scale(pay, 100m));
    }

    [Fact]
    public void Scale_WhenWithinThePool_ThenUnchanged()
    {
        Assert.Equal([50_000.00m, 30_000.00m, 25_000.01m], BonusPoolCapRule.Scale(Three, 200_000m));
    }

    [Fact]
    public void Scale_WhenAnAmountIsNegative_ThenRefused()
    {
        Assert.Throws<ArgumentException>(() => BonusPoolCapRule.Scale([new("P01", "bonus", -1m), new("P02", "bonus", 5m)], 1m));
    }
}

/// <summary>Cost control over a computed period: which lines count, the revenue, and the scaled lines.</summary>
public class CostControlReviewTests
{
    private static EmployeeResult Person(string id, decimal sales, params PayLine[] pay) =>
        new(0, id, id, "U1", "a", [new("task", "任务", "ratio", 100m, 100m, sales, sales, 1m, null)], 100m, "A", 1m, pay);

    [Fact]
    public void Review_WhenShareOfRevenue_ThenCountsCoveredPositiveUnforfeitedLines()
    {
        var result = new CalculationResult(Period.Parse("2026-10"), "t", 1,
        [
            Person("P01", 600_000m, new PayLine("bonus", "奖金", 6_000m), new PayLine("commission", "提成", 900m)),
            Person("P02", 400_000m, new PayLine("bonus", "奖金", 5_000m), new PayLine("bonus2", "奖金二", 0m)),
            Person("P03", 0m, new PayLine("bonus", "奖金", 3_000m, Forfeited: true)),
        ], [], 0, new Dictionary<string, Explanation>());
        var plan = new CostControlPlan(new BonusPoolCap(BonusPoolCapKind.ShareOfRevenue, 0.01m), "task", ["bonus", "bonus2"]);

        var review = CostControl.Review(plan, result);

        // Revenue 1,000,000 × 1% = 10,000; covered lines: P01 bonus 6,000 and P02 bonus 5,000 (commission not covered,
        // zero and forfeited lines not counted) = 11,000 → 1,000 over; scaled 6,000 × 10/11 = 5,454.545… → 5,454.55 and
        // 5,000 × 10/11 = 4,545.454… → 4,545.45 (sum 10,000.00).
        Assert.Equal(1_000_000m, review.Revenue);
        Assert.Equal(new PoolCheck(11_000m, 10_000m, 1_000m), review.Check);
        Assert.Equal([new VariablePay("P01", "bonus", 6_000m), new VariablePay("P02", "bonus", 5_000m)], review.Lines);
        Assert.Equal([5_454.55m, 4_545.45m], review.Scaled);
    }
}
