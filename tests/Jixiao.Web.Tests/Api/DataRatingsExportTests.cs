using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// The endpoints behind the 数据 and 评分 pages and the Excel exports: every endpoint × every principal; the team
/// export holds exactly the caller's scope; the ratings batch save is all or nothing, scoped per record, checked
/// for stale versions, and picked up by the next calculation.
/// </summary>
public sealed class DataRatingsExportTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    // A closed month: its published run is what everyone sees (October is in evaluation, docs/decisions/0019).
    private const string Period = "2026-09";

    private static readonly string[] AllRoles = ["admin", "hr", "finance", "manager", "supervisor", "sales"];

    private sealed record Case(string Method, string Path, Func<HttpContent?>? Body, Dictionary<string, HttpStatusCode> Allowed);

    private static Dictionary<string, HttpStatusCode> Allow(HttpStatusCode status, params string[] who) => who.ToDictionary(w => w, _ => status);

    private static Dictionary<string, HttpStatusCode> Merge(params Dictionary<string, HttpStatusCode>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    private static IEnumerable<Case> Cases()
    {
        var ok = HttpStatusCode.OK;
        yield return new("GET", "/api/v1/data/sales/template", null, Allow(ok, "hr", "finance", "token:data"));
        yield return new("GET", "/api/v1/data/sales/template?format=csv", null, Allow(ok, "hr", "finance", "token:data"));
        // Ratings and people change only through HR, so only HR gets their templates.
        yield return new("GET", "/api/v1/data/ratings/template", null, Allow(ok, "hr"));
        yield return new("GET", "/api/v1/data/employees/template", null, Allow(ok, "hr"));
        yield return new("GET", $"/api/v1/ratings/sheet?period={Period}", null, Allow(ok, "hr", "manager", "supervisor"));
        // An invalid period: allowed callers get 400 and nothing changes.
        yield return new("PUT", "/api/v1/ratings", () => JsonContent.Create(new { period = "2026-13", items = Array.Empty<object>() }),
            Allow(HttpStatusCode.BadRequest, "hr", "manager", "supervisor"));
        // The caller's own result: HR, admin and finance accounts are not linked to an employee, managers are assessed quarterly.
        yield return new("GET", $"/api/v1/exports/person?period={Period}", null,
            Merge(Allow(ok, "supervisor", "sales"), Allow(HttpStatusCode.NotFound, "hr", "admin", "finance", "manager")));
        yield return new("GET", $"/api/v1/exports/team?period={Period}", null, Allow(ok, "hr", "admin", "manager", "supervisor"));
        yield return new("GET", "/api/v1/exports/uploads", null, Allow(ok, "hr", "finance"));
        yield return new("GET", $"/api/v1/exports/ratings?period={Period}", null, Allow(ok, "hr", "manager", "supervisor"));
    }

    [Fact]
    public async Task EveryNewEndpoint_WhenEveryPrincipal_ThenStatusAsSpecified()
    {
        var failures = new List<string>();
        foreach (var c in Cases())
        {
            foreach (var who in ApiFixture.Everyone)
            {
                var expected = c.Allowed.TryGetValue(who, out var s) ? s
                    : who is "anonymous" or "token:revoked" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
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

    [Theory]
    [InlineData("hr")]
    [InlineData("admin")]
    [InlineData("manager")]
    [InlineData("supervisor")]
    public async Task TeamExport_WhenAnyTeamRole_ThenExactlyTheVisiblePeople(string who)
    {
        var response = await fx.Clients[who].GetAsync($"/api/v1/exports/team?period={Period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("员工编号", rows[0][0]);
        var exported = rows.Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(exported.Count, exported.Distinct().Count());

        var assessed = fx.Factory.WithDb(db =>
            db.Results.Where(r => r.RunId == db.Runs.Where(x => x.Period == Period).Max(x => x.Id)).Select(r => r.EmployeeId).ToHashSet());
        var expected = fx.Visible(who).Intersect(assessed).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, exported.Order(StringComparer.Ordinal));
        if (who == "manager")
        {
            // Only the manager's store: nobody from the other stores' units.
            var others = fx.InUnits("ST2", "ST2-T1", "ST2-T2", "ST3", "ST3-T1", "ST3-T2");
            Assert.NotEmpty(others);
            Assert.Empty(exported.Intersect(others));
        }
    }

    [Fact]
    public async Task PersonExport_WhenOtherTeamsPerson_ThenNotFound()
    {
        var other = fx.InUnits("ST2-T1").Order().First();
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["supervisor"].GetAsync($"/api/v1/exports/person?employee={other}&period={Period}")).StatusCode);
        var own = await fx.Clients["supervisor"].GetAsync($"/api/v1/exports/person?employee=P01&period={Period}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var rows = Sheet(await own.Content.ReadAsByteArrayAsync());
        Assert.All(rows.Skip(1), r => Assert.Equal("P01", r[0]));
    }

    [Fact]
    public async Task Template_WhenSales_ThenChineseAndEnglishHeadersAndExampleRow()
    {
        var response = await fx.Clients["finance"].GetAsync("/api/v1/data/sales/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sales_template.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("订单号 id", rows[0][0]);
        Assert.Equal("员工编号 employee", rows[0][1]);
        Assert.Equal("SO-2026-0001", rows[1][0]);
    }

    [Fact]
    public async Task Sheet_WhenManager_ThenTheirSupervisorsWithRubricAndNotThemselves()
    {
        var sheet = await fx.Clients["manager"].GetFromJsonAsync<JsonElement>($"/api/v1/ratings/sheet?period={Period}");
        var people = sheet.GetProperty("people").EnumerateArray().ToList();
        var ids = people.Select(p => p.GetProperty("employeeId").GetString()!).Order(StringComparer.Ordinal).ToList();
        var supervisors = fx.Factory.WithDb(db => db.Assignments.Where(a => a.ValidTo == null && a.Position == "supervisor").Select(a => a.EmployeeId).ToList());
        Assert.Equal(fx.Visible("manager").Intersect(supervisors).Order(StringComparer.Ordinal), ids);
        Assert.DoesNotContain("M01", ids);
        var s11 = people.Single(p => p.GetProperty("employeeId").GetString() == "S11");
        var team = s11.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "team_management");
        Assert.Equal(30m, team.GetProperty("maxPoints").GetDecimal());
        Assert.Equal("优秀", team.GetProperty("rubric")[0].GetProperty("level").GetString());
        Assert.Contains("培训参与度高", team.GetProperty("rubric")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        var entry = s11.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == "team_management");
        Assert.Equal("M01", entry.GetProperty("rater").GetString());
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("version").ValueKind);
    }

    [Fact]
    public async Task Save_WhenValidThenStale_ThenStoredThen409AndRecalculationUsesIt()
    {
        // The open month: its latest run is what people see (provisional figures).
        const string period = "2026-11";
        var (version, _) = await EntryAsync("manager", period, "S12", "team_management");
        var saved = await PutAsync("manager", period, new { employeeId = "S12", indicator = "team_management", points = 27.5m, comment = "带教=出色", version });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var (newVersion, points) = await EntryAsync("manager", period, "S12", "team_management");
        Assert.Equal(27.5m, points);
        Assert.Equal(version + 1, newVersion);
        Assert.Equal(27.5m, fx.Factory.WithDb(db => db.Ratings.Single(r => r.EmployeeId == "S12" && r.Period == period && r.Indicator == "team_management").Points));

        // Someone else saved meanwhile: the old version is stale → 409, nothing changes.
        var stale = await PutAsync("hr", period, new { employeeId = "S12", indicator = "team_management", points = 3m, comment = "x", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("已被他人修改", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(27.5m, (await EntryAsync("manager", period, "S12", "team_management")).Points);

        // HR sees the comment, formula-like text included, and the export keeps it as text.
        var export = Sheet(await (await fx.Clients["hr"].GetAsync($"/api/v1/exports/ratings?period={period}")).Content.ReadAsByteArrayAsync());
        Assert.Contains(export, r => r[0] == "S12" && r.Contains("带教=出色"));

        var run = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/runs", new { period });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var result = await fx.Clients["manager"].GetFromJsonAsync<JsonElement>($"/api/v1/results?period={period}&q=S12");
        var indicator = result.GetProperty("items")[0].GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "team_management");
        Assert.Equal(27.5m, indicator.GetProperty("points").GetDecimal());
    }

    [Fact]
    public async Task Save_WhenOneBadValue_ThenFieldErrorsInCallersLanguageAndNothingSaved()
    {
        const string period = "2026-08";
        var (v1, before1) = await EntryAsync("manager", period, "S11", "team_management");
        var (v2, before2) = await EntryAsync("manager", period, "S11", "sales_analysis");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/ratings")
        {
            Content = JsonContent.Create(new
            {
                period,
                items = new object[]
                {
                    new { employeeId = "S11", indicator = "team_management", points = 20m, comment = "ok", version = v1 },
                    new { employeeId = "S11", indicator = "sales_analysis", points = 12.125m, comment = "", version = v2 },
                    new { employeeId = "S11", indicator = "team_management", points = 31m, comment = "", version = v1 },
                },
            }),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await fx.Clients["manager"].SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("at most 2 decimals", errors.GetProperty("items[1].points")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("0 to 30", errors.GetProperty("items[2].points")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("items[0].points", out _));
        Assert.Equal(before1, (await EntryAsync("manager", period, "S11", "team_management")).Points);
        Assert.Equal(before2, (await EntryAsync("manager", period, "S11", "sales_analysis")).Points);

        var missing = await PutAsync("manager", period, new { employeeId = "S11", indicator = "team_management", points = (decimal?)null, comment = "", version = v1 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("请填写得分。", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("items[0].points")[0].GetString());

        var chinese = await PutAsync("manager", period, new { employeeId = "S11", indicator = "team_management", points = -1m, comment = "", version = v1 });
        var message = (await chinese.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("items[0].points")[0].GetString();
        Assert.Contains("超出范围", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager", "S21")]
    [InlineData("supervisor", "S11")]
    [InlineData("supervisor", "S12")]
    [InlineData("manager", "M01")]
    public async Task Save_WhenPersonOutsideSubtreeOrSelf_Then404AndNothingSaved(string who, string employee)
    {
        const string period = "2026-07";
        var before = fx.Factory.WithDb(db => db.Ratings.Where(r => r.Period == period).OrderBy(r => r.Id).Select(r => r.Points).ToList());
        var response = await PutAsync(who, period,
            new { employeeId = "S11", indicator = "sales_analysis", points = 1m, comment = "", version = (long?)null },
            new { employeeId = employee, indicator = "team_management", points = 1m, comment = "", version = (long?)null });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, fx.Factory.WithDb(db => db.Ratings.Where(r => r.Period == period).OrderBy(r => r.Id).Select(r => r.Points).ToList()));
    }

    // The list of sources each role may choose is a MudSelect whose items exist only once it is opened: the E2E test
    // DataRatingsPagesTests.Finance_chooses_only_money_and_transaction_sources opens it as HR and as finance.
    [Theory]
    [InlineData("hr")]
    [InlineData("finance")]
    public async Task DataPage_WhenHrOrFinance_ThenSalesChosenAndTheUploads(string who)
    {
        var response = await fx.Clients[who].GetAsync("/data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches("<input[^>]*id=\"source\"[^>]*>", html);
        Assert.Contains("value=\"销售（sales）\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/v1/data/sales/template", html, StringComparison.Ordinal);
        Assert.Contains("/api/v1/exports/uploads", html, StringComparison.Ordinal);
        Assert.Contains("data-upload=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data", "manager")]
    [InlineData("/data", "sales")]
    [InlineData("/ratings", "finance")]
    [InlineData("/ratings", "sales")]
    [InlineData("/ratings", "admin")]
    public async Task Pages_WhenRoleMayNotOpenThem_ThenForbiddenPage(string path, string who)
    {
        var response = await fx.Clients[who].GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权查看此页面", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RatingsPage_WhenManagerOrSupervisor_ThenTheirReportsWithRubricOrNobody()
    {
        var html = await fx.Clients["manager"].GetStringAsync($"/ratings?period={Period}");
        Assert.Contains("data-employee=\"S11\"", html, StringComparison.Ordinal);
        Assert.Contains("培训参与度高", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-employee=\"M01\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-employee=\"S21\"", html, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/exports/ratings?period={Period}", html, StringComparison.Ordinal);

        // Salespeople have no rating indicators in the 4S plan: a supervisor has nobody to rate monthly.
        var supervisor = await fx.Clients["supervisor"].GetStringAsync($"/ratings?period={Period}");
        Assert.Contains("没有您可以评分的人员", supervisor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPage_WhenFilteredAndSorted_ThenExportButtonGivesTheSameRowsInTheSameOrder()
    {
        var html = await fx.Clients["manager"].GetStringAsync($"/team?period={Period}&q=P&sort=-total");
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/api/v1/exports/team[^\"]+)\"").Groups[1].Value;
        Assert.Equal($"/api/v1/exports/team?period={Period}&q=P&sort=-total", WebUtility.HtmlDecode(link));
        var shown = System.Text.RegularExpressions.Regex.Matches(html, "<tr data-employee=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.InRange(shown.Count, 1, 20);
        var exported = Sheet(await fx.Clients["manager"].GetByteArrayAsync(WebUtility.HtmlDecode(link))).Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(shown, exported);
    }

    private async Task<HttpResponseMessage> PutAsync(string who, string period, params object[] items) =>
        await fx.Clients[who].PutAsJsonAsync("/api/v1/ratings", new { period, items });

    private async Task<(long? Version, decimal? Points)> EntryAsync(string who, string period, string employee, string indicator)
    {
        var sheet = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/ratings/sheet?period={period}");
        var person = sheet.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("employeeId").GetString() == employee);
        var entry = person.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == indicator);
        return (entry.GetProperty("version").ValueKind == JsonValueKind.Number ? entry.GetProperty("version").GetInt64() : null,
            entry.GetProperty("points").ValueKind == JsonValueKind.Number ? entry.GetProperty("points").GetDecimal() : null);
    }

    /// <summary>The first worksheet's cells as text, row by row (inline strings and numbers), read straight from the package.</summary>
    private static List<List<string>> Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var stream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var doc = XDocument.Load(stream);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        return [.. doc.Descendants(ns + "row").Select(row => row.Elements(ns + "c")
            .Select(c => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)) is { Length: > 0 } text ? text : c.Element(ns + "v")?.Value ?? "")
            .ToList())];
    }
}
