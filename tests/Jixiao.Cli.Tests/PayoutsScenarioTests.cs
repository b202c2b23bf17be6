using Jixiao.Testing;

namespace Jixiao.Cli.Tests;

/// <summary>
/// A year of the logistics template through <c>jixiao payouts</c> (data in <see cref="LogisticsYear"/>): every ledger line
/// against an amount worked out by hand. Rules: docs/pay-ledger.md and the template's payment section — management bonus the
/// next month; commission (A team, B) in the month after the quarter, forfeited by a leaver before that month; C 30% in the
/// 2nd month of the next quarter and 70% after the 2027 Spring Festival (February) × the department's annual completion;
/// D quarterly, the next month; fixed pay in its month, A's withheld after a missed quarter and paid back on recovery.
/// </summary>
public class PayoutsScenarioTests
{
    private static readonly string Plan = CliRunner.Template("logistics-a-to-f");

    private static List<string> Lines(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("employee,component,earned_period,pay_month,status,amount", lines[0]);
        return lines[1..];
    }

    [Fact]
    public void Payouts_WhenYearOfLogistics_ThenEveryLedgerLineAsByHand()
    {
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var actual = Lines(CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--as-of", "2027-03-31", "--format", "csv"));
        LogisticsYearLedger.AssertSameLines(LogisticsYearLedger.Expected(), actual);

        // Deterministic order: by employee, then pay month; the same bytes on a second run.
        var keys = actual.Select(l => l.Split(',')).Select(f => f[0] + "|" + f[3]).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(actual, Lines(CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--as-of", "2027-03-31", "--format", "csv")));
    }

    [Fact]
    public void Payouts_WhenDefaultAsOf_ThenNextYearsMonthsArePending()
    {
        // Default --as-of is 2026-12-31: everything paid in 2027 is pending, forfeited lines stay forfeited.
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var actual = Lines(CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--format", "csv"));
        var expected = LogisticsYearLedger.Expected().Select(l =>
        {
            var f = l.Split(',');
            return string.CompareOrdinal(f[3], "2027-01") >= 0 && f[4] is "paid" ? string.Join(',', f[0], f[1], f[2], f[3], "pending", f[5]) : l;
        }).ToList();
        LogisticsYearLedger.AssertSameLines(expected, actual);
        Assert.Contains("B3,commission,2026-10,2027-01,forfeited,3000.00", actual);
        Assert.Contains("C1,presales_bonus,2026-Q2,2027-02,pending,4755.24", actual);
    }

    [Fact]
    public void Payouts_WhenRefundEnteredAfterAprilsPayroll_ThenClawedBackInMayLinkedToApril()
    {
        // April's payroll is approved from the data as they were (--as-of 2026-04-30, saved as CSV). Then B3's March sale is
        // refunded by 30,000 (a row dated 2026-03-25). March recomputed: credit 70,000 → task 50 × 0.7 = 35, total 80 → B:
        // 0.80 + 9 ÷ 14 × 0.10 = 0.8643 → bonus 864.30 (was 1,000.00, paid in April); commission 70,000 ÷ 1,200,000 × 36,000 =
        // 2,100.00, month target missed (was 3,000.00, paid in April). April stays as approved; May gets −135.70 and −900.00.
        using var before = new TempDir();
        LogisticsYear.Write(before.Path);
        var paid = before.File("paid-2026-04.csv");
        var first = CliRunner.Run("payouts", "--plan", Plan, "--data", before.Path, "--year", "2026", "--as-of", "2026-04-30", "--format", "csv", "--out", paid);
        Assert.True(first.ExitCode == 0, first.Err);

        using var after = new TempDir();
        LogisticsYear.Write(after.Path, refund: true);
        var actual = Lines(CliRunner.Run("payouts", "--plan", Plan, "--data", after.Path, "--year", "2026", "--as-of", "2027-03-31", "--format", "csv", "--paid", paid));
        var expected = LogisticsYearLedger.Expected();
        expected.AddRange(LogisticsYearLedger.RefundCorrections);
        LogisticsYearLedger.AssertSameLines(expected, actual);

        // The JSON says which line each correction corrects.
        var json = CliRunner.Run("payouts", "--plan", Plan, "--data", after.Path, "--year", "2026", "--as-of", "2027-03-31", "--format", "json", "--paid", paid, "--lang", "en");
        Assert.True(json.ExitCode == 0, json.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        var claw = doc.RootElement.EnumerateArray().Single(x => x.GetProperty("status").GetString() == "clawed_back" && x.GetProperty("component").GetString() == "commission");
        Assert.Equal("2026-04", claw.GetProperty("refers").GetProperty("pay_month").GetString());
        Assert.Equal("2026-03", claw.GetProperty("refers").GetProperty("earned_period").GetString());
        Assert.Equal(-900.00m, claw.GetProperty("amount").GetDecimal());
        Assert.Contains("was 3000.00, is now 2100.00", claw.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }
}
