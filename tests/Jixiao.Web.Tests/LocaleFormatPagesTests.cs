using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jixiao.Web.Tests;

/// <summary>
/// Headline money in 万 with the exact amount in the title, the 团队 page's projected columns in an open period (the
/// stored projection of the rows the server scoped and paged), and the MudBlazor providers on interactive pages only.
/// </summary>
public sealed partial class LocaleFormatPagesTests(OpenOctoberFactory factory) : IClassFixture<OpenOctoberFactory>
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task Team_WhenPeriodOpen_ThenEachMemberShowsTheStoredProjectionAndProjectedBehind()
    {
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/results?period=2026-10&sort=employee&pageSize=20");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/team?period=2026-10&sort=employee"));
        Assert.Contains("id=\"team-projection-note\"", html);
        Assert.Contains("2026-10 尚未结束（截至 2026-10-20，第 20 天，共 31 天）", html);
        Assert.Contains("<th class=\"projected\">预计总分</th>", html);
        var rows = RowPattern().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(items.Select(i => i.GetProperty("employeeId").GetString()!).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));

        var behindCount = 0;
        foreach (var item in items)
        {
            var row = rows[item.GetProperty("employeeId").GetString()!];
            var projection = item.GetProperty("projection");
            Assert.Contains($"class=\"projected projected-total\">{projection.GetProperty("total").GetDecimal().ToString("N2", Zh)}</td>", row);
            Assert.Contains($"class=\"projected projected-grade\">{projection.GetProperty("grade").GetString()}</td>", row);
            Assert.Contains($">¥{projection.GetProperty("payTotal").GetDecimal().ToString("N2", Zh)}</td>", row);

            // The page's behind rule (total below 70, or an achievement below 60%) on the projected numbers.
            var behind = projection.GetProperty("total").GetDecimal() < 70m
                || projection.GetProperty("indicators").EnumerateArray().Any(i => i.GetProperty("achievement").ValueKind == JsonValueKind.Number && i.GetProperty("achievement").GetDecimal() < 0.6m);
            behindCount += behind ? 1 : 0;
            Assert.Contains($"data-projected-behind=\"{(behind ? "true" : "false")}\"", row);
            Assert.Equal(behind, row.Contains("预计落后", StringComparison.Ordinal));
        }

        Assert.Contains($"本页 {behindCount} 人预计落后目标。", html);

        // Across the company (HR, two pages) both marks occur: the rule is not trivially one way on the demo data.
        var hr = await factory.SignedIn("hr", "Demo-hr-2026");
        var marks = new List<string>();
        foreach (var pageNumber in new[] { 1, 2 })
        {
            var all = await hr.GetStringAsync($"/team?period=2026-10&sort=employee&page={pageNumber}");
            marks.AddRange(BehindMark().Matches(all).Select(m => m.Groups[1].Value));
        }

        Assert.Contains("true", marks);
        Assert.Contains("false", marks);

        // A closed month has no projected columns.
        var closed = WebUtility.HtmlDecode(await client.GetStringAsync("/team?period=2026-08"));
        Assert.Contains("data-employee=", closed);
        Assert.DoesNotContain("projected", closed);
        Assert.DoesNotContain("预计总分", closed);

        var english = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/team?period=2026-10") { Headers = { { "Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den" } } });
        var text = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("2026-10 is still open (as of 20 Oct 2026, day 20 of 31)", text);
        Assert.Contains("Projected total", text);
    }

    [Fact]
    public async Task PayTotal_card_below_ten_thousand_is_exact_with_the_exact_amount_in_the_title()
    {
        // The demo's bonuses are all below 1万 (August, a closed month of the open-October demo): shown in full in every language.
        var hr = await factory.SignedIn("hr", "Demo-hr-2026");
        var top = (await hr.GetFromJsonAsync<JsonElement>("/api/v1/results?period=2026-08&sort=-pay&pageSize=1")).GetProperty("items")[0];
        var id = top.GetProperty("employeeId").GetString()!;
        var pay = top.GetProperty("payTotal").GetDecimal();
        Assert.InRange(pay, 1m, 9_999.99m);
        var exact = "¥" + pay.ToString("N2", Zh);
        var figure = $"<span class=\"money-figure\" title=\"{exact}\" data-exact=\"{pay.ToString("0.00", CultureInfo.InvariantCulture)}\">{exact}</span>";

        foreach (var culture in new[] { "zh-CN", "zh-TW", "en" })
        {
            var response = await hr.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/team/{id}?period=2026-08") { Headers = { { "Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}" } } });
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Matches("id=\"pay-total\"[^>]*>" + Regex.Escape(figure), html);
            // The pay lines stay exact to the cent.
            foreach (var line in top.GetProperty("pay").EnumerateArray())
            {
                Assert.Contains($"<td>¥{line.GetProperty("amount").GetDecimal().ToString("N2", Zh)}</td>", html);
            }
        }
    }

    [Fact]
    public async Task Providers_are_rendered_for_interactive_pages_only()
    {
        var hr = await factory.SignedIn("hr", "Demo-hr-2026");
        // A static page: no interactive island at all (no live connection for /me and /team).
        var team = await hr.GetStringAsync("/team");
        Assert.DoesNotContain("<!--Blazor:", team);

        // An interactive page: the providers are an island in the page's render mode.
        var targets = await hr.GetStringAsync("/targets");
        Assert.Equal(2, Regex.Count(targets, "<!--Blazor:\\{\"type\":\"server\""));
    }

    [GeneratedRegex("data-projected-behind=\"(true|false)\"")]
    private static partial Regex BehindMark();

    [GeneratedRegex("<tr data-employee=\"([^\"]+)\"(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
