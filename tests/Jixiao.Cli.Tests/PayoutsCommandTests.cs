using Jixiao.Testing;

namespace Jixiao.Cli.Tests;

/// <summary><c>jixiao payouts</c>: help, formats and every bad argument (a clear error, exit 2, nothing printed on stdout).</summary>
public class PayoutsCommandTests
{
    private static readonly string Plan = CliRunner.Template("logistics-a-to-f");

    private static readonly string Data = CliRunner.TemplateData("logistics-a-to-f");

    [Fact]
    public void Help_WhenAsked_ThenOptionsListed()
    {
        var run = CliRunner.Run("payouts", "--help", "--lang", "en");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--plan", "--data", "--year", "--as-of", "--format", "--month", "--paid", "--out" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("pay ledger", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--year", "20x6", "'20x6' is not a year")]
    [InlineData("--year", "1999", "'1999' is not a year")]
    [InlineData("--as-of", "2026-13-01", "'2026-13-01' is not a date")]
    [InlineData("--as-of", "2025-12-31", "--as-of 2025-12-31 is before the year 2026")]
    [InlineData("--format", "xml", "'xml' is not a format")]
    [InlineData("--month", "2025-12", "--month 2025-12 is not a month of 2026 or the next year")]
    [InlineData("--month", "2026-Q3", "--month 2026-Q3 is not a month of 2026 or the next year")]
    [InlineData("--month", "2028-01", "--month 2028-01 is not a month of 2026 or the next year")]
    public void Payouts_WhenBadArgument_ThenExit2AndClearError(string option, string value, string message)
    {
        var args = new List<string> { "payouts", "--plan", Plan, "--data", Data, "--year", "2026", "--lang", "en" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = CliRunner.Run([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Payouts_WhenYearMissing_ThenExit2()
    {
        var run = CliRunner.Run("payouts", "--plan", Plan, "--data", Data, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--year", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Payouts_WhenBadSalaryFile_ThenLocatedErrorAndExit2()
    {
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        File.WriteAllText(dir.File("salaries.csv"), "employee,effective_from,monthly_amount\nA1,2020-01-01,20000\nZZ,2020-01-01,100\nB1,2021-03-01,-5\nA1,2020-01-01,21000\n");
        var run = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("salaries.csv:3", run.Err, StringComparison.Ordinal);   // unknown employee ZZ
        Assert.Contains("salaries.csv:4", run.Err, StringComparison.Ordinal);   // negative amount
        Assert.Contains("salaries.csv:5", run.Err, StringComparison.Ordinal);   // A1 / 2020-01-01 twice
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Payouts_WhenPaidFileIsBad_ThenEveryBadLineNamedAndExit2()
    {
        using var dir = new TempDir();
        var paid = dir.File("paid.csv");
        File.WriteAllText(paid, "employee,component,earned_period,pay_month,status,amount\nB1,bonus,2026-01,2026-02,paid,1.005\nB1,bonus,2026-01,2026-Q1,paid,1\nB1,bonus,2026-01,2026-02,sent,1\n");
        var run = CliRunner.Run("payouts", "--plan", Plan, "--data", Data, "--year", "2026", "--paid", paid, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("paid.csv:2: '1.005' is not an amount", run.Err, StringComparison.Ordinal);
        Assert.Contains("paid.csv:3: '2026-Q1' is not a pay month", run.Err, StringComparison.Ordinal);
        Assert.Contains("paid.csv:4: 'sent' is not a status", run.Err, StringComparison.Ordinal);

        File.WriteAllText(paid, "who,what\n");
        var header = CliRunner.Run("payouts", "--plan", Plan, "--data", Data, "--year", "2026", "--paid", paid, "--lang", "en");
        Assert.Equal(2, header.ExitCode);
        Assert.Contains("the first line must be exactly employee,component,earned_period,pay_month,status,amount", header.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Payouts_WhenTableFormat_ThenExplanationsInTheUsersLanguage()
    {
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var zh = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--lang", "zh-CN");
        Assert.Equal(0, zh.ExitCode);
        Assert.Contains("扣发", zh.Out, StringComparison.Ordinal);          // A1's withheld salary, explained
        var tw = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--lang", "zh-TW");
        Assert.Contains("補發", tw.Out, StringComparison.Ordinal);          // paid back
        var en = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--lang", "en");
        Assert.Contains("withheld", en.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Payouts_WhenPersonCannotBeComputed_ThenExit1ListingItButOnlyForPeriodsUpToAsOf()
    {
        // B1's December ratings are missing: December cannot be computed for B1.
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var ratings = dir.File("ratings.csv");
        File.WriteAllLines(ratings, File.ReadAllLines(ratings).Where(l => !l.StartsWith("B1,2026-12,", StringComparison.Ordinal)));

        var year = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--format", "csv", "--lang", "en");
        Assert.Equal(1, year.ExitCode);
        Assert.Contains("2026-12 B1", year.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("B1,management_bonus,2026-12,", year.Out, StringComparison.Ordinal);   // no amount for the month
        Assert.Contains("B1,management_bonus,2026-11,2026-12,paid,1500.00", year.Out, StringComparison.Ordinal);

        // As of 2026-06-30 December is not in the ledger yet (computed only for its targets): nothing failed.
        var june = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--as-of", "2026-06-30", "--format", "csv", "--lang", "en");
        Assert.True(june.ExitCode == 0, june.Err);
    }

    [Fact]
    public void Payouts_WhenOutFile_ThenCsvWrittenThereAndNothingOnStdout()
    {
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var file = dir.File("payroll.csv");
        var run = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--format", "csv", "--out", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("employee,component,earned_period,pay_month,status,amount\n", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Payouts_WhenMonth_ThenOnlyThatPayrollMonthsLinesAsOfItsLastDay()
    {
        // --month 2026-07 is the year's ledger as of 2026-07-31, only the lines paid in July, in the same order and bytes.
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var full = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--as-of", "2026-07-31", "--format", "csv");
        var july = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--month", "2026-07", "--format", "csv");
        Assert.Equal(0, july.ExitCode);
        var expected = full.Out.Split('\n').Where((l, i) => i == 0 || l.Split(',') is [_, _, _, "2026-07", ..]).ToList();
        Assert.True(expected.Count > 5);
        Assert.Equal(string.Join('\n', expected) + "\n", july.Out);
        Assert.DoesNotContain(",pending,", july.Out, StringComparison.Ordinal);

        // February 2027 of the 2026 ledger: the Spring Festival shares (70%), no longer pending as of the month's end.
        var february = CliRunner.Run("payouts", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--month", "2027-02", "--format", "csv");
        Assert.Equal(0, february.ExitCode);
        Assert.Contains(",2027-02,paid,", february.Out, StringComparison.Ordinal);
        Assert.All(february.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.Contains(",2027-02,", l, StringComparison.Ordinal));
    }
}
