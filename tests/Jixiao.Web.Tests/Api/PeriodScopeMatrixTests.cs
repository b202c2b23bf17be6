using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Every period-bound list, search and export is scoped by the org chart of the requested period, not today's
/// (docs/transfers.md): supervisor S12 (team ST1-T2 of store ST1, manager M01; in the demo only supervisors have
/// monthly ratings) moves into team ST2-T1 (supervisor S21, store ST2 with manager M02) on 2026-11-01. Their
/// October records stay with M01, their November records go to S21 and M02; S11 (the other team of ST1) never
/// sees them.
/// </summary>
public sealed class PeriodScopeMatrixTests(ApiFixture fx) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Old = "2026-09"; // a closed month before the move (October is in evaluation: no results shown, docs/decisions/0019)
    private const string New = "2026-11";
    private const string Password = "Test-period-2026";

    private const string Mover = "S12";

    /// <summary>principal → (sees the mover's October records, sees the mover's November records).</summary>
    public static TheoryData<string, bool, bool> Cases => new()
    {
        { "supervisor", false, false },
        { "manager", true, false },
        { "s21", false, true },
        { "m02", false, true },
        { "sales", false, false },
        { "hr", true, true },
    };

    public async Task InitializeAsync()
    {
        if (fx.Clients.ContainsKey("m02"))
        {
            return;
        }

        using (var scope = fx.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, employee, role) in new[] { ("s21", "S21", Roles.Supervisor), ("m02", "M02", Roles.Manager) })
            {
                var user = new AppUser { UserName = name, DisplayName = name, EmployeeId = employee };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        // Make sure the mover has a rating in both months (HR rates; the demo may not have November ratings).
        foreach (var period in new[] { Old, New })
        {
            var sheet = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>($"/api/v1/ratings/sheet?period={period}");
            var p02 = sheet.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("employeeId").GetString() == Mover);
            var entry = p02.GetProperty("entries").EnumerateArray().First();
            if (entry.GetProperty("points").ValueKind != JsonValueKind.Number)
            {
                var version = entry.GetProperty("version").ValueKind == JsonValueKind.Number ? entry.GetProperty("version").GetInt64() : (long?)null;
                var saved = await fx.Clients["hr"].PutAsJsonAsync("/api/v1/ratings", new
                {
                    period,
                    items = new[] { new { employeeId = Mover, indicator = entry.GetProperty("indicator").GetString(), points = 8m, comment = "ok", version } },
                });
                Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            }
        }

        var current = fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == Mover).Version);
        var moved = await fx.Clients["hr"].PostAsJsonAsync($"/api/v1/employees/{Mover}/transfers", new { effectiveFrom = "2026-11-01", orgUnitId = "ST2-T1", version = current });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        fx.Clients["s21"] = await fx.Factory.SignedIn("s21", Password);
        fx.Clients["m02"] = await fx.Factory.SignedIn("m02", Password);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ratings_WhenPersonTransferred_ThenEachPeriodGoesToTheTeamOfThatPeriod(string who, bool oldPeriod, bool newPeriod)
    {
        var client = fx.Clients[who];
        foreach (var (period, expected) in new[] { (Old, oldPeriod), (New, newPeriod) })
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ratings?period={period}");
            Assert.Equal(expected, list.EnumerateArray().Any(r => r.GetProperty("employeeId").GetString() == Mover));
            var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ratings?period={period}&employee={Mover}");
            Assert.Equal(expected, one.GetArrayLength() > 0);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RatingSheetAndExport_WhenPersonTransferred_ThenFollowThePeriodsChart(string who, bool oldPeriod, bool newPeriod)
    {
        var client = fx.Clients[who];
        foreach (var (period, expected) in new[] { (Old, oldPeriod), (New, newPeriod) })
        {
            var sheet = await client.GetAsync($"/api/v1/ratings/sheet?period={period}");
            var export = await client.GetAsync($"/api/v1/exports/ratings?period={period}");
            if (who == "sales")
            {
                Assert.Equal(HttpStatusCode.Forbidden, sheet.StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
                continue;
            }

            var people = (await sheet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("employeeId").GetString());
            Assert.Equal(expected, people.Contains(Mover));
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            var rows = Sheet(await export.Content.ReadAsByteArrayAsync());
            Assert.Equal(expected, rows.Skip(1).Any(r => r[0] == Mover));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Targets_WhenPersonTransferred_ThenEachTargetFollowsTheChartOfItsPeriod(string who, bool oldPeriod, bool newPeriod)
    {
        await EnsureTargetAsync(Old);
        await EnsureTargetAsync(New);
        var client = fx.Clients[who];
        foreach (var (period, expected) in new[] { (Old, oldPeriod), (New, newPeriod) })
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/targets?period={period}");
            Assert.Equal(expected, list.EnumerateArray().Any(t => t.GetProperty("subject").GetString() == Mover));
        }

        // Without a period (a whole year or everything): each row by the chart of its own period.
        foreach (var url in new[] { $"/api/v1/targets?year=2026&subject={Mover}", $"/api/v1/targets?subject={Mover}" })
        {
            var periods = (await client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(t => t.GetProperty("period").GetString()).ToHashSet();
            Assert.Equal(oldPeriod, periods.Contains(Old));
            Assert.Equal(newPeriod, periods.Contains(New));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Explanation_WhenPersonTransferred_ThenOnlyTheTeamOfThatPeriod(string who, bool oldPeriod, bool newPeriod)
    {
        _ = newPeriod;
        var response = await fx.Clients[who].GetAsync($"/api/v1/results/{Mover}/explanation?period={Old}");
        Assert.Equal(oldPeriod ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        var list = await fx.Clients[who].GetFromJsonAsync<JsonElement>($"/api/v1/results?period={Old}&q={Mover}");
        Assert.Equal(oldPeriod, list.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("employeeId").GetString() == Mover));
    }

    private async Task EnsureTargetAsync(string period)
    {
        if (fx.Factory.WithDb(db => db.Targets.Any(t => t.Subject == Mover && t.Period == period)))
        {
            return;
        }

        var metric = fx.Factory.WithDb(db => db.Targets.Where(t => t.Subject == Mover || t.Subject == "P01").OrderBy(t => t.Subject == Mover ? 0 : 1).Select(t => t.Metric).First());
        if (period == Old)
        {
            // A closed month refuses target writes (docs/decisions/0019): the row is stored as an earlier upload would have.
            fx.Factory.WithDb(db =>
            {
                var upload = db.Targets.Select(t => t.UploadId).First();
                db.Targets.Add(new TargetDataRow { ExternalId = TargetStore.Key(Mover, metric, period), Subject = Mover, Metric = metric, Period = period, Value = 10m, UploadId = upload });
                return db.SaveChanges();
            });
            return;
        }

        var saved = await fx.Clients["hr"].PutAsJsonAsync("/api/v1/targets", new[] { new { subject = Mover, metric, period, value = 10m } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

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
