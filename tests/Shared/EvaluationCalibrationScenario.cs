using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Plans;
using Jixiao.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Testing;

/// <summary>
/// Calibration and appeals through the API (docs/decisions/0019-evaluation-cycle.md), on the demo seeded on
/// <see cref="TestClock.Now"/> (2026-11-26, October in evaluation, both evaluation deadlines past): October moves to
/// calibration; HR raises two people of team ST1-T1 to S with a reason (recorded, recomputed: grade and coefficient from the
/// engine); the forced distribution of the 4S plan (at most 20% S per team) previews who moves and why, and applying it leaves
/// every team within its cap; hr requests publication, hr2 approves; P01 appeals a line with evidence (upheld: the points
/// corrected, P01 recomputed and republished, everyone else unchanged), S11 appeals too (rejected); after the window the
/// period closes and refuses calibration. Refusals (wrong role, state, missing reason, unknown grade or line, answering twice,
/// after the window) answer their code in the caller's language and change nothing. The same scenario on each provider.
/// </summary>
public static class EvaluationCalibrationScenario
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

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
        using var supervisor = await As("supervisor");
        T Db<T>(Func<JixiaoDbContext, T> query)
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        int Changes() => Db(db => db.AuditLog.Count() + db.ResultCorrections.Count() + db.Runs.Count() + db.Appeals.Count() + db.EvidenceFiles.Count() + db.ImprovementPlans.Count() + db.ImprovementNotes.Count());
        const string Calibration = "/api/v1/evaluations/2026-10/calibration";

        // ---- While M01's scoring of S11 is a draft, HR cannot change S11's ratings through the ratings path: only the direct manager scores ----
        var rating = Db(db => db.Ratings.AsNoTracking().Where(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management")
            .OrderByDescending(r => r.ExternalId).First());
        Assert.Null(Db(db => db.ManagerReviews.SingleOrDefault(r => r.Period == "2026-10" && r.EmployeeId == "S11" && r.SubmittedAt != null)));
        var before = Changes();
        var notDirect = await Refused(await hr.PutAsJsonAsync("/api/v1/ratings", new { period = "2026-10", items = new[] { new { employeeId = "S11", indicator = "team_management", points = 1m, version = rating.Version } } }),
            HttpStatusCode.Forbidden, EvaluationErrorCode.ManagerScoringNotDirectManager);
        Assert.Contains("S11", notDirect, StringComparison.Ordinal);
        Assert.Equal(rating.Points, Db(db => db.Ratings.Single(r => r.Id == rating.Id).Points));
        Assert.Equal(before, Changes());

        // ---- Verification: finance only, and only when the plan turns it on (the 4S plan does not; the demo turns it on from
        // October so that finance has a step at sign-in: stored again without it here, EvaluationCycleScenario covers the gate) ----
        await EvaluationCycleScenario.AddPlanVersionAsync(services, clock, null, new DateOnly(2026, 10, 1), verification: false);
        using (var finance = await As("finance"))
        {
            before = Changes(); // signing in is audited
            await Refused(await sales.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P01", new { outcome = "confirmed" }), HttpStatusCode.Forbidden, EvaluationErrorCode.VerificationFinanceOnly);
            var off = await Refused(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P01", new { outcome = "confirmed" }), HttpStatusCode.Conflict, EvaluationErrorCode.VerificationOff);
            Assert.Equal("期间 2026-10 所用方案未启用跨部门复核。", off);
            Assert.Equal(Db(db => db.Results.Count(r => r.RunId == db.EvaluationPeriods.Single(p => p.Key == "2026-10").BasisRunId)),
                (await Ok(await finance.GetAsync("/api/v1/evaluations/2026-10/verification"))).GetArrayLength());
            Assert.Equal(before, Changes());
            Assert.Equal(0, Db(db => db.Verifications.Count()));
        }

        // ---- Not before calibration: the period is in evaluation ----
        await Refused(await hr.PutAsJsonAsync(Calibration + "/P01", new { grade = "S", reason = "业绩突出" }), HttpStatusCode.Conflict, EvaluationErrorCode.WrongState);
        Assert.Equal(before, Changes());
        Assert.Equal("calibration", (await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }))).GetProperty("state").GetString());

        // ---- The distribution per unit of the period's latest run ----
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync(Calibration)).StatusCode);
        var view = await Ok(await hr.GetAsync(Calibration));
        var basis = Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-10").BasisRunId);
        Assert.Equal(basis, view.GetProperty("runId").GetInt64());
        Assert.Equal(["S", "A", "B", "C"], view.GetProperty("grades").EnumerateArray().Select(g => g.GetString()));
        var people = view.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(Db(db => db.Results.Count(r => r.RunId == basis)), people.Count);
        Assert.Equal(people.Count, view.GetProperty("units").EnumerateArray().Sum(u => u.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32())));
        Assert.Equal(("unit", 0.2m), (view.GetProperty("forcedPer").GetString(), view.GetProperty("maxShare").GetProperty("S").GetDecimal()));

        // ---- Refusals of a grade adjustment: role, reason, grade, person; nothing changed ----
        before = Changes();
        await Refused(await sales.PutAsJsonAsync(Calibration + "/P02", new { grade = "S", reason = "业绩突出" }), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        var noReason = await Refused(await hr.PutAsJsonAsync(Calibration + "/P02", new { grade = "S", reason = " " }), HttpStatusCode.BadRequest, EvaluationErrorCode.CalibrationReasonRequired);
        // The person by name, never by code.
        Assert.Equal($"调整 {Db(db => db.Employees.Single(e => e.Id == "P02").Name)} 的等级须填写原因。", noReason);
        await Refused(await hr.PutAsJsonAsync(Calibration + "/P02", new { grade = "X", reason = "业绩突出" }), HttpStatusCode.BadRequest, EvaluationErrorCode.CalibrationGradeUnknown);
        await Refused(await hr.PutAsJsonAsync(Calibration + "/G01", new { grade = "S", reason = "业绩突出" }), HttpStatusCode.NotFound, EvaluationErrorCode.CalibrationNotAssessed);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.PutAsJsonAsync(Calibration + "/P02", new { reason = "业绩突出" })).StatusCode);
        Assert.Equal(before, Changes());

        // ---- HR raises the two best of team ST1-T1 who are not S to S: recorded, recomputed by the engine ----
        var team = people.Where(p => p.GetProperty("unit").GetString() == "ST1-T1").ToList();
        var raised = team.Where(p => p.GetProperty("grade").GetString() != "S").OrderByDescending(p => p.GetProperty("total").GetDecimal())
            .ThenBy(p => p.GetProperty("employeeId").GetString(), StringComparer.Ordinal).Take(2).Select(p => p.GetProperty("employeeId").GetString()!).ToList();
        Assert.Equal(2, raised.Count);
        long lastRun = 0;
        foreach (var id in raised)
        {
            var adjusted = await Ok(await hr.PutAsJsonAsync(Calibration + "/" + id, new { grade = "S", reason = "季度重点客户成交，校准上调" }));
            lastRun = adjusted.GetProperty("computedRunId").GetInt64();
            Assert.Equal(lastRun, adjusted.GetProperty("runId").GetInt64());
            var row = Db(db => db.Results.Single(r => r.RunId == lastRun && r.EmployeeId == id));
            Assert.Equal(("S", 1.2m), (row.Grade, row.Coefficient)); // S's coefficient, whatever the total
            var person = adjusted.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("employeeId").GetString() == id);
            Assert.Equal(("S", "calibration", "季度重点客户成交，校准上调"), (person.GetProperty("recordedGrade").GetString(),
                person.GetProperty("recordedSource").GetString(), person.GetProperty("recordedReason").GetString()));
        }

        Assert.Equal("draft", (await Ok(await hr.GetAsync($"/api/v1/runs/{lastRun}"))).GetProperty("run").GetProperty("visibility").GetString());
        var audited = Db(db => db.AuditLog.AsNoTracking().Where(a => a.Action == "calibration.grade" && a.Period == "2026-10").OrderBy(a => a.Id)
            .Select(a => new { a.EmployeeId, a.After, a.Detail }).ToList());
        Assert.Equal(raised, audited.Select(a => a.EmployeeId));
        Assert.All(audited, a => Assert.Equal(("S", "季度重点客户成交，校准上调"), (a.After, a.Detail)));

        // ---- The forced distribution's preview: exactly the rule's moves on the latest run, with a reason ----
        view = await Ok(await hr.GetAsync(Calibration));
        var expected = ExpectedMoves(services, lastRun);
        var preview = view.GetProperty("preview").EnumerateArray().ToList();
        Assert.Equal(expected.Select(m => (m.Employee, m.From, m.To, m.Rank)),
            preview.Select(m => (m.GetProperty("employeeId").GetString()!, m.GetProperty("from").GetString()!, m.GetProperty("to").GetString()!, m.GetProperty("rank").GetInt32())));
        Assert.Contains(preview, m => m.GetProperty("unit").GetString() == "ST1-T1");
        var first = preview.First(m => m.GetProperty("unit").GetString() == "ST1-T1");
        Assert.Matches(@"^在.+排名第 \d+/\d+；S 级最多 1 人（20%），调为 A$", first.GetProperty("reason").GetString());

        // ---- Applied on HR's confirmation: recorded, recomputed, every team within its cap, the moved get A at A's coefficient ----
        await Refused(await sales.PostAsync(Calibration + "/forced-distribution", null), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        var applied = await Ok(await hr.PostAsync(Calibration + "/forced-distribution", null));
        var calibrated = applied.GetProperty("computedRunId").GetInt64();
        Assert.Empty(applied.GetProperty("preview").EnumerateArray());
        var rows = Db(db => db.Results.AsNoTracking().Where(r => r.RunId == calibrated).Select(r => new { r.EmployeeId, r.OrgUnitId, r.Grade, r.Coefficient, r.Total, r.PayTotal }).ToList());
        foreach (var unit in rows.GroupBy(r => r.OrgUnitId))
        {
            Assert.True(unit.Count(r => r.Grade == "S") <= ForcedDistribution.Cap(0.2m, unit.Count()), unit.Key);
        }

        foreach (var m in expected)
        {
            var row = rows.Single(r => r.EmployeeId == m.Employee);
            Assert.Equal(("A", 1.0m), (row.Grade, row.Coefficient));
        }

        Assert.Equal(expected.Count, Db(db => db.AuditLog.Count(a => a.Action == "calibration.forced" && a.Period == "2026-10" && a.Before == "S" && a.After == "A")));

        // ---- Publication: hr requests, hr may not approve, hr2 approves ----
        await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = calibrated }));
        await Refused(await hr.PostAsync("/api/v1/periods/2026-10/publication/approve", null), HttpStatusCode.Forbidden, EvaluationErrorCode.SelfApproval);
        var published = await Ok(await hr2.PostAsync("/api/v1/periods/2026-10/publication/approve", null));
        Assert.Equal(("published", "2026-12-01"), (published.GetProperty("state").GetString(), published.GetProperty("deadlines").GetProperty("publicationWindowEnd").GetString()));
        await Refused(await hr.PutAsJsonAsync(Calibration + "/P02", new { grade = "A", reason = "复核" }), HttpStatusCode.Conflict, EvaluationErrorCode.WrongState);

        // ---- P01 appeals a line of the published result: refusals first, nothing changed ----
        var mine = await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-10"));
        var p01 = rows.Single(r => r.EmployeeId == "P01");
        Assert.Equal(p01.Total, mine.GetProperty("total").GetDecimal());
        before = Changes();
        await Refused(await sales.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = Array.Empty<string>(), text = "漏计" }), HttpStatusCode.BadRequest, EvaluationErrorCode.AppealLinesRequired);
        await Refused(await sales.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = new[] { "nope" }, text = "漏计" }), HttpStatusCode.BadRequest, EvaluationErrorCode.AppealLineUnknown);
        await Refused(await sales.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = new[] { "sales" }, text = "" }), HttpStatusCode.BadRequest, EvaluationErrorCode.AppealTextRequired);
        await Refused(await sales.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-11", lines = new[] { "sales" }, text = "漏计" }), HttpStatusCode.Conflict, EvaluationErrorCode.WrongState);
        Assert.Equal(before, Changes());
        var line = mine.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("points").GetDecimal() < i.GetProperty("weight").GetDecimal());
        var code = line.GetProperty("code").GetString()!;
        var filed = await sales.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = new[] { code }, text = "10月20日成交的一台车未计入，附合同。" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var appeal = await Ok(filed);
        var appealId = appeal.GetProperty("id").GetInt64();
        // Filed Thu Nov 26: the answer is due 5 working days later (Dec 3).
        Assert.Equal(("2026-12-03", false), (appeal.GetProperty("answerDue").GetString(), appeal.GetProperty("late").GetBoolean()));
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "合同.pdf" } })
        {
            var withFile = await Ok(await sales.PostAsync($"/api/v1/appeals/{appealId}/evidence", form));
            Assert.Equal("合同.pdf", Assert.Single(withFile.GetProperty("evidence").EnumerateArray()).GetProperty("fileName").GetString());
        }

        var filed2 = await supervisor.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = new[] { "team_management" }, text = "团队管理评分偏低。" });
        Assert.Equal(HttpStatusCode.Created, filed2.StatusCode);
        var appeal2 = (await Ok(filed2)).GetProperty("id").GetInt64();
        Assert.Equal([appealId], (await Ok(await sales.GetAsync("/api/v1/appeals?period=2026-10"))).EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));

        // ---- Answers: refusals first ----
        var max = Assert.Single(appeal.GetProperty("lines").EnumerateArray()).GetProperty("maxPoints").GetDecimal();
        before = Changes();
        await Refused(await sales.PostAsJsonAsync($"/api/v1/appeals/{appealId}/answer", new { outcome = "upheld", answer = "成立", corrections = new[] { new { indicator = code, points = max } } }), HttpStatusCode.Forbidden, EvaluationErrorCode.HrOnly);
        await Refused(await hr.PostAsJsonAsync($"/api/v1/appeals/{appealId}/answer", new { outcome = "upheld", answer = "成立" }), HttpStatusCode.BadRequest, EvaluationErrorCode.AppealCorrectionRequired);
        await Refused(await hr.PostAsJsonAsync($"/api/v1/appeals/{appealId}/answer", new { outcome = "upheld", answer = "成立", corrections = new[] { new { indicator = code, points = max + 1m } } }), HttpStatusCode.BadRequest, EvaluationErrorCode.AppealPointsInvalid);
        await Refused(await hr.PostAsJsonAsync($"/api/v1/appeals/{appeal2}/answer", new { outcome = "rejected", answer = "驳回", corrections = new[] { new { indicator = "team_management", points = 1m } } }), HttpStatusCode.BadRequest, EvaluationErrorCode.AppealCorrectionNotUpheld);
        await Refused(await hr.PostAsJsonAsync($"/api/v1/appeals/{appealId}/answer", new { outcome = "upheld", answer = "成立", corrections = new[] { new { indicator = code, points = max } }, version = 9 }), HttpStatusCode.Conflict, EvaluationErrorCode.EvaluationChanged);
        Assert.Equal(before, Changes());

        // ---- Upheld: the line's points corrected, P01 recomputed and republished; everyone else keeps the published numbers ----
        var upheld = await Ok(await hr.PostAsJsonAsync($"/api/v1/appeals/{appealId}/answer", new { outcome = "upheld", answer = "核实合同属实，补计得分。", corrections = new[] { new { indicator = code, points = max } } }));
        Assert.Equal(("upheld", max, "hr"), (upheld.GetProperty("outcome").GetString(), upheld.GetProperty("lines")[0].GetProperty("corrected").GetDecimal(), upheld.GetProperty("answeredBy").GetString()));
        await Refused(await hr2.PostAsJsonAsync($"/api/v1/appeals/{appealId}/answer", new { outcome = "rejected", answer = "再议" }), HttpStatusCode.Conflict, EvaluationErrorCode.AppealAnswered);
        var republished = Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-10").PublishedRunId!.Value);
        Assert.NotEqual(calibrated, republished);
        var after = Db(db => db.Results.AsNoTracking().Where(r => r.RunId == republished).Select(r => new { r.EmployeeId, r.OrgUnitId, r.Grade, r.Coefficient, r.Total, r.PayTotal }).ToList());
        var newP01 = after.Single(r => r.EmployeeId == "P01");
        var newTotal = p01.Total - line.GetProperty("points").GetDecimal() + max;
        Assert.Equal(newTotal, newP01.Total);
        Assert.Equal(Band(newTotal), newP01.Grade);
        Assert.Equal(rows.Where(r => r.EmployeeId != "P01").OrderBy(r => r.EmployeeId), after.Where(r => r.EmployeeId != "P01").OrderBy(r => r.EmployeeId));
        var seen = await Ok(await sales.GetAsync("/api/v1/results/me?period=2026-10"));
        Assert.Equal((newTotal, newP01.PayTotal), (seen.GetProperty("total").GetDecimal(), seen.GetProperty("payTotal").GetDecimal()));
        var answered = Assert.Single((await Ok(await sales.GetAsync("/api/v1/appeals?period=2026-10"))).EnumerateArray());
        Assert.Equal(("upheld", "核实合同属实，补计得分。"), (answered.GetProperty("outcome").GetString(), answered.GetProperty("answer").GetString()));
        Assert.Contains("核实合同属实，补计得分。", await Page(sales, "/me?period=2026-10"), StringComparison.Ordinal);

        // ---- Rejected by hr2 ----
        var rejected = await Ok(await hr2.PostAsJsonAsync($"/api/v1/appeals/{appeal2}/answer", new { outcome = "rejected", answer = "评分有记录支撑，维持原结果。" }));
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
        Assert.Equal(republished, Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-10").PublishedRunId!.Value));

        // ---- Improvement plans for everyone below the standard (C): written by HR or the direct manager, never oneself ----
        var plans = (await Ok(await hr.GetAsync("/api/v1/evaluations/2026-10/improvement-plans"))).EnumerateArray().ToList();
        Assert.Equal(after.Where(r => r.Grade == "C").Select(r => r.EmployeeId).Order(StringComparer.Ordinal), plans.Select(p => p.GetProperty("employeeId").GetString()));
        var weak = plans[0].GetProperty("employeeId").GetString()!;
        const string Plans = "/api/v1/evaluations/2026-10/improvement-plans/";
        var strong = after.First(r => r.Grade == "S").EmployeeId;
        before = Changes();
        await Refused(await sales.PutAsJsonAsync(Plans + "P01", new { goals = "提升成交", actions = "每周复盘" }), HttpStatusCode.Forbidden, EvaluationErrorCode.ImprovementNotAllowed);
        await Refused(await hr.PutAsJsonAsync(Plans + strong, new { goals = "提升成交", actions = "每周复盘" }), HttpStatusCode.Conflict, EvaluationErrorCode.ImprovementNotNeeded);
        await Refused(await hr.PutAsJsonAsync(Plans + weak, new { goals = "提升成交", actions = "" }), HttpStatusCode.BadRequest, EvaluationErrorCode.ImprovementTextRequired);
        Assert.Equal(before, Changes());
        var written = await Ok(await hr.PutAsJsonAsync(Plans + weak, new { goals = "下月成交 3 台", actions = "每周与主管复盘跟进客户", dueOn = "2026-12-31", version = 0 }));
        Assert.Equal(("C", "下月成交 3 台", "2026-12-31", 1L), (written.GetProperty("grade").GetString(), written.GetProperty("goals").GetString(),
            written.GetProperty("dueOn").GetString(), written.GetProperty("version").GetInt64()));
        await Refused(await hr.PutAsJsonAsync(Plans + weak, new { goals = "下月成交 4 台", actions = "每周复盘", version = 0 }), HttpStatusCode.Conflict, EvaluationErrorCode.EvaluationChanged);
        var noted = await Ok(await hr.PostAsJsonAsync(Plans + weak + "/notes", new { note = "第一周：已跟进 5 位客户" }));
        Assert.Equal(("第一周：已跟进 5 位客户", "hr"), (noted.GetProperty("notes")[0].GetProperty("note").GetString(), noted.GetProperty("notes")[0].GetProperty("by").GetString()));
        Assert.All((await Ok(await sales.GetAsync("/api/v1/evaluations/2026-10/improvement-plans"))).EnumerateArray(), p => Assert.Equal("P01", p.GetProperty("employeeId").GetString()));

        // ---- After the window: no more appeals; the period closes; calibration refused ----
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        using var salesLater = await As("sales");
        using var hrLater = await As("hr");
        var closedWindow = await Refused(await salesLater.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = new[] { code }, text = "再次申诉" }), HttpStatusCode.Conflict, EvaluationErrorCode.AppealWindowClosed);
        Assert.Equal("期间 2026-10 的公示期已于 2026-12-01 结束，不能再申诉。", closedWindow);
        var closed = await Ok(await hrLater.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "closed" }));
        Assert.Equal(("closed", "2026-12-01", "2026-12-15"), (closed.GetProperty("state").GetString(),
            closed.GetProperty("deadlines").GetProperty("confirmation").GetString(), closed.GetProperty("deadlines").GetProperty("bonusDue").GetString()));
        await Refused(await hrLater.PutAsJsonAsync(Calibration + "/P02", new { grade = "A", reason = "复核" }), HttpStatusCode.Conflict, EvaluationErrorCode.WrongState);

        // ---- The audit log holds every step ----
        var actions = Db(db => db.AuditLog.AsNoTracking().Where(a => a.Period == "2026-10").Select(a => a.Action).ToList());
        foreach (var action in (string[])["period.calibration", "calibration.grade", "calibration.forced", "calibration.forced_distribution", "period.publication.request",
            "period.published", "appeal.file", "appeal.evidence.add", "appeal.correction", "appeal.answer", "appeal.upheld", "improvement.save", "improvement.note", "period.closed"])
        {
            Assert.Contains(action, actions);
        }
    }

    /// <summary>The forced distribution's moves on run <paramref name="run"/>, computed here from the stored results and the plan.</summary>
    private static IReadOnlyList<GradeMove> ExpectedMoves(IServiceProvider services, long run)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var plan = PlanLoader.Load(db.PlanVersions.AsNoTracking().OrderBy(v => v.Id).First().Yaml).Plan!;
        var scale = plan.GradeScales["standard"];
        var people = db.Results.AsNoTracking().Where(r => r.RunId == run && r.Grade != null).ToList()
            .Select(r => new RankedPerson(r.EmployeeId, r.OrgUnitId, r.Total, r.Grade!, scale));
        return ForcedDistribution.Moves(plan.Grades.ForcedDistribution!, people);
    }

    private static string Band(decimal total) => total >= 90m ? "S" : total >= 80m ? "A" : total >= 70m ? "B" : "C";

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
}
