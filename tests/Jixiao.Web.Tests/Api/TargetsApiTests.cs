using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>Targets through the API on a real SQLite file: batch saves all or nothing, stale versions, decomposition preview and apply.</summary>
public sealed class TargetsApiTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private HttpClient Hr => fx.Clients["hr"];

    private int Count(string? metric = null) => fx.Factory.WithDb(db => db.Targets.Count(t => metric == null || t.Metric == metric));

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Put_WhenOneFieldIsBad_ThenFieldErrorsInTheCallersLanguageAndNothingStored()
    {
        var before = Count();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/targets")
        {
            Content = JsonContent.Create(new object[]
            {
                new { subject = "P01", metric = "put_bad", period = "2027-01", value = 5 },
                new { subject = "P01", metric = "put_bad", period = "2027-13", value = -1 },
                new { subject = "NOBODY", metric = "put_bad", period = "2027-02", value = 1.23456 },
                new { subject = "P01", metric = "put_bad", period = "2027-01", value = 6 },
            }),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await Hr.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal("'2027-13' is not a period (2026-10, 2026-Q4, 2026-H2 or 2026; years 1900–2100).", errors.GetProperty("items[1].period")[0].GetString());
        Assert.Equal("A target cannot be negative.", errors.GetProperty("items[1].value")[0].GetString());
        Assert.Equal("No employee or org unit 'NOBODY'.", errors.GetProperty("items[2].subject")[0].GetString());
        Assert.Equal("This metric's targets have at most 4 decimal places.", errors.GetProperty("items[2].value")[0].GetString());
        Assert.Equal("Same subject, metric and period as item 0.", errors.GetProperty("items[3]")[0].GetString());
        Assert.Equal(before, Count());

        // Default language: Simplified Chinese.
        var zh = await Hr.PutAsJsonAsync("/api/v1/targets", new object[] { new { subject = "P01", metric = "put_bad", period = "2027-01", value = -1 } });
        Assert.Equal("目标值不能为负数。", (await Json(zh)).GetProperty("errors").GetProperty("items[0].value")[0].GetString());
    }

    [Fact]
    public async Task Put_WhenVersionIsStale_ThenConflictAndNothingChanged()
    {
        var created = await Hr.PutAsJsonAsync("/api/v1/targets", new object[]
        {
            new { subject = "P02", metric = "put_version", period = "2027-01", value = 10, challenge = 12 },
            new { subject = "P02", metric = "put_version", period = "2027-02", value = 20 },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await Json(created);
        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        var items = body.GetProperty("items");
        var v1 = items[0].GetProperty("version").GetInt64();
        Assert.Equal(12m, items[0].GetProperty("challenge").GetDecimal());

        // Someone else (the manager of P02's store) changes January.
        var other = await fx.Clients["manager"].PutAsJsonAsync("/api/v1/targets", new object[] { new { subject = "P02", metric = "put_version", period = "2027-01", value = 11, version = v1 } });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // HR saves with the version it read: 409, and February is not changed either.
        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/targets")
        {
            Content = JsonContent.Create(new object[]
            {
                new { subject = "P02", metric = "put_version", period = "2027-02", value = 21, version = items[1].GetProperty("version").GetInt64() },
                new { subject = "P02", metric = "put_version", period = "2027-01", value = 15, version = v1 },
            }),
        };
        stale.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var conflict = await Hr.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await Json(conflict);
        Assert.Equal("Changed by someone else", problem.GetProperty("title").GetString());
        Assert.Equal("P02|put_version|2027-01", problem.GetProperty("conflicts")[0].GetString());
        var stored = fx.Factory.WithDb(db => db.Targets.Where(t => t.Metric == "put_version").OrderBy(t => t.Period).Select(t => t.Value).ToList());
        Assert.Equal([11m, 20m], stored);

        // A "new" row that exists already is a conflict too.
        var again = await Hr.PutAsJsonAsync("/api/v1/targets", new object[] { new { subject = "P02", metric = "put_version", period = "2027-02", value = 1 } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var read = await Hr.GetFromJsonAsync<List<JsonElement>>("/api/v1/targets?subject=P02&metric=put_version&year=2027");
        Assert.Equal(2, read!.Count);
        Assert.Single(await Hr.GetFromJsonAsync<List<JsonElement>>("/api/v1/targets?subject=P02&metric=put_version&period=2027-02") ?? []);
    }

    private static object Body(string subject = "ST1", decimal annual = 720, string method = "ratio", object? cells = null, string? version = null, int year = 2026, string metric = "vehicles", bool overwrite = false) => new
    {
        year,
        metric,
        subject,
        annual,
        challengeFactor = 1.2m,
        method,
        weights = new Dictionary<string, decimal> { ["ST1-T1"] = 2, ["ST1-T2"] = 1 },
        monthWeights = new[] { 1m, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
        cells,
        version,
        overwriteCalculated = overwrite,
    };

    [Fact]
    public async Task Decompose_WhenPreviewed_ThenBalancedAndNothingStored_WhenApplied_ThenStoredOnceAndAudited()
    {
        var before = Count();
        var preview = await Hr.PostAsJsonAsync("/api/v1/targets/decompose", Body(year: 2027));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var plan = await Json(preview);
        Assert.True(plan.GetProperty("balanced").GetBoolean());
        Assert.Equal(0, plan.GetProperty("decimals").GetInt32());
        var rows = plan.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal("ST1", rows[0].GetProperty("subject").GetString());
        Assert.Equal(480m, rows.Single(r => r.GetProperty("subject").GetString() == "ST1-T1").GetProperty("annual").GetDecimal());
        Assert.Equal(240m, rows.Single(r => r.GetProperty("subject").GetString() == "ST1-T2").GetProperty("annual").GetDecimal());
        Assert.Equal(864m, rows[0].GetProperty("challenge").GetDecimal());
        // Heads carry their unit's target: no personal row for the manager or supervisors.
        Assert.DoesNotContain(rows, r => r.GetProperty("subject").GetString() is "M01" or "S11" or "S12");
        Assert.All(plan.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean()));
        Assert.Equal(before, Count());

        // Apply needs the preview's version.
        var noVersion = await Hr.PostAsJsonAsync("/api/v1/targets/decompose?apply=true", Body(year: 2027));
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.True((await Json(noVersion)).GetProperty("errors").TryGetProperty("version", out _));

        var version = plan.GetProperty("version").GetString();
        // 2027: no period of it is calculated or closed (locked and closed targets: TargetsLockTests).
        var applied = await Hr.PostAsJsonAsync("/api/v1/targets/decompose?apply=true", Body(year: 2027, version: version));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var result = await Json(applied);
        Assert.True(result.GetProperty("applied").GetBoolean());
        var people = rows.Count(r => r.GetProperty("isPerson").GetBoolean());
        var monthRows = rows.Sum(r => r.GetProperty("months").EnumerateArray().Count(m => m.ValueKind != JsonValueKind.Null));
        Assert.Equal(rows.Count + monthRows, result.GetProperty("inserted").GetInt32() + result.GetProperty("updated").GetInt32() + result.GetProperty("unchanged").GetInt32());
        Assert.True(people >= 8);

        var (annual, months, challenge) = fx.Factory.WithDb(db => (
            db.Targets.Single(t => t.Subject == "ST1" && t.Metric == "vehicles" && t.Period == "2027").Value,
            db.Targets.Where(t => t.Subject == "ST1-T1" && t.Metric == "vehicles" && t.Period.StartsWith("2027-")).Sum(t => t.Value),
            db.Targets.Single(t => t.Subject == "ST1" && t.Metric == "vehicles" && t.Period == "2027").Challenge));
        Assert.Equal(720m, annual);
        Assert.Equal(864m, challenge);
        // The demo's own monthly targets of ST1-T1 (team_vehicles) are a different metric: months of vehicles sum to 480.
        Assert.Equal(480m, months);
        Assert.True(fx.Factory.WithDb(db => db.AuditLog.Any(a => a.Action == "targets.decompose" && a.Subject == "decompose ST1")));

        // The preview is stale now: applying it again is a conflict and changes nothing.
        var uploads = fx.Factory.WithDb(db => db.Uploads.Count());
        var stale = await Hr.PostAsJsonAsync("/api/v1/targets/decompose?apply=true", Body(year: 2027, annual: 730, version: version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(720m, fx.Factory.WithDb(db => db.Targets.Single(t => t.Subject == "ST1" && t.Metric == "vehicles" && t.Period == "2027").Value));
        Assert.Equal(uploads, fx.Factory.WithDb(db => db.Uploads.Count()));
    }

    [Fact]
    public async Task Decompose_WhenEditedByHandAndUnbalanced_ThenPreviewShowsTheDifferenceAndApplyIsRefused()
    {
        var cells = new[] { new { subject = "ST1-T1", month = 3, value = 45m } };
        var preview = await Hr.PostAsJsonAsync("/api/v1/targets/decompose", Body(metric: "new_leads", cells: cells));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var plan = await Json(preview);
        Assert.False(plan.GetProperty("balanced").GetBoolean());
        var failed = plan.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("ok").GetBoolean()).ToList();
        var months = Assert.Single(failed, c => !c.GetProperty("challenge").GetBoolean());
        Assert.Equal("ST1-T1", months.GetProperty("subject").GetString());
        Assert.Equal("months", months.GetProperty("kind").GetString());
        Assert.Equal(5m, months.GetProperty("difference").GetDecimal()); // 480 / 12 = 40 → 45
        Assert.Contains("差 5", months.GetProperty("message").GetString(), StringComparison.Ordinal);

        var before = Count("new_leads");
        var apply = await Hr.PostAsJsonAsync("/api/v1/targets/decompose?apply=true", Body(metric: "new_leads", cells: cells, version: plan.GetProperty("version").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, apply.StatusCode);
        Assert.True((await Json(apply)).GetProperty("errors").GetProperty("checks").GetArrayLength() >= 1);
        Assert.Equal(before, Count("new_leads"));
    }

    [Fact]
    public async Task Decompose_WhenLastYearsShare_ThenSplitByTheEnginesActualsOfThePreviousYear()
    {
        // 2027 by the shares of 2026 (the demo has May–October 2026 sales).
        var preview = await Hr.PostAsJsonAsync("/api/v1/targets/decompose", Body(year: 2027, method: "lastYear", annual: 1000));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var plan = await Json(preview);
        Assert.True(plan.GetProperty("balanced").GetBoolean());

        // Vehicles = units sold, summed per person and over each team's people, straight from the stored rows.
        var (t1, t2) = fx.Factory.WithDb(db =>
        {
            var t1People = db.Assignments.Where(a => a.OrgUnitId == "ST1-T1" && a.ValidTo == null).Select(a => a.EmployeeId).ToList();
            var t2People = db.Assignments.Where(a => a.OrgUnitId == "ST1-T2" && a.ValidTo == null).Select(a => a.EmployeeId).ToList();
            var sales = db.Sales.Where(s => s.Date >= new DateOnly(2026, 1, 1) && s.Date <= new DateOnly(2026, 12, 31)).Select(s => new { s.EmployeeId, s.Units }).ToList();
            return (sales.Where(s => t1People.Contains(s.EmployeeId)).Sum(s => s.Units), sales.Where(s => t2People.Contains(s.EmployeeId)).Sum(s => s.Units));
        });
        var rows = plan.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("subject").GetString()!);
        var exact = 1000m * t1 / (t1 + t2);
        Assert.True(Math.Abs(rows["ST1-T1"].GetProperty("annual").GetDecimal() - exact) < 1m, $"{rows["ST1-T1"].GetProperty("annual")} vs {exact}");
        Assert.Equal(1000m, rows["ST1-T1"].GetProperty("annual").GetDecimal() + rows["ST1-T2"].GetProperty("annual").GetDecimal());

        // No data in 2025: last year's share is impossible, and the answer says where.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/targets/decompose") { Content = JsonContent.Create(Body(method: "lastYear")) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var none = await Hr.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Nobody under ST1 has last year's actuals", (await Json(none)).GetProperty("errors").GetProperty("method")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decompose_WhenMetricIsNotASum_ThenRefusedWithTheReason()
    {
        var response = await Hr.PostAsJsonAsync("/api/v1/targets/decompose", Body(metric: "satisfaction"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不能分解", (await Json(response)).GetProperty("errors").GetProperty("metric")[0].GetString(), StringComparison.Ordinal);
        var money = await Hr.PostAsJsonAsync("/api/v1/targets/decompose", Body(metric: "revenue", annual: 100.001m));
        Assert.Contains("2 位小数", (await Json(money)).GetProperty("errors").GetProperty("annual")[0].GetString(), StringComparison.Ordinal);
    }
}
