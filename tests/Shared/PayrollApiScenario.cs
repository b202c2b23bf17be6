using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// Payroll months through /api/v1/payroll on the demo company (seeded on <see cref="TestClock.Now"/>, 2026-11-26: May–October
/// calculated; the 4S plan pays a month's bonuses with the next month's payroll): finance previews and prepares June 2026, cannot
/// approve its own preparation (in the caller's language), cannot export before approval; finance2 approves; the export is the
/// payroll file of exactly the month's lines, byte-identical when exported again (CSV and Excel); an approved month cannot be
/// prepared again, months go in order; other roles are refused; the salesperson sees their paid and deferred lines on
/// /api/v1/payroll/me; every step is audited. The same scenario on SQLite (Jixiao.Web.Tests) and PostgreSQL (Jixiao.Postgres.Tests).
/// </summary>
public static class PayrollApiScenario
{
    /// <summary>Runs the scenario. <paramref name="signIn"/> gives a signed-in cookie client (with the CSRF header) for a demo login.</summary>
    public static async Task RunAsync(IServiceProvider services, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signIn);
        using var finance = await signIn("finance", "Demo-finance-2026");
        using var finance2 = await signIn("finance2", "Demo-finance2-2026");
        using var hr = await signIn("hr", "Demo-hr-2026");
        using var sales = await signIn("sales", "Demo-sales-2026");
        T Db<T>(Func<JixiaoDbContext, T> query)
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        // ---- Nothing approved yet: any month can start the ledger; June 2026 is a preview of May's bonuses ----
        var months = await Json(await finance.GetAsync("/api/v1/payroll/months"));
        Assert.Equal(JsonValueKind.Null, months.GetProperty("openMonth").ValueKind);
        Assert.Equal(0, months.GetProperty("months").GetArrayLength());
        var preview = await Json(await finance.GetAsync("/api/v1/payroll/months/2026-06"));
        Assert.Equal("none", preview.GetProperty("month").GetProperty("state").GetString());
        var lines = preview.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("2026-05", l.GetProperty("earnedPeriod").GetString()));
        Assert.All(lines, l => Assert.Equal("2026-06", l.GetProperty("payMonth").GetString()));

        // What P01 is paid in June is what May's published run computed for P01 (nobody left): the engine's figures, not new ones.
        var mayRun = Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-05").PublishedRunId!.Value);
        var p01May = Db(db => db.Results.Single(r => r.RunId == mayRun && r.EmployeeId == "P01"));
        var p01Pay = JsonSerializer.Deserialize<ResultDetails>(p01May.DetailsJson)!.Pay.Where(p => p.Amount != 0m && !p.Forfeited).ToList();
        var p01Lines = lines.Where(l => l.GetProperty("employee").GetString() == "P01").ToList();
        Assert.Equal(p01Pay.Sum(p => p.Amount), p01Lines.Sum(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal(p01Pay.Count, p01Lines.Count);
        Assert.All(p01Lines, l => Assert.Equal("paid", l.GetProperty("status").GetString()));
        Assert.All(p01Lines, l => Assert.Equal("已发放", l.GetProperty("statusName").GetString()));
        Assert.Contains("2026-05 计提，2026-06 发放", p01Lines[0].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var total = lines.Where(l => l.GetProperty("status").GetString() == "paid").Sum(l => l.GetProperty("amount").GetDecimal());
        Assert.Equal(total, preview.GetProperty("month").GetProperty("total").GetDecimal());
        Assert.Equal(total, preview.GetProperty("byComponent").EnumerateArray().Sum(t => t.GetProperty("paid").GetDecimal()));
        Assert.Equal(total, preview.GetProperty("byUnit").EnumerateArray().Sum(t => t.GetProperty("paid").GetDecimal()));

        // October is in evaluation (not published): November's payroll pays nothing earned in October and says so.
        var november = await Json(await finance.GetAsync("/api/v1/payroll/months/2026-11"));
        Assert.Contains("2026-10", november.GetProperty("missingPeriods").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain(november.GetProperty("lines").EnumerateArray(), l => l.GetProperty("earnedPeriod").GetString() == "2026-10");

        // ---- Who may do what ----
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/payroll/months")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsync("/api/v1/payroll/months/2026-06/prepare", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/v1/payroll/months/2026-06")).StatusCode);
        var bad = await Problem(await finance.GetAsync("/api/v1/payroll/months/2026-13"), HttpStatusCode.BadRequest);
        Assert.Contains("“2026-13”不是有效的发放月份", bad.GetProperty("errors").GetProperty("month")[0].GetString(), StringComparison.Ordinal);

        // ---- Prepare; the preparer cannot approve; nothing is exported before the approval ----
        var prepared = await Json(await finance.PostAsync("/api/v1/payroll/months/2026-06/prepare", null));
        Assert.Equal("prepared", prepared.GetProperty("month").GetProperty("state").GetString());
        Assert.Equal("财务部 / finance", prepared.GetProperty("month").GetProperty("preparedBy").GetString());
        Assert.Equal(lines.Count, prepared.GetProperty("lines").GetArrayLength());
        var version = prepared.GetProperty("month").GetProperty("version").GetInt64();
        var own = await Problem(await finance.PostAsJsonAsync("/api/v1/payroll/months/2026-06/approve", new { version }), HttpStatusCode.Conflict);
        Assert.Equal("2026-06 由你准备，不能由你审批：请另一位财务人员或系统管理员审批。", own.GetProperty("detail").GetString());
        using (var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payroll/months/2026-06/approve") { Content = JsonContent.Create(new { version }) })
        {
            english.Headers.AcceptLanguage.ParseAdd("en");
            var ownEn = await Problem(await finance.SendAsync(english), HttpStatusCode.Conflict);
            Assert.Equal("You prepared 2026-06, so you cannot approve it: another finance user or an administrator must.", ownEn.GetProperty("detail").GetString());
        }

        var early = await Problem(await finance2.GetAsync("/api/v1/payroll/months/2026-06/export?format=csv"), HttpStatusCode.Conflict);
        Assert.Equal("2026-06 尚未审批：只有审批后的月份可以导出。", early.GetProperty("detail").GetString());
        var staleVersion = await Problem(await finance2.PostAsJsonAsync("/api/v1/payroll/months/2026-06/approve", new { version = version + 5 }), HttpStatusCode.Conflict);
        Assert.Equal("Stale", staleVersion.GetProperty("code").GetString());
        Assert.Equal("prepared", (await Json(await finance.GetAsync("/api/v1/payroll/months/2026-06"))).GetProperty("month").GetProperty("state").GetString());

        // ---- finance2 approves: locked, exported, the same bytes again ----
        var approved = await Json(await finance2.PostAsJsonAsync("/api/v1/payroll/months/2026-06/approve", new { version }));
        Assert.Equal("approved", approved.GetProperty("month").GetProperty("state").GetString());
        Assert.Equal("财务部（发放复核）/ finance, second approver", approved.GetProperty("month").GetProperty("approvedBy").GetString());
        var csv = await (await finance.GetAsync("/api/v1/payroll/months/2026-06/export?format=csv")).Content.ReadAsByteArrayAsync();
        var expected = new StringBuilder("employee,component,earned_period,pay_month,status,amount\n");
        foreach (var l in approved.GetProperty("lines").EnumerateArray())
        {
            expected.Append(string.Join(',', l.GetProperty("employee").GetString(), l.GetProperty("component").GetString(), l.GetProperty("earnedPeriod").GetString(),
                l.GetProperty("payMonth").GetString(), l.GetProperty("status").GetString(), l.GetProperty("amount").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(csv));
        Assert.Equal(csv, await (await finance2.GetAsync("/api/v1/payroll/months/2026-06/export?format=csv")).Content.ReadAsByteArrayAsync());
        var xlsx = await finance.GetAsync("/api/v1/payroll/months/2026-06/export?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await xlsx.Content.ReadAsByteArrayAsync(), await (await hr.GetAsync("/api/v1/payroll/months/2026-06/export?format=xlsx")).Content.ReadAsByteArrayAsync());

        // ---- In order, and never again ----
        var again = await Problem(await finance.PostAsync("/api/v1/payroll/months/2026-06/prepare", null), HttpStatusCode.Conflict);
        Assert.Equal("2026-06 已审批并锁定，不能再修改；更正将计入 2026-07。", again.GetProperty("detail").GetString());
        var skip = await Problem(await finance.PostAsync("/api/v1/payroll/months/2026-08/prepare", null), HttpStatusCode.Conflict);
        Assert.Equal("发放月份须按顺序处理：2026-08 之前还有未审批的月份，当前可处理的是 2026-07。", skip.GetProperty("detail").GetString());
        months = await Json(await hr.GetAsync("/api/v1/payroll/months"));
        Assert.Equal("2026-07", months.GetProperty("openMonth").GetString());
        Assert.Equal("2026-06", months.GetProperty("lastApproved").GetString());

        // ---- July: the previous month is compared; the salesperson's own pay ----
        var july = await Json(await finance.PostAsync("/api/v1/payroll/months/2026-07/prepare", null));
        var june = approved.GetProperty("lines").EnumerateArray().GroupBy(l => l.GetProperty("employee").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("amount").GetDecimal()));
        var people = july.GetProperty("people").EnumerateArray().ToList();
        Assert.NotEmpty(people);
        foreach (var person in people)
        {
            var id = person.GetProperty("employee").GetString()!;
            Assert.Equal(june.GetValueOrDefault(id), person.GetProperty("previous").GetDecimal());
            Assert.Equal(person.GetProperty("paid").GetDecimal() - june.GetValueOrDefault(id), person.GetProperty("change").GetDecimal());
        }
        var mine = (await Json(await sales.GetAsync("/api/v1/payroll/me"))).EnumerateArray().ToList();
        Assert.Equal(p01Lines.Count, mine.Count(l => l.GetProperty("payMonth").GetString() == "2026-06" && l.GetProperty("status").GetString() == "paid"));
        // After June (the last approved month) nothing is paid yet: P01's later bonuses are deferred to their pay months.
        var later = mine.Where(l => string.CompareOrdinal(l.GetProperty("payMonth").GetString(), "2026-06") > 0).ToList();
        Assert.NotEmpty(later);
        Assert.All(later, l => Assert.Equal("deferred", l.GetProperty("status").GetString()));
        Assert.All(later, l => Assert.Equal("递延发放", l.GetProperty("statusName").GetString()));

        // ---- Audited ----
        Assert.Equal(2, Db(db => db.AuditLog.Count(a => a.Action == "payroll.prepare" && a.Subject != null && a.Subject.StartsWith("2026-0"))));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "payroll.approve" && a.Subject == "2026-06")));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
