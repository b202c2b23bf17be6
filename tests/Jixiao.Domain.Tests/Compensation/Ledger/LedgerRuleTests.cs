using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Ledger;

/// <summary>The pay-ledger rules one by one, each amount worked out by hand (docs/pay-ledger.md).</summary>
public class LedgerRuleTests
{
    private static Period P(string s) => Period.Parse(s);

    [Theory]
    // Earned in a month: the next month; the month after the quarter; the 2nd month of the next quarter.
    [InlineData("2026-02", PayTiming.SameMonth, "2026-02")]
    [InlineData("2026-02", PayTiming.NextMonth, "2026-03")]
    [InlineData("2026-12", PayTiming.NextMonth, "2027-01")]
    [InlineData("2026-02", PayTiming.MonthAfterQuarter, "2026-04")]
    [InlineData("2026-03", PayTiming.MonthAfterQuarter, "2026-04")]
    [InlineData("2026-10", PayTiming.MonthAfterQuarter, "2027-01")]
    // Earned in a quarter: next month = the month after the quarter; C's 30% in the quarter's 2nd month after.
    [InlineData("2026-Q1", PayTiming.NextMonth, "2026-04")]
    [InlineData("2026-Q1", PayTiming.SecondMonthOfNextQuarter, "2026-05")]
    [InlineData("2026-Q4", PayTiming.SecondMonthOfNextQuarter, "2027-02")]
    [InlineData("2026-Q4", PayTiming.MonthAfterQuarter, "2027-01")]
    public void PayMonth_WhenTiming_ThenMonthCountedFromTheEarnedPeriod(string earned, PayTiming timing, string expected)
    {
        Assert.Equal(P(expected), PayMonth.Of(P(earned), timing, WorkingDayCalendar.China));
    }

    [Fact]
    public void SpringFestival_WhenNoticeShipped_ThenMonthTheHolidayEnds()
    {
        // 2026 notice: 春节 off 2026-02-15 … 2026-02-23 → February 2026.
        Assert.Equal(P("2026-02"), SpringFestivalPayMonth.Of(2026, WorkingDayCalendar.China));
        // 2025 earnings are paid after the 2026 festival.
        Assert.Equal(P("2026-02"), PayMonth.Of(P("2025-Q3"), PayTiming.AfterSpringFestival, WorkingDayCalendar.China));
    }

    [Fact]
    public void SpringFestival_WhenNoNotice_ThenStatutoryDays()
    {
        // 2027 has no notice shipped: statutory 除夕 2027-02-05 … 初三 2027-02-08 → February 2027.
        Assert.Equal(P("2027-02"), PayMonth.Of(P("2026-Q4"), PayTiming.AfterSpringFestival, WorkingDayCalendar.China));
        // 2028: 正月初一 is 2028-01-26, statutory days 2028-01-25 … 2028-01-28 → January 2028.
        Assert.Equal(P("2028-01"), PayMonth.Of(P("2027-Q2"), PayTiming.AfterSpringFestival, WorkingDayCalendar.China));
    }

    [Fact]
    public void SpringFestival_WhenNoticeRunsIntoMarch_ThenMarch()
    {
        // A notice (made up for the test) whose festival days off end on 2030-03-02: the pay month is March.
        var notice = ChinaHolidayNotices.Parse(2030, "date,kind,holiday\n2030-02-02,off,spring_festival\n2030-03-02,off,spring_festival\n");
        var calendar = new WorkingDayCalendar(null, new ChinaHolidayNotices([notice]));
        Assert.Equal(P("2030-03"), SpringFestivalPayMonth.Of(2030, calendar));
    }

    [Theory]
    // 30/70: 30% rounded half away from zero, 70% = remainder; the parts sum exactly.
    [InlineData("10000.00", "3000.00", "7000.00")]
    [InlineData("7777.77", "2333.33", "5444.44")]      // 2,333.331 → 2,333.33; 7,777.77 − 2,333.33
    [InlineData("8402.45", "2520.74", "5881.71")]      // 2,520.735 → 2,520.74 (half up); 8,402.45 − 2,520.74
    [InlineData("0.01", "0.00", "0.01")]               // 0.003 → 0.00
    [InlineData("0.05", "0.02", "0.03")]               // 0.015 → 0.02
    public void DeferredSplit_WhenThirtySeventy_ThenThirtyRoundedSeventyRemainder(string amount, string first, string second)
    {
        var parts = DeferredSplit.Split(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), [0.3m, 0.7m]);
        Assert.Equal([decimal.Parse(first, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(second, System.Globalization.CultureInfo.InvariantCulture)], parts);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), parts.Sum());
    }

    [Fact]
    public void DeferredSplit_WhenThreeShares_ThenOnlyTheLastIsTheRemainder()
    {
        // 100.00 by ⅓-ish shares 33.33%, 33.33%, 33.34%: 33.33, 33.33, 100 − 66.66 = 33.34.
        Assert.Equal([33.33m, 33.33m, 33.34m], DeferredSplit.Split(100m, [0.3333m, 0.3333m, 0.3334m]));
    }

    [Fact]
    public void AnnualCompletion_WhenAboveCap_ThenCapped()
    {
        // 4.4M of 4.0M = 110% → capped at 100%: 7,000.00 × 1 = 7,000.00.
        var f = AnnualCompletion.Factor(4_400_000m, 4_000_000m, 1m);
        Assert.Equal(1m, f);
        Assert.Equal(7000.00m, AnnualCompletion.Apply(7000m, f!.Value));
        // With a plan cap of 120%: 110% stays 110% → 7,700.00.
        Assert.Equal(7700.00m, AnnualCompletion.Apply(7000m, AnnualCompletion.Factor(4_400_000m, 4_000_000m, 1.2m)!.Value));
    }

    [Fact]
    public void AnnualCompletion_WhenBelow_ThenShareTimesFactorRounded()
    {
        // 3.6M of 4.0M = 90%: 5,444.44 × 0.9 = 4,899.996 → 4,900.00.
        var f = AnnualCompletion.Factor(3_600_000m, 4_000_000m, 1m)!.Value;
        Assert.Equal(0.9m, f);
        Assert.Equal(4900.00m, AnnualCompletion.Apply(5444.44m, f));
        // 1M of 3M = 33.33…%: 7,000 × ⅓ = 2,333.333… → 2,333.33.
        Assert.Equal(2333.33m, AnnualCompletion.Apply(7000m, AnnualCompletion.Factor(1_000_000m, 3_000_000m, 1m)!.Value));
        // No target: no factor. A negative actual: 0.
        Assert.Null(AnnualCompletion.Factor(5m, 0m, 1m));
        Assert.Equal(0m, AnnualCompletion.Factor(-5m, 10m, 1m));
    }

    [Fact]
    public void MonthlySalary_WhenJoinedOrLeftMidMonth_ThenCalendarDaysProrated()
    {
        SalaryRow[] rows = [new("E1", new DateOnly(2026, 1, 1), 9000m), new("E1", new DateOnly(2026, 7, 1), 12000m)];
        var hired = new DateOnly(2026, 4, 16);
        // April: employed 16 … 30 = 15 of 30 days → 9,000 × 15 ÷ 30 = 4,500.00.
        Assert.Equal((4500.00m, 9000m, 15), MonthlySalary.For(rows, P("2026-04"), hired, null));
        // May: the whole month → 9,000.00.
        Assert.Equal((9000m, 9000m, 31), MonthlySalary.For(rows, P("2026-05"), hired, null));
        // July: the raise from 07-01 → 12,000.00.
        Assert.Equal((12000m, 12000m, 31), MonthlySalary.For(rows, P("2026-07"), hired, null));
        // Leaving 2026-11-10: 10 of 30 days × 12,000 = 4,000.00; December: not employed.
        Assert.Equal((4000.00m, 12000m, 10), MonthlySalary.For(rows, P("2026-11"), hired, new DateOnly(2026, 11, 10)));
        Assert.Null(MonthlySalary.For(rows, P("2026-12"), hired, new DateOnly(2026, 11, 10)));
        // March: not yet hired.
        Assert.Null(MonthlySalary.For(rows, P("2026-03"), hired, null));
        // 7 of 31 days of 10,000: 2,258.0645… → 2,258.06.
        Assert.Equal(2258.06m, MonthlySalary.For([new("E2", new DateOnly(2020, 1, 1), 10000m)], P("2026-01"), new DateOnly(2026, 1, 25), null)!.Value.Amount);
    }

    [Fact]
    public void CompletionRamp_WhenJoinedOnOrBeforeThe15th_ThenThatMonthStartsTheFirstQuarter()
    {
        decimal[] first = [0m, 0.2m, 0.3m, 0.5m], later = [0.2m, 0.25m, 0.25m, 0.3m];
        // Hired 2026-01-10: Q1 0%, Q2 20%, Q3 30%, Q4 50%; cumulative 0 / 20 / 50 / 100.
        var jan = new DateOnly(2026, 1, 10);
        Assert.Equal([0m, 0.2m, 0.3m, 0.5m], Enumerable.Range(1, 4).Select(q => CompletionRamp.Required(new Period(PeriodKind.Quarter, 2026, q), jan, first, later)!.Value));
        Assert.Equal(0.5m, CompletionRamp.Cumulative(P("2026-Q3"), jan, first, later));
        // Hired 2026-04-15 (on the 15th): April counts, Q2 is the first assessed quarter (0%), Q3 20%, Q4 30%.
        var apr = new DateOnly(2026, 4, 15);
        Assert.Null(CompletionRamp.Required(P("2026-Q1"), apr, first, later));
        Assert.Equal(0m, CompletionRamp.Required(P("2026-Q2"), apr, first, later));
        Assert.Equal(0.3m, CompletionRamp.Required(P("2026-Q4"), apr, first, later));
        // From the second calendar year: 20/25/25/30 by calendar quarter.
        Assert.Equal(0.2m, CompletionRamp.Required(P("2027-Q1"), apr, first, later));
        Assert.Equal(0.45m, CompletionRamp.Cumulative(P("2027-Q2"), apr, first, later));
    }

    [Fact]
    public void CompletionRamp_WhenJoinedAfterThe15th_ThenNoTargetMonthAndNextMonthStarts()
    {
        decimal[] first = [0m, 0.2m, 0.3m, 0.5m], later = [0.2m, 0.25m, 0.25m, 0.3m];
        // Hired 2026-06-16: June is a no-target month; July starts, so Q3 is the first assessed quarter (0%), Q4 20%.
        var hired = new DateOnly(2026, 6, 16);
        Assert.Equal(P("2026-07"), CompletionRamp.FirstAssessedMonth(hired));
        Assert.Null(CompletionRamp.Required(P("2026-Q2"), hired, first, later));
        Assert.Equal(0m, CompletionRamp.Required(P("2026-Q3"), hired, first, later));
        Assert.Equal(0.2m, CompletionRamp.Required(P("2026-Q4"), hired, first, later));
        // Hired 2025-12-20: the first assessed month is 2026-01, so 2026 is the first year (0% in Q1).
        Assert.Equal(0m, CompletionRamp.Required(P("2026-Q1"), new DateOnly(2025, 12, 20), first, later));
        Assert.Equal(0.2m, CompletionRamp.Required(P("2026-Q1"), new DateOnly(2025, 12, 15), first, later));
    }
}
