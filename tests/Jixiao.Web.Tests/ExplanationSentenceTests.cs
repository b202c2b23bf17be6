using System.Globalization;
using System.Net;
using Jixiao.Web.Api;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// Explanations as sentences (issue 12): "销售毛利 120,000 元 ÷ 目标 118,000 元 = 101.69%，× 20 分 = 20.34 分" for everyone,
/// the formula's own text only behind HR's 公式 toggle.
/// </summary>
public sealed class ExplanationSentenceTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private (string Period, ResultDto Own) Latest(string employee) => factory.WithDb(db =>
    {
        var periods = ResultQueries.CalculatedPeriodsAsync(db, default).GetAwaiter().GetResult();
        var period = ResultQueries.DefaultPeriod(periods)!;
        var run = ResultQueries.LatestRunAsync(db, period, default).GetAwaiter().GetResult()!;
        return (period, db.Results.AsNoTracking().Where(r => r.RunId == run.Id && r.EmployeeId == employee).AsEnumerable().Select(ResultQueries.Dto).Single());
    });

    private static string N(decimal v, string format) => v.ToString(format, CultureInfo.GetCultureInfo("zh-CN"));

    [Fact]
    public async Task Salesperson_reads_a_ratio_indicator_as_a_sentence_without_the_formula()
    {
        var (period, own) = Latest("P01");
        // A ratio indicator whose points are its weight times the achievement (no cap reached).
        var indicator = own.Indicators.First(i => i.Rule == "ratio" && i.Achievement is { } r && Math.Round(i.Weight * r, 2, MidpointRounding.AwayFromZero) == i.Points);
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/me?period={period}&explain=indicator:{indicator.Code}"));

        var expected = $"{indicator.Name} {N(indicator.Actual!.Value, "#,##0.####")} {indicator.Unit} ÷ 目标 {N(indicator.Target!.Value, "#,##0.####")} {indicator.Unit} = "
            + $"{N(indicator.Achievement!.Value * 100m, "#,##0.##")}%，× {N(indicator.Weight, "#,##0.##")} 分 = {N(indicator.Points, "#,##0.##")} 分";
        Assert.Contains($"<p class=\"my-2\" id=\"sentence\">{expected}</p>", html, StringComparison.Ordinal);
        // The engine's wording ("四舍五入保留两位小数", "min(r = …") is not what a salesperson reads.
        Assert.DoesNotContain("id=\"formula\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("四舍五入保留两位小数", html, StringComparison.Ordinal);
        Assert.DoesNotContain("min(r =", html, StringComparison.Ordinal);
        Assert.Contains("来源行：", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hr_sees_the_sentence_and_the_formula_behind_the_toggle()
    {
        var (period, own) = Latest("P01");
        var indicator = own.Indicators.First(i => i.Rule == "ratio");
        var client = await factory.SignedIn("hr", "Demo-hr-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/team/P01?period={period}&explain=indicator:{indicator.Code}"));

        Assert.Contains("id=\"sentence\">" + indicator.Name + " ", html, StringComparison.Ordinal);
        Assert.Contains("<details id=\"formula\" class=\"mt-2\"><summary>公式</summary>", html, StringComparison.Ordinal);
        Assert.Contains("四舍五入保留两位小数", html, StringComparison.Ordinal);
    }
}
