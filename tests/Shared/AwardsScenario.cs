using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// Manual awards through /api/v1/awards on the demo company (seed 002 "成功签约战略客户，奖励5000-20000元"): the stored plan gets
/// the award kind; HR's requests out of range or without a reason are refused (in the caller's language); HR requests 12,000.00
/// for P01 for May; HR cannot decide; an administrator cannot approve their own request; finance approves HR's, once; June's
/// payroll then pays P01 12,000.00 under the award's name; every step is audited. The same on SQLite and PostgreSQL.
/// </summary>
public static class AwardsScenario
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
                v.Yaml = v.Yaml.TrimEnd() + "\nawards:\n  - { code: strategic_customer, name: 战略客户签约奖, name_en: Strategic customer award, min: 5000, max: 20000 }\n";
            }

            return db.SaveChanges();
        });
        using var hr = await signIn("hr", "Demo-hr-2026");
        using var finance = await signIn("finance", "Demo-finance-2026");

        // ---- Requests refused: out of the range, no reason, an unknown kind ----
        var high = await Problem(await hr.PostAsJsonAsync("/api/v1/awards", new { employee = "P01", kind = "strategic_customer", month = "2026-05", amount = 25000m, reason = "签约" }), HttpStatusCode.BadRequest);
        Assert.Equal("奖励金额 25000.00 超出该类型的范围 5000.00–20000.00。", high.GetProperty("errors").GetProperty("amount")[0].GetString());
        var why = await Problem(await hr.PostAsJsonAsync("/api/v1/awards", new { employee = "P01", kind = "strategic_customer", month = "2026-05", amount = 12000m, reason = "" }), HttpStatusCode.BadRequest);
        Assert.True(why.GetProperty("errors").TryGetProperty("reason", out _));
        var unknown = await Problem(await hr.PostAsJsonAsync("/api/v1/awards", new { employee = "P01", kind = "gold_medal", month = "2026-05", amount = 12000m, reason = "x" }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.Equal(0, Db(db => db.Awards.Count()));

        // ---- HR requests; HR cannot decide; an administrator cannot approve their own request ----
        var requested = await Json(await hr.PostAsJsonAsync("/api/v1/awards", new { employee = "P01", kind = "strategic_customer", month = "2026-05", amount = 12000.00m, reason = "签约华东战略客户" }));
        Assert.Equal("requested", requested.GetProperty("state").GetString());
        Assert.Equal("战略客户签约奖", requested.GetProperty("kindName").GetString());
        var id = requested.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync($"/api/v1/awards/{id}/decision", new { approve = true })).StatusCode);
        // (No demo login both requests and approves: the store refuses the requester's own decision, e.g. an administrator's.)
        using (var scope = services.CreateScope())
        {
            var awards = new Jixiao.Application.Compensation.AwardsService(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            var own = await awards.RequestAsync("P02", "strategic_customer", Jixiao.Domain.Periods.Period.Parse("2026-05"), 5000m, "大客户开发", "an-administrator");
            Assert.True(own.Ok);
            var refused = await awards.DecideAsync(own.Award!.Id, approve: true, null, "an-administrator");
            Assert.Equal(Jixiao.Domain.Compensation.AwardProblem.OwnRequest, refused!.Problem);
        }


        // ---- Finance approves HR's request, once ----
        var approved = await Json(await finance.PostAsJsonAsync($"/api/v1/awards/{id}/decision", new { approve = true, note = "合同已核" }));
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        var again = await Problem(await finance.PostAsJsonAsync($"/api/v1/awards/{id}/decision", new { approve = false }), HttpStatusCode.Conflict);
        Assert.Equal("AlreadyDecided", again.GetProperty("code").GetString());

        // ---- June's payroll pays it; the unapproved one is not paid ----
        var june = await Json(await finance.GetAsync("/api/v1/payroll/months/2026-06"));
        var line = Assert.Single(june.GetProperty("lines").EnumerateArray(), l => l.GetProperty("component").GetString() == "strategic_customer");
        Assert.Equal("P01", line.GetProperty("employee").GetString());
        Assert.Equal(12000.00m, line.GetProperty("amount").GetDecimal());
        Assert.Equal("paid", line.GetProperty("status").GetString());
        Assert.Equal("战略客户签约奖", line.GetProperty("componentName").GetString());
        Assert.Equal("2026-05", line.GetProperty("earnedPeriod").GetString());

        Assert.Equal(2, Db(db => db.AuditLog.Count(a => a.Action == "award.request")));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "award.approve" && a.Subject == "P01")));
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
