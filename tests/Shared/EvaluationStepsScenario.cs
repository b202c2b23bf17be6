using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Testing;

/// <summary>
/// One person's evaluation through the API (docs/decisions/0019-evaluation-cycle.md), on the demo seeded on
/// <see cref="TestClock.Now"/> (2026-11-26: October in evaluation, its self-assessment due 2026-11-04 and manager scoring
/// 2026-11-11, both past): the salesperson P01 is refused after the deadline, HR extends it (manager scoring moves with it),
/// P01 saves a draft, attaches evidence (type, content and size checked), is refused a stale save, submits; the
/// supervisor S11 — P01's direct manager — scores P01 with the talk recorded; the store manager M01 may not score P01, S11
/// not themself, M01 scores S11 and S11's ratings are then fixed. Every refusal answers its code in the caller's language
/// and changes nothing; every change is in the audit log with the person. The same scenario on each provider.
/// </summary>
public static class EvaluationStepsScenario
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    /// <summary>Runs the scenario. <paramref name="signIn"/> gives a signed-in cookie client (with the CSRF header) for a demo login.</summary>
    public static async Task RunAsync(IServiceProvider services, FakeTimeProvider clock, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(signIn);
        Assert.Equal(TestClock.Now, clock.GetUtcNow());
        Task<HttpClient> As(string user) => signIn(user, DemoSetup.Logins.Single(l => l.UserName == user).Password);
        using var hr = await As("hr");
        using var sales = await As("sales");
        using var supervisor = await As("supervisor");
        using var manager = await As("manager");
        using var finance = await As("finance");
        T Db<T>(Func<JixiaoDbContext, T> query)
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        int Changes() => Db(db => db.AuditLog.Count() + db.SelfAssessments.Count() + db.EvidenceFiles.Count() + db.ManagerReviews.Count());
        const string Self = "/api/v1/evaluations/2026-10/self-assessment";

        // ---- P01 reads the lines of their evaluation basis; the deadline has passed, so nothing can change ----
        var view = await Ok(await sales.GetAsync(Self));
        var indicators = view.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("indicator").GetString()!).ToList();
        Assert.Equal(["sales", "gross_margin", "new_leads", "followup", "satisfaction"], indicators);
        var basis = view.GetProperty("basisRunId").GetInt64();
        Assert.Equal(Db(db => db.EvaluationPeriods.Single(p => p.Key == "2026-10").BasisRunId), basis);
        var stored = Db(db => db.Results.Single(r => r.RunId == basis && r.EmployeeId == "P01").DetailsJson);
        var salesLine = view.GetProperty("lines")[0];
        Assert.Contains(salesLine.GetProperty("points").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture), stored, StringComparison.Ordinal);
        Assert.Equal(("2026-11-04", true, false, "SelfAssessmentPastDeadline"), (view.GetProperty("due").GetString(), view.GetProperty("overdue").GetBoolean(),
            view.GetProperty("editable").GetBoolean(), view.GetProperty("lockedCode").GetString()));
        var before = Changes();
        var late = await Refused(await sales.PutAsJsonAsync(Self, Body(Confirmed(indicators), submit: true, version: 0)), HttpStatusCode.Conflict, EvaluationErrorCode.SelfAssessmentPastDeadline);
        Assert.Equal("期间 2026-10 的自评截止日期（2026-11-04）已过；如需延期，请联系人力资源部。", late);
        Assert.Equal(before, Changes());

        // ---- HR extends self-assessment to Nov 30; manager scoring (5 working days after) moves to Dec 7 ----
        var extended = await Ok(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/deadlines", new { step = "self_assessment", due = "2026-11-30", reason = "系统上线，自评延期" }));
        Assert.Equal(("2026-11-30", "2026-12-07"), (extended.GetProperty("deadlines").GetProperty("selfAssessment").GetString(),
            extended.GetProperty("deadlines").GetProperty("managerScoring").GetString()));
        view = await Ok(await sales.GetAsync(Self));
        Assert.True(view.GetProperty("editable").GetBoolean());
        Assert.False(view.GetProperty("overdue").GetBoolean());

        // ---- Who may read it: P01, their managers, HR; not finance (no subtree), nobody outside ----
        Assert.Equal("P01", (await Ok(await supervisor.GetAsync(Self + "?employee=P01"))).GetProperty("employeeId").GetString());
        Assert.Equal("P01", (await Ok(await manager.GetAsync(Self + "?employee=P01"))).GetProperty("employeeId").GetString());
        Assert.Equal("P01", (await Ok(await hr.GetAsync(Self + "?employee=P01"))).GetProperty("employeeId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync(Self + "?employee=P01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(Self + "?employee=P09")).StatusCode); // another team's salesperson
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.GetAsync(Self)).StatusCode); // HR has no own self-assessment: say whose

        // ---- Lines checked (each refusal changes nothing), a draft saved, a stale save refused ----
        before = Changes();
        await Refused(await sales.PutAsJsonAsync(Self, Body([("nope", true, null)], false, 0)), HttpStatusCode.BadRequest, EvaluationErrorCode.SelfAssessmentLineUnknown);
        await Refused(await sales.PutAsJsonAsync(Self, Body([("sales", false, " ")], false, 0)), HttpStatusCode.BadRequest, EvaluationErrorCode.SelfAssessmentCommentRequired);
        await Refused(await sales.PutAsJsonAsync(Self, Body([("sales", true, null), ("sales", true, null)], false, 0)), HttpStatusCode.BadRequest, EvaluationErrorCode.SelfAssessmentLineTwice);
        var missing = await Refused(await sales.PutAsJsonAsync(Self, Body([("sales", true, null)], true, 0)), HttpStatusCode.BadRequest, EvaluationErrorCode.SelfAssessmentLineMissing);
        Assert.Equal("指标“followup”尚未确认或备注：提交前每一行都须确认或备注。", missing);
        Assert.Equal(before, Changes());
        var draft = await Ok(await sales.PutAsJsonAsync(Self, Body([("sales", false, "10月20日成交的一台SUV未计入"), ("gross_margin", true, null)], false, 0)));
        Assert.Equal((false, 1L), (draft.GetProperty("submitted").GetBoolean(), draft.GetProperty("version").GetInt64()));
        Assert.Equal("10月20日成交的一台SUV未计入", draft.GetProperty("lines")[0].GetProperty("comment").GetString());
        Assert.False(draft.GetProperty("lines")[0].GetProperty("confirmed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("lines")[2].GetProperty("confirmed").ValueKind);
        before = Changes();
        var stale = await Refused(await sales.SendAsync(English(HttpMethod.Put, Self, Body(Confirmed(indicators), true, 0))), HttpStatusCode.Conflict, EvaluationErrorCode.EvaluationChanged);
        // The person by name, never by code.
        Assert.Equal($"{Db(db => db.Employees.Single(e => e.Id == "P01").Name)}'s Self-assessment was saved by someone else since you opened it; reload it and make your change again.", stale);
        Assert.Equal(before, Changes());

        // ---- Evidence: type by extension and content, size limit, listed and downloadable by whoever may read ----
        await Refused(await sales.PostAsync(Self + "/evidence", File("合同.pdf", Png)), HttpStatusCode.BadRequest, EvaluationErrorCode.EvidenceContentMismatch);
        await Refused(await sales.PostAsync(Self + "/evidence", File("run.exe", Pdf)), HttpStatusCode.BadRequest, EvaluationErrorCode.EvidenceTypeNotAllowed);
        await Refused(await sales.PostAsync(Self + "/evidence", File("空.pdf", [])), HttpStatusCode.BadRequest, EvaluationErrorCode.EvidenceEmpty);
        var big = new byte[(int)EvidenceRules.DefaultMaxBytes + 1];
        Pdf.CopyTo(big, 0);
        var tooLarge = await Refused(await sales.PostAsync(Self + "/evidence", File("扫描件.pdf", big)), HttpStatusCode.BadRequest, EvaluationErrorCode.EvidenceTooLarge);
        Assert.Equal("文件 扫描件.pdf 大小为 5.1 MB，超过上限 5 MB。", tooLarge);
        Assert.Equal(before, Changes());
        var attached = await Ok(await sales.PostAsync(Self + "/evidence", File("交车单.pdf", Pdf, "text/html")));
        var file = Assert.Single(attached.GetProperty("evidence").EnumerateArray());
        Assert.Equal(("交车单.pdf", "application/pdf", (long)Pdf.Length), (file.GetProperty("fileName").GetString(), file.GetProperty("contentType").GetString(), file.GetProperty("size").GetInt64()));
        Assert.Equal(2L, attached.GetProperty("version").GetInt64());
        var url = file.GetProperty("url").GetString()!;
        var download = await supervisor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync(url)).StatusCode);
        await Refused(await supervisor.DeleteAsync(url), HttpStatusCode.NotFound, EvaluationErrorCode.EvidenceNotFound);
        var second = await Ok(await sales.PostAsync(Self + "/evidence", File("客户确认.png", Png)));
        var png = second.GetProperty("evidence")[1].GetProperty("url").GetString()!;
        Assert.Equal(1, (await Ok(await sales.DeleteAsync(png))).GetProperty("evidence").GetArrayLength());

        // ---- Submitted: every line; then final ----
        var lines = Confirmed(indicators);
        lines[0] = ("sales", false, "10月20日成交的一台SUV未计入，见交车单");
        var submitted = await Ok(await sales.PutAsJsonAsync(Self, Body(lines, true, 4)));
        Assert.True(submitted.GetProperty("submitted").GetBoolean());
        Assert.Equal("SelfAssessmentSubmitted", submitted.GetProperty("lockedCode").GetString());
        before = Changes();
        await Refused(await sales.PutAsJsonAsync(Self, Body(lines, false, 5)), HttpStatusCode.Conflict, EvaluationErrorCode.SelfAssessmentSubmitted);
        await Refused(await sales.PostAsync(Self + "/evidence", File("补充.pdf", Pdf)), HttpStatusCode.Conflict, EvaluationErrorCode.SelfAssessmentSubmitted);
        await Refused(await sales.DeleteAsync(url), HttpStatusCode.Conflict, EvaluationErrorCode.SelfAssessmentSubmitted);
        Assert.Equal(before, Changes());
        var audit = Db(db => db.AuditLog.AsNoTracking().Where(a => a.EmployeeId == "P01" && a.Period == "2026-10").OrderBy(a => a.Id).Select(a => new { a.Action, a.Before, a.After }).ToList());
        Assert.Equal(["self_assessment.save", "self_assessment.evidence.add", "self_assessment.evidence.add", "self_assessment.evidence.remove", "self_assessment.submit"],
            audit.Select(a => a.Action));
        Assert.Null(audit[0].Before);
        Assert.Equal("draft: gross_margin ✓; sales “10月20日成交的一台SUV未计入”", audit[0].After);
        Assert.StartsWith("submitted: followup ✓; gross_margin ✓; new_leads ✓; sales “10月20日成交的一台SUV未计入，见交车单”", audit[^1].After, StringComparison.Ordinal);

        // ---- Manager scoring: S11 owes P01's; M01 may not, S11 not their own ----
        const string Scoring = "/api/v1/evaluations/2026-10/manager-scoring";
        var owed = await Ok(await supervisor.GetAsync(Scoring));
        var team = owed.EnumerateArray().Select(v => v.GetProperty("employeeId").GetString()!).ToList();
        Assert.Equal(Db(db => db.Employees.Where(e => e.Assignments.Any(a => a.ManagerId == "S11")).Select(e => e.Id).OrderBy(e => e).ToList()), team);
        var p01 = owed.EnumerateArray().Single(v => v.GetProperty("employeeId").GetString() == "P01");
        Assert.Equal((true, "2026-12-07", true), (p01.GetProperty("selfSubmitted").GetBoolean(), p01.GetProperty("due").GetString(), p01.GetProperty("editable").GetBoolean()));
        Assert.Equal("10月20日成交的一台SUV未计入，见交车单", p01.GetProperty("selfAssessment")[0].GetProperty("comment").GetString());
        before = Changes();
        await Refused(await manager.PutAsJsonAsync(Scoring + "/P01", Scored(submit: true, version: 0)), HttpStatusCode.Forbidden, EvaluationErrorCode.ManagerScoringNotDirectManager);
        await Refused(await supervisor.PutAsJsonAsync(Scoring + "/S11", Scored(submit: true, version: 0)), HttpStatusCode.Forbidden, EvaluationErrorCode.ManagerScoringSelf);
        await Refused(await hr.PutAsJsonAsync(Scoring + "/P01", Scored(submit: true, version: 0)), HttpStatusCode.Forbidden, EvaluationErrorCode.ManagerScoringNotDirectManager);
        await Refused(await supervisor.PutAsJsonAsync(Scoring + "/P01", Scored(submit: true, version: 0, talkOn: null)), HttpStatusCode.BadRequest, EvaluationErrorCode.ManagerScoringTalkMissing);
        await Refused(await supervisor.PutAsJsonAsync(Scoring + "/P01", Scored(submit: true, version: 0, talkOn: "2026-10-20")), HttpStatusCode.BadRequest, EvaluationErrorCode.ManagerScoringTalkDateInvalid);
        await Refused(await supervisor.PutAsJsonAsync(Scoring + "/P01", Scored(submit: true, version: 3)), HttpStatusCode.Conflict, EvaluationErrorCode.EvaluationChanged);
        Assert.Equal(before, Changes());
        var scored = await Ok(await supervisor.PutAsJsonAsync(Scoring + "/P01", Scored(submit: true, version: 0)));
        Assert.Equal((true, "2026-11-26", "漏计车辆已核实，交HR在校准时处理"), (scored.GetProperty("submitted").GetBoolean(), scored.GetProperty("talkOn").GetString(),
            scored.GetProperty("talkNote").GetString()));
        await Refused(await supervisor.PutAsJsonAsync(Scoring + "/P01", Scored(submit: false, version: 1)), HttpStatusCode.Conflict, EvaluationErrorCode.ManagerScoringSubmitted);
        Assert.Equal("P01", (await Ok(await hr.GetAsync(Scoring + "/P01"))).GetProperty("employeeId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync(Scoring + "/P01")).StatusCode);

        // ---- M01 scores S11 (the supervisor's rating indicators are all rated in the demo); S11's ratings are then fixed ----
        var s11 = Assert.Single((await Ok(await manager.GetAsync(Scoring))).EnumerateArray(), v => v.GetProperty("employeeId").GetString() == "S11");
        Assert.Empty(s11.GetProperty("unscored").EnumerateArray());
        Assert.True((await Ok(await manager.PutAsJsonAsync(Scoring + "/S11", Scored(submit: true, version: 0)))).GetProperty("submitted").GetBoolean());
        var rating = Db(db => db.Ratings.AsNoTracking().Where(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management").OrderByDescending(r => r.ExternalId).First());
        var change = await manager.PutAsJsonAsync("/api/v1/ratings", new { period = "2026-10", items = new[] { new { employeeId = "S11", indicator = "team_management", points = 20m, version = rating.Version } } });
        await Refused(change, HttpStatusCode.Conflict, EvaluationErrorCode.ManagerScoringSubmitted);
        Assert.Equal(rating.Points, Db(db => db.Ratings.AsNoTracking().Single(r => r.Id == rating.Id).Points));

        // (The demo's other scorings of October are in the log too, by the supervisors who are not demo logins.)
        var scorings = Db(db => db.AuditLog.AsNoTracking().Where(a => a.Period == "2026-10" && a.Action.StartsWith("manager_scoring.") && (a.EmployeeId == "P01" || a.EmployeeId == "S11"))
            .Select(a => new { a.Action, a.EmployeeId, a.After }).ToList());
        Assert.Equal([("manager_scoring.submit", "P01"), ("manager_scoring.submit", "S11")], scorings.Select(s => (s.Action, s.EmployeeId)).Order());
        Assert.Contains(scorings, s => s.EmployeeId == "P01" && s.After == "submitted; talk 2026-11-26 “漏计车辆已核实，交HR在校准时处理”; comment “成交稳定，跟进及时”");
    }

    private static List<(string Indicator, bool Confirmed, string? Comment)> Confirmed(IEnumerable<string> indicators) => [.. indicators.Select(i => (i, true, (string?)null))];

    private static object Body(IEnumerable<(string Indicator, bool Confirmed, string? Comment)> lines, bool submit, long version) =>
        new { lines = lines.Select(l => new { indicator = l.Indicator, confirmed = l.Confirmed, comment = l.Comment }).ToList(), submit, version };

    private static object Scored(bool submit, long version, string? talkOn = "2026-11-26") =>
        new { comment = "成交稳定，跟进及时", talkOn, talkNote = "漏计车辆已核实，交HR在校准时处理", submit, version };

    private static MultipartFormDataContent File(string name, byte[] content, string contentType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", name);
        return form;
    }

    private static HttpRequestMessage English(HttpMethod method, string uri, object body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        return request;
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
