using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// Team reward pools through /api/v1/team-rewards on the demo company (4S template: 3,000.00 for a team meeting the month's
/// vehicles and revenue targets). The supervisor S11 sees his team's pool; a salesperson sees none; a distribution one cent
/// short is refused with what is left (in the caller's language) and nothing is stored; HR cannot distribute (not the leader)
/// nor decide (not the manager); the supervisor cannot decide his own; the manager M01 rejects with a note, the supervisor
/// enters it again, the manager approves; the next month's payroll pays each share under 团队奖励 with the pool and the
/// supervisor in the explanation; every step is audited. The same on SQLite and PostgreSQL.
/// </summary>
public static class TeamRewardsScenario
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

        using var hr = await signIn("hr", "Demo-hr-2026");
        using var supervisor = await signIn("supervisor", "Demo-supervisor-2026");
        using var manager = await signIn("manager", "Demo-manager-2026");
        using var sales = await signIn("sales", "Demo-sales-2026");
        using var finance = await signIn("finance", "Demo-finance-2026");

        // ---- The first published month in which S11's team (城东店销售一组) met its target ----
        string? month = null;
        JsonElement pool = default;
        foreach (var m in new[] { "2026-05", "2026-06", "2026-07", "2026-08", "2026-09" })
        {
            var pools = await Json(await hr.GetAsync($"/api/v1/team-rewards?month={m}"));
            if (pools.EnumerateArray().FirstOrDefault(p => p.GetProperty("leader").GetString() == "S11") is { ValueKind: JsonValueKind.Object } found)
            {
                (month, pool) = (m, found);
                break;
            }
        }

        Assert.True(month is not null, "the demo's team S11 meets its target in none of May–September");
        Assert.Equal(3000.00m, pool.GetProperty("pool").GetDecimal());
        Assert.Equal("团队奖励", pool.GetProperty("ruleName").GetString());
        Assert.Equal(JsonValueKind.Null, pool.GetProperty("current").ValueKind);
        Assert.False(pool.GetProperty("mayDistribute").GetBoolean()); // HR reads, the leader distributes
        var members = pool.GetProperty("members").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList();
        Assert.True(members.Count >= 2, "a team of at least two");
        Assert.DoesNotContain("S11", members);

        var mine = await Json(await supervisor.GetAsync($"/api/v1/team-rewards?month={month}"));
        Assert.All(mine.EnumerateArray(), p => Assert.Equal("S11", p.GetProperty("leader").GetString()));
        Assert.True(Assert.Single(mine.EnumerateArray()).GetProperty("mayDistribute").GetBoolean());
        Assert.Empty((await Json(await sales.GetAsync($"/api/v1/team-rewards?month={month}"))).EnumerateArray());

        // ---- Shares by hand: 3,000.00 split as 1,000.00 to the first, 0.00 to the last, the rest evenly (to the cent) ----
        var shares = Split(members, 3000.00m);
        Assert.Equal(3000.00m, shares.Sum(s => s.amount));
        var shortBy = shares.Select((s, i) => i == 0 ? s with { amount = s.amount - 0.01m } : s).ToList();
        var refused = await Problem(await supervisor.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares = shortBy }), HttpStatusCode.BadRequest);
        Assert.Equal("分配合计 2999.99，奖励池 3000.00：还差 0.01，合计须与奖励池完全相等才能提交。", refused.GetProperty("errors").GetProperty("shares")[0].GetString());
        using (var en = new HttpRequestMessage(HttpMethod.Post, "/api/v1/team-rewards") { Content = JsonContent.Create(new { month, rule = "team_reward", leader = "S11", shares = shortBy }) })
        {
            en.Headers.AcceptLanguage.ParseAdd("en");
            var english = await Problem(await supervisor.SendAsync(en), HttpStatusCode.BadRequest);
            Assert.Equal("The shares sum to 2999.99 and the pool is 3000.00: 0.01 is left; the shares must sum exactly to the pool.", english.GetProperty("errors").GetProperty("shares")[0].GetString());
        }

        var outsider = await Problem(await supervisor.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares = shares.Append(new Share("P20", 0m)) }), HttpStatusCode.BadRequest);
        Assert.Contains("P20", outsider.GetProperty("errors").GetProperty("shares")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Db(db => db.TeamRewards.Count()));
        var notLeader = await Problem(await hr.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares }), HttpStatusCode.Forbidden);
        Assert.Equal("NotLeader", notLeader.GetProperty("code").GetString());

        // ---- Submitted; not twice; the supervisor and HR cannot decide; the manager rejects with a note ----
        var submitted = await Json(await supervisor.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares }));
        Assert.Equal("submitted", submitted.GetProperty("current").GetProperty("state").GetString());
        var first = submitted.GetProperty("current").GetProperty("id").GetInt64();
        Assert.Equal("AlreadyDecided", (await Problem(await supervisor.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("OwnDistribution", (await Problem(await supervisor.PostAsJsonAsync($"/api/v1/team-rewards/{first}/decision", new { approve = true }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("NotManager", (await Problem(await hr.PostAsJsonAsync($"/api/v1/team-rewards/{first}/decision", new { approve = true }), HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        var waiting = Assert.Single((await Json(await manager.GetAsync($"/api/v1/team-rewards?month={month}"))).EnumerateArray(), p => p.GetProperty("leader").GetString() == "S11");
        Assert.True(waiting.GetProperty("mayDecide").GetBoolean());
        var rejected = await Json(await manager.PostAsJsonAsync($"/api/v1/team-rewards/{first}/decision", new { approve = false, note = "请按成交台数分配" }));
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("current").ValueKind);
        Assert.Equal("请按成交台数分配", Assert.Single(rejected.GetProperty("rejected").EnumerateArray()).GetProperty("note").GetString());

        // ---- Entered again and approved, once ----
        var again = await Json(await supervisor.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares }));
        var second = again.GetProperty("current").GetProperty("id").GetInt64();
        var approved = await Json(await manager.PostAsJsonAsync($"/api/v1/team-rewards/{second}/decision", new { approve = true }));
        Assert.Equal("approved", approved.GetProperty("current").GetProperty("state").GetString());
        Assert.Equal("AlreadyDecided", (await Problem(await manager.PostAsJsonAsync($"/api/v1/team-rewards/{second}/decision", new { approve = false }), HttpStatusCode.Conflict)).GetProperty("code").GetString());

        // ---- The next month's payroll pays each non-zero share under 团队奖励, explained ----
        var payMonth = Jixiao.Domain.Compensation.Ledger.PayMonth.Add(Jixiao.Domain.Periods.Period.Parse(month!), 1).ToString();
        var payroll = await Json(await finance.GetAsync($"/api/v1/payroll/months/{payMonth}"));
        var lines = payroll.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("component").GetString() == "team_reward").ToList();
        Assert.Equal(shares.Where(s => s.amount != 0m).Select(s => (s.employee, s.amount)).OrderBy(s => s.employee, StringComparer.Ordinal),
            lines.Select(l => (l.GetProperty("employee").GetString()!, l.GetProperty("amount").GetDecimal())).OrderBy(s => s.Item1, StringComparer.Ordinal));
        var leaderName = pool.GetProperty("leaderName").GetString();
        Assert.All(lines, l =>
        {
            Assert.Equal("paid", l.GetProperty("status").GetString());
            Assert.Equal(month, l.GetProperty("earnedPeriod").GetString());
            Assert.Equal("团队奖励", l.GetProperty("componentName").GetString());
            Assert.Equal($"团队奖励：{leaderName} 团队完成 {month} 月度销售任务，团队奖励池 3000.00 中分得 {l.GetProperty("amount").GetDecimal():0.00}（主管分配、经理审批），{payMonth} 发放",
                l.GetProperty("explanation").GetString());
        });

        Assert.Equal(2, Db(db => db.AuditLog.Count(a => a.Action == "teamreward.submit" && a.Subject == "S11")));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "teamreward.reject")));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "teamreward.approve")));
        Assert.Equal(2, Db(db => db.TeamRewards.Count()));
    }

    /// <summary>One share as the API takes it.</summary>
    public sealed record Share(string employee, decimal amount);

    /// <summary>1,000.00 to the first member, 0.00 to the last, the rest of the pool evenly to the others with the cents left over to the first of them.</summary>
    public static List<Share> Split(IReadOnlyList<string> members, decimal pool)
    {
        ArgumentNullException.ThrowIfNull(members);
        var shares = members.Select(m => new Share(m, 0m)).ToList();
        shares[0] = shares[0] with { amount = 1000.00m };
        var middle = members.Count - 2;
        if (middle == 0)
        {
            shares[0] = shares[0] with { amount = pool };
            return shares;
        }

        var each = Math.Floor((pool - 1000.00m) / middle * 100m) / 100m;
        for (var i = 1; i <= middle; i++)
        {
            shares[i] = shares[i] with { amount = each };
        }

        shares[1] = shares[1] with { amount = each + (pool - 1000.00m - each * middle) };
        return shares;
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
