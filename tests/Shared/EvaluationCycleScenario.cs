using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Testing;

/// <summary>
/// The evaluation cycle through the API (docs/decisions/0019-evaluation-cycle.md), on the demo company seeded on
/// <see cref="TestClock.Now"/> (2026-11-26: May–August and 2026-Q3 closed, September published, October in evaluation, November open):
/// October goes evaluation → calibration → publication requested by hr and approved by hr2 → window → closed, every
/// refusal on the way (wrong role, wrong state, self-approval, a failed, empty or smaller run, the window, an open
/// appeal) answered with its code in the caller's language and nothing changed; a draft is never seen by a salesperson;
/// a closed period refuses ratings, targets, runs and uploads; an adjustment corrects it from an open period; November's
/// manager-scoring deadline is extended by HR; the audit log holds every step. The same scenario on each provider.
/// </summary>
public static class EvaluationCycleScenario
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.China;

    /// <summary>Runs the scenario. <paramref name="signIn"/> gives a signed-in cookie client (with the CSRF header) for a demo login.</summary>
    public static async Task RunAsync(IServiceProvider services, FakeTimeProvider clock, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(signIn);
        Assert.Equal(TestClock.Now, clock.GetUtcNow());
        Task<HttpClient> As(string user) => signIn(user, DemoSetup.Logins.Single(l => l.UserName == user).Password);
        using var hr = await As("hr");
        using var hr2 = await As("hr2");
        using var sales = await As("sales");
        T Db<T>(Func<JixiaoDbContext, T> query)
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        var hrId = Db(db => db.Users.Single(u => u.UserName == "hr").Id);
        var hr2Id = Db(db => db.Users.Single(u => u.UserName == "hr2").Id);

        // ---- The periods as seeded, with deadlines from the working-day calendar ----
        var periods = await Ok(await sales.GetAsync("/api/v1/periods"));
        // The demo keeps the month before last published (appeal window open), so HR, hr2 and the managers have a step at
        // sign-in; the months before and the quarter are closed.
        Assert.Equal("closed", State(periods, "2026-08"));
        Assert.Equal("published", State(periods, "2026-09"));
        Assert.Equal("closed", State(periods, "2026-Q3"));
        Assert.Equal("evaluation", State(periods, "2026-10"));
        Assert.Equal("open", State(periods, "2026-11"));
        Assert.Equal("open", State(periods, "2026-Q4"));
        var october = Period(periods, "2026-10");
        Assert.Equal(JsonValueKind.Null, october.GetProperty("actions").ValueKind);
        Assert.Equal(Date(Calendar.AddWorkingDays(new DateOnly(2026, 10, 31), 3)), october.GetProperty("deadlines").GetProperty("selfAssessment").GetString());
        Assert.Equal("2026-11-04", october.GetProperty("deadlines").GetProperty("selfAssessment").GetString());
        Assert.Equal("2026-11-11", october.GetProperty("deadlines").GetProperty("managerScoring").GetString());
        // The demo turns cross-department verification on from October (finance's step): its deadline passed too.
        Assert.Equal(["self_assessment", "manager_scoring", "verification"], october.GetProperty("overdue").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Asia/Shanghai", october.GetProperty("timeZone").GetString());
        var basis = october.GetProperty("basisRunId").GetInt64();
        var september = Period(periods, "2026-09");
        // Published by the demo on 2026-11-26: its window ends 3 working days later.
        Assert.Equal(Date(Calendar.AddWorkingDays(new DateOnly(2026, 11, 26), 3)), september.GetProperty("deadlines").GetProperty("publicationWindowEnd").GetString());
        Assert.Equal("2026-12-01", september.GetProperty("deadlines").GetProperty("publicationWindowEnd").GetString());

        // ---- What a salesperson sees: provisional figures of the open month, nothing final in evaluation, the published run of a closed month ----
        var notPublished = await Refused(await sales.GetAsync("/api/v1/results/me?period=2026-10"), HttpStatusCode.NotFound, EvaluationErrorCode.ResultsNotPublished);
        Assert.Equal("期间 2026-10 的结果尚未公示（当前为“考核中”），公示后才能查看。", notPublished);
        var november = await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-11"));
        Assert.Equal(JsonValueKind.Object, november.GetProperty("projection").ValueKind);
        var septemberRun = Period(periods, "2026-09").GetProperty("publishedRunId").GetInt64();
        var mine = await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-09"));
        Assert.Equal(Db(db => db.Results.Single(r => r.RunId == septemberRun && r.EmployeeId == "P01").Total), mine.GetProperty("total").GetDecimal());

        // A failed or smaller run of the open month never replaces what people see.
        var shownTotal = november.GetProperty("total").GetDecimal();
        var novemberRun = Period(periods, "2026-11").GetProperty("visibleRunId").GetInt64();
        AddRun(services, "2026-11", RunStatus.Failed, computed: 0, failed: 26, clock);
        AddRun(services, "2026-11", RunStatus.Succeeded, computed: 1, failed: 0, clock, copyP01From: novemberRun, total: 1.23m);
        Assert.Equal(shownTotal, (await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-11"))).GetProperty("total").GetDecimal());
        Assert.Equal(novemberRun, Period(await Ok(await hr.GetAsync("/api/v1/periods/2026-11")), null).GetProperty("visibleRunId").GetInt64());

        // ---- Refusals that change nothing: wrong role, wrong state, not ended, stale version ----
        var auditBefore = Db(db => db.AuditLog.Count());
        await Refused(await sales.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "closed" }), HttpStatusCode.Conflict, EvaluationErrorCode.NotNextState);
        var notEnded = await Refused(await hr.SendAsync(English(HttpMethod.Post, "/api/v1/periods/2026-11/transitions", new { to = "evaluation" })), HttpStatusCode.Conflict, EvaluationErrorCode.PeriodNotEnded);
        Assert.Equal("Period 2026-11 has not ended yet: evaluation starts after its last day (2026-11-30).", notEnded);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration", version = 99 }), HttpStatusCode.Conflict, EvaluationErrorCode.StaleVersion);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "done" })).StatusCode);
        Assert.Equal(auditBefore, Db(db => db.AuditLog.Count()));
        Assert.Equal("evaluation", State(await Ok(await hr.GetAsync("/api/v1/periods")), "2026-10"));

        // ---- Verification (跨部门复核) gates calibration: a plan version in force from October turns it on (and one from November off again) ----
        await AddPlanVersionAsync(services, clock, hrId, new DateOnly(2026, 10, 1), verification: true);
        await AddPlanVersionAsync(services, clock, hrId, new DateOnly(2026, 11, 1), verification: false);
        using var finance = await As("finance");
        var octoberAssessed = Db(db => db.Results.Where(r => r.RunId == basis).Select(r => r.EmployeeId).ToList()).Order(StringComparer.Ordinal).ToList();
        var octoberNames = Db(db => db.Employees.Where(e => octoberAssessed.Contains(e.Id)).ToDictionary(e => e.Id, e => e.Name));
        var unverified = await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }), HttpStatusCode.Conflict, EvaluationErrorCode.VerificationPending);
        Assert.StartsWith($"期间 2026-10 还有 {octoberAssessed.Count} 人未完成跨部门复核（{octoberNames[octoberAssessed[0]]}、{octoberNames[octoberAssessed[1]]}", unverified, StringComparison.Ordinal);
        Assert.DoesNotContain(octoberAssessed[0], unverified, StringComparison.Ordinal);

        // Its deadline (manager scoring due + 2 working days) passed: finance is refused until HR extends it.
        Assert.Equal("2026-11-13", Period(await Ok(await hr.GetAsync("/api/v1/periods/2026-10")), null).GetProperty("deadlines").GetProperty("verification").GetString());
        await Refused(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P01", new { outcome = "confirmed" }), HttpStatusCode.Conflict, EvaluationErrorCode.VerificationPastDeadline);
        await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/deadlines", new { step = "verification", due = "2026-11-27", reason = "财务月结后复核" }));
        foreach (var id in octoberAssessed.Where(id => id != "P01"))
        {
            Assert.Equal("confirmed", (await Ok(await finance.PutAsJsonAsync($"/api/v1/evaluations/2026-10/verification/{id}", new { outcome = "confirmed" }))).GetProperty("outcome").GetString());
        }

        var listed = (await Ok(await finance.GetAsync("/api/v1/evaluations/2026-10/verification"))).EnumerateArray().ToList();
        Assert.Equal(octoberAssessed, listed.Select(v => v.GetProperty("employeeId").GetString()));
        var indicator = listed.Single(v => v.GetProperty("employeeId").GetString() == "P01").GetProperty("lines")[0].GetString();
        var returned = await Ok(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P01", new { outcome = "returned", indicator, reason = "回款未到账" }));
        Assert.Equal(("returned", indicator), (returned.GetProperty("outcome").GetString(), returned.GetProperty("indicator").GetString()));
        var oneLeft = await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }), HttpStatusCode.Conflict, EvaluationErrorCode.VerificationPending);
        Assert.StartsWith($"期间 2026-10 还有 1 人未完成跨部门复核（{octoberNames["P01"]}）", oneLeft, StringComparison.Ordinal);
        Assert.Equal("evaluation", State(await Ok(await hr.GetAsync("/api/v1/periods")), "2026-10"));
        await Ok(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P01", new { outcome = "confirmed", version = returned.GetProperty("version").GetInt64() }));
        Assert.Equal(octoberAssessed.Count, Db(db => db.Verifications.Count(v => v.Period == "2026-10" && v.Outcome == "confirmed")));

        // ---- October: evaluation → calibration (every rating is in, everyone verified) ----
        var calibration = await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }));
        Assert.Equal("calibration", calibration.GetProperty("state").GetString());
        Assert.Equal("校准中", calibration.GetProperty("stateName").GetString());

        // A run in calibration is a draft: the salesperson still sees no final result; it is compared with the evaluation basis.
        var run2 = (await Ok(await hr.PostAsJsonAsync("/api/v1/runs", new { period = "2026-10" }))).GetProperty("run");
        Assert.Equal("draft", run2.GetProperty("visibility").GetString());
        var r2 = run2.GetProperty("id").GetInt64();
        Assert.Equal(basis, (await Ok(await hr.GetAsync($"/api/v1/runs/{r2}"))).GetProperty("previousRunId").GetInt64());
        await Refused(await sales.GetAsync("/api/v1/results/me?period=2026-10"), HttpStatusCode.NotFound, EvaluationErrorCode.ResultsNotPublished);
        Assert.Equal(HttpStatusCode.NotFound, (await sales.GetAsync("/api/v1/results/P01/explanation?period=2026-10")).StatusCode);

        // ---- Publication: a failed, empty or smaller run is refused; the requester cannot approve; hr2 can ----
        var failed = AddRun(services, "2026-10", RunStatus.Failed, computed: 0, failed: 26, clock);
        var empty = AddRun(services, "2026-10", RunStatus.Succeeded, computed: 0, failed: 0, clock);
        var smaller = AddRun(services, "2026-10", RunStatus.Succeeded, computed: 3, failed: 0, clock);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = failed }), HttpStatusCode.Conflict, EvaluationErrorCode.RunFailed);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = empty }), HttpStatusCode.Conflict, EvaluationErrorCode.RunEmpty);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = smaller }), HttpStatusCode.Conflict, EvaluationErrorCode.RunSmaller);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = septemberRun }), HttpStatusCode.NotFound, EvaluationErrorCode.RunNotFound);
        await Refused(await sales.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = r2 }), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        var requested = await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = r2 }));
        Assert.Equal(r2, requested.GetProperty("publication").GetProperty("runId").GetInt64());
        Assert.Equal("hr", requested.GetProperty("publication").GetProperty("requestedBy").GetString());
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = r2 }), HttpStatusCode.Conflict, EvaluationErrorCode.PublicationAlreadyRequested);
        var self = await Refused(await hr.PostAsync("/api/v1/periods/2026-10/publication/approve", null), HttpStatusCode.Forbidden, EvaluationErrorCode.SelfApproval);
        Assert.Equal("期间 2026-10 的公示申请是您提出的，不能由您批准：须由另一位人力资源部同事或系统管理员批准。", self);
        await Refused(await sales.PostAsync("/api/v1/periods/2026-10/publication/approve", null), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOrAdminOnly);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "published" }), HttpStatusCode.Conflict, EvaluationErrorCode.PublicationNeedsApproval);
        await Refused(await hr.PostAsync($"/api/v1/runs/{r2}/discard", null), HttpStatusCode.Conflict, EvaluationErrorCode.RunRequested);
        Assert.Equal("calibration", State(await Ok(await hr.GetAsync("/api/v1/periods")), "2026-10"));
        Assert.Equal(RunVisibility.Draft, Db(db => db.Runs.Single(r => r.Id == r2).Visibility));

        var published = await Ok(await hr2.PostAsync("/api/v1/periods/2026-10/publication/approve", null));
        Assert.Equal("published", published.GetProperty("state").GetString());
        Assert.Equal(r2, published.GetProperty("publishedRunId").GetInt64());
        Assert.Equal("hr2", published.GetProperty("publishedBy").GetString());
        // Published Thu 2026-11-26: the window is Nov 27, Nov 30 and Dec 1; the bonus is expected 10 working days after.
        Assert.Equal("2026-12-01", published.GetProperty("deadlines").GetProperty("publicationWindowEnd").GetString());
        Assert.Equal("2026-12-15", published.GetProperty("deadlines").GetProperty("bonusDue").GetString());
        Assert.Equal(RunVisibility.Published, Db(db => db.Runs.Single(r => r.Id == r2).Visibility));
        await Refused(await hr.PostAsync($"/api/v1/runs/{r2}/discard", null), HttpStatusCode.Conflict, EvaluationErrorCode.RunPublished);
        Assert.Equal("draft", (await Ok(await hr.GetAsync($"/api/v1/runs/{failed}"))).GetProperty("run").GetProperty("visibility").GetString());
        Assert.Equal("published", (await Ok(await hr.PostAsync($"/api/v1/runs/{failed}/discard", null))).GetProperty("state").GetString());
        Assert.Equal(RunVisibility.Discarded, Db(db => db.Runs.Single(r => r.Id == failed).Visibility));

        // The published run is what the salesperson sees; a later draft (with a late sale of theirs) is not.
        var p01 = Db(db => db.Results.Single(r => r.RunId == r2 && r.EmployeeId == "P01"));
        var seen = await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-10"));
        Assert.Equal(p01.Total, seen.GetProperty("total").GetDecimal());
        Assert.Equal(p01.PayTotal, seen.GetProperty("payTotal").GetDecimal());
        await Uploaded(await hr.PostAsync("/api/v1/data/sales", Csv("sales.csv", "id,employee,date,customer,product,units,amount,cost\nLATE-1,P01,2026-10-20,客户999,suv,1,300000,270000\n")));
        var r3 = (await Ok(await hr.PostAsJsonAsync("/api/v1/runs", new { period = "2026-10" }))).GetProperty("run").GetProperty("id").GetInt64();
        Assert.NotEqual(p01.DetailsJson, Db(db => db.Results.Single(r => r.RunId == r3 && r.EmployeeId == "P01").DetailsJson));
        var again = await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-10"));
        Assert.Equal(seen.GetProperty("indicators").GetRawText(), again.GetProperty("indicators").GetRawText());

        // ---- Close: not before the window ends, not while an appeal is open ----
        var window = await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "closed" }), HttpStatusCode.Conflict, EvaluationErrorCode.WindowNotEnded);
        Assert.Equal("期间 2026-10 须在公示期结束（2026-12-01）后才能关闭。", window);
        var appeal = Db(db =>
        {
            var a = new Appeal { Period = "2026-10", EmployeeId = "P01", Text = "成交车辆漏计", FiledAt = clock.GetUtcNow().UtcDateTime, FiledBy = "sales" };
            db.Appeals.Add(a);
            db.SaveChanges();
            return a.Id;
        });
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero)); // 2026-12-02 09:00 in Shanghai
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "closed" }), HttpStatusCode.Conflict, EvaluationErrorCode.AppealsOpen);
        Db(db =>
        {
            var a = db.Appeals.Single(x => x.Id == appeal);
            a.AnsweredAt = clock.GetUtcNow().UtcDateTime;
            a.AnsweredBy = hr2Id;
            a.Outcome = "rejected";
            return db.SaveChanges();
        });
        var closed = await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "closed" }));
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        // Confirmed when the last appeal was answered (Dec 2, after the window's Dec 1); bonus 10 working days later.
        Assert.Equal("2026-12-02", closed.GetProperty("deadlines").GetProperty("confirmation").GetString());
        Assert.Equal(Date(Calendar.AddWorkingDays(new DateOnly(2026, 12, 2), 10)), closed.GetProperty("deadlines").GetProperty("bonusDue").GetString());
        Assert.Equal("2026-12-16", closed.GetProperty("deadlines").GetProperty("bonusDue").GetString());
        Assert.Equal("closed", State(await Ok(await sales.GetAsync("/api/v1/periods")), "2026-10"));

        // ---- Closed is closed: ratings, targets, runs and uploads refused, nothing changed ----
        var ratingBefore = Db(db => db.Ratings.Single(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management").Points);
        await Refused(await hr.PutAsJsonAsync("/api/v1/ratings", new { period = "2026-10", items = new[] { new { employeeId = "S11", indicator = "team_management", points = 1m, comment = "改", version = (long?)null } } }),
            HttpStatusCode.Conflict, EvaluationErrorCode.PeriodClosed);
        var targetBefore = Db(db => db.Targets.Single(t => t.Subject == "P01" && t.Metric == "vehicles" && t.Period == "2026-10").Value);
        await Refused(await hr.PutAsJsonAsync("/api/v1/targets?overwriteCalculated=true", new[] { new { subject = "P01", metric = "vehicles", period = "2026-10", value = 99m } }),
            HttpStatusCode.Conflict, EvaluationErrorCode.PeriodClosed);
        var runs = Db(db => db.Runs.Count());
        var rerun = await Refused(await hr.PostAsJsonAsync("/api/v1/runs", new { period = "2026-10" }), HttpStatusCode.Conflict, EvaluationErrorCode.PeriodClosed);
        Assert.StartsWith("期间 2026-10 已关闭", rerun, StringComparison.Ordinal);
        await Refused(await hr.PostAsync($"/api/v1/runs/{r3}/discard", null), HttpStatusCode.Conflict, EvaluationErrorCode.PeriodClosed);
        var ratingsUpload = await hr.PostAsync("/api/v1/data/ratings", Csv("ratings.csv", "employee,indicator,period,points,rater,comment\nS11,team_management,2026-10,10,M01,改分\nS11,team_management,2026-11,10,M01,本月\n"));
        Assert.Equal(HttpStatusCode.BadRequest, ratingsUpload.StatusCode);
        var problem = Assert.Single((await ratingsUpload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray());
        Assert.Equal(("ratings.csv", 2, 3, "period", "PeriodClosed"), (problem.GetProperty("file").GetString(), problem.GetProperty("line").GetInt32(),
            problem.GetProperty("column").GetInt32(), problem.GetProperty("columnName").GetString(), problem.GetProperty("code").GetString()));
        Assert.Equal("ratings.csv:2:3（period）：期间 2026-10：已关闭的期间 2026-10 使用这项数据，不能再修改；如需更正，请在进行中的期间录入调整", problem.GetProperty("message").GetString());
        var targetsUpload = await hr.PostAsync("/api/v1/data/targets", Csv("targets.csv", "subject,metric,period,value\nP01,vehicles,2026-10,99\n"));
        Assert.Equal(HttpStatusCode.BadRequest, targetsUpload.StatusCode);
        Assert.Contains("\"PeriodClosed\"", await targetsUpload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A sale dated in the closed month is a fact: stored, and the closed month's results stay as they are.
        await Uploaded(await hr.PostAsync("/api/v1/data/sales", Csv("sales.csv", "id,employee,date,customer,product,units,amount,cost\nLATE-2,P01,2026-10-25,客户998,ev,1,180000,165000\n")));
        Assert.True(Db(db => db.Sales.Any(s => s.ExternalId == "LATE-2")));
        Assert.Equal(ratingBefore, Db(db => db.Ratings.Single(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management").Points));
        Assert.Equal(targetBefore, Db(db => db.Targets.Single(t => t.Subject == "P01" && t.Metric == "vehicles" && t.Period == "2026-10").Value));
        Assert.Equal(runs, Db(db => db.Runs.Count()));
        Assert.Equal(seen.GetProperty("total").GetDecimal(), (await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-10"))).GetProperty("total").GetDecimal());

        // ---- A late correction: an adjustment in open November, linked to October's published result ----
        await Refused(await hr.PostAsJsonAsync("/api/v1/adjustments", Adjustment("2026-11", "2026-11", 10m)), HttpStatusCode.Conflict, EvaluationErrorCode.AdjustmentTargetNotClosed);
        await Refused(await hr.PostAsJsonAsync("/api/v1/adjustments", Adjustment("2026-10", "2026-09", 10m)), HttpStatusCode.Conflict, EvaluationErrorCode.AdjustmentPeriodNotOpen);
        await Refused(await hr.PostAsJsonAsync("/api/v1/adjustments", Adjustment("2026-11", "2026-10", 1.005m)), HttpStatusCode.BadRequest, EvaluationErrorCode.AdjustmentAmountInvalid);
        await Refused(await hr.PostAsJsonAsync("/api/v1/adjustments", Adjustment("2026-11", "2026-10", 10m, item: "nope")), HttpStatusCode.BadRequest, EvaluationErrorCode.AdjustmentItemUnknown);
        await Refused(await sales.PostAsJsonAsync("/api/v1/adjustments", Adjustment("2026-11", "2026-10", 10m)), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        var adjustment = await hr.PostAsJsonAsync("/api/v1/adjustments", Adjustment("2026-11", "2026-10", 123.45m, item: "vehicle_bonus"));
        Assert.Equal(HttpStatusCode.Created, adjustment.StatusCode);
        var mineAdjusted = Assert.Single((await Ok(await sales.GetAsync("/api/v1/adjustments?period=2026-10"))).EnumerateArray());
        Assert.Equal((123.45m, "2026-11", "2026-10", r2, "vehicle_bonus"), (mineAdjusted.GetProperty("amount").GetDecimal(), mineAdjusted.GetProperty("period").GetString(),
            mineAdjusted.GetProperty("correctsPeriod").GetString(), mineAdjusted.GetProperty("correctsRunId").GetInt64(), mineAdjusted.GetProperty("item").GetString()));
        Assert.Single((await Ok(await sales.GetAsync("/api/v1/adjustments?period=2026-11"))).EnumerateArray());
        Assert.Contains("data-adjustment", await Page(sales, "/me?period=2026-11"), StringComparison.Ordinal);

        // ---- Reproducibility: every closed month's published run replays exactly; October's late sales show as other inputs ----
        var closedRuns = Db(db => db.EvaluationPeriods.AsNoTracking().Where(p => p.State == "closed" && p.PublishedRunId != null && p.Key != "2026-10")
            .Select(p => new { p.Key, Run = p.PublishedRunId!.Value }).ToList());
        Assert.Contains(closedRuns, c => c.Key == "2026-08");
        Assert.Contains(closedRuns, c => c.Key == "2026-Q3");
        foreach (var c in closedRuns)
        {
            var replay = await Replay(services, c.Run);
            Assert.True(replay.SameInputs, $"{c.Key}: other inputs");
            Assert.Empty(replay.Differences);
            Assert.Equal(Db(db => db.Runs.Single(r => r.Id == c.Run).Computed), replay.Compared);
            Assert.True(replay.Compared > 0 && replay.Reproduced, c.Key);
        }

        var octoberReplay = await Replay(services, r2);
        Assert.False(octoberReplay.SameInputs);
        Assert.False(octoberReplay.Reproduced);
        Assert.Contains(octoberReplay.Differences, d => d is { EmployeeId: "P01", What: "details" });
        // A stored number changed behind the application's back shows as a difference of that person, inputs unchanged.
        var septemberP01 = Db(db => db.Results.Single(r => r.RunId == septemberRun && r.EmployeeId == "P01").Total);
        Db(db => db.Results.Where(r => r.RunId == septemberRun && r.EmployeeId == "P01").ExecuteUpdate(u => u.SetProperty(r => r.Total, septemberP01 + 1m)));
        var tampered = await Replay(services, septemberRun);
        Assert.True(tampered.SameInputs);
        var difference = Assert.Single(tampered.Differences);
        Assert.Equal(("P01", "total", septemberP01 + 1m, septemberP01), (difference.EmployeeId, difference.What,
            decimal.Parse(difference.Stored!, CultureInfo.InvariantCulture), decimal.Parse(difference.Replayed!, CultureInfo.InvariantCulture)));
        Db(db => db.Results.Where(r => r.RunId == septemberRun && r.EmployeeId == "P01").ExecuteUpdate(u => u.SetProperty(r => r.Total, septemberP01)));
        Assert.True((await Replay(services, septemberRun)).Reproduced);

        // ---- November: evaluation, evaluations missing before their deadline, the deadline extended by HR, then past it ----
        Assert.Equal("evaluation", (await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-11/transitions", new { to = "evaluation" }))).GetProperty("state").GetString());
        var pending = await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-11/transitions", new { to = "calibration" }), HttpStatusCode.Conflict, EvaluationErrorCode.EvaluationsPending);
        // Every person of November's evaluation basis owes a self-assessment and, having a direct manager (none is at the
        // top of the company: the general manager is not assessed monthly), is owed a manager scoring; none is in yet.
        var novemberBasis = Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-11").BasisRunId);
        var assessed = Db(db => db.Results.Where(r => r.RunId == novemberBasis).Select(r => r.EmployeeId).ToList());
        Assert.DoesNotContain("G01", assessed);
        Assert.StartsWith($"期间 2026-11：还有 {2 * assessed.Count} 项评价未提交，且截止日期（2026-12-10）未到", pending, StringComparison.Ordinal);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-11/deadlines", new { step = "manager_scoring", due = "2026-12-17", reason = " " }), HttpStatusCode.BadRequest, EvaluationErrorCode.ExtensionReasonRequired);
        await Refused(await hr.PostAsJsonAsync("/api/v1/periods/2026-11/deadlines", new { step = "manager_scoring", due = "2026-12-09", reason = "门店盘点" }), HttpStatusCode.BadRequest, EvaluationErrorCode.ExtensionNotLater);
        await Refused(await sales.PostAsJsonAsync("/api/v1/periods/2026-11/deadlines", new { step = "manager_scoring", due = "2026-12-17", reason = "门店盘点" }), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        var extended = await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-11/deadlines", new { step = "manager_scoring", due = "2026-12-17", reason = "门店盘点，评分延后" }));
        Assert.Equal("2026-12-17", extended.GetProperty("deadlines").GetProperty("managerScoring").GetString());
        Assert.Equal(["manager_scoring"], extended.GetProperty("deadlines").GetProperty("extended").EnumerateArray().Select(e => e.GetString()));
        var extension = Assert.Single(extended.GetProperty("extensions").EnumerateArray());
        Assert.Equal(("2026-12-10", "2026-12-17", "门店盘点，评分延后", "hr"), (extension.GetProperty("previousDue").GetString(), extension.GetProperty("due").GetString(),
            extension.GetProperty("reason").GetString(), extension.GetProperty("extendedBy").GetString()));
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 17, 1, 0, 0, TimeSpan.Zero));
        using var hrLater = await As("hr"); // three weeks on: a new session
        await Refused(await hrLater.PostAsJsonAsync("/api/v1/periods/2026-11/transitions", new { to = "calibration" }), HttpStatusCode.Conflict, EvaluationErrorCode.EvaluationsPending);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 17, 16, 0, 0, TimeSpan.Zero)); // the end of Dec 17 in Shanghai
        Assert.Equal("calibration", (await Ok(await hrLater.PostAsJsonAsync("/api/v1/periods/2026-11/transitions", new { to = "calibration" }))).GetProperty("state").GetString());

        // ---- The audit log holds every step: who, when, what, before and after ----
        var steps = Db(db => db.AuditLog.AsNoTracking().Where(a => a.Period == "2026-10" && a.Action.StartsWith("period.")).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.UserId, a.Before, a.After, a.At }).ToList());
        (string, string?, string?, string?)[] expected =
            [("period.evaluation", hrId, "open", "evaluation"), ("period.deadline.verification", hrId, "2026-11-13", "2026-11-27"), ("period.calibration", hrId, "evaluation", "calibration"),
             ("period.publication.request", hrId, null, $"run {r2}"), ("period.published", hr2Id, "calibration", "published"), ("period.closed", hrId, "published", "closed")];
        Assert.Equal(expected, steps.Select(s => (s.Action, s.UserId, s.Before, s.After)));
        Assert.Equal(new DateTime(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc), steps[^1].At);
        var changes = Db(db => db.AuditLog.AsNoTracking().Where(a => a.Period == "2026-11").Select(a => new { a.Action, a.EmployeeId, a.Before, a.After, a.Detail, a.UserId }).ToList());
        Assert.Contains(changes, c => c.Action == "period.deadline.manager_scoring" && c.Before == "2026-12-10" && c.After == "2026-12-17" && c.UserId == hrId);
        Assert.Contains(changes, c => c.Action == "period.calibration" && c.Detail == $"{2 * assessed.Count} evaluations missed (deadline 2026-12-17 passed)");
        Assert.Contains(changes, c => c.Action == "adjustment.add" && c.EmployeeId == "P01" && c.After == "123.45");
        Assert.Equal(1, Db(db => db.DeadlineExtensions.Count(e => e.Period == "2026-11")));
        Assert.Equal(1, Db(db => db.AuditLog.Count(a => a.Action == "run.discard" && a.Period == "2026-10")));
    }

    /// <summary>Stores the demo's plan again, in force from <paramref name="from"/>, with cross-department verification on or off.</summary>
    internal static async Task AddPlanVersionAsync(IServiceProvider services, TimeProvider clock, string? userId, DateOnly from, bool verification)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var yaml = await db.PlanVersions.OrderBy(v => v.Id).Select(v => v.Yaml).FirstAsync();
        var (version, problems) = await new Jixiao.Application.CalculationRuns.CalculationService(db, clock, CompanyTimeZone.Default).AddPlanVersionAsync(
            yaml.TrimEnd() + (verification ? "\nevaluation:\n  verification: true\n" : "\n"), "4s-dealership.yaml", userId, from);
        Assert.True(version is not null, string.Join("; ", problems));
    }

    private static async Task<ReplayOutcome> Replay(IServiceProvider services, long run)
    {
        using var scope = services.CreateScope();
        return await RunReplay.ReplayAsync(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), scope.ServiceProvider.GetRequiredService<CompanyTimeZone>(), run);
    }

    private static object Adjustment(string period, string corrects, decimal amount, string? item = null) =>
        new { period, employeeId = "P01", correctsPeriod = corrects, item, amount, reason = "10月漏计一台车" };

    private static HttpRequestMessage English(HttpMethod method, string uri, object body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        return request;
    }

    /// <summary>Stores a run as a calculation would (a failed one, an empty one, or one of fewer people), with P01's result when asked.</summary>
    private static long AddRun(IServiceProvider services, string period, RunStatus status, int computed, int failed, TimeProvider clock, long? copyP01From = null, decimal total = 0m)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var version = db.PlanVersions.First().Id;
        var run = new CalculationRun
        {
            Period = period,
            PlanVersionId = version,
            InputFingerprint = "test",
            CodeVersion = "test",
            StartedBy = "test",
            StartedAt = clock.GetUtcNow().UtcDateTime,
            FinishedAt = clock.GetUtcNow().UtcDateTime,
            Status = status,
            Computed = computed,
            Failed = failed,
        };
        db.Runs.Add(run);
        db.SaveChanges();
        if (copyP01From is { } from)
        {
            var p01 = db.Results.AsNoTracking().Single(r => r.RunId == from && r.EmployeeId == "P01");
            db.Results.Add(new PersonResult
            {
                RunId = run.Id,
                EmployeeId = "P01",
                OrgUnitId = p01.OrgUnitId,
                Scorecard = p01.Scorecard,
                Total = total,
                PayTotal = 0m,
                DetailsJson = p01.DetailsJson,
            });
            db.SaveChanges();
        }

        return run.Id;
    }

    private static MultipartFormDataContent Csv(string name, string text)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        form.Add(file, "file", name);
        return form;
    }

    private static async Task Uploaded(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A page's HTML; a failure shows the status and the body (the server's exception in Development).</summary>
    private static async Task<string> Page(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} GET {url}: {body[..Math.Min(body.Length, 4000)]}");
        return body;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a refusal with its status and code; returns its message.</summary>
    private static async Task<string> Refused(HttpResponseMessage response, HttpStatusCode status, EvaluationErrorCode code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code.ToString(), problem.GetProperty("code").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain(code.ToString(), detail, StringComparison.Ordinal);
        return detail;
    }

    private static JsonElement Period(JsonElement periods, string? key) =>
        key is null ? periods : periods.EnumerateArray().Single(p => p.GetProperty("period").GetString() == key);

    private static string? State(JsonElement periods, string key) => Period(periods, key).GetProperty("state").GetString();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
