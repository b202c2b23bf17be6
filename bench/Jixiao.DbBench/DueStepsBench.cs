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
/// been verified yet: everyone owes a step — and then (2) published, with 100 appeals open; each state is measured
/// <c>--repeat</c> times (the first one cold). The clock stands 5 days after the period's end, 09:00 company time.
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
        for (var i = 0; i < repeat; i++)
        {
            db.ChangeTracker.Clear();
            var clock = Stopwatch.StartNew();
            var all = await DueSteps.AllAsync(db, time, zone);
            var full = clock.Elapsed;
            clock.Restart();
            var mine = await DueSteps.ForAsync(db, time, zone, [employee, account]);
            var home = clock.Elapsed;
            report(string.Create(CultureInfo.InvariantCulture,
                $"{state} #{i + 1}: AllAsync {full.TotalMilliseconds:N0} ms ({all.Count:N0} recipients, {all.Values.Sum(s => s.Count):N0} steps); home card ForAsync({employee}, account) {home.TotalMilliseconds:N0} ms ({mine.Count} steps: {string.Join(", ", mine.Select(s => s.Kind + " " + s.Count))})"));
        }
    }
}
