using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Web.Audit;
using Jixiao.Web.Tests.Accounts;

namespace Jixiao.Web.Tests.Notifications;

/// <summary>
/// Searching the audit log (docs/decisions/0023-notifications.md, section Audit search) through the API, the 审计日志 page
/// and the export, on the demo company: filters, names instead of codes, HR covering one unit, refusals.
/// </summary>
public sealed partial class AuditSearchTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    [Fact]
    public async Task Audit_WhenFilteredByPeriodActionPersonAndDates_ThenOnlyMatchingEntriesNewestFirstWithNames()
    {
        var hr = fx.Clients["hr"];
        var period = await PageAsync(hr, "?period=2026-10&pageSize=200");
        var rows = period.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("2026-10", r.GetProperty("period").GetString()));
        var times = rows.Select(r => r.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(fx.Factory.WithDb(db => db.AuditLog.Count(a => a.Period == "2026-10")), period.GetProperty("total").GetInt32());

        // The October transition into evaluation carries its name, not its code.
        var moved = rows.First(r => r.GetProperty("action").GetString() == "period.evaluation");
        Assert.Equal("进入考核", moved.GetProperty("actionName").GetString());

        // A family: every self-assessment action, and only those.
        var family = (await PageAsync(hr, "?action=self_assessment&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(family);
        Assert.All(family, r => Assert.StartsWith("self_assessment.", r.GetProperty("action").GetString(), StringComparison.Ordinal));
        Assert.All(family, r => Assert.Contains("自评", r.GetProperty("actionName").GetString(), StringComparison.Ordinal));

        // A person by name: the entries concerning them, their name shown.
        var (id, name) = fx.Factory.WithDb(db => db.AuditLog.Where(a => a.EmployeeId != null && a.Action == "self_assessment.submit")
            .Join(db.Employees, a => a.EmployeeId, e => e.Id, (a, e) => new { e.Id, e.Name }).First() is var p ? (p.Id, p.Name) : default);
        var person = await PageAsync(hr, "?person=" + Uri.EscapeDataString(name));
        var personRows = person.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(personRows, r => r.GetProperty("action").GetString() == "self_assessment.submit");
        Assert.All(personRows, r => Assert.Equal(id, r.GetProperty("employeeId").GetString()));
        Assert.All(personRows, r => Assert.Equal(name, r.GetProperty("person").GetString()));
        Assert.Equal(fx.Factory.WithDb(db => db.AuditLog.Count(a => a.EmployeeId == id)), person.GetProperty("total").GetInt32());

        // Company dates, both ends included: one day's entries are those between its midnights in Shanghai.
        var at = fx.Factory.WithDb(db => db.AuditLog.OrderBy(a => a.Id).First().At);
        var day = DateOnly.FromDateTime(at.AddHours(8));
        var start = day.ToDateTime(TimeOnly.MinValue).AddHours(-8);
        var expected = fx.Factory.WithDb(db => db.AuditLog.Count(a => a.At >= start && a.At < start.AddDays(1)));
        var oneDay = await PageAsync(hr, $"?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        Assert.Equal(expected, oneDay.GetProperty("total").GetInt32());
        Assert.True(expected > 0);
    }

    [Fact]
    public void Audit_WhenAnyActionTheDemoRecorded_ThenItHasAName()
    {
        var actions = fx.Factory.WithDb(db => db.AuditLog.Select(a => a.Action).Distinct().ToList());
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.True(AuditNames.IsNamed(a), a));
        Assert.Equal("结果公示", AuditNames.Of("period.published", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Evaluation cycle", AuditNames.Of("period.something_new", System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal("其他操作", AuditNames.Of("unheard.of", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Audit_WhenAnyActionTheCodeRecords_ThenItHasItsOwnNameOrForAComposedOneItsFamilys()
    {
        // The first string of every Audit(…) call and every Action = "…" in src/: an action, or the start of one
        // ("period." + the state's code).
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        var src = Path.Combine(Jixiao.Testing.AppProcess.RepoRoot(), "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (System.Text.RegularExpressions.Match m in ActionLiteral().Matches(File.ReadAllText(file)))
            {
                actions.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            }
        }

        Assert.Contains("calculation.run", actions);
        Assert.Contains("period.", actions);
        Assert.Contains("cost.decide", actions);
        Assert.All(actions, a => Assert.True(
            a.EndsWith('.') ? AuditText.Has("Family_" + AuditNames.FamilyOf(a)) : AuditText.Has("Action_" + a), a));
        var zh = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        Assert.Contains(AuditNames.Choices(zh), c => c is { Code: "appeal.upheld", Name: "申诉成立", Family: false });
        Assert.Contains(AuditNames.Choices(zh), c => c is { Code: "period", Name: "考核周期", Family: true });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bAudit\([^;""]*""([a-z][a-z0-9_.\-]*)""|\bAction = ""([a-z][a-z0-9_.\-]*)""")]
    private static partial System.Text.RegularExpressions.Regex ActionLiteral();

    [Fact]
    public async Task Audit_WhenHrCoversOneUnit_ThenOnlyEntriesConcerningItsPeople()
    {
        var covered = fx.Factory.WithDb(db => db.Assignments.Where(a => a.OrgUnitId.StartsWith("ST1")).Select(a => a.EmployeeId).Distinct().ToHashSet());
        var rows = (await PageAsync(fx.Clients["hr-st1"], "?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.GetProperty("employeeId").GetString()!, covered));
        var everyone = (await PageAsync(fx.Clients["hr"], "?pageSize=1")).GetProperty("total").GetInt32();
        Assert.True(everyone > rows.Count);
    }

    [Theory]
    [InlineData("?period=xx", "period")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=2026-11-02&to=2026-11-01", "to")]
    [InlineData("?person=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA", "person")]
    [InlineData("?action=DROP%20TABLE", "action")]
    [InlineData("?page=0", "page")]
    public async Task Audit_WhenBadFilter_ThenRefusedInChineseNamingTheField(string query, string field)
    {
        var response = await fx.Clients["hr"].GetAsync("/api/v1/audit" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
        var export = await fx.Clients["hr"].GetAsync("/api/v1/audit/export" + query.Replace("page=0", "format=pdf", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("supervisor")]
    [InlineData("finance")]
    public async Task Audit_WhenNotHrOrAdmin_ThenForbiddenEverywhere(string who)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients[who].GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients[who].GetAsync("/api/v1/audit/export")).StatusCode);
        var page = await fx.Clients[who].GetAsync("/audit");
        Assert.DoesNotContain("id=\"audit-table\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("nav-audit", await fx.Clients[who].GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenExported_ThenTheSameEntriesAsTheSearchInExcelAndCsv()
    {
        var hr = fx.Clients["hr"];
        var total = (await PageAsync(hr, "?period=2026-10")).GetProperty("total").GetInt32();
        var xlsx = await hr.GetAsync("/api/v1/audit/export?period=2026-10");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(Jixiao.Web.Api.Exports.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        var sheet = Api.PlanExportsTests.Sheet(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["时间", "操作", "操作人", "人员", "期间", "对象", "变更前", "变更后", "说明"], sheet[0]);
        Assert.Equal(total, sheet.Count - 1);
        Assert.Contains(sheet, row => row.Contains("进入考核"));

        var csv = await hr.GetAsync("/api/v1/audit/export?period=2026-10&format=csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("时间,操作,操作人,人员,期间", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_WhenHr_ThenTheSearchFormTheEntriesByNameAndTheExportLink()
    {
        var html = WebUtility.HtmlDecode(await fx.Clients["hr"].GetStringAsync("/audit?period=2026-10&action=period"));
        Assert.Contains("id=\"audit-table\"", html, StringComparison.Ordinal);
        Assert.Contains("进入考核", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">period.evaluation<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/audit/export?period=2026-10&action=period&format=xlsx\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-audit\"", html, StringComparison.Ordinal);

        var bad = WebUtility.HtmlDecode(await fx.Clients["hr"].GetStringAsync("/audit?period=2026-13"));
        Assert.Contains("id=\"audit-error\"", bad, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"audit-table\"", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_WhenLoaded_ThenItsScopedStylesAreServedUnderANameThatIsNotTheAssemblys()
    {
        var hr = fx.Clients["hr"];
        var html = await hr.GetStringAsync("/audit");
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/?jixiao-web[^\"]*\\.styles\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(href);
        Assert.DoesNotContain("Jixiao.Web", html, StringComparison.Ordinal);
        var css = await hr.GetAsync(href.StartsWith('/') ? href : "/" + href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var text = await css.Content.ReadAsStringAsync();
        Assert.Matches(@"\.audit-form\[b-[a-z0-9]+\]", text);
        Assert.Matches(@"\.my-pay-list\[b-[a-z0-9]+\]", text);
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/audit" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
