using System.Text.Json;
using Jixiao.Testing;

namespace Jixiao.Cli.Tests;

/// <summary>
/// <c>jixiao careers</c> on a year of the logistics template (<see cref="LogisticsYear"/>): every B sells exactly the month's
/// target (100%) in every month, so each run of three months moves a representative one tier up, and three months in the top
/// tier recommend the move to regional manager. B1 is b1 in January (assignments.csv): b2 from April, b3 from July, manager
/// from October; B3 (b1 all year, leaves in November) the same; B2 (hired 2026-04-01 in b1) has April–June without target
/// (probation, first tier), then July–September → b2 from October, October–December (100% in total: kept) → b3 from 2027-01.
/// A1's team credit is 100,000 of 150,000 in Q1 (66.67%) but 200,000 in Q2 (133.33%): no three missed quarters.
/// </summary>
public class CareersCommandTests
{
    private static readonly string Plan = CliRunner.Template("logistics-a-to-f");

    [Fact]
    public void Careers_WhenLogisticsYear_ThenRecommendationsInOrderAndTheSameBytesTwice()
    {
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var run = CliRunner.Run("careers", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--format", "csv", "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("employee,rule,effective_month,evidence", lines[0]);
        Assert.Equal(
        [
            "B1,tier_promotion,2026-04", "B1,tier_promotion,2026-07", "B1,promotion_to_manager,2026-10",
            "B2,tier_promotion,2026-10", "B2,tier_promotion,2027-01",
            "B3,tier_promotion,2026-04", "B3,tier_promotion,2026-07", "B3,promotion_to_manager,2026-10",
        ], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))));
        Assert.Equal("B1,tier_promotion,2026-04,\"2026-01 100%, 2026-02 100%, 2026-03 100%: three consecutive months at or above 100% of the monthly target → tier b1 to b2 from 2026-04\"",
            lines[1]);
        Assert.Contains("8 recommendation(s); nothing was changed", run.Err, StringComparison.Ordinal);

        var again = CliRunner.Run("careers", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--format", "csv", "--lang", "en");
        Assert.Equal(run.Out, again.Out);
    }

    [Fact]
    public void Careers_WhenJsonOrTable_ThenRuleNamesInTheUsersLanguage()
    {
        using var dir = new TempDir();
        LogisticsYear.Write(dir.Path);
        var json = CliRunner.Run("careers", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--format", "json", "--lang", "zh-CN");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var first = doc.RootElement[0];
        Assert.Equal("B1", first.GetProperty("employee").GetString());
        Assert.Equal("tier_promotion", first.GetProperty("rule").GetString());
        Assert.Equal("升档", first.GetProperty("rule_name").GetString());
        Assert.Equal("2026-04", first.GetProperty("effective_month").GetString());
        Assert.StartsWith("2026-01 100%, 2026-02 100%, 2026-03 100%：连续三个月", first.GetProperty("evidence").GetString(), StringComparison.Ordinal);

        var table = CliRunner.Run("careers", "--plan", Plan, "--data", dir.Path, "--year", "2026", "--lang", "zh-TW");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("晉升區域銷售經理", table.Out, StringComparison.Ordinal);
        Assert.Contains("升檔", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_WhenAsked_ThenOptionsListed()
    {
        var run = CliRunner.Run("careers", "--help", "--lang", "en");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--plan", "--data", "--year", "--format" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("career recommendations", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--year", "20x6", "'20x6' is not a year")]
    [InlineData("--format", "xml", "'xml' is not a format")]
    [InlineData("--data", "/nonexistent/jixiao-careers", "/nonexistent/jixiao-careers")]
    public void Careers_WhenBadArgument_ThenClearErrorAndExit2(string option, string value, string message)
    {
        var args = new List<string> { "careers", "--plan", Plan, "--data", CliRunner.TemplateData("logistics-a-to-f"), "--year", "2026", "--lang", "en" };
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
        if (option != "--data")
        {
            Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void Careers_WhenYearMissing_ThenExit2()
    {
        var run = CliRunner.Run("careers", "--plan", Plan, "--data", CliRunner.TemplateData("logistics-a-to-f"), "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--year", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
