using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Calendar;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Past periods are scoped by the org at the time (docs/transfers.md): after P02 moves out of the supervisor's
/// team and P10 moves in (effective today), September's results still show P02 to the supervisor and manager and
/// never P10, while today's people list follows the new chart.
/// </summary>
public sealed class PastPeriodScopeTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private const string Period = "2026-09"; // a closed month (October is in evaluation: no results shown, docs/decisions/0019)

    [Fact]
    public async Task Results_WhenPeopleMovedAfterThePeriod_ThenScopedByTheirUnitInThePeriod()
    {
        // "Today" is the app's: the company date of its clock (2026-11-26), after September.
        var today = CompanyTimeZone.Default.Date(fx.Factory.Clock.GetUtcNow().UtcDateTime);
        Assert.True(today > Jixiao.Domain.Periods.Period.Parse(Period).End);
        var from = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Transfer("P02", "ST2-T1", from);
        await Transfer("P10", "ST1-T1", from);

        foreach (var who in new[] { "supervisor", "manager" })
        {
            var client = fx.Clients[who];
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/results?period={Period}&pageSize=200");
            var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("employeeId").GetString()).ToHashSet();
            Assert.Contains("P02", ids);
            Assert.DoesNotContain("P10", ids);
            Assert.Contains("P01", ids);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/results/P02/explanation?period={Period}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/results/P10/explanation?period={Period}")).StatusCode);

            // Today's chart: P02 is no longer theirs, P10 is.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/employees/P02")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/employees/P10")).StatusCode);
        }

        // The stored unit is what scopes: P02's September result is recorded in ST1-T1.
        Assert.Equal("ST1-T1", fx.Factory.WithDb(db => db.Results.Where(r => r.EmployeeId == "P02" && r.RunId == db.Runs.Where(x => x.Period == Period).Max(x => x.Id)).Select(r => r.OrgUnitId).Single()));

        // The salesperson still sees only themself; HR everyone.
        var own = await fx.Clients["sales"].GetFromJsonAsync<JsonElement>($"/api/v1/results?period={Period}");
        Assert.Equal(["P01"], own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("employeeId").GetString()));
        var all = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>($"/api/v1/results?period={Period}&pageSize=200");
        Assert.Contains("P10", all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("employeeId").GetString()));
    }

    private async Task Transfer(string employee, string unit, string from)
    {
        var version = fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == employee).Version);
        var response = await fx.Clients["hr"].PostAsJsonAsync($"/api/v1/employees/{employee}/transfers", new { effectiveFrom = from, orgUnitId = unit, version });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
