using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Nobody sets or approves a target they are measured on (docs/targets.md): a supervisor's team targets and a
/// manager's store targets are theirs, so HR or the head's own manager sets them — by PUT, by decomposition, and on
/// the /targets page. The refusal is a 403 problem in the caller's language that says why, and nothing changes.
/// </summary>
public sealed class OwnTargetTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private (decimal Value, long Version)? Stored(string subject, string metric, string period) => fx.Factory.WithDb(db =>
        db.Targets.Where(t => t.Subject == subject && t.Metric == metric && t.Period == period).Select(t => new { t.Value, t.UploadId })
            .AsEnumerable().Select(t => ((decimal, long)?)(t.Value, t.UploadId)).SingleOrDefault());

    private int AuditCount() => fx.Factory.WithDb(db => db.AuditLog.Count());

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, object[] items, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/targets") { Content = JsonContent.Create(items) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(null, "人力资源部或您的上级")]
    [InlineData("zh-TW", "人力資源部或您的上級")]
    [InlineData("en", "HR or your own manager")]
    public async Task Put_WhenSupervisorSetsHisOwnTeamsTarget_Then403SayingWhyAndNothingChanged(string? language, string why)
    {
        var before = Stored("ST1-T1", "team_vehicles", "2026-11");
        Assert.NotNull(before);
        var audits = AuditCount();

        var response = await PutAsync(fx.Clients["supervisor"], [new { subject = "ST1-T1", metric = "team_vehicles", period = "2026-11", value = 1, version = before.Value.Version }], language);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(why, detail, StringComparison.Ordinal);
        Assert.Contains("ST1-T1", detail, StringComparison.Ordinal);
        Assert.Equal(["ST1-T1"], problem.GetProperty("measuredOn").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(before, Stored("ST1-T1", "team_vehicles", "2026-11"));
        Assert.Equal(audits, AuditCount());
    }

    [Fact]
    public async Task Put_WhenHeadsOwnUnitIsInABatchWithAllowedRows_ThenWholeBatchRefused()
    {
        var p01 = Stored("P01", "vehicles", "2026-12");
        var response = await PutAsync(fx.Clients["manager"],
        [
            new { subject = "P01", metric = "vehicles", period = "2026-12", value = 99, version = p01?.Version },
            new { subject = "ST1", metric = "team_vehicles", period = "2026-12", value = 1, version = Stored("ST1", "team_vehicles", "2026-12")?.Version },
        ]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(p01, Stored("P01", "vehicles", "2026-12"));
    }

    [Fact]
    public async Task Put_WhenTheHeadsManagerSetsTheTeamsTarget_ThenSaved()
    {
        // December is not calculated yet (a calculated period would also need overwriteCalculated=true).
        Assert.Null(Stored("ST1-T1", "team_vehicles", "2026-12"));

        var response = await PutAsync(fx.Clients["manager"], [new { subject = "ST1-T1", metric = "team_vehicles", period = "2026-12", value = 64 }]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(64m, Stored("ST1-T1", "team_vehicles", "2026-12")!.Value.Value);
    }

    [Theory]
    [InlineData("supervisor", "ST1-T1", HttpStatusCode.Forbidden)]
    [InlineData("manager", "ST1", HttpStatusCode.Forbidden)]
    [InlineData("manager", "ST1-T1", HttpStatusCode.OK)]
    [InlineData("hr", "ST1", HttpStatusCode.OK)]
    public async Task Decompose_WhenHeadDecomposesTheirOwnUnit_ThenRefusedWithTheReason(string who, string subject, HttpStatusCode expected)
    {
        var body = new { year = 2027, metric = "vehicles", subject, annual = 120, method = "ratio" };
        var preview = await fx.Clients[who].PostAsJsonAsync("/api/v1/targets/decompose", body);
        Assert.Equal(expected, preview.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            var problem = await preview.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("人力资源部或您的上级", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var apply = await fx.Clients[who].PostAsJsonAsync("/api/v1/targets/decompose?apply=true", body with { });
            Assert.Equal(HttpStatusCode.Forbidden, apply.StatusCode);
            Assert.Null(Stored(subject, "vehicles", "2027"));
        }
    }

    [Fact]
    public async Task Decompose_WhenManagerAppliesHisSupervisorsTeam_ThenStored()
    {
        var body = new { year = 2027, metric = "new_leads", subject = "ST1-T1", annual = 240, method = "ratio" };
        var preview = await fx.Clients["manager"].PostAsJsonAsync("/api/v1/targets/decompose", body);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var version = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString();

        var apply = await fx.Clients["manager"].PostAsJsonAsync("/api/v1/targets/decompose?apply=true", new { body.year, body.metric, body.subject, body.annual, body.method, version });

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Equal(240m, Stored("ST1-T1", "new_leads", "2027")!.Value.Value);
    }
}
