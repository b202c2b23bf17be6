using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Jixiao.Web.Tests;

/// <summary>
/// /targets opens with the stored targets (issue 12: it showed 0 everywhere and a green "所有合计一致" while 876 rows were
/// stored), the sum check speaks of those figures, and the months closed periods read are marked read-only up front.
/// </summary>
public sealed partial class TargetsPageStoredTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [GeneratedRegex("<input[^>]*data-cell=\"(?<cell>[^\"]+)\"[^>]*>")]
    private static partial Regex CellInput();

    private static Dictionary<string, string> Cells(string html) =>
        CellInput().Matches(html).ToDictionary(m => m.Groups["cell"].Value, m => m.Value);

    private static string ValueOf(string input) => Regex.Match(input, "value=\"([^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task Hr_opens_targets_and_sees_the_stored_values_with_closed_months_read_only()
    {
        var client = await factory.SignedIn("hr", "Demo-hr-2026");
        var response = await client.GetAsync("/targets");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        // The page opens on 2026, vehicles, the whole company: every person's stored months are in their cells.
        var stored = factory.WithDb(db => db.Targets.Where(t => t.Metric == "vehicles" && t.Subject == "P01" && t.Period.StartsWith("2026-"))
            .ToDictionary(t => t.Period, t => t.Value));
        Assert.True(stored.Count >= 6, "the demo stores P01's vehicles targets");
        var cells = Cells(html);
        foreach (var (period, value) in stored)
        {
            var month = int.Parse(period[5..], CultureInfo.InvariantCulture);
            Assert.Equal(value.ToString("0.####", CultureInfo.InvariantCulture), ValueOf(cells[$"P01:{month}"]));
        }

        // Nothing stored for January: an empty cell, not a computed 0.
        Assert.Equal("", ValueOf(cells["P01:1"]));
        Assert.Contains("显示的是已保存的 2026 年目标", html, StringComparison.Ordinal);
        // The sums checked are those of the figures on screen: the company's year is the sum of everyone's stored months.
        var total = factory.WithDb(db => db.Targets.Where(t => t.Metric == "vehicles" && t.Period.StartsWith("2026-") && t.Subject.StartsWith('P'))
            .Select(t => t.Value).ToList()).Sum();
        Assert.Contains($"data-annual=\"HQ\" class=\"derived\">{total.ToString("#,##0", CultureInfo.GetCultureInfo("zh-CN"))}<", html, StringComparison.Ordinal);
        Assert.Contains("所有合计一致", html, StringComparison.Ordinal);

        // May–August are closed in the demo (September is published, not closed): their columns say so and their cells are read-only; October is open.
        Assert.Matches("<th class=\"closed\" data-col=\"5\">5月<span class=\"closed-badge\" title=\"期间 2026-05 已关闭：这些目标不能修改\">已关闭</span>", html);
        Assert.Contains("readonly", cells["P01:5"], StringComparison.Ordinal);
        Assert.Contains("readonly", cells["P01:8"], StringComparison.Ordinal);
        Assert.DoesNotContain("readonly", cells["P01:10"], StringComparison.Ordinal);
        Assert.Contains("已被已关闭的期间使用", html, StringComparison.Ordinal);

        // Names, not codes: the person's row shows the name only.
        Assert.DoesNotContain("<span class=\"id\">", html, StringComparison.Ordinal);
    }
}
