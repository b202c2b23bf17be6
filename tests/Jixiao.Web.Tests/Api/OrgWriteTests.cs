using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Org and people writes (/api/v1/org-units, /api/v1/employees, transfers): who may call them (authorization
/// matrix), version conflicts (409), field errors in the caller's language (400, nothing changed) and the audit log.
/// </summary>
public sealed class OrgWriteTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private static JsonContent Json(object o) => JsonContent.Create(o);

    [Fact]
    public async Task WriteEndpoints_WhenEveryPrincipal_ThenOnlyHrAndAdmin()
    {
        // Bodies that are invalid for allowed callers (400), so the matrix changes nothing.
        (string Method, string Path, Func<HttpContent> Body)[] cases =
        [
            ("POST", "/api/v1/org-units", () => Json(new { })),
            ("PUT", "/api/v1/org-units/ST1", () => Json(new { name = "" })),
            ("POST", "/api/v1/employees", () => Json(new { })),
            ("PUT", "/api/v1/employees/P01", () => Json(new { name = "" })),
            ("POST", "/api/v1/employees/P01/transfers", () => Json(new { })),
        ];
        var before = Snapshot();
        var failures = new List<string>();
        foreach (var (method, path, body) in cases)
        {
            foreach (var who in ApiFixture.Everyone)
            {
                var expected = who is "hr" or "admin" ? HttpStatusCode.BadRequest
                    : who is "anonymous" or "token:revoked" ? HttpStatusCode.Unauthorized
                    : HttpStatusCode.Forbidden;
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body() };
                var response = await fx.Clients[who].SendAsync(request);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{method} {path} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Employees_WhenPositionLevelOrTierIsATypo_ThenRefusedByFieldAndNothingSaved()
    {
        var hr = fx.Clients["hr"];
        var before = Snapshot();
        // "salesprson" would leave the person without a scorecard: refused, in the caller's language, field by field.
        var typo = await Send(hr, HttpMethod.Post, "/api/v1/employees",
            new { id = "T01", name = "错字", hireDate = "2026-03-01", orgUnitId = "ST1-T1", position = "salesprson", level = "cor", tier = "" }, "en");
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        var errors = (await typo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("'salesprson' is neither named by the plan in force nor held by anyone; choose one from the list.", errors.GetProperty("position")[0].GetString());
        Assert.Equal("'cor' is neither named by the plan in force nor held by anyone; choose one from the list.", errors.GetProperty("level")[0].GetString());
        Assert.Equal(before, Snapshot());

        // A transfer to a typo is refused the same way; the person keeps their assignment.
        var version = fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == "P01").Version);
        var moved = await hr.PostAsJsonAsync("/api/v1/employees/P01/transfers", new { effectiveFrom = "2026-12-01", position = "supervisr", version });
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal("“supervisr”既不是现行方案中的代码，也没有人在用；请从列表中选择。",
            (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("position")[0].GetString());
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Units_WhenCreatedRenamedMovedAndStale_ThenVersionedAuditedAndNoCycles()
    {
        var hr = fx.Clients["hr"];
        var created = await hr.PostAsJsonAsync("/api/v1/org-units", new { id = "ST9", name = "新店", parentId = "HQ", managerId = "M01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unit = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, unit.GetProperty("version").GetInt64());

        var team = await hr.PostAsJsonAsync("/api/v1/org-units", new { id = "ST9-T1", name = "新店一组", parentId = "ST9" });
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);

        var renamed = await hr.PutAsJsonAsync("/api/v1/org-units/ST9", new { name = "城北店", parentId = "HQ", managerId = "M01", version = 0 });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(1, (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        // The same stale version again: 409, in English when asked, and nothing changes.
        var stale = await Send(hr, HttpMethod.Put, "/api/v1/org-units/ST9", new { name = "覆盖", parentId = "HQ", version = 0 }, "en");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The record was changed by someone else", problem.GetProperty("title").GetString());
        Assert.Contains("now version 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("城北店", fx.Factory.WithDb(db => db.OrgUnits.Single(u => u.Id == "ST9").Name));

        // Moving a unit under its own child is a cycle: a field error in Chinese by default.
        var cycle = await hr.PutAsJsonAsync("/api/v1/org-units/ST9", new { name = "城北店", parentId = "ST9-T1", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        var errors = (await cycle.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("不能把“ST9”移到“ST9-T1”下：“ST9-T1”就是它自己或它的下级。", errors.GetProperty("parentId")[0].GetString());

        var badManager = await Send(hr, HttpMethod.Put, "/api/v1/org-units/ST9-T1", new { name = "x", parentId = "ST1", managerId = "NOBODY", version = 0 }, "zh-TW");
        Assert.Equal(HttpStatusCode.BadRequest, badManager.StatusCode);
        Assert.Equal("員工“NOBODY”不存在。", (await badManager.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("managerId")[0].GetString());

        // A real move: the team goes under ST1.
        var moved = await hr.PutAsJsonAsync("/api/v1/org-units/ST9-T1", new { name = "新店一组", parentId = "ST1", version = 0 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("ST1", fx.Factory.WithDb(db => db.OrgUnits.Single(u => u.Id == "ST9-T1").ParentId));

        var audit = fx.Factory.WithDb(db => db.AuditLog.Where(a => a.Subject == "ST9" || a.Subject == "ST9-T1").Select(a => a.Action).ToList());
        Assert.Equal(["org.unit.create", "org.unit.create", "org.unit.update", "org.unit.update"], audit);
    }

    [Fact]
    public async Task Employees_WhenCreatedUpdatedAndTransferred_ThenHistoryClosesAndOpensWithChecks()
    {
        var hr = fx.Clients["admin"];
        var bad = await Send(hr, HttpMethod.Post, "/api/v1/employees", new { id = "N01", name = "", hireDate = "2026-02-30", orgUnitId = "ST1-T1", position = "salesperson" }, "en");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badErrors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("'2026-02-30' is not a date (yyyy-MM-dd).", badErrors.GetProperty("hireDate")[0].GetString());
        Assert.False(fx.Factory.WithDb(db => db.Employees.Any(e => e.Id == "N01")));

        var missing = await Send(hr, HttpMethod.Post, "/api/v1/employees", new { id = "N01", name = "", hireDate = "2026-03-01", orgUnitId = "NOPE" }, "en");
        var missingErrors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("This field is required.", missingErrors.GetProperty("name")[0].GetString());
        Assert.Equal("Org unit 'NOPE' does not exist.", missingErrors.GetProperty("orgUnitId")[0].GetString());
        Assert.Equal("This field is required.", missingErrors.GetProperty("position")[0].GetString());

        var created = await hr.PostAsJsonAsync("/api/v1/employees", new { id = "N01", name = "孙八", hireDate = "2026-03-01", orgUnitId = "ST1-T1", position = "salesperson", level = "newcomer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("employee");
        Assert.Equal("S11", person.GetProperty("managerId").GetString());   // the unit's manager by default
        Assert.Equal(0, person.GetProperty("version").GetInt64());

        var updated = await hr.PutAsJsonAsync("/api/v1/employees/N01", new { name = "孙八", hireDate = "2026-03-01", probationEnd = "2026-05-31", version = 0 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stale = await hr.PutAsJsonAsync("/api/v1/employees/N01", new { name = "覆盖", hireDate = "2026-03-01", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("记录已被他人修改", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // A transfer dated before the current assignment's start is refused, and nothing changes.
        var early = await Send(hr, HttpMethod.Post, "/api/v1/employees/N01/transfers", new { effectiveFrom = "2026-02-15", orgUnitId = "ST2-T1", version = 1 }, "en");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("The effective date 2026-02-15 must be after the current assignment's start 2026-03-01.",
            (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("effectiveFrom")[0].GetString());
        Assert.Equal(1, fx.Factory.WithDb(db => db.Assignments.Count(a => a.EmployeeId == "N01")));

        var moved = await hr.PostAsJsonAsync("/api/v1/employees/N01/transfers", new { effectiveFrom = "2026-06-16", orgUnitId = "ST2-T1", level = "core", version = 1 });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        var history = (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignments").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(("ST1-T1", "2026-03-01", "2026-06-16"), (history[0].GetProperty("orgUnitId").GetString(), history[0].GetProperty("validFrom").GetString(), history[0].GetProperty("validTo").GetString()));
        Assert.Equal(("ST2-T1", "2026-06-16", JsonValueKind.Null), (history[1].GetProperty("orgUnitId").GetString(), history[1].GetProperty("validFrom").GetString(), history[1].GetProperty("validTo").ValueKind));
        Assert.Equal(("salesperson", "core", "S21"), (history[1].GetProperty("position").GetString(), history[1].GetProperty("level").GetString(), history[1].GetProperty("managerId").GetString()));

        // The transfer bumped the person's version: the old token is stale now.
        var again = await hr.PostAsJsonAsync("/api/v1/employees/N01/transfers", new { effectiveFrom = "2026-08-01", orgUnitId = "ST1-T1", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, fx.Factory.WithDb(db => db.Assignments.Count(a => a.EmployeeId == "N01")));

        var audit = fx.Factory.WithDb(db => db.AuditLog.Where(a => a.Subject == "N01").Select(a => a.Action).ToList());
        Assert.Equal(["employee.create", "employee.update", "employee.transfer"], audit);
    }

    [Fact]
    public async Task ExportAndPages_WhenEveryPrincipal_ThenOnlyHrAndAdminAndTheFileIsTheFilteredList()
    {
        foreach (var who in ApiFixture.Everyone)
        {
            var expected = who is "hr" or "admin" ? HttpStatusCode.OK
                : who is "anonymous" or "token:revoked" ? HttpStatusCode.Unauthorized
                : HttpStatusCode.Forbidden;
            var response = await fx.Clients[who].GetAsync("/api/v1/employees/export?unit=ST1-T1&sort=-name");
            Assert.True(expected == response.StatusCode, $"export as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
            if (expected == HttpStatusCode.OK)
            {
                Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                Assert.Equal((byte)'P', bytes[0]);
                Assert.Equal((byte)'K', bytes[1]);
            }
        }

        // The pages: HR and administrators get them, everybody else a 403 page.
        foreach (var who in ApiFixture.People)
        {
            foreach (var path in new[] { "/org", "/people" })
            {
                var response = await fx.Clients[who].GetAsync(path);
                var allowed = who is "hr" or "admin";
                Assert.True(allowed ? response.StatusCode == HttpStatusCode.OK : response.StatusCode == HttpStatusCode.Forbidden,
                    $"{path} as {who}: got {(int)response.StatusCode}");
            }
        }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string language)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Json(body) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await client.SendAsync(request);
    }

    private string Snapshot() => fx.Factory.WithDb(db => string.Join(';',
        db.OrgUnits.OrderBy(u => u.Id).Select(u => u.Id + "|" + u.Name + "|" + u.ParentId + "|" + u.ManagerId + "|" + u.Version).ToList()
            .Concat(db.Assignments.OrderBy(a => a.Id).Select(a => a.EmployeeId + "|" + a.OrgUnitId + "|" + a.ValidFrom + "|" + a.ValidTo).ToList())
            .Concat(db.Employees.OrderBy(e => e.Id).Select(e => e.Id + "|" + e.Name + "|" + e.Version).ToList())));
}
