using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Every endpoint × every principal (six roles, anonymous, tokens with and without the scope, a revoked token)
/// → expected status; and every record endpoint × own / own-team / other-team record; and list contents
/// compared with the visible set derived from the org chart: 0 leaks.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private const string Period = "2026-09"; // a closed month: its published run is what everyone sees (docs/decisions/0019)

    private static readonly string[] AllRoles = ["admin", "hr", "finance", "manager", "supervisor", "sales"];

    /// <summary>A request and the principals allowed (their status), everyone else gets 401 (anonymous, revoked) or 403.</summary>
    private sealed record Case(string Method, string Path, Func<HttpContent?>? Body, Dictionary<string, HttpStatusCode> Allowed, bool Redirects = false);

    private static Dictionary<string, HttpStatusCode> Allow(HttpStatusCode status, params string[] who) => who.ToDictionary(w => w, _ => status);

    private static Dictionary<string, HttpStatusCode> Merge(params Dictionary<string, HttpStatusCode>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    private static JsonContent Json(object o) => JsonContent.Create(o);

    private static MultipartFormDataContent File(string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    private IEnumerable<Case> Cases()
    {
        var runId = fx.Factory.WithDb(db => db.Runs.Where(r => r.Period == Period).Max(r => r.Id));
        var ok = HttpStatusCode.OK;
        yield return new("GET", "/api/v1/org-units", null, Allow(ok, [.. AllRoles, "token:org"]));
        yield return new("GET", "/api/v1/org-units/tree", null, Allow(ok, [.. AllRoles, "token:org"]));
        yield return new("GET", "/api/v1/employees", null, Allow(ok, [.. AllRoles, "token:org"]));
        yield return new("GET", "/api/v1/plans", null, Allow(ok, AllRoles));
        yield return new("GET", "/api/v1/plans/4s-dealership/versions/1", null, Allow(ok, AllRoles));
        // Broken YAML: allowed callers get 400 with problems, so the matrix changes no data.
        yield return new("POST", "/api/v1/plans", () => File("bad.yaml", "code: [\n"), Allow(HttpStatusCode.BadRequest, "hr", "admin"));
        yield return new("GET", "/api/v1/data/sources", null, Allow(ok, "hr", "finance", "token:data"));
        yield return new("GET", "/api/v1/data/uploads", null, Allow(ok, "hr", "finance", "token:data"));
        yield return new("POST", "/api/v1/data/sales", () => File("sales.csv", "id,employee,date,customer,product,units,amount,cost\nX1,P01,not-a-date,c,suv,1,1,1\n"),
            Allow(HttpStatusCode.BadRequest, "hr", "finance", "token:data"));
        // Ratings and the org chart change only through HR (finance and integrations: money and transactions).
        yield return new("POST", "/api/v1/data/ratings", () => File("ratings.csv", "employee,period,indicator,points,rater,comment\nP01,2026-10,x,abc,S11,\n"),
            Allow(HttpStatusCode.BadRequest, "hr"));
        yield return new("POST", "/api/v1/data/employees", () => File("employees.csv", "id,name\n"), Allow(HttpStatusCode.BadRequest, "hr"));
        yield return new("POST", "/api/v1/runs", () => Json(new { period = "not-a-period" }), Allow(HttpStatusCode.BadRequest, "hr"));
        yield return new("GET", "/api/v1/runs", null, Allow(ok, "hr", "admin", "finance"));
        yield return new("GET", $"/api/v1/runs/{runId}", null, Allow(ok, "hr", "admin", "finance"));
        yield return new("GET", $"/api/v1/results/me?period={Period}", null,
            Merge(Allow(ok, "supervisor", "sales"), Allow(HttpStatusCode.NotFound, "hr", "admin", "finance", "manager")));
        yield return new("GET", $"/api/v1/results?period={Period}", null, Allow(ok, [.. AllRoles, "token:results"]));
        yield return new("GET", $"/api/v1/ratings?period={Period}", null, Allow(ok, AllRoles));
        // Cost control: finance, HR and administrators read; only HR decides (an empty decision is 400 for HR).
        yield return new("GET", "/api/v1/cost-control/periods", null, Allow(ok, "hr", "admin", "finance"));
        yield return new("POST", "/api/v1/cost-control/periods/2026-05/decision", () => Json(new { kind = "" }), Allow(HttpStatusCode.BadRequest, "hr"));
        // Career recommendations: HR and administrators read; only HR decides (an empty decision is 400 for HR).
        yield return new("GET", "/api/v1/careers?year=2026", null, Allow(ok, "hr", "admin"));
        yield return new("POST", "/api/v1/careers/decisions", () => Json(new { employee = "" }), Allow(HttpStatusCode.BadRequest, "hr"));
        // Manual awards: finance, HR and administrators read; HR or an administrator requests; finance or an administrator decides.
        yield return new("GET", "/api/v1/awards", null, Allow(ok, "hr", "admin", "finance"));
        yield return new("POST", "/api/v1/awards", () => Json(new { employee = "" }), Allow(HttpStatusCode.BadRequest, "hr", "admin"));
        yield return new("POST", "/api/v1/awards/999999/decision", () => Json(new { approve = true }), Allow(HttpStatusCode.NotFound, "finance", "admin"));
        yield return new("GET", "/api/v1/tokens", null, Allow(ok, "hr", "admin"));
        yield return new("POST", "/api/v1/tokens", () => Json(new { name = "", scopes = Array.Empty<string>() }), Allow(HttpStatusCode.BadRequest, "hr", "admin"));
        yield return new("DELETE", "/api/v1/tokens/999999", null, Allow(HttpStatusCode.NotFound, "hr", "admin"));
        // The API description is for every signed-in person and integration (it holds no data).
        // Accounts (docs/decisions/0020-accounts.md): administrator and HR; an empty new account is 400 for them.
        yield return new("GET", "/api/v1/users", null, Allow(ok, "admin", "hr"));
        yield return new("GET", "/api/v1/users/candidates", null, Allow(ok, "admin", "hr"));
        yield return new("POST", "/api/v1/users", () => Json(new { userName = "" }), Allow(HttpStatusCode.BadRequest, "admin", "hr"));
        yield return new("POST", "/api/v1/users/bulk", () => Json(new { employeeIds = Array.Empty<string>() }), Allow(HttpStatusCode.BadRequest, "admin", "hr"));
        yield return new("GET", "/api/v1/users/no-such-account", null, Allow(HttpStatusCode.NotFound, "admin", "hr"));
        yield return new("GET", "/api/reference/", null, Allow(ok, [.. AllRoles, "token:results", "token:data", "token:org"]));
        // Like the rest of the API: 401 for the anonymous, not a redirect to the sign-in page.
        yield return new("GET", "/openapi/v1.json", null, Allow(ok, [.. AllRoles, "token:results", "token:data", "token:org"]));
    }

    [Fact]
    public async Task EveryEndpoint_WhenEveryPrincipal_ThenStatusAsSpecified()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var c in Cases())
        {
            // HR covering one unit may call what HR may (what it then sees is its unit: the list tests below).
            foreach (var who in ApiFixture.Everyone.Append("hr-st1"))
            {
                var expected = c.Allowed.TryGetValue(who == "hr-st1" ? "hr" : who, out var s) ? s
                    : who is "anonymous" or "token:revoked" ? (c.Redirects && who == "anonymous" ? HttpStatusCode.Redirect : HttpStatusCode.Unauthorized)
                    : HttpStatusCode.Forbidden;
                using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path) { Content = c.Body?.Invoke() };
                var response = await fx.Clients[who].SendAsync(request);
                checkedCount++;
                if (response.StatusCode != expected)
                {
                    failures.Add($"{c.Method} {c.Path} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(checkedCount >= 200, $"only {checkedCount} cells checked");
    }

    /// <summary>Own / own team / other team record for each person, through every per-employee endpoint.</summary>
    [Fact]
    public async Task RecordEndpoints_WhenOwnTeamOrOtherRecord_ThenOnlyVisibleOnesFound()
    {
        var other = fx.InUnits("ST2-T1").Order().First();
        var assessed = Assessed();
        var failures = new List<string>();
        foreach (var who in AllRoles.Concat(["hr-st1", "token:org", "token:results", "token:data"]))
        {
            var visible = fx.Visible(who);
            foreach (var employee in new[] { "P01", "P02", "S11", "S12", "M01", other })
            {
                foreach (var path in new[] { $"/api/v1/employees/{employee}", $"/api/v1/results/{employee}/explanation?period={Period}" })
                {
                    var scopeOk = path.Contains("employees", StringComparison.Ordinal)
                        ? who is not ("token:results" or "token:data")
                        : who is not ("token:org" or "token:data");
                    // Managers are assessed quarterly: a monthly explanation of one is not found for anybody.
                    var exists = path.Contains("employees", StringComparison.Ordinal) || assessed.Contains(employee);
                    var expected = !scopeOk ? HttpStatusCode.Forbidden : visible.Contains(employee) && exists ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                    var response = await fx.Clients[who].GetAsync(path);
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{path} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
                    }

                    if (expected == HttpStatusCode.NotFound)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        var name = fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == employee).Name);
                        if (body.Contains(name, StringComparison.Ordinal))
                        {
                            failures.Add($"{path} as {who}: 404 body leaks the name");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("hr")]
    [InlineData("finance")]
    [InlineData("manager")]
    [InlineData("supervisor")]
    [InlineData("sales")]
    [InlineData("hr-st1")]
    [InlineData("token:results")]
    public async Task ResultsList_WhenAnyPrincipal_ThenExactlyTheVisiblePeople(string who)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = 1;
        int total;
        do
        {
            var body = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/results?period={Period}&pageSize=7&page={page++}&sort=-total");
            total = body.GetProperty("total").GetInt32();
            foreach (var item in body.GetProperty("items").EnumerateArray())
            {
                Assert.True(seen.Add(item.GetProperty("employeeId").GetString()!), "a person appears on two pages");
            }
        }
        while (seen.Count < total && page < 20);

        var assessed = Assessed();
        var expected = fx.Visible(who).Intersect(assessed).ToHashSet();
        Assert.Equal(expected.Order(), seen.Order());
        Assert.Equal(expected.Count, total);
        if (who == "sales")
        {
            Assert.Equal(["P01"], seen);
        }
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("hr")]
    [InlineData("finance")]
    [InlineData("manager")]
    [InlineData("supervisor")]
    [InlineData("sales")]
    [InlineData("hr-st1")]
    [InlineData("token:org")]
    public async Task EmployeeList_WhenAnyPrincipal_ThenExactlyTheVisiblePeople(string who)
    {
        var body = await fx.Clients[who].GetFromJsonAsync<JsonElement>("/api/v1/employees?pageSize=200");
        var seen = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(fx.Visible(who).Order(), seen.Order());
    }

    [Fact]
    public async Task Lists_WhenSearchingOrFilteringOutsideScope_ThenNothingLeaks()
    {
        var other = fx.InUnits("ST2-T1").Order().First();
        foreach (var who in new[] { "sales", "supervisor", "manager", "hr-st1" })
        {
            var results = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/results?period={Period}&unit=ST2&q={other}");
            Assert.Equal(0, results.GetProperty("total").GetInt32());
            var employees = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/employees?unit=ST2&q={other}");
            Assert.Equal(0, employees.GetProperty("total").GetInt32());
            var ratings = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/ratings?period={Period}&employee={other}");
            Assert.Equal(0, ratings.GetArrayLength());
        }
    }

    [Theory]
    [InlineData("hr", true)]
    [InlineData("admin", true)]
    [InlineData("finance", false)]
    [InlineData("manager", true)]
    [InlineData("hr-st1", true)]
    public async Task Ratings_WhenFinance_ThenPointsWithoutComments(string who, bool comments)
    {
        var ratings = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/ratings?period={Period}");
        var items = ratings.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var visible = fx.Visible(who);
        Assert.All(items, i => Assert.Contains(i.GetProperty("employeeId").GetString()!, visible));
        Assert.Equal(comments, items.Any(i => i.GetProperty("comment").ValueKind == JsonValueKind.String));
    }

    private HashSet<string> Assessed() =>
        fx.Factory.WithDb(db => db.Results.Where(r => r.RunId == db.Runs.Where(x => x.Period == Period).Max(x => x.Id)).Select(r => r.EmployeeId).ToHashSet());

    [Fact]
    public async Task Run_WhenHrCoversOneUnit_ThenOnlyItsPeopleAndOnlyItsUnitRecalculated()
    {
        var runId = fx.Factory.WithDb(db => db.Runs.Where(r => r.Period == Period).Max(r => r.Id));
        var run = await fx.Clients["hr-st1"].GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}");
        var seen = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("employeeId").GetString()!).ToHashSet();
        Assert.Equal(fx.Visible("hr-st1").Intersect(Assessed()).Order(), seen.Order());
        var all = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}");
        Assert.True(all.GetProperty("results").GetArrayLength() > seen.Count);

        var runs = fx.Factory.WithDb(db => db.Runs.Count());
        var company = await fx.Clients["hr-st1"].PostAsJsonAsync("/api/v1/runs", new { period = Period });
        Assert.Equal(HttpStatusCode.Forbidden, company.StatusCode);
        var other = await fx.Clients["hr-st1"].PostAsJsonAsync("/api/v1/runs", new { period = Period, unit = "ST2" });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(runs, fx.Factory.WithDb(db => db.Runs.Count()));
    }

    [Fact]
    public async Task OpenApi_WhenSignedIn_ThenDocumentListsTheApi()
    {
        var doc = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/results", paths);
        Assert.Contains("/api/v1/employees/{id}", paths);
        Assert.Contains("/api/v1/tokens", paths);
    }

    [Fact]
    public async Task ResultsMe_WhenSalesperson_ThenOwnResult()
    {
        var me = await fx.Clients["sales"].GetFromJsonAsync<JsonElement>($"/api/v1/results/me?period={Period}");
        Assert.Equal("P01", me.GetProperty("employeeId").GetString());
    }
}
