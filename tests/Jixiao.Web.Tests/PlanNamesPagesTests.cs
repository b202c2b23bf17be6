using System.Net;
using Jixiao.Web.Tests.Api;

namespace Jixiao.Web.Tests;

/// <summary>
/// Plan data in the reader's language beyond the plan name (issue 12): the salesperson's /me shows the plan's indicator,
/// part and pay names in English on English pages and in Traditional Chinese on zh-TW pages (<c>name_zh_tw</c> when the
/// plan gives it, else OpenCC's conversion), never the stored Simplified names.
/// </summary>
public sealed class PlanNamesPagesTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private async Task<string> MeIn(string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Accept-Language", language);
        var response = await fx.Clients["sales"].SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        // The result's own tables: indicators (with their parts) and pay lines (the income ledger below is pay3's).
        var start = html.IndexOf("id=\"indicators\"", StringComparison.Ordinal);
        var pay = html.IndexOf("id=\"pay-lines\"", start, StringComparison.Ordinal);
        Assert.True(start > 0 && pay > start, "the indicator and pay-line tables are on the page");
        return html[start..html.IndexOf("</table>", pay, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Me_WhenEnglish_ThenIndicatorPartAndPayNamesInEnglish()
    {
        var html = await MeIn("en");
        Assert.Contains(">Sales</a>", html, StringComparison.Ordinal);
        Assert.Contains("· Vehicles sold", html, StringComparison.Ordinal);
        Assert.Contains(">Satisfaction</a>", html, StringComparison.Ordinal);
        Assert.Contains(">Vehicle bonus</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("销售业绩奖金", html, StringComparison.Ordinal);
        Assert.DoesNotContain("销售业绩", html, StringComparison.Ordinal);
        Assert.DoesNotContain("销售车辆数得分", html, StringComparison.Ordinal);
        Assert.DoesNotContain("客户满意度", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WhenTraditionalChinese_ThenGivenOrConvertedNames()
    {
        var html = await MeIn("zh-TW");
        Assert.Contains(">銷售業績</a>", html, StringComparison.Ordinal);
        Assert.Contains("· 銷售車輛數得分", html, StringComparison.Ordinal);
        Assert.Contains(">顧客滿意度</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">销售业绩</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("客戶滿意度", html, StringComparison.Ordinal);
        Assert.Contains(">銷售業績獎金</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WhenSimplifiedChinese_ThenThePlansNames()
    {
        var html = await MeIn("zh-CN");
        Assert.Contains(">销售业绩</a>", html, StringComparison.Ordinal);
        Assert.Contains("· 销售车辆数得分", html, StringComparison.Ordinal);
        Assert.Contains(">客户满意度</a>", html, StringComparison.Ordinal);
        Assert.Contains(">销售业绩奖金</a>", html, StringComparison.Ordinal);
    }
}
