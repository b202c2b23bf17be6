using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// Issue 12, no dead ends: an empty table or list says why it is empty, in the reader's language (a search that matches
/// nobody, no upload yet), not only "无数据". Its own factory: one test empties the uploads.
/// </summary>
public sealed class EmptyStatesPagesTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private static HttpRequestMessage Get(string path, string culture) =>
        new(HttpMethod.Get, path) { Headers = { { "Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}" } } };

    [Theory]
    [InlineData("zh-CN", "没有工号或姓名含“zzz”的人员。")]
    [InlineData("en", "Nobody whose id or name contains 'zzz'.")]
    [InlineData("zh-TW", "沒有工號或姓名含“zzz”的人員。")]
    public async Task A_team_search_that_matches_nobody_says_so(string culture, string expected)
    {
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");

        var html = WebUtility.HtmlDecode(await (await client.SendAsync(Get("/team?q=zzz", culture))).Content.ReadAsStringAsync());

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"team\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_list_without_a_search_shows_the_team()
    {
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/team"));

        Assert.Contains("id=\"team\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("没有工号或姓名含", html, StringComparison.Ordinal);
        Assert.DoesNotContain("你的查看范围内在此期间没有人员结果", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_page_without_uploads_says_how_to_make_the_first()
    {
        factory.WithDb(db => db.Uploads.ExecuteDelete());
        var client = await factory.SignedIn("hr", "Demo-hr-2026");

        var zh = WebUtility.HtmlDecode(await client.GetStringAsync("/data"));
        var en = WebUtility.HtmlDecode(await (await client.SendAsync(Get("/data", "en"))).Content.ReadAsStringAsync());

        Assert.Contains("还没有上传记录：还没有人上传过数据文件。选择数据类型，下载模板填好后点“上传”。", zh, StringComparison.Ordinal);
        Assert.Contains("No uploads yet: nobody has uploaded a data file.", en, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"uploads\"", zh, StringComparison.Ordinal);
    }
}
