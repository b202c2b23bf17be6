namespace Jixiao.Cli.Tests;

/// <summary><c>jixiao workdays</c>: the date N working days on, with China's calendar and a company file.</summary>
public class WorkdaysTests
{
    [Fact]
    public void Workdays_WhenIssueExample_ThenPrintsTheAdjustedSaturday()
    {
        var run = CliRunner.Run("workdays", "--from", "2026-09-30", "--add", "3");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal("2026-10-10" + Environment.NewLine, run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Workdays_WhenNegative_ThenGoesBack()
    {
        var run = CliRunner.Run("workdays", "--from", "2026-02-24", "--add", "-2");
        Assert.Equal(0, run.ExitCode);
        // Back over the Spring Festival (Feb 15–23 off): Feb 14 (调休 Saturday) is 1, Feb 13 is 2.
        Assert.Equal("2026-02-13" + Environment.NewLine, run.Out);
    }

    [Fact]
    public void Workdays_WhenCompanyCalendar_ThenItsDaysCount()
    {
        using var dir = new TempDir();
        var path = dir.File("company.csv");
        File.WriteAllText(path, "date,kind,name\n2026-10-09,holiday,公司年会\n2026-10-11,working,补班\n");
        var run = CliRunner.Run("workdays", "--from", "2026-09-30", "--add", "3", "--calendar", path);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal("2026-10-11" + Environment.NewLine, run.Out);
    }

    [Fact]
    public void Workdays_WhenYearWithoutNotice_ThenWarnsOnStderr()
    {
        var run = CliRunner.Run("workdays", "--from", "2026-12-30", "--add", "5", "--lang", "en");
        Assert.Equal(0, run.ExitCode);
        // Jan 1 2027 (元旦) is off: Dec 31, Jan 4, 5, 6, 7.
        Assert.Equal("2027-01-07" + Environment.NewLine, run.Out);
        Assert.Contains("warning: The State Council has not yet published the holiday arrangements for 2027", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("2026:", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Workdays_WhenCalendarFileHasErrors_ThenExit2WithLineAndColumnAndNoDate()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.csv");
        File.WriteAllText(path, "date,kind,name\n2026-10-09,day-off,x\n2026-13-01,holiday,y\n");
        var run = CliRunner.Run("workdays", "--from", "2026-09-30", "--add", "3", "--calendar", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("bad.csv:2：kind：“day-off”不是有效类型", run.Err, StringComparison.Ordinal);
        Assert.Contains("bad.csv:3：date：“2026-13-01”不是有效日期", run.Err, StringComparison.Ordinal);
        Assert.Contains("发现 2 个错误，未进行任何计算", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026/09/30", "'2026/09/30' is not a date; use yyyy-MM-dd")]
    [InlineData("2100-01-04", "2100 is outside the years the calendar knows")]
    public void Workdays_WhenBadDate_ThenExit2WithReason(string from, string message)
    {
        var run = CliRunner.Run("workdays", "--from", from, "--add", "1", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Workdays_WhenFileMissing_ThenExit2WithReason()
    {
        var run = CliRunner.Run("workdays", "--from", "2026-09-30", "--add", "1", "--calendar", "/nonexistent/cal.csv", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read the calendar file '/nonexistent/cal.csv'", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workdays")]
    [InlineData("calc")]
    public void Help_WhenSubcommand_ThenUsageAndExitZero(string command)
    {
        var run = CliRunner.Run(command, "--help", "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains($" {command} [options]", run.Out, StringComparison.Ordinal);
        Assert.Contains(command == "workdays" ? "--from <from> (REQUIRED)" : "--plan <plan> (REQUIRED)", run.Out, StringComparison.Ordinal);
    }
}
