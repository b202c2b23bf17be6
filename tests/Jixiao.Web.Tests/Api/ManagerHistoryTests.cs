using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Effective-dated unit managers over HTTP (docs/transfers.md, decision 5): HR makes P02 the manager of team ST1-T1
/// from 2026-11-01 (S11 before). October stays S11's, November and today are P02's; the history is readable by every
/// role; stale and early writes change nothing.
/// </summary>
public sealed class ManagerHistoryTests(ApiFixture fx) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Password = "Test-manager-2026";

    public async Task InitializeAsync()
    {
        if (fx.Clients.ContainsKey("p02"))
        {
            return;
        }

        var version = fx.Factory.WithDb(db => db.OrgUnits.Single(u => u.Id == "ST1-T1").Version);
        var saved = await fx.Clients["hr"].PutAsJsonAsync("/api/v1/org-units/ST1-T1", new { name = "销售一组", parentId = "ST1", managerId = "P02", version, managerFrom = "2026-11-01" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using (var scope = fx.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "p02", DisplayName = "p02", EmployeeId = "P02" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Supervisor)).Succeeded);
        }

        fx.Clients["p02"] = await fx.Factory.SignedIn("p02", Password);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task History_WhenManagerChanged_ThenReadableByEveryRoleWithDates()
    {
        foreach (var who in new[] { "sales", "supervisor", "manager", "finance", "hr", "admin", "token:org" })
        {
            var history = await fx.Clients[who].GetFromJsonAsync<JsonElement>("/api/v1/org-units/ST1-T1/managers");
            var rows = history.EnumerateArray().Select(h => (h.GetProperty("managerId").GetString(), Text(h.GetProperty("validFrom")), Text(h.GetProperty("validTo")))).ToList();
            Assert.Equal([("S11", null, "2026-11-01"), ("P02", "2026-11-01", null)], rows);
        }

        var unchanged = await fx.Clients["sales"].GetFromJsonAsync<JsonElement>("/api/v1/org-units/ST2/managers");
        Assert.Equal([("M02", (string?)null, (string?)null)], unchanged.EnumerateArray().Select(h => (h.GetProperty("managerId").GetString(), Text(h.GetProperty("validFrom")), Text(h.GetProperty("validTo")))));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["hr"].GetAsync("/api/v1/org-units/NOPE/managers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Clients["anonymous"].GetAsync("/api/v1/org-units/ST1-T1/managers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients["token:results"].GetAsync("/api/v1/org-units/ST1-T1/managers")).StatusCode);

        // GET /org-units returns the latest appointment (what a PUT sends back).
        var units = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>("/api/v1/org-units");
        Assert.Equal("P02", units.EnumerateArray().Single(u => u.GetProperty("id").GetString() == "ST1-T1").GetProperty("managerId").GetString());
    }

    [Fact]
    public async Task Write_WhenStaleEarlyOrBadDate_ThenRefusedInTheCallersLanguageAndNothingChanges()
    {
        var before = fx.Factory.WithDb(db => (db.UnitManagers.Count(), db.OrgUnits.Single(u => u.Id == "ST1-T1").Version, db.OrgUnits.Single(u => u.Id == "ST1-T1").ManagerId));
        var hr = fx.Clients["hr"];

        var stale = await hr.PutAsJsonAsync("/api/v1/org-units/ST1-T1", new { name = "销售一组", parentId = "ST1", managerId = "S12", version = before.Version - 1, managerFrom = "2026-12-01" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        foreach (var (language, text) in new[] { ("en", "must be after the current manager's start 2026-11-01"), ("zh-CN", "须晚于当前经理任职的开始日期 2026-11-01"), ("zh-TW", "2026-11-01") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/org-units/ST1-T1")
            {
                Content = JsonContent.Create(new { name = "销售一组", parentId = "ST1", managerId = "S12", version = before.Version, managerFrom = "2026-10-15" }),
            };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var early = await hr.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            var message = (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("managerFrom")[0].GetString();
            Assert.Contains(text, message);
        }

        var bad = await hr.PutAsJsonAsync("/api/v1/org-units/ST1-T1", new { name = "销售一组", parentId = "ST1", managerId = "S12", version = before.Version, managerFrom = "2026-13-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("managerFrom", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients["manager"].PutAsJsonAsync("/api/v1/org-units/ST1-T1", new { name = "x", parentId = "ST1", managerId = "M01", version = before.Version, managerFrom = "2026-12-01" })).StatusCode);
        Assert.Equal(before, fx.Factory.WithDb(db => (db.UnitManagers.Count(), db.OrgUnits.Single(u => u.Id == "ST1-T1").Version, db.OrgUnits.Single(u => u.Id == "ST1-T1").ManagerId)));
    }

    [Fact]
    public async Task Scope_WhenManagerChanged_ThenOldManagerKeepsPastPeriodsAndNewManagerHasTheUnitFromTheirStart()
    {
        var members = fx.Factory.WithDb(db => db.Assignments.Where(a => a.OrgUnitId == "ST1-T1" && a.ValidTo == null).Select(a => a.EmployeeId).ToList());
        var member = members.First(m => m != "P02" && m != "S11");
        foreach (var (who, october, today) in new[] { ("supervisor", true, false), ("p02", false, true) })
        {
            var client = fx.Clients[who];
            var results = await client.GetFromJsonAsync<JsonElement>("/api/v1/results?period=2026-09&pageSize=200");
            Assert.Equal(october, results.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("employeeId").GetString() == member));
            Assert.Equal(october ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/results/{member}/explanation?period=2026-09")).StatusCode);
            var targets = await client.GetFromJsonAsync<JsonElement>($"/api/v1/targets?period=2026-09&subject={member}");
            Assert.Equal(october, targets.GetArrayLength() > 0);

            // Today's chart (2026-11-01 onwards): the people page and the employee record.
            Assert.Equal(today ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/employees/{member}")).StatusCode);
        }

        // Both still see themselves.
        Assert.Equal(HttpStatusCode.OK, (await fx.Clients["supervisor"].GetAsync("/api/v1/employees/S11")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.Clients["p02"].GetAsync("/api/v1/employees/P02")).StatusCode);
    }

    private static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();
}
