using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// A successor appointed for a later day (docs/transfers.md, effective-dated unit managers) is not the unit's manager
/// before that day: a transfer into the unit without a manager gets the manager of the transfer's day (today for a
/// past date), and the target planning tree of a year leaves out the heads of that year's last day.
/// </summary>
public sealed class SuccessorManagerTests(ApiFixture fx) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Unit = "ST2-T1";
    private const string From = "2030-01-01";

    private string _current = "";
    private string _successor = "";

    public async Task InitializeAsync()
    {
        // Once per fixture (each test instance comes here): appoint a member as the unit's manager from 2030.
        if (!fx.Factory.WithDb(db => db.UnitManagers.Any(m => m.OrgUnitId == Unit)))
        {
            var (current, version) = fx.Factory.WithDb(db => db.OrgUnits.Where(u => u.Id == Unit).Select(u => new { u.ManagerId, u.Version }).AsEnumerable().Select(u => (u.ManagerId!, u.Version)).Single());
            var successor = fx.InUnits(Unit).Where(id => id != current).Order(StringComparer.Ordinal).First();
            var saved = await fx.Clients["hr"].PutAsJsonAsync($"/api/v1/org-units/{Unit}", new { name = "销售一组", parentId = "ST2", managerId = successor, version, managerFrom = From });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var history = fx.Factory.WithDb(db => db.UnitManagers.Where(m => m.OrgUnitId == Unit).OrderBy(m => m.ValidFrom).Select(m => m.ManagerId).ToList());
        Assert.Equal(2, history.Count);
        (_current, _successor) = (history[0]!, history[1]!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private long VersionOf(string employee) => fx.Factory.WithDb(db => db.Employees.Where(e => e.Id == employee).Select(e => e.Version).Single());

    [Fact]
    public async Task Transfer_WhenNoManagerGiven_ThenTheUnitsManagerOnTheTransfersDayNotALaterSuccessor()
    {
        Assert.NotEqual(_current, _successor);

        // Dated in the past (after P01's current start): the manager in force today.
        var now = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/employees/P01/transfers", new { effectiveFrom = "2026-11-16", orgUnitId = Unit, version = VersionOf("P01") });
        Assert.Equal(HttpStatusCode.Created, now.StatusCode);
        Assert.Equal(_current, Last(await now.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("managerId").GetString());

        // Dated after the successor's start: the successor.
        var later = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/employees/P03/transfers", new { effectiveFrom = "2030-02-01", orgUnitId = Unit, version = VersionOf("P03") });
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Equal(_successor, Last(await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("managerId").GetString());
    }

    [Fact]
    public async Task PlanningTree_WhenASuccessorStartsInALaterYear_ThenThisYearsHeadIsLeftOutAndTheSuccessorIsPlannedAsAPerson()
    {
        var preview = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/targets/decompose", new { year = 2026, metric = "vehicles", subject = Unit, annual = 1200m, method = "ratio" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var people = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("isPerson").GetBoolean()).Select(r => r.GetProperty("subject").GetString()).ToList();
        Assert.Contains(_successor, people);
        Assert.DoesNotContain(_current, people);
    }

    private static JsonElement Last(JsonElement employee) => employee.GetProperty("assignments").EnumerateArray().Last();
}
