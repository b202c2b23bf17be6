using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Compensation;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// A team reward pool whose month is republished with the team no longer meeting its target is void (docs/pay-ledger.md): its
/// shares are not paid, and a share already paid in an approved month is clawed back in the next open month, linked to the paid
/// line; once the new run is the month's published run, /api/v1/team-rewards shows the pool as void with the reason in the
/// caller's language ("作废：…" / "Void: …"), the amounts clawed back, and nothing to distribute or decide. On the demo company;
/// the republished month is a new run of the month computed after the team's sales were corrected to nothing. The same on
/// SQLite (Jixiao.Web.Tests) and PostgreSQL (Jixiao.Postgres.Tests).
/// </summary>
public static class TeamRewardVoidScenario
{
    public static async Task RunAsync(IServiceProvider services, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signIn);
        using var supervisor = await signIn("supervisor", "Demo-supervisor-2026");
        using var manager = await signIn("manager", "Demo-manager-2026");
        using var finance = await signIn("finance", "Demo-finance-2026");
        using var finance2 = await signIn("finance2", "Demo-finance2-2026");

        // ---- S11's team earns a pool in a month; he distributes it, the manager approves ----
        string? month = null;
        JsonElement pool = default;
        foreach (var m in new[] { "2026-05", "2026-06", "2026-07", "2026-08", "2026-09" })
        {
            var pools = await Json(await supervisor.GetAsync($"/api/v1/team-rewards?month={m}"));
            if (pools.EnumerateArray().FirstOrDefault(p => p.GetProperty("leader").GetString() == "S11") is { ValueKind: JsonValueKind.Object } found)
            {
                (month, pool) = (m, found);
                break;
            }
        }

        Assert.True(month is not null, "the demo's team S11 meets its target in none of May–September");
        var earned = Period.Parse(month!);
        var members = pool.GetProperty("members").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList();
        var shares = TeamRewardsScenario.Split(members, 3000.00m);
        var submitted = await Json(await supervisor.PostAsJsonAsync("/api/v1/team-rewards", new { month, rule = "team_reward", leader = "S11", shares }));
        var id = submitted.GetProperty("current").GetProperty("id").GetInt64();
        await Json(await manager.PostAsJsonAsync($"/api/v1/team-rewards/{id}/decision", new { approve = true }));

        // ---- The month is recomputed after the team's sales were corrected to nothing: the team no longer meets its target ----
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var zone = scope.ServiceProvider.GetRequiredService<CompanyTimeZone>();
        var team = members.Append("S11").ToList();
        var sales = await db.Sales.Where(s => team.Contains(s.EmployeeId) && s.Date >= earned.Start && s.Date <= earned.End).ToListAsync();
        Assert.NotEmpty(sales);
        foreach (var s in sales)
        {
            s.Units = 0m;
            s.Amount = 0m;
        }

        // The demo's past months are closed (a closed month never changes); this one is taken back to published, inside its window,
        // where an upheld appeal republishes a new run.
        var period = await db.EvaluationPeriods.SingleAsync(p => p.Key == month);
        period.State = PeriodStates.Code(PeriodState.Published);
        await db.SaveChangesAsync();
        var rerun = await new CalculationService(db, time, zone).RunAsync(earned, null, null);
        var published = await PayrollLedger.PublishedRunsAsync(db, default);
        var republished = new Dictionary<string, long>(published, StringComparer.Ordinal) { [earned.ToString()] = rerun!.Run.Id };
        PayrollLedger Republished() => new(db, time, zone, (_, _) => Task.FromResult<IReadOnlyDictionary<string, long>>(republished));
        var nonZero = shares.Where(s => s.amount != 0m).Select(s => (s.employee, s.amount)).OrderBy(x => x.employee, StringComparer.Ordinal).ToList();
        var payMonth = PayMonth.Add(earned, 1);

        // ---- Not yet paid: the month after pays none of the void pool's shares; from the published run it pays them all ----
        Assert.DoesNotContain((await Republished().MonthAsync(payMonth))!.Lines, l => l.Line.Component == "team_reward");
        Assert.Equal(nonZero, (await new PayrollLedger(db, time, zone).MonthAsync(payMonth))!.Lines.Where(l => l.Line.Component == "team_reward")
            .Select(l => (l.Line.Employee, l.Line.Amount)).OrderBy(x => x.Employee, StringComparer.Ordinal));

        // ---- The month after is prepared and approved from the published run: the shares are paid ----
        var prepared = await Json(await finance.PostAsync($"/api/v1/payroll/months/{payMonth}/prepare", null));
        var version = prepared.GetProperty("month").GetProperty("version").GetInt64();
        var approved = await Json(await finance2.PostAsJsonAsync($"/api/v1/payroll/months/{payMonth}/approve", new { version }));
        var paid = approved.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("component").GetString() == "team_reward")
            .Select(l => (l.GetProperty("employee").GetString()!, l.GetProperty("amount").GetDecimal())).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(nonZero, paid);

        // ---- Republished: the next open month claws back every paid share, each referring to the line it corrects ----
        var open = PayMonth.Add(payMonth, 1);
        var next = (await Republished().MonthAsync(open))!.Lines.Where(l => l.Line.Component == "team_reward").Select(l => l.Line).ToList();
        Assert.Equal(nonZero.Select(s => (s.employee, -s.amount, LedgerStatus.ClawedBack)),
            next.OrderBy(l => l.Employee, StringComparer.Ordinal).Select(l => (l.Employee, l.Amount, l.Status)));
        Assert.All(next, l =>
        {
            Assert.Equal((earned, LedgerRule.Correction), (l.Earned, l.Rule));
            Assert.Equal(new LedgerLineRef(l.Employee, "team_reward", earned, payMonth, LedgerStatus.Paid), l.Refers);
            Assert.Contains($"更正 {earned} 计提、{payMonth} 发放的 团队奖励：原为 ", l.Explain(), StringComparison.Ordinal);
        });

        // With the published runs (nothing republished) the open month has no team reward line: nothing changed.
        Assert.DoesNotContain((await new PayrollLedger(db, time, zone).MonthAsync(open))!.Lines, l => l.Line.Component == "team_reward");

        // ---- Republished for real (the month's published run is the new one): the 团队奖励 API shows the pool as void ----
        db.ChangeTracker.Clear();
        var row = await db.EvaluationPeriods.SingleAsync(p => p.Key == month);
        row.PublishedRunId = rerun.Run.Id;
        await db.SaveChangesAsync();
        var after = await Json(await supervisor.GetAsync($"/api/v1/team-rewards?month={month}"));
        var voided = after.EnumerateArray().Single(p => p.GetProperty("leader").GetString() == "S11" && p.GetProperty("void").GetBoolean());
        Assert.Equal(3000.00m, voided.GetProperty("pool").GetDecimal());
        Assert.StartsWith("作废：" + month + " 的结果重新发布后，团队不再完成月度任务", voided.GetProperty("voidReason").GetString(), StringComparison.Ordinal);
        Assert.False(voided.GetProperty("mayDistribute").GetBoolean());
        Assert.False(voided.GetProperty("mayDecide").GetBoolean());
        Assert.Equal("approved", voided.GetProperty("current").GetProperty("state").GetString());
        Assert.Equal(nonZero.Select(s => (s.employee, -s.amount)),
            voided.GetProperty("clawedBack").EnumerateArray().Select(c => (c.GetProperty("employee").GetString()!, c.GetProperty("amount").GetDecimal())));
        Assert.DoesNotContain(after.EnumerateArray(), p => p.GetProperty("leader").GetString() == "S11" && !p.GetProperty("void").GetBoolean());
        using var managerEn = await signIn("manager", "Demo-manager-2026");
        managerEn.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await Json(await managerEn.GetAsync($"/api/v1/team-rewards?month={month}"));
        var voidedEn = english.EnumerateArray().Single(p => p.GetProperty("leader").GetString() == "S11");
        Assert.StartsWith("Void: after " + month + " was republished the team no longer meets its monthly target", voidedEn.GetProperty("voidReason").GetString(), StringComparison.Ordinal);
        Assert.False(voidedEn.GetProperty("mayDecide").GetBoolean());

        // ---- A distribution still waiting for approval when its pool became void is refused approval (409, in the caller's
        // language) and can still be rejected. Simulated by taking the approved distribution back to waiting in the database. ----
        db.ChangeTracker.Clear();
        // (The app never changes a decided distribution: the guard is on SaveChanges, so the test goes around it.)
        Assert.Equal(1, await db.TeamRewards.Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.State, TeamRewardState.Submitted)
            .SetProperty(t => t.DecidedBy, (string?)null).SetProperty(t => t.DecidedAt, (DateTime?)null)));
        var refused = await manager.PostAsJsonAsync($"/api/v1/team-rewards/{id}/decision", new { approve = true });
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == System.Net.HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {refusal}");
        Assert.Contains("\"code\":\"PoolVoid\"", refusal, StringComparison.Ordinal);
        Assert.Contains($"团队奖励分配 #{id} 所属的奖励池已作废", JsonDocument.Parse(refusal).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.Equal(TeamRewardState.Submitted, (await db.TeamRewards.AsNoTracking().SingleAsync(t => t.Id == id)).State);
        // Rejected, the void pool has nothing left to show: 204, and the pool is gone from the month's list.
        var rejected = await manager.PostAsJsonAsync($"/api/v1/team-rewards/{id}/decision", new { approve = false, note = "奖励池已作废" });
        Assert.True(rejected.StatusCode == System.Net.HttpStatusCode.NoContent, $"{(int)rejected.StatusCode}: {await rejected.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain((await Json(await supervisor.GetAsync($"/api/v1/team-rewards?month={month}"))).EnumerateArray(), p => p.GetProperty("leader").GetString() == "S11");
        Assert.Equal(TeamRewardState.Rejected, (await db.TeamRewards.AsNoTracking().SingleAsync(t => t.Id == id)).State);
    }


    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
