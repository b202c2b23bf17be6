using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Testing;
using Jixiao.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// The demo company seeded on 2026-10-20 10:00 in Shanghai: October is the open month (data to the 19th), so its run
/// is as of 2026-10-20 (day 20 of 31) and carries a projection; September and earlier are closed.
/// </summary>
public sealed class OpenOctoberFactory() : JixiaoFactory(TestClock.At(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero)));

/// <summary>Points so far and the projection of an open period through the API, the pages and the daily job (docs/decisions/0018).</summary>
public sealed class ProjectionWebTests(OpenOctoberFactory factory) : IClassFixture<OpenOctoberFactory>
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task ResultsMe_WhenPeriodOpen_ThenProjectionFromTheEngine()
    {
        var client = await factory.SignedIn("sales", "Demo-sales-2026");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/results/me?period=2026-10");
        var projection = me.GetProperty("projection");
        Assert.Equal("2026-10-20", projection.GetProperty("asOf").GetString());
        Assert.Equal(20, projection.GetProperty("daysElapsed").GetInt32());
        Assert.Equal(31, projection.GetProperty("daysInPeriod").GetInt32());

        // Gross margin (a sum) × 31/20; satisfaction (an average) unchanged; the total is the sum of projected points.
        var soFar = Indicator(me.GetProperty("indicators"), "gross_margin").GetProperty("actual").GetDecimal();
        var projected = projection.GetProperty("indicators");
        Assert.Equal(soFar * 31 / 20, Indicator(projected, "gross_margin").GetProperty("actual").GetDecimal());
        Assert.Equal(Indicator(me.GetProperty("indicators"), "satisfaction").GetProperty("actual").GetDecimal(), Indicator(projected, "satisfaction").GetProperty("actual").GetDecimal());
        Assert.Equal(projected.EnumerateArray().Sum(i => i.GetProperty("points").GetDecimal()), projection.GetProperty("total").GetDecimal());

        // The same numbers the engine stored for the run.
        var stored = factory.Services.CreateScope().ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var run = await stored.Runs.Where(r => r.Period == "2026-10").OrderByDescending(r => r.Id).FirstAsync();
        var details = JsonSerializer.Deserialize<ResultDetails>((await stored.Results.SingleAsync(r => r.RunId == run.Id && r.EmployeeId == "P01")).DetailsJson)!;
        Assert.Equal(details.Projection!.Total, projection.GetProperty("total").GetDecimal());
        Assert.Equal(details.Projection.PayTotal, projection.GetProperty("payTotal").GetDecimal());

        var closed = await client.GetFromJsonAsync<JsonElement>("/api/v1/results/me?period=2026-08"); // September is in evaluation
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("projection").ValueKind);
    }

    [Fact]
    public async Task MyPerformance_WhenPeriodOpen_ThenProvisionalPanelWithProjectedTotalAndProgress()
    {
        var client = await factory.SignedIn("sales", "Demo-sales-2026");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/results/me?period=2026-10");
        var projection = me.GetProperty("projection");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me?period=2026-10"));
        Assert.Contains("id=\"projection\"", html);
        Assert.Contains("暂定", html);
        Assert.Contains("截至 2026-10-20 得分", html);
        Assert.Contains("预计总分", html);
        Assert.Contains(projection.GetProperty("total").GetDecimal().ToString("N2", Zh), html);
        Assert.Contains("预计奖金", html);
        Assert.Contains("¥" + projection.GetProperty("payTotal").GetDecimal().ToString("N2", Zh), html);
        Assert.Contains("data-progress=\"gross_margin\"", html);
        Assert.Contains("data-progress=\"sales.销售车辆数得分\"", html);
        Assert.Contains("预计期末", html);
        Assert.Contains("mud-progress-linear", html);
        // The indicator names in the progress list open the explanation.
        Assert.Contains("href=\"/me?period=2026-10&explain=indicator%3Agross_margin#explanation\"", html);

        var english = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/me?period=2026-10") { Headers = { { "Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den" } } });
        var text = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("Projected total", text);
        Assert.Contains("Points as of 20 Oct 2026", text);

        // A closed month (September is in evaluation here: docs/decisions/0019) shows its result without a projection.
        var closed = WebUtility.HtmlDecode(await client.GetStringAsync("/me?period=2026-08"));
        Assert.Contains("id=\"total\"", closed);
        Assert.DoesNotContain("id=\"projection\"", closed);
        Assert.DoesNotContain("预计总分", closed);
    }

    [Fact]
    public async Task TeamMember_WhenSupervisorOpensOwnTeam_ThenSameProjection()
    {
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/team/P01?period=2026-10"));
        var sales = await factory.SignedIn("sales", "Demo-sales-2026");
        var me = await sales.GetFromJsonAsync<JsonElement>("/api/v1/results/me?period=2026-10");
        Assert.Contains("预计总分", html);
        Assert.Contains(me.GetProperty("projection").GetProperty("total").GetDecimal().ToString("N2", Zh), html);

        // The supervisor's own October: ratings are in the demo, so nothing is pending.
        var own = await client.GetFromJsonAsync<JsonElement>("/api/v1/results/me?period=2026-10");
        Assert.Equal(0, own.GetProperty("projection").GetProperty("pending").GetArrayLength());
    }

    [Fact]
    public async Task RefreshJob_WhenDue_ThenRecalculatesTheCurrentMonthOnceADay()
    {
        var job = factory.Services.GetRequiredService<CurrentMonthRefreshJob>();
        int Runs() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<JixiaoDbContext>().Runs.Count(r => r.Period == "2026-10" && r.StartedBy == CurrentMonthRefreshJob.StartedBy);
        var before = Runs();
        var first = await job.TickAsync();
        var second = await job.TickAsync();
        Assert.Equal(JobTick.Ran, first);
        Assert.Equal(JobTick.NotDue, second);
        Assert.Equal(before + 1, Runs());
        Assert.Equal(TimeSpan.FromHours(22), CurrentMonthRefreshJob.RefreshOffset("06:00", CompanyTimeZone.Default));
        Assert.Equal(TimeSpan.FromHours(1), CurrentMonthRefreshJob.RefreshOffset("09:00", CompanyTimeZone.Default));
        Assert.Equal(TimeSpan.FromHours(22), CurrentMonthRefreshJob.RefreshOffset(null, CompanyTimeZone.Default));
    }

    private static JsonElement Indicator(JsonElement list, string code) => list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
}
