using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// /api/v1/calendar: who may read and change it, the year as the national calendar has it (2025/2026 notices, a year
/// without one), HR's company days with versions and the audit log, and bad input answered in the caller's
/// language with nothing changed. Each test uses its own dates (the fixture's database is shared by the class).
/// </summary>
public sealed class CalendarApiTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private (int Days, int Audit) Snapshot() =>
        fx.Factory.WithDb(db => (db.CalendarDays.Count(), db.AuditLog.Count(a => a.Action.StartsWith("calendar."))));

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static HttpRequestMessage Request(string method, string path, object? body = null, string? language = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    [Fact]
    public async Task Endpoints_WhenEveryPrincipal_ThenEveryoneReadsAndOnlyHrAndAdminChange()
    {
        var before = Snapshot();
        (string Method, string Path, object? Body, HttpStatusCode Allowed, string[] Who)[] cases =
        [
            ("GET", "/api/v1/calendar?year=2026", null, HttpStatusCode.OK, [.. ApiFixture.People, "token:org"]),
            ("GET", "/api/v1/calendar/workdays?from=2026-09-30&add=3", null, HttpStatusCode.OK, [.. ApiFixture.People, "token:org"]),
            // Invalid for the allowed callers (400), so the matrix changes nothing.
            ("PUT", "/api/v1/calendar/days/2026-10-09", new { kind = "day-off" }, HttpStatusCode.BadRequest, ["hr", "admin"]),
            ("DELETE", "/api/v1/calendar/days/2026-10-09?version=abc", null, HttpStatusCode.BadRequest, ["hr", "admin"]),
        ];
        var failures = new List<string>();
        foreach (var (method, path, body, allowed, who) in cases)
        {
            foreach (var principal in ApiFixture.Everyone)
            {
                var expected = who.Contains(principal) ? allowed
                    : principal is "anonymous" or "token:revoked" ? HttpStatusCode.Unauthorized
                    : HttpStatusCode.Forbidden;
                using var request = Request(method, path, body);
                var response = await fx.Clients[principal].SendAsync(request);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{method} {path} as {principal}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Year_When2026_ThenNoticeDaysNamedInTheCallersLanguage()
    {
        var response = await fx.Clients["sales"].GetAsync("/api/v1/calendar?year=2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var year = await Body(response);
        Assert.True(year.GetProperty("hasNotice").GetBoolean());
        Assert.Equal(0, year.GetProperty("warnings").GetArrayLength());
        Assert.Equal("Asia/Shanghai", year.GetProperty("timeZone").GetString());
        var days = year.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);
        Assert.Equal(365, days.Count);
        Assert.Equal(248, year.GetProperty("workingDays").GetInt32());
        Assert.Equal(("adjusted_workday", true, "国庆节"), (days["2026-10-10"].GetProperty("kind").GetString(), days["2026-10-10"].GetProperty("working").GetBoolean(), days["2026-10-10"].GetProperty("name").GetString()));
        Assert.Equal(("holiday", "spring_festival", "春节"), (days["2026-02-17"].GetProperty("kind").GetString(), days["2026-02-17"].GetProperty("holiday").GetString(), days["2026-02-17"].GetProperty("name").GetString()));
        Assert.Equal("weekend", days["2026-10-11"].GetProperty("kind").GetString());

        using var en = Request("GET", "/api/v1/calendar?year=2026", language: "en");
        var english = await Body(await fx.Clients["sales"].SendAsync(en));
        Assert.Equal("National Day", english.GetProperty("days")[273].GetProperty("name").GetString());
        Assert.Equal("2026-10-01", english.GetProperty("days")[273].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Year_WhenNoNotice_ThenStatutoryDaysAndAWarningInTheCallersLanguage()
    {
        using var request = Request("GET", "/api/v1/calendar?year=2027", language: "zh-TW");
        var year = await Body(await fx.Clients["manager"].SendAsync(request));
        Assert.False(year.GetProperty("hasNotice").GetBoolean());
        var warning = Assert.Single(year.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains("2027 年的節假日安排", warning, StringComparison.Ordinal);
        var eve = year.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2027-02-05");
        Assert.Equal(("holiday", "春節"), (eve.GetProperty("kind").GetString(), eve.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Days_WhenHrChangesAndRemoves_ThenVersionedAuditedAndCounted()
    {
        var hr = fx.Clients["hr"];
        var set = await hr.PutAsJsonAsync("/api/v1/calendar/days/2026-10-09", new { kind = "holiday", name = " 公司年会 " });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var day = await Body(set);
        Assert.Equal(("company_holiday", false, "公司年会", "workday"), (day.GetProperty("kind").GetString(), day.GetProperty("working").GetBoolean(), day.GetProperty("name").GetString(), day.GetProperty("nationalKind").GetString()));
        var company = day.GetProperty("company");
        Assert.Equal(("holiday", "hr", 0L), (company.GetProperty("kind").GetString(), company.GetProperty("changedBy").GetString(), company.GetProperty("version").GetInt64()));

        // Oct 8 is 1, Oct 9 is now off, Oct 10 (调休) 2, Oct 11 (Sun) off, Oct 12 3; its end in Shanghai is 16:00 UTC.
        var workdays = await Body(await fx.Clients["sales"].GetAsync("/api/v1/calendar/workdays?from=2026-09-30&add=3"));
        Assert.Equal("2026-10-12", workdays.GetProperty("date").GetString());
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 16, 0, 0, TimeSpan.Zero), workdays.GetProperty("deadline").GetDateTimeOffset());

        // Without the version read, the second write is a conflict (someone may have changed the day meanwhile).
        using var stale = Request("PUT", "/api/v1/calendar/days/2026-10-09", new { kind = "working" }, "en");
        var conflict = await hr.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Someone else changed this day (now version 0)", (await Body(conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var working = await fx.Clients["admin"].PutAsJsonAsync("/api/v1/calendar/days/2026-10-09", new { kind = "working", version = 0 });
        Assert.Equal(HttpStatusCode.OK, working.StatusCode);
        var workingDay = await Body(working);
        Assert.Equal(("company_workday", 1L, "test-admin"), (workingDay.GetProperty("kind").GetString(), workingDay.GetProperty("company").GetProperty("version").GetInt64(), workingDay.GetProperty("company").GetProperty("changedBy").GetString()));
        Assert.Equal(JsonValueKind.Null, workingDay.GetProperty("name").ValueKind);

        Assert.Equal(HttpStatusCode.Conflict, (await hr.DeleteAsync("/api/v1/calendar/days/2026-10-09?version=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await hr.DeleteAsync("/api/v1/calendar/days/2026-10-09?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.DeleteAsync("/api/v1/calendar/days/2026-10-09?version=1")).StatusCode);
        var back = (await Body(await hr.GetAsync("/api/v1/calendar?year=2026"))).GetProperty("days")[281];
        Assert.Equal(("2026-10-09", "workday", JsonValueKind.Null), (back.GetProperty("date").GetString(), back.GetProperty("kind").GetString(), back.GetProperty("company").ValueKind));

        var audit = fx.Factory.WithDb(db => db.AuditLog.Where(a => a.Subject == "2026-10-09").OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToList());
        Assert.Equal(["calendar.day.set: - → holiday 公司年会", "calendar.day.set: holiday 公司年会 → working", "calendar.day.remove: working → -"], audit);
    }

    [Fact]
    public async Task Days_WhenSalespersonOrFinance_ThenRefusedAndNothingChanged()
    {
        var before = Snapshot();
        foreach (var who in new[] { "sales", "finance", "manager" })
        {
            var response = await fx.Clients[who].PutAsJsonAsync("/api/v1/calendar/days/2026-12-31", new { kind = "holiday", name = "年会" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/calendar/days/2026-02-30", "date", null, "“2026-02-30”不是有效日期（yyyy-MM-dd）。")]
    [InlineData("PUT", "/api/v1/calendar/days/2026-02-30", "date", "en", "'2026-02-30' is not a date (yyyy-MM-dd).")]
    [InlineData("PUT", "/api/v1/calendar/days/2026-02-30", "date", "zh-TW", "「2026-02-30」不是有效日期（yyyy-MM-dd）。")]
    [InlineData("PUT", "/api/v1/calendar/days/2100-01-01", "date", "en", "2100-01-01 is outside the years the calendar knows (2008–2099).")]
    [InlineData("PUT", "/api/v1/calendar/days/2026-12-31?kind", "kind", null, "“day-off”不是有效类型，请使用 holiday（放假）或 working（上班）。")]
    [InlineData("PUT", "/api/v1/calendar/days/2026-12-31?long", "name", "en", "The name must be at most 100 characters.")]
    [InlineData("DELETE", "/api/v1/calendar/days/31.12.2026?version=0", "date", "en", "'31.12.2026' is not a date (yyyy-MM-dd).")]
    [InlineData("GET", "/api/v1/calendar?year=26", "year", "en", "'26' is not a year; give a year from 2008 to 2099.")]
    [InlineData("GET", "/api/v1/calendar/workdays?from=2026-09-31&add=3", "from", null, "“2026-09-31”不是有效日期（yyyy-MM-dd）。")]
    [InlineData("GET", "/api/v1/calendar/workdays?from=2026-09-30&add=three", "add", "en", "'three' is not a number of working days; give a whole number from -2500 to 2500.")]
    public async Task BadInput_WhenAnyEndpoint_Then400InTheCallersLanguageAndNothingChanged(string method, string path, string field, string? language, string message)
    {
        var before = Snapshot();
        object? body = method != "PUT" ? null
            : path.EndsWith("?kind", StringComparison.Ordinal) ? new { kind = "day-off" }
            : path.EndsWith("?long", StringComparison.Ordinal) ? new { kind = "holiday", name = new string('年', 101) }
            : new { kind = "holiday", name = "x" };
        using var request = Request(method, path.Replace("?kind", "", StringComparison.Ordinal).Replace("?long", "", StringComparison.Ordinal), body, language);
        var response = await fx.Clients["hr"].SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Body(response);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, Snapshot());
    }
}
