using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// A run's "could not be computed" reasons name the plan's metrics and indicators in the reader's language (issue 12,
/// "plain words"), never their codes (own database: this removes a target).
/// </summary>
public sealed class RunErrorNamesTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task RunErrors_WhenTargetMissing_ThenMetricAndIndicatorByNameInEachLanguage()
    {
        var removed = fx.Factory.WithDb(db => db.Targets.Where(t => t.Subject == "P01" && t.Metric == "vehicles" && t.Period == "2026-11").ExecuteDelete());
        Assert.Equal(1, removed);

        var created = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/runs", new { period = "2026-11" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var zh = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run").GetProperty("errors")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("P01: 缺少“销售车辆数”在 2026-11 的目标值（“销售业绩 / 销售车辆数得分”需要）", zh);
        Assert.DoesNotContain(zh, e => e.Contains("vehicles", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location!.OriginalString);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await fx.Clients["hr"].SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var en = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run").GetProperty("errors")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("P01: no target for 'Vehicles sold' in 2026-11 (needed by 'Sales / Vehicles sold')", en);
    }
}
