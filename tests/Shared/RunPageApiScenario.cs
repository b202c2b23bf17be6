using System.Net;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Evaluations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// What the 计算 page shows of a run, over /api/v1/runs/{id}/comparison, /not-computed and /totals (issue 13), on the demo
/// company with two runs stored for a month after the demo's last run, that differ for known people: P01 and P10 equal,
/// P02 a new total and pay, P05 a new grade, P15 a new pay, P11 removed, P19 added; the second run could not compute P03,
/// P04 and P12 and has one error of the whole run. Exact rows, order, paging and totals; an HR account covering ST1
/// sees its people only; bad page, page size and ids are refused in the caller's language. The same scenario on SQLite
/// (Jixiao.Web.Tests) and PostgreSQL (Jixiao.Postgres.Tests).
/// </summary>
public static class RunPageApiScenario
{
    private const string UnitHr = "hr-cmp-st1";
    private const string UnitHrPassword = "Unit-hr-cmp-2026!";

    /// <summary>Runs the scenario. <paramref name="signIn"/> gives a signed-in cookie client (with the CSRF header).</summary>
    public static async Task RunAsync(IServiceProvider services, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signIn);
        var (first, second) = await StoreRunsAsync(services);
        using var hr = await signIn("hr", "Demo-hr-2026");
        using var unitHr = await signIn(UnitHr, UnitHrPassword);
        using var sales = await signIn("sales", "Demo-sales-2026");

        // ---- The comparison: changed and added by employee id, then removed; old → new with the deltas ----
        var all = await JsonAsync(hr, $"/api/v1/runs/{second}/comparison?page=1&pageSize=50");
        Assert.Equal(second, all.GetProperty("runId").GetInt64());
        Assert.Equal(first, all.GetProperty("previousRunId").GetInt64());
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(
            [
                "P02 changed 75.50→78.25 (2.75) 800.00→860.50 (60.50) C→C",
                "P05 changed 90.00→90.00 (0.00) 1500.00→1500.00 (0.00) A→S",
                "P15 changed 85.00→85.00 (0.00) 1200.00→1234.56 (34.56) B→B",
                "P19 added -→88.00 (-) -→1300.00 (-) -→A",
                "P11 removed 70.00→- (-) 700.00→- (-) B→-",
            ],
            Rows(all));
        var names = Db(services, db => db.Employees.AsNoTracking().ToDictionary(e => e.Id, e => e.Name));
        Assert.All(all.GetProperty("items").EnumerateArray(), c => Assert.Equal("名" + c.GetProperty("employeeId").GetString(), c.GetProperty("name").GetString()));
        Assert.Equal("ST1-T2", all.GetProperty("items")[1].GetProperty("orgUnitId").GetString());

        // Page by page: same rows, the total on every page, an empty page after the last.
        var paged = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var part = await JsonAsync(hr, $"/api/v1/runs/{second}/comparison?page={page}&pageSize=2");
            Assert.Equal(5, part.GetProperty("total").GetInt32());
            Assert.Equal(page, part.GetProperty("pageNumber").GetInt32());
            Assert.Equal(page switch { 1 or 2 => 2, 3 => 1, _ => 0 }, part.GetProperty("items").GetArrayLength());
            paged.AddRange(Rows(part));
        }

        Assert.Equal(Rows(all), paged);

        // The first run has nothing to compare with.
        var none = await JsonAsync(hr, $"/api/v1/runs/{first}/comparison");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("previousRunId").ValueKind);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Equal(50, none.GetProperty("pageSize").GetInt32());

        // HR covering ST1 (P01–P09) sees its people's changes only.
        var st1 = await JsonAsync(unitHr, $"/api/v1/runs/{second}/comparison");
        Assert.Equal(2, st1.GetProperty("total").GetInt32());
        Assert.Equal(["P02", "P05"], st1.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("employeeId").GetString()));

        // ---- The people not computed: in stored order, names from the employees, reasons in the reader's language ----
        var failed = await JsonAsync(hr, $"/api/v1/runs/{second}/not-computed?pageSize=3", "en");
        Assert.Equal(4, failed.GetProperty("total").GetInt32());
        Assert.Equal(
            [
                $"P03|{names["P03"]}|NoGrade|total 101.5 falls in no grade of scale 'main'",
                $"P12|{names["P12"]}|NoGrade|total 102 falls in no grade of scale 'main'",
                "-||NoGrade|total 0 falls in no grade of scale 'whole run'",
            ],
            Failures(failed));
        var last = await JsonAsync(hr, $"/api/v1/runs/{second}/not-computed?page=2&pageSize=3", "en");
        Assert.Equal([$"P04|{names["P04"]}|NoGrade|total 103.25 falls in no grade of scale 'main'"], Failures(last));
        var chinese = await JsonAsync(hr, $"/api/v1/runs/{second}/not-computed?pageSize=1");
        Assert.Equal("总分 101.5 不在评级“main”的任何等级内", chinese.GetProperty("items")[0].GetProperty("reason").GetString());
        Assert.Equal(3, (await JsonAsync(unitHr, $"/api/v1/runs/{second}/not-computed")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await JsonAsync(hr, $"/api/v1/runs/{first}/not-computed")).GetProperty("total").GetInt32());

        // ---- The headline: people and pay summed in the database ----
        var totals = await JsonAsync(hr, $"/api/v1/runs/{second}/totals");
        Assert.Equal(6, totals.GetProperty("people").GetInt32());
        Assert.Equal(6395.06m, totals.GetProperty("payTotal").GetDecimal());
        Assert.Equal(JsonValueKind.Null, totals.GetProperty("projectedPayTotal").ValueKind);
        Assert.Equal(5700.00m, (await JsonAsync(hr, $"/api/v1/runs/{first}/totals")).GetProperty("payTotal").GetDecimal());
        Assert.Equal(6395.06m, (await JsonAsync(hr, $"/api/v1/runs/{second}")).GetProperty("totals").GetProperty("payTotal").GetDecimal());

        // ---- Bad input: 400 naming the parameter in the caller's language, unknown runs 404, other roles 403 ----
        foreach (var (query, field) in new[] { ("page=abc", "page"), ("page=0", "page"), ("pageSize=0", "pageSize"), ("pageSize=100000", "pageSize"), ("pageSize=1e3", "pageSize") })
        {
            foreach (var what in new[] { "comparison", "not-computed" })
            {
                using var response = await SendAsync(hr, $"/api/v1/runs/{second}/{what}?{query}", "en");
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}?{query}: {(int)response.StatusCode} {text}");
                Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", text);
                using var zh = await SendAsync(hr, $"/api/v1/runs/{second}/{what}?{query}", null);
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await zh.Content.ReadAsStringAsync());
            }
        }

        foreach (var id in new[] { (second + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), "abc", "0", "-1", "99999999999999999999" })
        {
            foreach (var what in new[] { "comparison", "not-computed", "totals" })
            {
                using var response = await SendAsync(hr, $"/api/v1/runs/{id}/{what}", "en");
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        foreach (var what in new[] { "comparison", "not-computed", "totals" })
        {
            using var response = await SendAsync(sales, $"/api/v1/runs/{second}/{what}", "en");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    /// <summary>Stores the two runs (a month after the demo's last run, drafts) and the HR account covering ST1.</summary>
    private static async Task<(long First, long Second)> StoreRunsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = new AppUser { UserName = UnitHr, DisplayName = "HR ST1", CoveredUnitId = "ST1" };
        Assert.True((await users.CreateAsync(account, UnitHrPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(account, "hr")).Succeeded);

        var last = (await db.Runs.AsNoTracking().Select(r => r.Period).ToListAsync()).Where(p => p.Length == 7 && char.IsAsciiDigit(p[5])).Max()!;
        var month = DateOnly.ParseExact(last + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1);
        var period = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var version = await db.PlanVersions.MaxAsync(v => v.Id);
        var one = Run(period, version, null,
            Row("P01", "ST1-T1", 80m, 1000m, "B"), Row("P02", "ST1-T1", 75.50m, 800m, "C"), Row("P05", "ST1-T2", 90m, 1500m, "A"),
            Row("P10", "ST2-T1", 60m, 500m, "C"), Row("P11", "ST2-T1", 70m, 700m, "B"), Row("P15", "ST2-T2", 85m, 1200m, "B"));
        db.Runs.Add(one);
        await db.SaveChangesAsync();
        CalculationError[] errors =
        [
            new("P03", CalculationErrorCode.NoGrade, ["101.5", "main"]),
            new("P12", CalculationErrorCode.NoGrade, ["102", "main"]),
            new(null, CalculationErrorCode.NoGrade, ["0", "whole run"]),
            new("P04", CalculationErrorCode.NoGrade, ["103.25", "main"]),
        ];
        var two = Run(period, version, JsonSerializer.Serialize(errors),
            Row("P01", "ST1-T1", 80.00m, 1000.00m, "B"), Row("P02", "ST1-T1", 78.25m, 860.50m, "C"), Row("P05", "ST1-T2", 90m, 1500m, "S"),
            Row("P10", "ST2-T1", 60.0m, 500m, "C"), Row("P15", "ST2-T2", 85m, 1234.56m, "B"), Row("P19", "ST3-T1", 88m, 1300m, "A"));
        db.Runs.Add(two);
        await db.SaveChangesAsync();
        return (one.Id, two.Id);
    }

    private static CalculationRun Run(string period, long version, string? errors, params PersonResult[] rows)
    {
        var run = new CalculationRun
        {
            Period = period,
            PlanVersionId = version,
            InputFingerprint = "test",
            CodeVersion = "test",
            StartedAt = DateTime.UnixEpoch,
            Status = RunStatus.Succeeded,
            Visibility = RunVisibility.Draft,
            ErrorsJson = errors,
        };
        run.Results.AddRange(rows);
        run.Computed = rows.Length;
        run.Failed = errors is null ? 0 : 3;
        return run;
    }

    private static PersonResult Row(string id, string unit, decimal total, decimal pay, string grade) => new()
    {
        EmployeeId = id,
        OrgUnitId = unit,
        Scorecard = "sales",
        Total = total,
        Grade = grade,
        Coefficient = 1.0m,
        PayTotal = pay,
        DetailsJson = JsonSerializer.Serialize(new ResultDetails("名" + id, [], [])),
    };

    private static string N(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "-" : e.GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string S(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "-" : e.GetString()!;

    private static List<string> Rows(JsonElement page) =>
    [
        .. page.GetProperty("items").EnumerateArray().Select(c =>
            $"{S(c.GetProperty("employeeId"))} {S(c.GetProperty("change"))} {N(c.GetProperty("oldTotal"))}→{N(c.GetProperty("newTotal"))} ({N(c.GetProperty("totalDelta"))}) " +
            $"{N(c.GetProperty("oldPay"))}→{N(c.GetProperty("newPay"))} ({N(c.GetProperty("payDelta"))}) {S(c.GetProperty("oldGrade"))}→{S(c.GetProperty("newGrade"))}"),
    ];

    private static List<string> Failures(JsonElement page) =>
    [
        .. page.GetProperty("items").EnumerateArray().Select(f =>
            $"{S(f.GetProperty("employeeId"))}|{S(f.GetProperty("name"))}|{S(f.GetProperty("code"))}|{S(f.GetProperty("reason"))}"),
    ];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path, string? language = null)
    {
        using var response = await SendAsync(client, path, language);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static T Db<T>(IServiceProvider services, Func<JixiaoDbContext, T> query)
    {
        using var scope = services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }
}
