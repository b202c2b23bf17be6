using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Testing;

/// <summary>
/// The home card and the reminders agree (docs/decisions/0023-notifications.md): for every recipient of the demo — every
/// employee, every account's key and linked employee — <see cref="DueSteps.ForAsync(JixiaoDbContext, TimeProvider, CompanyTimeZone, string, CancellationToken)"/>
/// (the home card's narrow queries) equals that recipient's part of <see cref="DueSteps.AllAsync"/> (the reminder job's pass),
/// step for step, in each state the cycle passes through: as seeded (October in evaluation with verification on, September
/// published with an appeal open, older months closed); with accounts covering one unit, linked to an employee, with both roles
/// or disabled, direct managers found through the units (a unit head, a vacancy, a change of head during the month, someone who
/// left before it ended, a unit head reaching the unit above); after verifications; October in calibration, with a publication request, published with an appeal;
/// and a week later (windows over, an improvement plan's follow-up due). Every kind of step occurs on the way. The same
/// scenario on each provider.
/// </summary>
public static class DueStepsAgreementScenario
{
    /// <summary>Runs the scenario on the demo seeded on <see cref="TestClock.Now"/>. <paramref name="signIn"/> gives a signed-in cookie client (with the CSRF header).</summary>
    public static async Task RunAsync(IServiceProvider services, FakeTimeProvider clock, Func<string, string, Task<HttpClient>> signIn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(signIn);
        Assert.Equal(TestClock.Now, clock.GetUtcNow());
        Task<HttpClient> As(string user) => signIn(user, DemoSetup.Logins.Single(l => l.UserName == user).Password);
        T Db<T>(Func<JixiaoDbContext, T> query)
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        }

        var kinds = new HashSet<DueKind>();
        var compared = 0;
        async Task<Dictionary<string, List<DueStep>>> AgreeAsync(string state)
        {
            using var scope = services.CreateScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<JixiaoDbContext>();
            var time = sp.GetRequiredService<TimeProvider>();
            var zone = sp.GetRequiredService<CompanyTimeZone>();
            var all = await DueSteps.AllAsync(db, time, zone);
            var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.EmployeeId }).ToListAsync();
            var recipients = new SortedSet<string>(all.Keys, StringComparer.Ordinal);
            recipients.UnionWith(await db.Employees.Select(e => e.Id).ToListAsync());
            recipients.UnionWith(users.Select(u => DueSteps.AccountKey(u.Id)));
            recipients.UnionWith(users.Select(u => u.EmployeeId).OfType<string>());
            foreach (var recipient in recipients)
            {
                db.ChangeTracker.Clear();
                var expected = all.TryGetValue(recipient, out var steps) ? steps : [];
                var mine = await DueSteps.ForAsync(db, time, zone, recipient);
                Assert.True(expected.SequenceEqual(mine), $"{state}, {recipient}: the reminders say [{Text(expected)}], the home card [{Text(mine)}]");
                compared++;
            }

            // The home card of each account: its linked employee's steps, then the account's own.
            foreach (var user in users)
            {
                string[] pair = user.EmployeeId is { } linked ? [linked, DueSteps.AccountKey(user.Id)] : [DueSteps.AccountKey(user.Id)];
                var expected = pair.SelectMany(r => all.TryGetValue(r, out var steps) ? steps : []).ToList();
                var card = await DueSteps.ForAsync(db, time, zone, pair);
                Assert.True(expected.SequenceEqual(card), $"{state}, account {user.Id}: the reminders say [{Text(expected)}], the home card [{Text(card)}]");
            }

            kinds.UnionWith(all.Values.SelectMany(s => s.Select(x => x.Kind)));
            return all;
        }

        string Key(string user) => DueSteps.AccountKey(Db(db => db.Users.Single(u => u.UserName == user).Id));

        // ---- As seeded ----
        var all = await AgreeAsync("as seeded");
        var octoberAssessed = Db(db => db.Results.Count(r => r.RunId == db.EvaluationPeriods.Single(p => p.Key == "2026-10").BasisRunId));
        Assert.Contains(all[Key("finance")], s => s is { Period: "2026-10", Kind: DueKind.Verification } && s.Count == octoberAssessed);
        Assert.Contains(all[Key("hr")], s => s is { Period: "2026-09", Kind: DueKind.AppealAnswers, Count: 1 });

        // ---- Accounts of every kind, managers found through the units ----
        using (var scope = services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            async Task AccountAsync(string name, string? employee, string? covered, bool disabled, params string[] roles)
            {
                var user = new AppUser { UserName = name, EmployeeId = employee, CoveredUnitId = covered, IsDisabled = disabled, DisplayName = name };
                Assert.True((await users.CreateAsync(user, "Agree-steps-2026")).Succeeded);
                foreach (var role in roles)
                {
                    Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
                }
            }

            await AccountAsync("hr-st1", null, "ST1", false, Roles.Hr);
            await AccountAsync("finance-st2", null, "ST2", false, Roles.Finance);
            await AccountAsync("hr-s12", "S12", null, false, Roles.Hr);
            await AccountAsync("finance-p05", "P05", "ST1-T2", false, Roles.Finance);
            await AccountAsync("hr-finance", null, null, false, Roles.Hr, Roles.Finance);
            await AccountAsync("hr-off", null, null, true, Roles.Hr);

            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            string[] Members(string unit) => [.. db.Assignments.Where(a => a.OrgUnitId == unit && !a.Position.Contains("supervisor")).Select(a => a.EmployeeId).Distinct().Order()];
            var (team11, team21, team31) = (Members("ST1-T1"), Members("ST2-T1"), Members("ST3-T1"));

            // ST1-T1's people report to its head S11 through the unit (no manager on their assignment); ST2-T1 is vacant, so its
            // people reach ST2's head M02; ST3-T1 changed head on 2026-10-15 (S31, then S32), and one of its people left on
            // 2026-10-10 (S31's report, the others S32's); S12, head of ST1-T2, skips their own unit and reaches ST1's head M01.
            foreach (var team in (string[][])[team11, team21, team31, ["S12"]])
            {
                await db.Assignments.Where(a => team.Contains(a.EmployeeId)).ExecuteUpdateAsync(s => s.SetProperty(a => a.ManagerId, (string?)null));
            }

            db.UnitManagers.Add(new UnitManager { OrgUnitId = "ST2-T1", ManagerId = null, ValidFrom = DateOnly.MinValue });
            db.UnitManagers.Add(new UnitManager { OrgUnitId = "ST3-T1", ManagerId = "S31", ValidFrom = DateOnly.MinValue, ValidTo = new DateOnly(2026, 10, 15) });
            db.UnitManagers.Add(new UnitManager { OrgUnitId = "ST3-T1", ManagerId = "S32", ValidFrom = new DateOnly(2026, 10, 15) });
            await db.SaveChangesAsync();
            await db.Employees.Where(e => e.Id == team31[0]).ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaveDate, new DateOnly(2026, 10, 10)));

            var october = Jixiao.Domain.Periods.Period.Parse("2026-10");
            var managers = await EvaluationPeople.DirectManagersAsync(db, october, [.. team11, .. team21, .. team31]);
            Assert.All(team11, e => Assert.Equal("S11", managers[e]));
            Assert.All(team21, e => Assert.Equal("M02", managers[e]));
            Assert.Equal("S31", managers[team31[0]]);
            Assert.All(team31[1..], e => Assert.Equal("S32", managers[e]));
            Assert.Equal("M01", (await EvaluationPeople.DirectManagersAsync(db, october, ["S12"]))["S12"]);
        }

        all = await AgreeAsync("accounts and units");
        Assert.Contains(all["S12"], s => s is { Period: "2026-09", Kind: DueKind.AppealAnswers });
        var st2Verification = Assert.Single(all[Key("finance-st2")]);
        Assert.InRange(st2Verification.Count, 1, octoberAssessed - 1);
        Assert.DoesNotContain(Key("hr-off"), all.Keys);

        // ---- Finance confirms two people and sends one back (HR extended the deadline) ----
        using var hr = await As("hr");
        using var hr2 = await As("hr2");
        using var finance = await As("finance");
        using var sales = await As("sales");
        await OkAsync(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/deadlines", new { step = "verification", due = "2026-11-30", reason = "财务月结" }));
        await OkAsync(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P01", new { outcome = "confirmed" }));
        await OkAsync(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P10", new { outcome = "confirmed" }));
        var line = (await OkAsync(await finance.GetAsync("/api/v1/evaluations/2026-10/verification"))).EnumerateArray()
            .Single(v => v.GetProperty("employeeId").GetString() == "P11").GetProperty("lines")[0].GetString();
        await OkAsync(await finance.PutAsJsonAsync("/api/v1/evaluations/2026-10/verification/P11", new { outcome = "returned", indicator = line, reason = "回款未到账" }));
        all = await AgreeAsync("verifications");
        Assert.Contains(all[Key("finance")], s => s is { Period: "2026-10", Kind: DueKind.Verification, Overdue: false } && s.Count == octoberAssessed - 2);
        Assert.Equal(st2Verification.Count - 1, Assert.Single(all[Key("finance-st2")]).Count);

        // ---- October without verification: calibration, a publication request, published with an appeal ----
        await EvaluationCycleScenario.AddPlanVersionAsync(services, clock, null, new DateOnly(2026, 10, 1), verification: false);
        await OkAsync(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }));
        all = await AgreeAsync("october in calibration");
        Assert.Contains(all[Key("hr2")], s => s is { Period: "2026-10", Kind: DueKind.Calibration });
        var run = (await OkAsync(await hr.PostAsJsonAsync("/api/v1/runs", new { period = "2026-10" }))).GetProperty("run").GetProperty("id").GetInt64();
        await OkAsync(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/publication", new { runId = run }));
        all = await AgreeAsync("october's publication requested");
        Assert.Contains(all[Key("hr2")], s => s is { Period: "2026-10", Kind: DueKind.PublicationApproval });
        await OkAsync(await hr2.PostAsync("/api/v1/periods/2026-10/publication/approve", null));
        await OkAsync(await sales.PostAsJsonAsync("/api/v1/appeals", new { period = "2026-10", lines = new[] { "sales" }, text = "漏计一台车" }));
        all = await AgreeAsync("october published");
        Assert.Contains(all[Key("hr-st1")], s => s is { Period: "2026-10", Kind: DueKind.AppealAnswers, Count: 1 });
        Assert.Contains(all["S32"], s => s is { Period: "2026-10", Kind: DueKind.FeedbackTalk });

        // ---- A week later: the windows are over, the demo's improvement plan comes due ----
        clock.Advance(TimeSpan.FromDays(8));
        await AgreeAsync("a week later");
        Assert.True(Enum.GetValues<DueKind>().All(kinds.Contains), "kinds never due: " + string.Join(", ", Enum.GetValues<DueKind>().Where(k => !kinds.Contains(k))));
        Assert.True(compared > 300, $"{compared} recipients compared");
    }

    private static string Text(IEnumerable<DueStep> steps) => string.Join("; ", steps.Select(s => $"{s.Period} {s.Kind} {s.Count} {s.Due:yyyy-MM-dd}{(s.Overdue ? " overdue" : "")}"));

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
