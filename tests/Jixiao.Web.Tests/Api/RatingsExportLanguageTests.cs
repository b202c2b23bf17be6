using System.Net;
using Jixiao.Web.Localization;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// The 评分 export in Traditional Chinese (issue 12): headers from the zh-TW resources, the plan's scorecard and indicator
/// names converted (the demo plan has no name_zh_tw), nothing left in Simplified; the same rows as in Simplified.
/// </summary>
public sealed class RatingsExportLanguageTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private const string Period = "2026-11"; // the open month: the supervisors' monthly rating indicators

    private async Task<List<List<string>>> ExportAsync(string culture)
    {
        using var client = await factory.SignedIn("hr", "Demo-hr-2026");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/culture/{culture}?returnUrl=%2F")).StatusCode);
        var response = await client.GetAsync($"/api/v1/exports/ratings?period={Period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PlanExportsTests.Sheet(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Traditional_chinese_export_has_traditional_headers_and_plan_names()
    {
        var simplified = await ExportAsync("zh-CN");
        var traditional = await ExportAsync("zh-TW");

        Assert.Equal(["員工編號", "姓名", "考核表", "考核項", "滿分", "得分", "評分人", "評語"], traditional[0]);
        Assert.True(simplified.Count > 1, "no rows to rate in " + Period);
        Assert.Equal(simplified.Count, traditional.Count);
        Assert.Contains(traditional.Skip(1), r => r[2] == "銷售主管考核表");
        for (var i = 1; i < simplified.Count; i++)
        {
            Assert.Equal(simplified[i][0], traditional[i][0]);
            Assert.Equal(Traditional.From(simplified[i][2]), traditional[i][2]);
            Assert.Equal(Traditional.From(simplified[i][3]), traditional[i][3]);
        }

        // The Simplified names of scorecards and indicators never show in the Traditional export.
        var names = simplified.Skip(1).SelectMany(r => new[] { r[2], r[3] }).Where(n => n != Traditional.From(n)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(names);
        Assert.DoesNotContain(traditional.Skip(1), r => names.Contains(r[2]) || names.Contains(r[3]));
    }

    [Fact]
    public async Task English_export_has_the_plans_english_scorecard_name()
    {
        var english = await ExportAsync("en");

        Assert.Equal("Scorecard", english[0][2]);
        Assert.DoesNotContain(english.Skip(1), r => r[2].Contains("考核表", StringComparison.Ordinal));
    }
}
