using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Every query, route and body parameter of every API endpoint (and the calculation and plan exports) × hostile values:
/// the answer is a 400 or 404 problem in the caller's language (zh-CN by default, English when asked) that names no
/// .NET type, nothing answers 5xx or a file, and nothing is logged as an unhandled exception. A value a parameter
/// legitimately accepts (a search for "abc") may succeed; every other one must be refused.
/// </summary>
public sealed partial class HostileInputTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Hostile = ["abc", "-1", "0", "99999999999", "9999-12", "2026-13", "2026-Q5", "", new string('x', 10_000), "\0"];

    private readonly LogCapture _log = new();
    private readonly JixiaoFactory _factory;
    private HttpClient _hr = default!;
    private long _unique;

    public HostileInputTests() => _factory = new JixiaoFactory { TestServices = s => s.AddSingleton<ILoggerProvider>(_log) };

    public async Task InitializeAsync() => _hr = await _factory.SignedIn("hr", "Demo-hr-2026");

    public Task DisposeAsync()
    {
        _hr.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _log.Dispose();
    }

    private T WithDb<T>(Func<Jixiao.Application.Persistence.JixiaoDbContext, T> query) => _factory.WithDb(query);

    /// <summary>What a parameter accepts: which hostile values may legitimately succeed.</summary>
    private enum Kind
    {
        /// <summary>Required: nothing hostile is valid.</summary>
        Strict,

        /// <summary>Optional: only empty (= not given) is valid.</summary>
        Optional,

        /// <summary>Free text or an id filter: anything short and without control characters is valid.</summary>
        Text,

        /// <summary>A true/false flag: empty and 0 are valid.</summary>
        Flag,

        /// <summary>A number in a JSON body (numbers in strings are read): 0 and a large positive number may be valid.</summary>
        Number,
    }

    /// <summary>One parameter of one endpoint; <paramref name="Valid"/>: hostile values it legitimately accepts, beyond its kind's.</summary>
    private sealed record Case(string Method, string Path, string? Body, Kind Kind, bool Route = false, string[]? Valid = null);

    private static string Q(string v) => Uri.EscapeDataString(v);

    private static string J(string v) => JsonSerializer.Serialize(v);

    /// <summary>Every endpoint and parameter; <c>{v}</c> marks where the hostile value goes.</summary>
    private static IEnumerable<Case> Cases()
    {
        // Organisation and people.
        yield return new("GET", "/api/v1/org-units/{v}/managers", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/employees?unit={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/employees?q={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/employees?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/employees?pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/employees/{v}", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/employees/export?unit={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/employees/export?position={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/employees/export?q={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/employees/export?sort={v}", null, Kind.Optional);
        yield return new("POST", "/api/v1/employees", """{"id":"HX1","name":"x","hireDate":{j},"orgUnitId":"ST1-T1","position":"salesperson","level":"core"}""", Kind.Strict);
        yield return new("PUT", "/api/v1/employees/{v}", """{"name":"x","hireDate":"2020-01-01","version":0}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/employees/P05", """{"name":"x","hireDate":{j},"version":{pver}}""", Kind.Strict);
        yield return new("POST", "/api/v1/employees/P05/transfers", """{"effectiveFrom":{j},"orgUnitId":"ST1-T2","version":{pver}}""", Kind.Strict);
        yield return new("POST", "/api/v1/employees/{v}/transfers", """{"effectiveFrom":"2026-12-01","version":0}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/org-units/{v}", """{"name":"x","parentId":"HQ","version":0}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/org-units/ST3-T2", """{"name":"x","parentId":"ST3","managerFrom":{j},"version":{uver}}""", Kind.Optional);

        // Plans and data.
        yield return new("GET", "/api/v1/plans/{v}/versions/1", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/plans/4s-dealership/versions/{v}", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/exports/plans/{v}/1", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/exports/plans/4s-dealership/{v}", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/data/{v}/template", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/data/sales/template?format={v}", null, Kind.Optional);
        yield return new("POST", "/api/v1/data/{v}", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/data/sales?effectiveFrom={v}", null, Kind.Strict);

        // Calculation runs and their exports.
        yield return new("GET", "/api/v1/runs?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/runs/{v}", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/runs", """{"period":{j}}""", Kind.Strict);
        yield return new("POST", "/api/v1/runs", """{"period":"2026-10","unit":{j}}""", Kind.Optional);
        yield return new("GET", "/calculation/export?run={v}", null, Kind.Strict);
        yield return new("GET", "/calculation/export?run={run}&what={v}", null, Kind.Optional);
        // What the calculation page shows of a run (issue 13).
        yield return new("GET", "/api/v1/runs/{v}/comparison", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/runs/{run}/comparison?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/runs/{run}/comparison?pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/runs/{v}/not-computed", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/runs/{run}/not-computed?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/runs/{run}/not-computed?pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/runs/{v}/totals", null, Kind.Strict, Route: true);

        // Results, ratings, exports.
        yield return new("GET", "/api/v1/results/me?period={v}", null, Kind.Strict);
        yield return new("GET", "/api/v1/results?period={v}", null, Kind.Strict);
        yield return new("GET", "/api/v1/results?period=2026-10&unit={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/results?period=2026-10&q={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/results?period=2026-10&sort={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/results?period=2026-10&page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/results?period=2026-10&pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/results/{v}/explanation?period=2026-10", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/results/P01/explanation?period={v}", null, Kind.Strict);
        yield return new("GET", "/api/v1/ratings?period={v}", null, Kind.Strict);
        yield return new("GET", "/api/v1/ratings?period=2026-10&employee={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/ratings/sheet?period={v}", null, Kind.Strict);
        yield return new("PUT", "/api/v1/ratings", """{"period":{j},"items":[]}""", Kind.Strict);
        // HR rates in the open month: once a period is in evaluation only the direct manager does (RatingService).
        yield return new("PUT", "/api/v1/ratings", """{"period":"2026-11","items":[{"employeeId":"S11","indicator":"team_management","points":{j},"version":{rver}}]}""", Kind.Number);
        yield return new("GET", "/api/v1/exports/person?employee=P01&period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/exports/person?employee={v}&period=2026-10", null, Kind.Strict);
        yield return new("GET", "/api/v1/exports/team?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/exports/team?period=2026-10&q={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/exports/team?period=2026-10&sort={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/exports/ratings?period={v}", null, Kind.Strict);

        // Targets.
        yield return new("GET", "/api/v1/targets?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/targets?year={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/targets?subject={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/targets?metric={v}", null, Kind.Text);
        yield return new("PUT", "/api/v1/targets", """[{"subject":"P01","metric":"hostile","period":{j},"value":1}]""", Kind.Strict);
        yield return new("PUT", "/api/v1/targets", """[{"subject":{j},"metric":"hostile","period":"2099-01","value":1}]""", Kind.Strict);
        yield return new("PUT", "/api/v1/targets", """[{"subject":"P01","metric":"hostile{u}","period":"2099-01","value":{j}}]""", Kind.Number);
        yield return new("PUT", "/api/v1/targets?overwriteCalculated={v}", "[]", Kind.Strict);
        yield return new("POST", "/api/v1/targets/decompose", """{"year":{j},"metric":"vehicles","subject":"ST1","annual":10}""", Kind.Strict);
        yield return new("POST", "/api/v1/targets/decompose?apply={v}", """{"year":2027,"metric":"vehicles","subject":"ST1","annual":10}""", Kind.Flag);

        // The working-day calendar (its own range: years 2008–2099).
        yield return new("GET", "/api/v1/calendar?year={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/calendar/workdays?from={v}&add=3", null, Kind.Strict);
        yield return new("GET", "/api/v1/calendar/workdays?from=2026-09-30&add={v}", null, Kind.Strict, Valid: ["-1", "0"]);
        yield return new("PUT", "/api/v1/calendar/days/{v}", """{"kind":"holiday","name":"x"}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/calendar/days/2026-12-30", """{"kind":{j},"name":"x"}""", Kind.Strict);
        yield return new("DELETE", "/api/v1/calendar/days/{v}", null, Kind.Strict, Route: true);
        yield return new("DELETE", "/api/v1/calendar/days/2026-12-28?version={v}", null, Kind.Strict);

        // The evaluation cycle (docs/decisions/0019-evaluation-cycle.md) and late corrections.
        yield return new("GET", "/api/v1/periods/{v}", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/periods/{v}/transitions", """{"to":"evaluation"}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/periods/2026-10/transitions", """{"to":{j}}""", Kind.Strict);
        yield return new("POST", "/api/v1/periods/2026-10/deadlines", """{"step":{j},"due":"2026-12-31","reason":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/periods/2026-10/deadlines", """{"step":"self_assessment","due":{j},"reason":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/periods/{v}/publication", """{"runId":1}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/periods/{v}/publication/approve", null, Kind.Strict, Route: true);
        yield return new("DELETE", "/api/v1/periods/{v}/publication", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/adjustments?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/adjustments?employee={v}", null, Kind.Text);
        yield return new("POST", "/api/v1/adjustments", """{"period":{j},"employeeId":"P01","correctsPeriod":"2026-09","amount":1}""", Kind.Strict);
        yield return new("POST", "/api/v1/adjustments", """{"period":"2026-12","employeeId":"P01","correctsPeriod":{j},"amount":1}""", Kind.Strict);

        // Payroll months (read by HR; preparing and approving are finance's: PayrollApiTests sends them hostile months and bodies, and bad export formats).
        yield return new("GET", "/api/v1/payroll/months/{v}", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/payroll/months/{v}/export", null, Kind.Strict, Route: true);

        // Cost control (HR decides; the demo plan has no cost control, so a valid reason reaches "no capped result", 404).
        yield return new("GET", "/api/v1/cost-control/periods/{v}", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/cost-control/periods/{v}/decision", """{"kind":"scale"}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/cost-control/periods/2026-05/decision", """{"kind":{j}}""", Kind.Strict);
        yield return new("POST", "/api/v1/cost-control/periods/2026-05/decision", """{"kind":"approve_excess","reason":{j}}""", Kind.Text);
        yield return new("GET", "/api/v1/cost-control/periods/{v}/lines", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/cost-control/periods/2026-05/lines?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/cost-control/periods/2026-05/lines?pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/cost-control/periods/2026-05/lines?person={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/cost-control/periods/2026-05/lines?unit={v}", null, Kind.Text);

        // Career recommendations (the demo plan has no career rules: a valid decision reaches "no such recommendation", 404).
        yield return new("GET", "/api/v1/careers?year={v}", null, Kind.Optional);
        yield return new("POST", "/api/v1/careers/decisions", """{"employee":{j},"rule":"tier_promotion","effective":"2026-08","accept":true}""", Kind.Text, Valid: ["abc", "-1", "0", "99999999999", "9999-12", "2026-13", "2026-Q5"]);
        yield return new("POST", "/api/v1/careers/decisions", """{"employee":"P01","rule":{j},"effective":"2026-08","accept":true}""", Kind.Strict);
        yield return new("POST", "/api/v1/careers/decisions", """{"employee":"P01","rule":"tier_promotion","effective":{j},"accept":true}""", Kind.Strict);
        yield return new("POST", "/api/v1/careers/decisions", """{"employee":"P01","rule":"tier_promotion","effective":"2026-08","accept":false,"reason":{j}}""", Kind.Text);

        // Manual awards (the demo plan has no award kinds: a valid request reaches "no such kind", 400 on kind).
        yield return new("POST", "/api/v1/awards", """{"employee":{j},"kind":"x","month":"2026-05","amount":6000,"reason":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/awards", """{"employee":"P01","kind":{j},"month":"2026-05","amount":6000,"reason":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/awards", """{"employee":"P01","kind":"x","month":{j},"amount":6000,"reason":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/awards", """{"employee":"P01","kind":"x","month":"2026-05","amount":{j},"reason":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/awards", """{"employee":"P01","kind":"x","month":"2026-05","amount":6000,"reason":{j}}""", Kind.Strict);

        // Team reward pools (HR is no team's leader: a valid body for the leader "nobody" reaches "no such pool", 404).
        yield return new("GET", "/api/v1/team-rewards?month={v}", null, Kind.Strict);
        yield return new("POST", "/api/v1/team-rewards", """{"month":{j},"rule":"team_reward","leader":"nobody","shares":[{"employee":"P01","amount":3000}]}""", Kind.Strict);
        yield return new("POST", "/api/v1/team-rewards", """{"month":"2026-05","rule":{j},"leader":"nobody","shares":[{"employee":"P01","amount":3000}]}""", Kind.Text);
        yield return new("POST", "/api/v1/team-rewards", """{"month":"2026-05","rule":"team_reward","leader":{j},"shares":[{"employee":"P01","amount":3000}]}""", Kind.Text);
        yield return new("POST", "/api/v1/team-rewards", """{"month":"2026-05","rule":"team_reward","leader":"nobody","shares":[{"employee":{j},"amount":3000}]}""", Kind.Text);
        yield return new("POST", "/api/v1/team-rewards", """{"month":"2026-05","rule":"team_reward","leader":"nobody","shares":[{"employee":"P01","amount":{j}}]}""", Kind.Number);
        yield return new("POST", "/api/v1/team-rewards/{v}/decision", """{"approve":true}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/team-rewards/1/decision", """{"approve":{j}}""", Kind.Strict);
        yield return new("POST", "/api/v1/team-rewards/1/decision", """{"approve":true,"note":{j}}""", Kind.Text);

        // Joint sales (业绩分配): a valid body names the sale "nosuch", which is checked first ("no such sale", 400 on sale);
        // there is no request 1 to decide (404).
        yield return new("GET", "/api/v1/credits?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/credits?status={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/credits?view={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/credits?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/credits/sales?q={v}", null, Kind.Text);
        yield return new("POST", "/api/v1/credits", """{"sale":{j},"shares":[{"employee":"P01","share":0.6},{"employee":"P02","share":0.4}]}""", Kind.Strict);
        yield return new("POST", "/api/v1/credits", """{"sale":"nosuch","shares":[{"employee":{j},"share":0.6},{"employee":"P02","share":0.4}]}""", Kind.Strict);
        yield return new("POST", "/api/v1/credits", """{"sale":"nosuch","shares":[{"employee":"P01","share":{j}},{"employee":"P02","share":0.4}]}""", Kind.Strict);
        yield return new("POST", "/api/v1/credits", """{"sale":"nosuch","shares":[{"employee":"P01","share":0.6},{"employee":"P02","share":0.4}],"note":{j}}""", Kind.Text);
        yield return new("POST", "/api/v1/credits/{v}/approve", "{}", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/credits/{v}/reject", """{"reason":"x"}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/credits/{v}/withdraw", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/credits/1/reject", """{"reason":{j}}""", Kind.Text);

        // One person's evaluation (docs/decisions/0019-evaluation-cycle.md). HR is linked to no employee, so a valid body
        // value reaches "not yours" (403) and only the values read before it are listed.
        yield return new("GET", "/api/v1/evaluations/{v}/self-assessment?employee=P01", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/2026-10/self-assessment?employee={v}", null, Kind.Text);
        yield return new("PUT", "/api/v1/evaluations/{v}/self-assessment", """{"lines":[],"submit":false,"version":0}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/evaluations/{v}/self-assessment/evidence", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/evidence/{v}", null, Kind.Strict, Route: true);
        yield return new("DELETE", "/api/v1/evaluations/evidence/{v}", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/{v}/manager-scoring", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/2026-10/manager-scoring/{v}", null, Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/{v}/manager-scoring/P01", """{"submit":false,"version":0}""", Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/{v}/calibration", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/evaluations/{v}/calibration/forced-distribution", null, Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/{v}/calibration/P01", """{"grade":"S","reason":"x"}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/2026-10/calibration/{v}", """{"reason":"x"}""", Kind.Text, Route: true);
        yield return new("GET", "/api/v1/appeals?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/appeals?employee={v}", null, Kind.Text);
        yield return new("POST", "/api/v1/appeals", """{"period":{j},"lines":["sales"],"text":"x"}""", Kind.Strict);
        yield return new("POST", "/api/v1/appeals", """{"period":"2026-10","lines":[{j}],"text":"x"}""", Kind.Text);
        yield return new("POST", "/api/v1/appeals/{v}/evidence", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/appeals/{v}/answer", """{"outcome":"rejected","answer":"x"}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/appeals/1/answer", """{"outcome":{j},"answer":"x"}""", Kind.Strict);
        yield return new("GET", "/api/v1/evaluations/{v}/improvement-plans", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/{v}/verification", null, Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/{v}/verification/P01", """{"outcome":"confirmed"}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/2026-10/verification/P01", """{"outcome":{j}}""", Kind.Strict);
        yield return new("PUT", "/api/v1/evaluations/{v}/improvement-plans/P01", """{"goals":"x","actions":"y"}""", Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/evaluations/{v}/improvement-plans/P01/notes", """{"note":"x"}""", Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/evaluations/{v}/feedback", null, Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/{v}/feedback/P01", """{"on":"2026-11-20"}""", Kind.Strict, Route: true);
        yield return new("PUT", "/api/v1/evaluations/2026-10/feedback/P01", """{"on":{j}}""", Kind.Strict);

        // Notifications and the audit log (docs/decisions/0023-notifications.md). HR is linked to no employee: marking read is 404.
        yield return new("GET", "/api/v1/notifications?unread={v}", null, Kind.Flag);
        yield return new("GET", "/api/v1/notifications?page={v}", null, Kind.Optional);
        yield return new("POST", "/api/v1/notifications/{v}/read", null, Kind.Strict, Route: true);
        yield return new("GET", "/api/v1/audit?person={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/audit?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/audit?action={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/audit?from={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/audit?to={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/audit?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/audit?pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/audit/export?period={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/audit/export?person={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/audit/export?format={v}", null, Kind.Optional);

        // Last, as its valid values create units named like the hostile values.
        yield return new("POST", "/api/v1/org-units", """{"id":{j},"name":"x","parentId":"HQ"}""", Kind.Text);

        // API tokens.
        yield return new("POST", "/api/v1/tokens", """{"name":{j},"scopes":["org:read"]}""", Kind.Text);
        yield return new("POST", "/api/v1/tokens", """{"name":"hostile","scopes":[{j}]}""", Kind.Strict);
        yield return new("DELETE", "/api/v1/tokens/{v}", null, Kind.Strict, Route: true);

        // Accounts (docs/decisions/0020-accounts.md); valid user names create finance accounts named like the values.
        yield return new("GET", "/api/v1/users?q={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/users?role={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/users?status={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/users?page={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/users?pageSize={v}", null, Kind.Optional);
        yield return new("GET", "/api/v1/users/candidates?unit={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/users/candidates?position={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/users/candidates?q={v}", null, Kind.Text);
        yield return new("GET", "/api/v1/users/candidates?withoutAccount={v}", null, Kind.Flag);
        yield return new("GET", "/api/v1/users/{v}", null, Kind.Strict, Route: true);
        yield return new("POST", "/api/v1/users", """{"userName":{j},"roles":["finance"]}""", Kind.Text);
        yield return new("POST", "/api/v1/users", """{"userName":"hostile-role","roles":[{j}]}""", Kind.Strict);
        yield return new("POST", "/api/v1/users", """{"userName":"hostile-initial","roles":["finance"],"initial":{j}}""", Kind.Optional);
        yield return new("POST", "/api/v1/users/bulk", """{"employeeIds":[{j}],"role":"salesperson"}""", Kind.Strict);
        yield return new("POST", "/api/v1/users/bulk", """{"employeeIds":["P20"],"role":{j}}""", Kind.Strict);
        yield return new("POST", "/api/v1/users/{v}/disable", """{"version":"x"}""", Kind.Strict, Route: true);
    }

    private static bool Accepts(Case c, string v) => (c.Valid?.Contains(v) ?? false) || Accepts(c.Kind, v);

    private static bool Accepts(Kind kind, string v) => kind switch
    {
        Kind.Optional => v.Length == 0,
        Kind.Flag => v is "" or "0",
        Kind.Number => v is "0" or "99999999999",
        Kind.Text => v.Length <= 200 && !v.Any(char.IsControl),
        _ => false,
    };

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"Exception|Microsoft\.|System\.[A-Z]|Jixiao\.[A-Z]")]
    private static partial Regex TypeName();

    /// <summary>What is wrong with one answer ("" when nothing).</summary>
    private static async Task<string> CheckAsync(HttpResponseMessage response, bool accepted, bool english)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (TypeName().IsMatch(text))
        {
            return $"{status} names a type: {text[..Math.Min(200, text.Length)]}";
        }

        if (status < 400)
        {
            return accepted ? "" : $"{status} for a value that must be refused";
        }

        if (status is not (400 or 404 or 415))
        {
            return $"{status}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without a problem detail ({response.Content.Headers.ContentType?.MediaType})";
        }

        var messages = Strings(JsonDocument.Parse(text).RootElement).Where(s => !s.StartsWith("http", StringComparison.Ordinal)).ToList();
        var chinese = messages.Any(m => Chinese().IsMatch(m));
        return english == chinese ? $"{status} not in {(english ? "English" : "Chinese")}: {string.Join(" | ", messages)[..Math.Min(200, string.Join(" | ", messages).Length)]}" : "";
    }

    private async Task<HttpResponseMessage> SendAsync(Case c, string v, string? language = null)
    {
        var (run, person, unit) = WithDb(db => (db.Runs.Max(r => r.Id), db.Employees.Single(e => e.Id == "P05").Version, db.OrgUnits.Single(u => u.Id == "ST3-T2").Version));
        var rating = WithDb(db => db.Ratings.Where(r => r.EmployeeId == "S11" && r.Period == "2026-11" && r.Indicator == "team_management")
            .OrderByDescending(r => r.ExternalId).Select(r => (long?)r.Version).FirstOrDefault());
        static string N(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = c.Path.Replace("{v}", Q(v), StringComparison.Ordinal).Replace("{run}", N(run), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), path);
        if (c.Body is not null)
        {
            var body = c.Body.Replace("{j}", J(v), StringComparison.Ordinal).Replace("{pver}", N(person), StringComparison.Ordinal).Replace("{uver}", N(unit), StringComparison.Ordinal)
                .Replace("{rver}", rating is { } rv ? N(rv) : "null", StringComparison.Ordinal).Replace("{u}", N(Interlocked.Increment(ref _unique)), StringComparison.Ordinal);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await _hr.SendAsync(request);
    }

    [Fact]
    public async Task EveryParameterOfEveryEndpoint_WhenHostileValues_ThenLocalizedProblemOrLegitimateSuccess()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var c in Cases())
        {
            foreach (var v in Hostile)
            {
                if (c.Route && (v.Length == 0 || v == "\0"))
                {
                    continue; // an empty segment is another route; a NUL in a path is refused before any endpoint (Kestrel: 400)
                }

                using var response = await SendAsync(c, v);
                checkedCount++;
                var problem = await CheckAsync(response, Accepts(c, v), english: false);
                if (problem.Length > 0)
                {
                    failures.Add($"{c.Method} {c.Path} {c.Body} with '{(v.Length > 20 ? v[..20] + "…" : v.Replace("\0", "\\0", StringComparison.Ordinal))}': {problem}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount}:\n" + string.Join('\n', failures));
        Assert.True(checkedCount > 500, $"only {checkedCount} requests");
        Assert.Empty(_log.Unhandled);
    }

    [Fact]
    public async Task EveryParameterOfEveryEndpoint_WhenHostileValueAndEnglishAsked_ThenProblemInEnglish()
    {
        var failures = new List<string>();
        foreach (var c in Cases())
        {
            var v = c.Kind == Kind.Text && !c.Route ? "\0" : "2026-13";
            using var response = await SendAsync(c, v, "en-US,en;q=0.9");
            var problem = await CheckAsync(response, Accepts(c, v), english: true);
            if (problem.Length > 0)
            {
                failures.Add($"{c.Method} {c.Path} {c.Body}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("/calculation/export?period=xx", 400)]
    [InlineData("/api/v1/targets?year=abc", 400)]
    [InlineData("/api/v1/exports/team?period=abc", 400)]
    public async Task NamedCases_WhenBadQueryValue_ThenRefusedWithAProblemNotAFileOrATypeName(string path, int status)
    {
        using var response = await _hr.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("", await CheckAsync(response, accepted: false, english: false));
        Assert.Empty(_log.Unhandled);
    }

    [Fact]
    public async Task Runs_WhenPeriodYear9999_Then400AndNoRun()
    {
        var runs = WithDb(db => db.Runs.Count());
        using var response = await _hr.PostAsync("/api/v1/runs", new StringContent("""{"period":"9999-12"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("9999-12", errors.GetProperty("period")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(runs, WithDb(db => db.Runs.Count()));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2")]
    [InlineData("null")]
    [InlineData("\"abc\"")]
    [InlineData("{\"period\": 202610}")]
    public async Task JsonEndpoints_WhenBodyIsBrokenOrOfTheWrongShape_Then400Problem(string body)
    {
        foreach (var (method, path) in new[] { ("POST", "/api/v1/runs"), ("PUT", "/api/v1/ratings"), ("PUT", "/api/v1/targets"), ("POST", "/api/v1/targets/decompose"), ("POST", "/api/v1/tokens"), ("POST", "/api/v1/employees"), ("PUT", "/api/v1/calendar/days/2026-12-31"), ("POST", "/api/v1/users"), ("POST", "/api/v1/periods/2026-10/transitions"), ("POST", "/api/v1/adjustments") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await _hr.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {(int)response.StatusCode}");
            Assert.Equal("", await CheckAsync(response, accepted: false, english: false));
        }

        Assert.Empty(_log.Unhandled);
    }

    [Fact]
    public async Task JsonEndpoints_WhenNotJson_Then415Problem()
    {
        using var response = await _hr.PostAsync("/api/v1/runs", new StringContent("period=2026-10", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("", await CheckAsync(response, accepted: false, english: false));
    }

    [Fact]
    public async Task OpenApi_WhenAnonymous_Then401NotARedirect()
    {
        using var anonymous = _factory.NewClient();

        using var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _hr.GetAsync("/openapi/v1.json")).StatusCode);
    }

    /// <summary>Log entries of unhandled exceptions (the framework logs them at Error with the exception).</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly List<string> _unhandled = [];

        public IReadOnlyList<string> Unhandled
        {
            get
            {
                lock (_unhandled)
                {
                    return [.. _unhandled];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                if (logLevel >= LogLevel.Error && (exception is not null || message.Contains("unhandled", StringComparison.OrdinalIgnoreCase)))
                {
                    lock (owner._unhandled)
                    {
                        owner._unhandled.Add($"{category}: {message} {exception?.GetType().Name}");
                    }
                }
            }
        }
    }
}
