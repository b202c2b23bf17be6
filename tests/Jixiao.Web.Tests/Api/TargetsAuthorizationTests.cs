using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// The targets endpoints × every principal, and per record: reads list exactly the subjects in scope (people
/// and units), writes are refused for subjects outside the writer's subtree and change nothing.
/// </summary>
public sealed class TargetsAuthorizationTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private static readonly string[] AllRoles = ["admin", "hr", "finance", "manager", "supervisor", "sales"];
    private static readonly string[] Writers = ["admin", "hr", "manager", "supervisor"];

    private sealed record Case(string Method, string Path, Func<HttpContent?>? Body, Dictionary<string, HttpStatusCode> Allowed);

    private static Dictionary<string, HttpStatusCode> Allow(HttpStatusCode status, params string[] who) => who.ToDictionary(w => w, _ => status);

    private static IEnumerable<Case> Cases()
    {
        yield return new("GET", "/api/v1/targets?period=2026-10", null, Allow(HttpStatusCode.OK, AllRoles));
        yield return new("GET", "/api/v1/targets?period=nonsense", null, Allow(HttpStatusCode.BadRequest, AllRoles));
        // Invalid bodies: allowed callers get 400, so the matrix changes no data.
        yield return new("PUT", "/api/v1/targets", () => JsonContent.Create(Array.Empty<object>()), Allow(HttpStatusCode.BadRequest, Writers));
        yield return new("POST", "/api/v1/targets/decompose", () => JsonContent.Create(new { year = 2026, metric = "vehicles", subject = "ST1", annual = 10, method = "dice" }),
            Allow(HttpStatusCode.BadRequest, Writers));
        yield return new("POST", "/api/v1/targets/decompose?apply=true", () => JsonContent.Create(new { year = 2026, metric = "vehicles", subject = "ST1", annual = 10, method = "dice" }),
            Allow(HttpStatusCode.BadRequest, Writers));
    }

    [Fact]
    public async Task EveryTargetsEndpoint_WhenEveryPrincipal_ThenStatusAsSpecified()
    {
        var failures = new List<string>();
        foreach (var c in Cases())
        {
            foreach (var who in ApiFixture.Everyone)
            {
                var expected = c.Allowed.TryGetValue(who, out var s) ? s
                    : who is "anonymous" or "token:revoked" ? HttpStatusCode.Unauthorized
                    : HttpStatusCode.Forbidden;
                using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path) { Content = c.Body?.Invoke() };
                var response = await fx.Clients[who].SendAsync(request);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{c.Method} {c.Path} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The units each person may see targets of, from the demo org chart.</summary>
    private static HashSet<string> VisibleUnits(string who, IEnumerable<string> all) => who switch
    {
        "admin" or "hr" or "finance" => [.. all],
        "manager" => ["ST1", "ST1-T1", "ST1-T2"],
        "supervisor" => ["ST1-T1"],
        _ => [],
    };

    [Theory]
    [InlineData("admin")]
    [InlineData("hr")]
    [InlineData("finance")]
    [InlineData("manager")]
    [InlineData("supervisor")]
    [InlineData("sales")]
    public async Task List_WhenAnyPrincipal_ThenExactlyTheSubjectsInScope(string who)
    {
        var units = fx.Factory.WithDb(db => db.OrgUnits.Select(u => u.Id).ToList());
        var stored = fx.Factory.WithDb(db => db.Targets.Select(t => t.Subject).Distinct().ToList());
        var visible = fx.Visible(who).Union(VisibleUnits(who, units)).ToHashSet();
        var expected = stored.Where(visible.Contains).Order(StringComparer.Ordinal).ToList();

        var rows = await fx.Clients[who].GetFromJsonAsync<List<JsonElement>>("/api/v1/targets");
        var seen = rows!.Select(r => r.GetProperty("subject").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, seen);
        if (who == "sales")
        {
            Assert.Equal(["P01"], seen);
        }
    }

    [Theory]
    [InlineData("manager", "P01", HttpStatusCode.OK)]
    [InlineData("manager", "ST1-T2", HttpStatusCode.OK)]
    [InlineData("manager", "M01", HttpStatusCode.Forbidden)] // not one's own target
    [InlineData("manager", "ST2", HttpStatusCode.Forbidden)]
    [InlineData("manager", "OTHER", HttpStatusCode.Forbidden)]
    [InlineData("manager", "ST1", HttpStatusCode.Forbidden)] // the store he heads: his own target
    [InlineData("supervisor", "P01", HttpStatusCode.OK)]
    [InlineData("supervisor", "ST1-T1", HttpStatusCode.Forbidden)] // the team he heads: his own target
    [InlineData("supervisor", "ST1", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", "OTHER", HttpStatusCode.Forbidden)]
    [InlineData("sales", "P01", HttpStatusCode.Forbidden)]
    [InlineData("finance", "P01", HttpStatusCode.Forbidden)]
    [InlineData("hr", "OTHER", HttpStatusCode.OK)]
    [InlineData("admin", "ST2", HttpStatusCode.OK)]
    public async Task Put_WhenSubjectInOrOutOfTheWritersSubtree_ThenSavedOrRefusedWithNothingChanged(string who, string subject, HttpStatusCode expected)
    {
        var other = fx.InUnits("ST2-T1").Order(StringComparer.Ordinal).First();
        subject = subject == "OTHER" ? other : subject;
        var metric = $"auth_{who}_{subject}";
        // A batch with one allowed subject first: a refused one must keep the whole batch out.
        object[] items = [new { subject = "P01", metric, period = "2027-01", value = 1 }, new { subject, metric, period = "2027-02", value = 2 }];
        var response = await fx.Clients[who].PutAsJsonAsync("/api/v1/targets", items);

        var expectedStatus = who is "sales" or "finance" ? HttpStatusCode.Forbidden : expected;
        Assert.Equal(expectedStatus, response.StatusCode);
        var stored = fx.Factory.WithDb(db => db.Targets.Count(t => t.Metric == metric));
        Assert.Equal(expectedStatus == HttpStatusCode.OK ? 2 : 0, stored);
    }

    [Fact]
    public async Task Decompose_WhenManagerAsksForAnotherStore_ThenNotFoundLikeAnUnknownUnit()
    {
        var body = new { year = 2026, metric = "vehicles", subject = "ST2", annual = 100, method = "ratio" };
        var response = await fx.Clients["manager"].PostAsJsonAsync("/api/v1/targets/decompose", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("ST2", problem.GetProperty("errors").GetProperty("subject")[0].GetString(), StringComparison.Ordinal);

        var team = await fx.Clients["manager"].PostAsJsonAsync("/api/v1/targets/decompose", body with { subject = "ST1-T2" });
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        // The store he heads is his own target: refused, with the reason (OwnTargetTests).
        var own = await fx.Clients["manager"].PostAsJsonAsync("/api/v1/targets/decompose", body with { subject = "ST1" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var supervisor = await fx.Clients["supervisor"].PostAsJsonAsync("/api/v1/targets/decompose", body with { subject = "ST1" });
        Assert.Equal(HttpStatusCode.BadRequest, supervisor.StatusCode);
    }
}
