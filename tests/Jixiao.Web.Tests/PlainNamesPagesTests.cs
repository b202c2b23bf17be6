using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Web.Localization;

namespace Jixiao.Web.Tests;

/// <summary>Names, never codes (issue 12): units with their parent when the name repeats, positions and levels by the plan's names.</summary>
public sealed partial class PlainNamesPagesTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [GeneratedRegex("<tr data-employee=\"(?<id>[^\"]+)\"[^>]*>(?<row>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    private static Dictionary<string, string> Rows(string html) =>
        Row().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => Regex.Replace(m.Groups["row"].Value, "<[^>]+>", "|"));

    [Fact]
    public async Task Manager_team_page_shows_units_positions_and_levels_by_name()
    {
        var client = await factory.SignedIn("manager", "Demo-manager-2026");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/team"));
        var rows = Rows(html);

        Assert.Contains("<th>岗位</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th>级别</th>", html, StringComparison.Ordinal);
        // 销售一组 is a name in every store: the store's name comes with it.
        Assert.Contains("|星辉汽车城东店 / 销售一组|", rows["P01"], StringComparison.Ordinal);
        Assert.Contains("|销售顾问|", rows["P01"], StringComparison.Ordinal);
        Assert.Contains("|骨干|", rows["P01"], StringComparison.Ordinal);
        Assert.Contains("|销售主管|", rows["S11"], StringComparison.Ordinal);
        foreach (var code in new[] { "|ST1-T1|", "|salesperson|", "|supervisor|", "|core|" })
        {
            Assert.DoesNotContain(rows.Values, r => r.Contains(code, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Team_page_in_english_and_traditional_chinese_uses_the_plans_names()
    {
        var client = await factory.SignedIn("manager", "Demo-manager-2026");
        await client.GetAsync("/culture/en?returnUrl=%2F");
        var english = Rows(WebUtility.HtmlDecode(await client.GetStringAsync("/team")));
        Assert.Contains("|Sales consultant|", english["P01"], StringComparison.Ordinal);
        Assert.Contains("|Core|", english["P01"], StringComparison.Ordinal);

        await client.GetAsync("/culture/zh-TW?returnUrl=%2F");
        var traditional = Rows(WebUtility.HtmlDecode(await client.GetStringAsync("/team")));
        // No name_zh_tw in the plan for these: converted with OpenCC's data.
        Assert.Contains("|銷售顧問|", traditional["P01"], StringComparison.Ordinal);
        Assert.Contains("|骨幹|", traditional["P01"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("销售顾问", "銷售顧問")]
    [InlineData("总经理", "總經理")]
    [InlineData("销售一组", "銷售一組")]
    [InlineData("头发", "頭髮")]
    [InlineData("面条", "麵條")]
    [InlineData("Core 骨干 A", "Core 骨幹 A")]
    public void Traditional_converts_with_phrases_first(string simplified, string traditional) =>
        Assert.Equal(traditional, Traditional.From(simplified));
}
