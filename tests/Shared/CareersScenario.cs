using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// Career recommendations through /api/v1/careers on the demo company (SPEC §9): the stored plan gets tier rules on the
/// salesperson scorecard's gross margin (every month with a target and some margin counts as "at or above 0.01%", so three published months
/// in a row promote) and P01 and P02 are put in tier t1; HR sees "P01: three months → t1 to t2 from 2026-08" for each; other
/// roles are refused; a rejection needs a reason; accepting P01's makes the effective-dated change (a new assignment in tier
/// t2 from 2026-08-01, the old one ending that day) and is final; P02's is rejected with a reason and P02 is unchanged;
/// everything is audited. The same on SQLite (Jixiao.Web.Tests) and PostgreSQL (Jixiao.Postgres.Tests).
/// </summary>
public static class CareersScenario
{
    public static async Task RunAsync(IServiceProvider services, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signIn);
        T Db<T>(Func<JixiaoDbContext, T> query)
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        Db(db =>
        {
            foreach (var v in db.PlanVersions)
            {
                v.Yaml = v.Yaml.TrimEnd() + "\ncareers:\n  tiers:\n    scorecards: [salesperson]\n    indicator: gross_margin\n    order: [t1, t2]\n    up_at_least: 0.01%\n    exit_at_most: 0.01%\n";
            }

            foreach (var a in db.Assignments.Where(a => a.EmployeeId == "P01" || a.EmployeeId == "P02"))
            {
                a.Tier = "t1";
            }

            return db.SaveChanges();
        });
        var p02Before = Db(db => db.Assignments.Count(a => a.EmployeeId == "P02"));
        var p01Name = Db(db => db.Employees.Single(e => e.Id == "P01").Name);

        using var hr = await signIn("hr", "Demo-hr-2026");
        using var finance = await signIn("finance", "Demo-finance-2026");
        using var manager = await signIn("manager", "Demo-manager-2026");

        // ---- HR reads the recommendations ----
        var list = await Json(await hr.GetAsync("/api/v1/careers?year=2026"));
        var items = list.EnumerateArray().ToList();
        Assert.True(items.Exists(i => i.GetProperty("employee").GetString() == "P01"), list.ToString());
        var p01 = items.Single(i => i.GetProperty("employee").GetString() == "P01");
        Assert.Equal("tier_promotion", p01.GetProperty("rule").GetString());
        Assert.Equal("升档", p01.GetProperty("ruleName").GetString());
        Assert.Equal("2026-08", p01.GetProperty("effective").GetString());
        Assert.Equal("open", p01.GetProperty("state").GetString());
        Assert.Contains(p01Name + "：2026-05 ", p01.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("自 2026-08 起由 t1 档上调至 t2 档", p01.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Contains(items, i => i.GetProperty("employee").GetString() == "P02" && i.GetProperty("rule").GetString() == "tier_promotion");
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync("/api/v1/careers?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/careers?year=2026")).StatusCode);

        // ---- Refused: not HR, no reason, no such recommendation ----
        var p02 = items.Single(i => i.GetProperty("employee").GetString() == "P02" && i.GetProperty("rule").GetString() == "tier_promotion");
        var p02Effective = p02.GetProperty("effective").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/v1/careers/decisions", new { employee = "P01", rule = "tier_promotion", effective = "2026-08", accept = true })).StatusCode);
        var noReason = await Problem(await hr.PostAsJsonAsync("/api/v1/careers/decisions", new { employee = "P02", rule = "tier_promotion", effective = p02Effective, accept = false }), HttpStatusCode.BadRequest);
        Assert.Equal("拒绝建议须填写理由。", noReason.GetProperty("errors").GetProperty("reason")[0].GetString());
        var none = await Problem(await hr.PostAsJsonAsync("/api/v1/careers/decisions", new { employee = "P01", rule = "tier_exit", effective = "2026-08", accept = true }), HttpStatusCode.NotFound);
        Assert.Equal("NotRecommended", none.GetProperty("code").GetString());
        Assert.Equal(0, Db(db => db.CareerDecisions.Count()));

        // ---- Accept P01's: an effective-dated change ----
        var accepted = await Json(await hr.PostAsJsonAsync("/api/v1/careers/decisions", new { employee = "P01", rule = "tier_promotion", effective = "2026-08", accept = true }));
        Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        Assert.Equal("tier t1 → t2 from 2026-08-01", accepted.GetProperty("decision").GetProperty("change").GetString());
        var assignments = Db(db => db.Assignments.AsNoTracking().Where(a => a.EmployeeId == "P01").OrderBy(a => a.ValidFrom).ToList());
        Assert.Equal("t2", assignments[^1].Tier);
        Assert.Equal(new DateOnly(2026, 8, 1), assignments[^1].ValidFrom);
        Assert.Equal(new DateOnly(2026, 8, 1), assignments[^2].ValidTo);
        Assert.Equal("t1", assignments[^2].Tier);
        var again = await Problem(await hr.PostAsJsonAsync("/api/v1/careers/decisions", new { employee = "P01", rule = "tier_promotion", effective = "2026-08", accept = false, reason = "改主意" }), HttpStatusCode.Conflict);
        Assert.Equal("AlreadyDecided", again.GetProperty("code").GetString());

        // ---- Reject P02's with a reason: nothing changes ----
        var rejected = await Json(await hr.PostAsJsonAsync("/api/v1/careers/decisions", new { employee = "P02", rule = "tier_promotion", effective = p02Effective, accept = false, reason = "毛利目标偏低，下季度再评" }));
        Assert.Equal("rejected", rejected.GetProperty("state").GetString());
        Assert.Equal("毛利目标偏低，下季度再评", rejected.GetProperty("decision").GetProperty("reason").GetString());
        Assert.Equal(p02Before, Db(db => db.Assignments.Count(a => a.EmployeeId == "P02")));

        // ---- Audited ----
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "career.accept" && a.Subject == "P01")));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "career.reject" && a.Subject == "P02")));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "employee.transfer" && a.Subject == "P01")));
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
