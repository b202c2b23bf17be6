using System.Net;
using Jixiao.Web.Api;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>The 我的绩效 and 团队 pages, rendered on the server, scoped like the API.</summary>
public sealed class PagesTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    /// <summary>Everyone's result in the latest calculated month (read directly, for the expectations).</summary>
    private (string Period, List<ResultDto> Results) Latest() => factory.WithDb(db =>
    {
        var periods = ResultQueries.CalculatedPeriodsAsync(db, default).GetAwaiter().GetResult();
        var period = ResultQueries.DefaultPeriod(periods)!;
        var run = ResultQueries.LatestRunAsync(db, period, default).GetAwaiter().GetResult()!;
        return (period, db.Results.AsNoTracking().Where(r => r.RunId == run.Id).AsEnumerable().Select(ResultQueries.Dto).ToList());
    });

    [Fact]
    public async Task Salesperson_sees_own_scores_and_nobody_else()
    {
        var (period, results) = Latest();
        var own = results.Single(r => r.EmployeeId == "P01");
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me"));

        Assert.Contains("我的绩效", html);
        Assert.Contains(own.Name, html);
        Assert.Contains($"<option value=\"{period}\" selected", html);
        Assert.Contains(own.Total.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), html);
        Assert.Contains("¥", html);
        foreach (var indicator in own.Indicators)
        {
            Assert.Contains(indicator.Name, html);
        }

        foreach (var other in results.Where(r => r.EmployeeId != "P01" && r.OrgUnitId != own.OrgUnitId))
        {
            Assert.DoesNotContain(other.Name, html);
        }
    }

    [Fact]
    public async Task Money_actuals_and_targets_show_in_wan_with_the_exact_amount_and_parts_get_their_own_rows()
    {
        var (period, results) = Latest();
        var own = results.Single(r => r.EmployeeId == "P01");
        var parts = own.Indicators.SelectMany(i => i.Parts ?? []).ToList();
        var revenue = parts.Single(p => p.Name == "销售额得分");
        var vehicles = parts.Single(p => p.Name == "销售车辆数得分");
        Assert.Equal(("元", "台"), (revenue.Unit, vehicles.Unit));
        Assert.True(revenue.Target >= 10_000m, $"the demo's revenue target {revenue.Target} is under 1万");
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/me?period={period}"));

        // 万 with two decimals, half away from zero; the exact amount to the cent in the title.
        static string Wan(decimal v) => "¥" + Math.Round(v / 10_000m, 2, MidpointRounding.AwayFromZero).ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + "万";
        var target = revenue.Target!.Value;
        Assert.Contains($"title=\"¥{target.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)}\"", html);
        Assert.Contains($">{Wan(target)}</span>", html);
        Assert.Equal(parts.Count, System.Text.RegularExpressions.Regex.Count(html, "class=\"indicator-part"));

        // A count of vehicles is a number, not money.
        var row = System.Text.RegularExpressions.Regex.Match(html, "· 销售车辆数得分</td>\\s*<td></td>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>");
        Assert.True(row.Success, "no row for the vehicles part");
        Assert.Equal(vehicles.Target!.Value.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), row.Groups[2].Value);
    }

    [Fact]
    public async Task Clicking_an_indicator_shows_the_api_explanation_with_source_rows()
    {
        var (period, results) = Latest();
        var own = results.Single(r => r.EmployeeId == "P01");
        var indicator = own.Indicators[0];
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/me?period={period}&explain=indicator:{indicator.Code}"));
        var api = await client.GetStringAsync($"/api/v1/results/P01/explanation?period={period}");

        Assert.Contains("id=\"explanation\"", html);
        Assert.Contains($"计算说明：{indicator.Name}", html);
        var source = System.Text.RegularExpressions.Regex.Match(html, "来源行：([^，<\\s]+)").Groups[1].Value;
        Assert.NotEmpty(source);
        Assert.Contains(source, api);
    }

    [Fact]
    public async Task Supervisor_team_page_lists_exactly_their_team()
    {
        var (_, results) = Latest();
        var team = results.Where(r => r.OrgUnitId == results.Single(x => x.EmployeeId == "S11").OrgUnitId).ToList();
        Assert.True(team.Count > 1);
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");

        var html = await client.GetStringAsync("/team?sort=-total");
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "data-employee=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(team.Select(r => r.EmployeeId).Order(StringComparer.Ordinal), rows);
        foreach (var other in results.Except(team))
        {
            Assert.DoesNotContain(WebUtility.HtmlEncode(other.Name), html);
        }
    }

    [Fact]
    public async Task Team_member_page_is_scoped_out_of_scope_is_not_found()
    {
        var (_, results) = Latest();
        var unit = results.Single(x => x.EmployeeId == "S11").OrgUnitId;
        var mine = results.First(r => r.OrgUnitId == unit && r.EmployeeId != "S11");
        var other = results.First(r => r.OrgUnitId != unit && r.EmployeeId.StartsWith('P'));
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");

        var ok = await client.GetAsync($"/team/{mine.EmployeeId}");
        var hidden = await client.GetAsync($"/team/{other.EmployeeId}");
        var missing = await client.GetAsync("/team/NOBODY");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains(mine.Name, WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(other.Name, WebUtility.HtmlDecode(await hidden.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Salesperson_cannot_open_the_team_page()
    {
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var response = await client.GetAsync("/team");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Hr_team_page_pages_sorts_and_filters_on_the_server()
    {
        var (period, results) = Latest();
        var client = await factory.SignedIn("hr", "Demo-hr-2026");
        var byTotal = results.OrderByDescending(r => r.Total).ThenBy(r => r.EmployeeId, StringComparer.Ordinal).Select(r => r.EmployeeId).ToList();

        var first = await client.GetStringAsync($"/team?period={period}&sort=-total");
        var second = await client.GetStringAsync($"/team?period={period}&sort=-total&page=2");
        var search = await client.GetStringAsync($"/team?period={period}&q=P01");

        Assert.Equal(byTotal.Take(20), Rows(first));
        Assert.Equal(byTotal.Skip(20).Take(20), Rows(second));
        Assert.Contains($"共 {results.Count} 人", WebUtility.HtmlDecode(first));
        Assert.Equal(["P01"], Rows(search));
        var behind = results.Where(r => r.Total < 70m || r.Indicators.Any(i => i.Achievement < 0.6m)).Select(r => r.EmployeeId).ToHashSet();
        var highlighted = System.Text.RegularExpressions.Regex.Matches(first + second, "data-employee=\"([^\"]+)\" class=\"behind\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.NotEmpty(behind);
        Assert.Equal(behind.Order(StringComparer.Ordinal), highlighted);
    }

    private static List<string> Rows(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "data-employee=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "My performance", "Total")]
    [InlineData("zh-TW", "我的績效", "總分")]
    [InlineData("zh-CN", "我的绩效", "总分")]
    public async Task Language_switch_is_kept_in_a_cookie(string culture, string title, string total)
    {
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var switched = await client.GetAsync($"/culture/{culture}?returnUrl=%2Fme");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/me", switched.Headers.Location?.OriginalString);

        // A year relative to the browser's clock: an Expires date from the app's clock would make the cookie expire
        // at once for a client whose clock is more than a year ahead (the tests' app stands at 2026-11-26).
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(title, html);
        Assert.Contains(total, html);
        Assert.Contains($"lang=\"{culture}\"", html);
        Assert.Matches(@"¥\d{1,3}(,\d{3})*\.\d{2}", html);
    }
}
