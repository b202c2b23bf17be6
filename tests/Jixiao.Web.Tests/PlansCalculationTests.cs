using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// The plans and calculation pages over real HTTP: a plan version in words, who may open what, the Excel export
/// (scoped, localized), and calculation runs for one org unit (own database: these change data).
/// </summary>
public sealed class PlansCalculationTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private static MultipartFormDataContent Csv(string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    private static async Task<string> GetAs(HttpClient client, string url, string? culture = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (culture is not null)
        {
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task PlanVersion_WhenHr_ThenScorecardsRulesGradesAndPayInWords()
    {
        var html = WebUtility.HtmlDecode(await GetAs(fx.Clients["hr"], "/plans/4s-dealership/1"));

        Assert.Contains("4S店销售部绩效方案", html, StringComparison.Ordinal);
        Assert.Contains("生效日期 <span id=\"effective\">2026-01-01</span>", html, StringComparison.Ordinal);
        // Ratio with its cap and the metric/target names from the plan's metrics, lower-is-better, if_undefined, grades, pay.
        Assert.Contains("按达成率计分：得分 = ", html, StringComparison.Ordinal);
        Assert.Contains("达成率 = 销售车辆数 ÷ 销售车辆数的目标值", html, StringComparison.Ordinal);
        Assert.Contains("越低越好：达成率 = ", html, StringComparison.Ordinal);
        Assert.Contains("无法计算达成率时（无数据或分母为 0）视为完全达成", html, StringComparison.Ordinal);
        Assert.Contains("无法计算达成率时（无数据或分母为 0）计 0 分", html, StringComparison.Ordinal);
        Assert.Contains("总分 ≥ ", html, StringComparison.Ordinal);
        Assert.Contains("绩效系数", html, StringComparison.Ordinal);
        Assert.Contains("考核期结束前离职者不发放", html, StringComparison.Ordinal);
        Assert.Contains("data-scorecard=\"salesperson\"", html, StringComparison.Ordinal);
        Assert.Contains("合计 100 分", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanVersion_WhenEnglishAndSalesperson_ThenReadOnlyInEnglish()
    {
        var html = WebUtility.HtmlDecode(await GetAs(fx.Clients["sales"], "/plans/4s-dealership/1", "en"));

        Assert.Contains("By achievement: points = ", html, StringComparison.Ordinal);
        Assert.Contains("4S dealership sales department performance plan", html, StringComparison.Ordinal);
        Assert.Contains("lower is better: achievement = ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("按达成率计分", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanVersion_WhenMissing_Then404()
    {
        var response = await fx.Clients["hr"].GetAsync("/plans/4s-dealership/99");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("hr", "/calculation", HttpStatusCode.OK)]
    [InlineData("admin", "/calculation", HttpStatusCode.OK)]
    [InlineData("finance", "/calculation", HttpStatusCode.Forbidden)]
    [InlineData("manager", "/calculation", HttpStatusCode.Forbidden)]
    [InlineData("sales", "/calculation", HttpStatusCode.Forbidden)]
    [InlineData("anonymous", "/calculation", HttpStatusCode.Redirect)]
    [InlineData("sales", "/plans", HttpStatusCode.OK)]
    [InlineData("supervisor", "/plans", HttpStatusCode.OK)]
    [InlineData("anonymous", "/plans", HttpStatusCode.Redirect)]
    [InlineData("hr", "/calculation/export?run={run}", HttpStatusCode.OK)]
    [InlineData("admin", "/calculation/export?run={run}&what=changes", HttpStatusCode.OK)]
    [InlineData("finance", "/calculation/export?run={run}", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", "/calculation/export?run={run}", HttpStatusCode.Forbidden)]
    [InlineData("sales", "/calculation/export?run={run}", HttpStatusCode.Forbidden)]
    [InlineData("anonymous", "/calculation/export?run={run}", HttpStatusCode.Redirect)]
    [InlineData("token:results", "/calculation/export?run={run}", HttpStatusCode.Forbidden)]
    [InlineData("hr", "/calculation/export?run=999999", HttpStatusCode.NotFound)]
    public async Task Access_WhenRole_ThenAllowedOrSentToSignIn(string principal, string url, HttpStatusCode expected)
    {
        var run = fx.Factory.WithDb(db => db.Runs.Max(r => r.Id));
        var response = await fx.Clients[principal].GetAsync(url.Replace("{run}", run.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_WhenHr_ThenEveryResultOfTheRunWithLocalizedHeaders()
    {
        var (run, count) = fx.Factory.WithDb(db =>
        {
            var id = db.Runs.Where(r => r.Period == "2026-09").Max(r => r.Id);
            return (id, db.Results.Count(r => r.RunId == id));
        });

        var bytes = await fx.Clients["hr"].GetByteArrayAsync($"/calculation/export?run={run}&what=results");
        var sheet = Sheet(bytes);
        Assert.Equal(count + 1, CountOf(sheet, "<row "));
        Assert.Contains("薪酬合计", sheet, StringComparison.Ordinal);
        Assert.Contains("P01", sheet, StringComparison.Ordinal);

        using var english = new HttpRequestMessage(HttpMethod.Get, $"/calculation/export?run={run}&what=results");
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var englishSheet = Sheet(await (await fx.Clients["hr"].SendAsync(english)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Pay total", englishSheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitRun_WhenLateSale_ThenOnlyTheUnitChangesAndStalePeopleOutsideAreReported()
    {
        var period = Period.Parse("2026-10");
        var (previousId, previousRows) = fx.Factory.WithDb(db =>
        {
            var id = db.Runs.Where(r => r.Period == "2026-10").Max(r => r.Id);
            return (id, db.Results.AsNoTracking().Where(r => r.RunId == id).ToDictionary(r => r.EmployeeId));
        });
        var team1 = fx.InUnits("ST1-T1");
        var team2 = fx.InUnits("ST1-T2");
        Assert.Contains("P01", team1);

        const string csv = "id,employee,date,customer,product,units,amount,cost\n" +
            "UNIT-LATE-1,P01,2026-10-29,迟到客户,suv,2,420000,380000\n";
        Assert.Equal(HttpStatusCode.OK, (await fx.Clients["token:data"].PostAsync("/api/v1/data/sales", Csv("late.csv", csv))).StatusCode);

        // 1. Running the other team: P01 keeps the stored numbers, and is reported as stale.
        RunOutcome other;
        using (var scope = fx.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            other = (await new CalculationService(db, fx.Factory.Clock, CompanyTimeZone.Default).RunAsync(period, null, "ST1-T2"))!;
        }

        Assert.Contains("P01", other.StaleOutside);
        Assert.DoesNotContain(other.StaleOutside, team2.Contains);
        Assert.Contains(" unit ST1-T2 + run " + previousId, other.Run.InputFingerprint, StringComparison.Ordinal);
        var kept = fx.Factory.WithDb(db => db.Results.AsNoTracking().Where(r => r.RunId == other.Run.Id).ToDictionary(r => r.EmployeeId));
        Assert.Equal(previousRows.Keys.Order(StringComparer.Ordinal), kept.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(previousRows["P01"].Total, kept["P01"].Total);
        Assert.Equal(previousRows["P01"].PayTotal, kept["P01"].PayTotal);
        var unchanged = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>($"/api/v1/runs/{other.Run.Id}");
        Assert.Equal(previousId, unchanged.GetProperty("previousRunId").GetInt64());
        Assert.Empty(unchanged.GetProperty("changes").EnumerateArray());

        // 2. Running P01's team through the API: P01 changes, nobody outside the team does.
        var response = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/runs", new { period = "2026-10", unit = "ST1-T1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var detail = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(other.Run.Id, detail.GetProperty("previousRunId").GetInt64());
        var changes = detail.GetProperty("changes").EnumerateArray().ToList();
        var p01 = Assert.Single(changes, c => c.GetProperty("employeeId").GetString() == "P01");
        Assert.Equal("changed", p01.GetProperty("change").GetString());
        Assert.Equal(previousRows["P01"].PayTotal, p01.GetProperty("oldPay").GetDecimal());
        Assert.NotEqual(p01.GetProperty("oldPay").GetDecimal(), p01.GetProperty("newPay").GetDecimal());
        Assert.All(changes, c => Assert.Contains(c.GetProperty("employeeId").GetString()!, team1));
        Assert.Equal(previousRows.Count, detail.GetProperty("results").GetArrayLength());

        // 3. The same numbers as a run of the whole company would give for the team.
        using (var scope = fx.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            var whole = (await new CalculationService(db, fx.Factory.Clock, CompanyTimeZone.Default).ComputeAsync(period, null))!;
            var stored = await db.Results.AsNoTracking().Where(r => r.RunId == detail.GetProperty("run").GetProperty("id").GetInt64()).ToDictionaryAsync(r => r.EmployeeId);
            foreach (var r in whole.Results.Where(r => team1.Contains(r.Employee)))
            {
                Assert.Equal(r.Total, stored[r.Employee].Total);
                Assert.Equal(r.PayTotal, stored[r.Employee].PayTotal);
            }
        }
    }

    [Fact]
    public async Task UnitRun_WhenUnknownUnit_Then400AndNoRun()
    {
        var before = fx.Factory.WithDb(db => db.Runs.Count());
        var response = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/runs", new { period = "2026-10", unit = "NOPE" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unit", out _));
        Assert.Equal(before, fx.Factory.WithDb(db => db.Runs.Count()));
    }

    private static string Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
