using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// The period picker of 我的绩效 offers exactly the periods in which the person has results (or provisional figures)
/// and opens on the latest of them: a manager scored quarterly gets the quarter, a salesperson scored monthly no quarter.
/// </summary>
public sealed partial class PeriodPickerTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [GeneratedRegex("<option value=\"([^\"]+)\"( selected)?")]
    private static partial Regex OptionPattern();

    /// <summary>The options of the page's period form, and the selected one.</summary>
    private static (List<string> Options, string? Selected) Picker(string html)
    {
        var start = html.IndexOf("id=\"period-form\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no period picker on the page");
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var options = OptionPattern().Matches(form).ToList();
        return ([.. options.Select(m => m.Groups[1].Value)], options.FirstOrDefault(m => m.Groups[2].Success)?.Groups[1].Value);
    }

    /// <summary>Periods with a succeeded run holding a row for <paramref name="employee"/>.</summary>
    private HashSet<string> PeriodsWithRows(string employee) => factory.WithDb(db =>
        db.Results.AsNoTracking().Where(r => r.EmployeeId == employee)
            .Join(db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Succeeded), r => r.RunId, run => run.Id, (r, run) => run.Period)
            .Distinct().AsEnumerable().ToHashSet(StringComparer.Ordinal));

    [Fact]
    public async Task Manager_scored_quarterly_gets_the_quarters_and_opens_on_the_latest()
    {
        var rows = PeriodsWithRows("M01");
        Assert.Contains("2026-Q3", rows);
        var client = await factory.SignedIn("manager", "Demo-manager-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me"));

        var (options, selected) = Picker(html);
        Assert.NotEmpty(options);
        Assert.All(options, p => Assert.Contains(p, rows));
        Assert.Contains("2026-Q3", options);
        Assert.DoesNotContain(options, p => !p.Contains('Q', StringComparison.Ordinal));
        Assert.Equal(options[0], selected);
        Assert.DoesNotContain($"期间 {selected} 没有该员工的计算结果", html);
    }

    [Fact]
    public async Task Salesperson_is_not_offered_a_quarter_without_results()
    {
        var rows = PeriodsWithRows("P01");
        Assert.DoesNotContain("2026-Q3", rows);
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me"));

        var (options, selected) = Picker(html);
        Assert.True(options.Count > 1, $"only {options.Count} periods offered");
        Assert.All(options, p => Assert.Contains(p, rows));
        Assert.DoesNotContain("2026-Q3", options);
        Assert.Equal(options[0], selected);
    }

    [Fact]
    public async Task A_period_outside_the_persons_list_falls_back_to_the_latest_of_theirs()
    {
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me?period=2026-Q3"));

        var (options, selected) = Picker(html);
        Assert.Equal(options[0], selected);
        Assert.NotEqual("2026-Q3", selected);
    }
}
