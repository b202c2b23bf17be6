using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Testing;

/// <summary>
/// Joint sales (业绩分配) through /api/v1/credits on the demo company: the salesperson P01 (account "sales") splits one of his
/// sales 60/40 with a teammate; bad shares are refused on the field in the caller's language and nothing is stored; finance
/// cannot request, P01 cannot request for another store's sale, nor approve his own request; HR cannot decide (not above the
/// owner); the manager M01 cannot reject without a reason and approves. The approved shares are the sale's credit rows, read by
/// both readers (DatasetBuilder and PeriodReader): the teammate's revenue rises by exactly 40% of the sale and P01's falls by as
/// much. One source per sale, both directions: an upload naming the split sale is refused at its row, and a request for a sale
/// with uploaded credits is refused. Every step is audited. The same on SQLite and PostgreSQL.
/// </summary>
public static class JointSalesScenario
{
    public static async Task RunAsync(IServiceProvider services, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signIn);
        async Task<T> Db<T>(Func<JixiaoDbContext, Task<T>> query)
        {
            using var scope = services.CreateScope();
            return await query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        using var hr = await signIn("hr", "Demo-hr-2026");
        using var manager = await signIn("manager", "Demo-manager-2026");
        using var sales = await signIn("sales", "Demo-sales-2026");
        using var finance = await signIn("finance", "Demo-finance-2026");

        // ---- P01's sales of open periods; the newest one with a teammate active on its date ----
        var candidates = (await Json(await sales.GetAsync("/api/v1/credits/sales"))).EnumerateArray().ToList();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Equal("P01", c.GetProperty("owner").GetString()));
        var sale = candidates[0].GetProperty("id").GetString()!;
        var amount = candidates[0].GetProperty("amount").GetDecimal();
        var date = DateOnly.Parse(candidates[0].GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var mate = await Db(db => db.Employees.Where(e => e.Id != "P01" && e.HireDate <= date && (e.LeaveDate == null || e.LeaveDate >= date)
            && e.Assignments.Any(a => a.OrgUnitId == "ST1-T1" && a.Position == "salesperson")).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        Assert.Empty((await Json(await sales.GetAsync("/api/v1/credits"))).GetProperty("items").EnumerateArray());

        // ---- Bad shares: 99%, seven decimals, one person: 400 on shares, nothing stored ----
        var short1 = await Problem(await sales.PostAsJsonAsync("/api/v1/credits", Body(sale, ("P01", 0.6m), (mate, 0.39m))), HttpStatusCode.BadRequest);
        Assert.Equal("比例合计 99%，还差 1%：合计须恰好为 100%。", short1.GetProperty("errors").GetProperty("shares")[0].GetString());
        using (var en = new HttpRequestMessage(HttpMethod.Post, "/api/v1/credits") { Content = JsonContent.Create(Body(sale, ("P01", 0.6m), (mate, 0.39m))) })
        {
            en.Headers.AcceptLanguage.ParseAdd("en");
            var english = await Problem(await sales.SendAsync(en), HttpStatusCode.BadRequest);
            Assert.Equal("The shares sum to 99%, 1% left: they must sum to exactly 100%.", english.GetProperty("errors").GetProperty("shares")[0].GetString());
        }

        var precise = await Problem(await sales.PostAsJsonAsync("/api/v1/credits", Body(sale, ("P01", 0.5999995m), (mate, 0.4000005m))), HttpStatusCode.BadRequest);
        Assert.Contains("59.99995%", precise.GetProperty("errors").GetProperty("shares")[0].GetString(), StringComparison.Ordinal);
        var alone = await Problem(await sales.PostAsJsonAsync("/api/v1/credits", Body(sale, ("P01", 1m))), HttpStatusCode.BadRequest);
        Assert.True(alone.GetProperty("errors").TryGetProperty("shares", out _));
        Assert.Equal(0, await Db(db => db.JointSales.CountAsync()));

        // ---- Who may request: not finance, not P01 for another store's sale ----
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/v1/credits", Body(sale, ("P01", 0.6m), (mate, 0.4m)))).StatusCode);
        var foreign = await Db(db => db.Sales.Where(s => s.EmployeeId == "P20").OrderByDescending(s => s.Date).Select(s => s.ExternalId).FirstAsync());
        var notTheirs = await Problem(await sales.PostAsJsonAsync("/api/v1/credits", Body(foreign, ("P20", 0.5m), (mate, 0.5m))), HttpStatusCode.Forbidden);
        Assert.Equal("NotTheirSale", notTheirs.GetProperty("code").GetString());

        // ---- P01 requests 60/40; a second request for the same sale is refused ----
        var request = await Json(await sales.PostAsJsonAsync("/api/v1/credits", new { sale, shares = new[] { new { employee = "P01", share = 0.6m }, new { employee = mate, share = 0.4m } }, note = "共同接待" }));
        var id = request.GetProperty("id").GetInt64();
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.True(request.GetProperty("mayWithdraw").GetBoolean());
        Assert.False(request.GetProperty("mayDecide").GetBoolean());
        var twice = await Problem(await sales.PostAsJsonAsync("/api/v1/credits", Body(sale, ("P01", 0.5m), (mate, 0.5m))), HttpStatusCode.Conflict);
        Assert.Equal("AlreadyRequested", twice.GetProperty("code").GetString());

        // ---- Decisions: never the requester, not HR (not above the owner), a rejection needs a reason ----
        Assert.Equal("OwnRequest", (await Problem(await sales.PostAsJsonAsync($"/api/v1/credits/{id}/approve", new { }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("NotTheirManager", (await Problem(await hr.PostAsJsonAsync($"/api/v1/credits/{id}/approve", new { }), HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        var noReason = await Problem(await manager.PostAsJsonAsync($"/api/v1/credits/{id}/reject", new { }), HttpStatusCode.BadRequest);
        Assert.Equal("退回须填写理由（reason）。", noReason.GetProperty("errors").GetProperty("reason")[0].GetString());
        var waiting = (await Json(await manager.GetAsync("/api/v1/credits?view=approve&status=pending"))).GetProperty("items");
        Assert.Equal(id, Assert.Single(waiting.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Empty((await Json(await sales.GetAsync("/api/v1/credits?view=approve"))).GetProperty("items").EnumerateArray());

        // ---- Before: both readers credit the whole sale to P01 ----
        var month = Period.Containing(date, PeriodKind.Month);
        var before = await Db(db => RevenueAsync(db, month, "P01", mate));

        var approved = await Json(await manager.PostAsJsonAsync($"/api/v1/credits/{id}/approve", new { note = "同意" }));
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal("已批准", approved.GetProperty("stateName").GetString());
        Assert.Equal("AlreadyDecided", (await Problem(await manager.PostAsJsonAsync($"/api/v1/credits/{id}/reject", new { reason = "x" }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("AlreadyDecided", (await Problem(await sales.PostAsync($"/api/v1/credits/{id}/withdraw", null), HttpStatusCode.Conflict)).GetProperty("code").GetString());

        // ---- The shares are the sale's credit rows; both readers read them: 40% of the sale moves to the teammate, exactly ----
        var rows = await Db(db => db.Credits.AsNoTracking().Where(c => c.SaleId == sale).OrderBy(c => c.EmployeeId).ToListAsync());
        Assert.Equal([("P01", 0.600000m, 0L), (mate, 0.400000m, 0L)], rows.Select(r => (r.EmployeeId, r.Share, r.UploadId)).OrderBy(r => r.EmployeeId == "P01" ? 0 : 1));
        var moved = amount * 0.4m;
        Assert.Equal(Math.Round(moved, 2, MidpointRounding.AwayFromZero), moved); // demo amounts: 40% is to the cent
        var after = await Db(db => RevenueAsync(db, month, "P01", mate));
        foreach (var reader in new[] { 0, 1 })
        {
            Assert.Equal(before[reader].Owner - moved, after[reader].Owner);
            Assert.Equal(before[reader].Mate + moved, after[reader].Mate);
        }

        // ---- One source per sale: an upload naming the split sale is refused at its row, nothing imported ----
        var uploads = await Db(db => db.Uploads.CountAsync());
        var csv = $"sale,employee,share\n{sale},P01,0.5\n{sale},{mate},0.5\n";
        var upload = await hr.PostAsync("/api/v1/data/credits", File("credits.csv", csv));
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var problems = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal([2, 3], problems.Select(p => p.GetProperty("line").GetInt32()));
        Assert.All(problems, p => Assert.Equal("SaleSplitInApp", p.GetProperty("code").GetString()));
        Assert.Contains(sale, problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"#{id}", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(uploads, await Db(db => db.Uploads.CountAsync()));
        Assert.Equal(2, await Db(db => db.Credits.CountAsync(c => c.SaleId == sale)));

        // ---- …and a request for a sale with uploaded credits is refused ----
        var other = candidates.Select(c => c.GetProperty("id").GetString()!).First(s => s != sale);
        var uploaded = await hr.PostAsync("/api/v1/data/credits", File("credits.csv", $"sale,employee,share\n{other},P01,0.7\n{other},{mate},0.3\n"));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var refused = await Problem(await sales.PostAsJsonAsync("/api/v1/credits", Body(other, ("P01", 0.6m), (mate, 0.4m))), HttpStatusCode.Conflict);
        Assert.Equal("Uploaded", refused.GetProperty("code").GetString());
        Assert.Contains(other, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // ---- Audited ----
        var actions = await Db(db => db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith("credits.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["credits.request", "credits.approve"], actions);
    }

    /// <summary>The revenue actuals (销售额得分 of the indicator 销售业绩) of the two people in <paramref name="month"/>, from the entity builder [0] and the period reader [1].</summary>
    private static async Task<(decimal Owner, decimal Mate)[]> RevenueAsync(JixiaoDbContext db, Period month, string owner, string mate)
    {
        var version = await CalculationService.PlanVersionForAsync(db, month, default);
        var plan = PlanLoader.Load(version!.Yaml).Plan!;
        var built = Calculator.Run(plan, (await DatasetBuilder.BuildAsync(db, month)).Dataset, month);
        var read = Calculator.Run(plan, (await PeriodReader.ReadAsync(db, month, plan)).Dataset, month);
        return [Of(built), Of(read)];

        (decimal, decimal) Of(CalculationResult r) => (Revenue(r, owner), Revenue(r, mate));
        static decimal Revenue(CalculationResult r, string who) =>
            r.Results.Single(x => x.Employee == who).Indicators.Single(i => i.Code == "sales").Parts!.Single(p => p.Name == "销售额得分").Actual ?? 0m;
    }

    private static object Body(string sale, params (string Employee, decimal Share)[] shares) =>
        new { sale, shares = shares.Select(s => new { employee = s.Employee, share = s.Share }).ToArray() };

    private static MultipartFormDataContent File(string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} (expected {(int)status}): {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
