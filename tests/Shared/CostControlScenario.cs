using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// Cost control through /api/v1/cost-control and the payroll on the demo company (seed 002 "成本控制"): the stored plan gets a
/// budget of 80% of May's computed variable pay (rounded down to the yuan); HR sees May over the pool by the difference; June's
/// payroll (May's bonuses) cannot be prepared before HR decides; approving the excess needs a reason (in the caller's language);
/// finance cannot decide; HR scales May to the pool; the scaled amounts sum to the pool to the cent, each within a cent of its
/// proportional share; the decision is final and audited; June is then prepared with exactly the decided amounts, explained.
/// The same on SQLite (Jixiao.Web.Tests) and PostgreSQL (Jixiao.Postgres.Tests).
/// </summary>
public static class CostControlScenario
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

        // May's capped lines as the published run computed them (not forfeited, above zero), and a budget below their total.
        var mayRun = Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-05").PublishedRunId!.Value);
        var computed = Db(db => db.Results.Where(r => r.RunId == mayRun).ToList())
            .SelectMany(r => JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)!.Pay.Where(p => !p.Forfeited && p.Amount > 0m).Select(p => (r.EmployeeId, p.Component, p.Amount)))
            .ToList();
        var total = computed.Sum(c => c.Amount);
        var budget = decimal.Floor(total * 0.8m);
        Assert.True(computed.Count > 3 && budget > 0m && budget < total);
        Db(db =>
        {
            foreach (var v in db.PlanVersions)
            {
                v.Yaml = v.Yaml.TrimEnd() + "\ncost_control:\n  pool: { budget: " + budget.ToString(System.Globalization.CultureInfo.InvariantCulture) + " }\n";
            }

            return db.SaveChanges();
        });

        using var hr = await signIn("hr", "Demo-hr-2026");
        using var finance = await signIn("finance", "Demo-finance-2026");

        // ---- HR sees May over its pool by how much ----
        var periods = (await Json(await hr.GetAsync("/api/v1/cost-control/periods"))).EnumerateArray().ToList();
        var may = periods.Single(p => p.GetProperty("period").GetString() == "2026-05");
        Assert.Equal("undecided", may.GetProperty("state").GetString());
        Assert.Equal(mayRun, may.GetProperty("runId").GetInt64());
        Assert.Equal(budget, may.GetProperty("pool").GetDecimal());
        Assert.Equal(total, may.GetProperty("total").GetDecimal());
        Assert.Equal(total - budget, may.GetProperty("excess").GetDecimal());
        Assert.Contains("超过奖金池", may.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(computed.Count, may.GetProperty("lineCount").GetInt32());

        // ---- The undecided preview, paged (7 a page): the pages together are the whole list, sorted by person ----
        var units = Db(db => db.Results.Where(r => r.RunId == mayRun).ToDictionary(r => r.EmployeeId, r => r.OrgUnitId));
        var expected = computed.OrderBy(c => c.EmployeeId, StringComparer.Ordinal).ThenBy(c => c.Component, StringComparer.Ordinal).ToList();
        var preview = await AllLinesAsync(hr, "2026-05", "", 7);
        Assert.Equal(expected.Select(c => (c.EmployeeId, c.Component, c.Amount)), preview.Select(l => (l.Employee, l.Component, l.Computed)));
        Assert.Equal(budget, preview.Sum(l => l.Decided));
        Assert.Equal(expected.Select(c => units[c.EmployeeId]), preview.Select(l => l.Unit));
        var first = await Json(await hr.GetAsync("/api/v1/cost-control/periods/2026-05/lines"));
        Assert.Equal(Math.Min(20, computed.Count), first.GetProperty("items").GetArrayLength());
        Assert.Equal(20, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(computed.Count, first.GetProperty("total").GetInt32());

        // Filtered by a person (id) and by a unit.
        var someone = expected[^1].EmployeeId;
        var own = await AllLinesAsync(hr, "2026-05", "&person=" + someone, 2);
        Assert.Equal(expected.Where(c => c.EmployeeId == someone).Select(c => c.Component), own.Select(l => l.Component));
        var unit = units[expected[0].EmployeeId];
        var ofUnit = await AllLinesAsync(hr, "2026-05", "&unit=" + Uri.EscapeDataString(unit), 3);
        Assert.Equal(expected.Where(c => units[c.EmployeeId] == unit).Select(c => (c.EmployeeId, c.Component)), ofUnit.Select(l => (l.Employee, l.Component)));
        var none = await Json(await hr.GetAsync("/api/v1/cost-control/periods/2026-05/lines?person=nobody-at-all"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        var badSize = await Problem(await hr.GetAsync("/api/v1/cost-control/periods/2026-05/lines?pageSize=0"), HttpStatusCode.BadRequest);
        Assert.True(badSize.GetProperty("errors").TryGetProperty("pageSize", out _));

        // ---- June's payroll waits for the decision ----
        var juneBefore = await Json(await finance.GetAsync("/api/v1/payroll/months/2026-06"));
        Assert.Equal(["2026-05"], juneBefore.GetProperty("costUndecided").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var blocked = await Problem(await finance.PostAsync("/api/v1/payroll/months/2026-06/prepare", null), HttpStatusCode.Conflict);
        Assert.Equal("CostUndecided", blocked.GetProperty("code").GetString());
        Assert.Contains("2026-05", blocked.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // ---- Who and how ----
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/v1/cost-control/periods/2026-05/decision", new { kind = "scale" })).StatusCode);
        var noReason = await Problem(await hr.PostAsJsonAsync("/api/v1/cost-control/periods/2026-05/decision", new { kind = "approve_excess", reason = "  " }), HttpStatusCode.BadRequest);
        Assert.Equal("批准超额须填写理由。", noReason.GetProperty("errors").GetProperty("reason")[0].GetString());
        var badKind = await Problem(await hr.PostAsJsonAsync("/api/v1/cost-control/periods/2026-05/decision", new { kind = "shrink" }), HttpStatusCode.BadRequest);
        Assert.True(badKind.GetProperty("errors").TryGetProperty("kind", out _));
        var unpublished = await Problem(await hr.PostAsJsonAsync("/api/v1/cost-control/periods/2026-10/decision", new { kind = "scale" }), HttpStatusCode.NotFound);
        Assert.Equal("NoResult", unpublished.GetProperty("code").GetString());
        Assert.Equal(0, Db(db => db.CostDecisions.Count()));

        // ---- HR scales May to the pool ----
        var scaled = await Json(await hr.PostAsJsonAsync("/api/v1/cost-control/periods/2026-05/decision", new { kind = "scale", reason = "预算控制" }));
        Assert.Equal("scaled", scaled.GetProperty("state").GetString());
        Assert.Equal("scale", scaled.GetProperty("decision").GetProperty("kind").GetString());
        Assert.Equal(computed.Count, scaled.GetProperty("lineCount").GetInt32());

        // The stored decision's lines paged in SQL: the same list as the preview, to the cent.
        var stored = await AllLinesAsync(hr, "2026-05", "", 7);
        Assert.Equal(preview, stored);
        var decided = stored.ToDictionary(l => (l.Employee, l.Component), l => l.Decided);
        Assert.Equal(budget, decided.Values.Sum());
        var storedOwn = await AllLinesAsync(hr, "2026-05", "&person=" + someone, 2);
        Assert.Equal(own, storedOwn);
        Assert.Equal(ofUnit, await AllLinesAsync(hr, "2026-05", "&unit=" + Uri.EscapeDataString(unit), 3));
        foreach (var c in computed)
        {
            var share = c.Amount * budget / total;
            Assert.True(Math.Abs(decided[(c.EmployeeId, c.Component)] - share) < 0.01m, $"{c.EmployeeId} {c.Component}: {decided[(c.EmployeeId, c.Component)]} vs {share}");
        }

        var again = await Problem(await hr.PostAsJsonAsync("/api/v1/cost-control/periods/2026-05/decision", new { kind = "approve_excess", reason = "改主意" }), HttpStatusCode.Conflict);
        Assert.Equal("AlreadyDecided", again.GetProperty("code").GetString());
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "cost.decide" && a.Subject == "2026-05")));

        // ---- June pays the decided amounts, explained ----
        var june = await Json(await finance.PostAsync("/api/v1/payroll/months/2026-06/prepare", null));
        var mayLines = june.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("earnedPeriod").GetString() == "2026-05" && l.GetProperty("status").GetString() == "paid").ToList();
        Assert.Equal(budget, mayLines.Sum(l => l.GetProperty("amount").GetDecimal()));
        foreach (var l in mayLines)
        {
            Assert.Equal(decided[(l.GetProperty("employee").GetString()!, l.GetProperty("component").GetString()!)], l.GetProperty("amount").GetDecimal());
            Assert.Contains("成本控制按比例调整", l.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>One line of a page of /lines.</summary>
    public sealed record Line(string Employee, string Unit, string Component, decimal Computed, decimal Decided);

    /// <summary>Every line of the period matching <paramref name="filter"/>, read <paramref name="size"/> a page; each page is checked against the total.</summary>
    private static async Task<List<Line>> AllLinesAsync(HttpClient client, string period, string filter, int size)
    {
        var all = new List<Line>();
        for (var page = 1; ; page++)
        {
            var body = await Json(await client.GetAsync($"/api/v1/cost-control/periods/{period}/lines?page={page}&pageSize={size}{filter}"));
            var total = body.GetProperty("total").GetInt32();
            var items = body.GetProperty("items").EnumerateArray().Select(l => new Line(l.GetProperty("employee").GetString()!, l.GetProperty("unit").GetString()!,
                l.GetProperty("component").GetString()!, l.GetProperty("computed").GetDecimal(), l.GetProperty("decided").GetDecimal())).ToList();
            Assert.Equal(page, body.GetProperty("pageNumber").GetInt32());
            Assert.Equal(Math.Max(0, Math.Min(size, total - ((page - 1) * size))), items.Count);
            all.AddRange(items);
            if (items.Count == 0 || all.Count >= total)
            {
                Assert.Equal(total, all.Count);
                return all;
            }
        }
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
