using System.Diagnostics;
using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.DbBench;

/// <summary>
/// What is due at scale (docs/decisions/0023-notifications.md): one home-card request (<see cref="DueSteps.ForAsync(JixiaoDbContext, TimeProvider, CompanyTimeZone, IReadOnlyCollection{string}, CancellationToken)"/>)
/// and the reminder job's full pass (<see cref="DueSteps.AllAsync"/>) over a bench database's stored run of the period. A
/// bench database has runs but no evaluation cycle, so inside one transaction that is rolled back at the end (nothing is
/// left in the database) the period is put (1) in evaluation with verification on — nobody has self-assessed, scored or
/// been verified yet: everyone owes a step — and then (2) published, with 100 appeals open. In each state the full pass
/// runs once (cold in the first state), then the home card (narrow queries) of a salesperson, a supervisor, a store
/// manager, the general manager, the first person of the run and the finance or HR account, <c>--repeat</c> times each,
/// each checked against the full pass's part. The clock stands 5 days after the period's end, 09:00 company time.
/// </summary>
public static class DueStepsBench
{
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static async Task RunAsync(JixiaoDbContext db, Domain.Periods.Period period, int repeat, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var zone = CompanyTimeZone.Default;
        var time = new At(new DateTimeOffset(period.End.AddDays(5).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        var key = period.ToString();
        var run = await db.Runs.AsNoTracking().Where(r => r.Period == key && r.Status == RunStatus.Succeeded).OrderByDescending(r => r.Id).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException($"no succeeded run of {key} in the database");
        await using var transaction = await db.Database.BeginTransactionAsync();

        // A finance and an HR account (the bench database has HR and manager accounts, no finance role).
        var financeRole = await db.Roles.FirstOrDefaultAsync(r => r.Name == "finance");
        if (financeRole is null)
        {
            financeRole = new IdentityRole("finance") { NormalizedName = "FINANCE" };
            db.Roles.Add(financeRole);
        }

        var finance = new AppUser { UserName = "bench-finance", NormalizedUserName = "BENCH-FINANCE", DisplayName = "bench finance" };
        db.Users.Add(finance);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = finance.Id, RoleId = financeRole.Id });
        var version = await CalculationService.PlanVersionForAsync(db, period) ?? throw new InvalidOperationException("no plan stored");
        await db.SaveChangesAsync();
        var (verified, problems) = await new CalculationService(db, time, zone).AddPlanVersionAsync(
            version.Yaml.TrimEnd() + "\nevaluation:\n  verification: true\n", "bench-plan.yaml", null, period.Start);
        if (verified is null)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        var row = new EvaluationPeriod { Key = key, State = "evaluation", BasisRunId = run.Id, EvaluationStartedAt = DateTime.SpecifyKind(period.End.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) };
        db.EvaluationPeriods.Add(row);
        await db.SaveChangesAsync();
        var people = await db.Results.AsNoTracking().Where(r => r.RunId == run.Id).OrderBy(r => r.EmployeeId).Select(r => r.EmployeeId).Take(100).ToListAsync();
        report($"bench state: {key} in evaluation from run {run.Id} ({run.Computed:N0} people), verification on, nothing submitted");
        await MeasureAsync(db, time, zone, "evaluation", people[0], DueSteps.AccountKey(finance.Id), repeat, report);

        // Published today (its window open) with 100 appeals open: HR's answers, the managers' feedback talks and improvement plans.
        row = await db.EvaluationPeriods.SingleAsync(p => p.Key == key);
        row.State = "published";
        row.PublishedRunId = run.Id;
        row.PublishedAt = time.GetUtcNow().UtcDateTime.AddHours(-1);
        row.PublishedOn = zone.Today(time);
        row.CalibrationStartedAt = row.PublishedAt;
        await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Visibility, RunVisibility.Published));
        foreach (var person in people)
        {
            db.Appeals.Add(new Appeal
            {
                Period = key,
                EmployeeId = person,
                Indicators = "x",
                Text = "bench",
                RunId = run.Id,
                FiledAt = row.PublishedAt.Value,
                FiledOn = zone.Today(time),
            });
        }

        await db.SaveChangesAsync();
        var hr = await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id where r.Name == "hr" select u.Id).FirstAsync();
        report($"bench state: {key} published, {people.Count} appeals open");
        await MeasureAsync(db, time, zone, "published", people[0], DueSteps.AccountKey(hr), repeat, report);
        await transaction.RollbackAsync();
        report("rolled back: nothing left in the database");
    }

    private static async Task MeasureAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, string state, string employee, string account, int repeat, Action<string> report)
    {
        // The reminder job's pass once (the first one cold), then each kind of home card warm, repeat times each.
        db.ChangeTracker.Clear();
        var clock = Stopwatch.StartNew();
        var all = await DueSteps.AllAsync(db, time, zone);
        report(string.Create(CultureInfo.InvariantCulture,
            $"{state}: AllAsync {clock.Elapsed.TotalMilliseconds:N0} ms ({all.Count:N0} recipients, {all.Values.Sum(s => s.Count):N0} steps)"));
        var cards = await HomeCardsAsync(db, employee, account);
        foreach (var (who, recipients) in cards)
        {
            var times = new List<double>();
            IReadOnlyList<DueStep> mine = [];
            for (var i = 0; i < Math.Max(repeat, 1); i++)
            {
                db.ChangeTracker.Clear();
                clock.Restart();
                mine = await DueSteps.ForAsync(db, time, zone, recipients);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var expected = recipients.SelectMany(r => all.TryGetValue(r, out var steps) ? steps : []).ToList();
            times.Sort();
            report(string.Create(CultureInfo.InvariantCulture,
                $"{state}: home card of {who} ({string.Join(", ", recipients)}): ForAsync {string.Join(" / ", times.Select(t => t.ToString("N1", CultureInfo.InvariantCulture)))} ms (min {times[0]:N1}, median {times[times.Count / 2]:N1}); {mine.Count} steps: {string.Join(", ", mine.Select(s => s.Kind + " " + s.Count))}{(expected.SequenceEqual(mine) ? "" : " — DIFFERS from AllAsync's part: " + string.Join(", ", expected.Select(s => s.Kind + " " + s.Count)))}"));
        }
    }

    /// <summary>One home card of each kind: a salesperson, a supervisor, a store manager, the general manager (the heads of the org tree's levels) and the finance or HR account.</summary>
    private static async Task<List<(string Who, string[] Recipients)>> HomeCardsAsync(JixiaoDbContext db, string employee, string account)
    {
        var cards = new List<(string, string[])>();
        var top = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null && u.ManagerId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.ManagerId }).FirstOrDefaultAsync();
        if (top is not null)
        {
            var store = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == top.Id && u.ManagerId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.ManagerId }).FirstOrDefaultAsync();
            var team = store is null ? null : await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == store.Id && u.ManagerId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.ManagerId }).FirstOrDefaultAsync();
            var member = team is null ? null : await db.Assignments.AsNoTracking().Where(a => a.OrgUnitId == team.Id && a.EmployeeId != team.ManagerId).OrderBy(a => a.EmployeeId).Select(a => a.EmployeeId).FirstOrDefaultAsync();
            foreach (var (who, id) in (IEnumerable<(string, string?)>)[("a salesperson", member), ("a supervisor", team?.ManagerId), ("a store manager", store?.ManagerId), ("the general manager", top.ManagerId)])
            {
                if (id is not null)
                {
                    cards.Add((who, [id]));
                }
            }
        }

        cards.Add(("the first person of the run", [employee]));
        cards.Add(("the account", [account]));
        return cards;
    }
}
