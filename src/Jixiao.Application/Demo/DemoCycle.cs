using System.Globalization;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Demo;

/// <summary>
/// The demo company's evaluation cycle, relative to the day it is seeded (docs/decisions/0019-evaluation-cycle.md): every
/// period that ended before last month went through the whole cycle (each step on the day its deadline allows, computed
/// from the working-day calendar; the run computed when calibration started, requested by one HR user and approved by
/// another, closed when the window ended), last month is in evaluation (its run as of the day after it ended is the
/// evaluation basis; most self-assessments and scorings are in, the demo logins' are not: <see cref="DemoEvaluations"/>), and
/// today's month is open with provisional figures; one person below the standard in the latest closed month has an
/// improvement plan (<see cref="DemoImprovement"/>). Every step is in the audit log.
/// </summary>
public static class DemoCycle
{
    /// <summary>A clock standing at one instant: the demo's past steps are stored as of the day they happened.</summary>
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>
    /// Calculates <paramref name="periods"/> and moves them through the cycle as of <paramref name="time"/>'s today:
    /// <paramref name="requester"/> requests each publication, <paramref name="approver"/> approves it (user ids).
    /// </summary>
    public static async Task SeedAsync(
        JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, IEnumerable<string> periods, string? requester, string? approver, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(periods);
        var now = time.GetUtcNow();
        var today = zone.Today(time);
        var lastMonth = Period.Containing(new DateOnly(today.Year, today.Month, 1).AddDays(-1), PeriodKind.Month);
        var monthBeforeLast = Period.Containing(lastMonth.Start.AddDays(-1), PeriodKind.Month);
        var calendar = await new CompanyCalendarService(db, time).CalendarAsync(ct).ConfigureAwait(false);
        foreach (var period in periods.Select(Period.Parse))
        {
            var settings = (await CalculationService.PlanVersionForAsync(db, period, ct).ConfigureAwait(false)) is { } v
                ? Plans.StoredPlans.Of(v)?.Evaluation ?? EvaluationSettings.Default
                : EvaluationSettings.Default;
            var ended = Morning(period.End.AddDays(1), zone);
            if (period.End >= today || !EvaluationDeadlines.Supports(period))
            {
                // Today's period: open, with provisional figures as of now.
                await new CalculationService(db, time, zone).RunAsync(period, "seed", ct).ConfigureAwait(false);
                continue;
            }

            if (period == lastMonth || ended > now)
            {
                // Last month: calculated the morning after it ended, in evaluation since then.
                var started = ended < now ? ended : now;
                var basis = await new CalculationService(db, new At(started), zone).RunAsync(period, "seed", ct).ConfigureAwait(false);
                await MoveAsync(db, period, PeriodState.Evaluation, started, requester, r =>
                {
                    r.EvaluationStartedAt = started.UtcDateTime;
                    r.BasisRunId = basis?.Run.Id;
                }, ct).ConfigureAwait(false);
                if (basis is not null)
                {
                    await DemoEvaluations.SeedAsync(db, zone, period, basis.Run.Id, started, now, ct).ConfigureAwait(false);
                }

                continue;
            }

            var deadlines = EvaluationDeadlines.Compute(period, settings, calendar);
            var calibration = Min(Morning(deadlines.EvaluationEnd.AddDays(1), zone), now.AddHours(-3));
            var run = (await new CalculationService(db, new At(calibration), zone).RunAsync(period, "seed", ct).ConfigureAwait(false))!.Run;
            await MoveAsync(db, period, PeriodState.Evaluation, ended, requester, r => r.EvaluationStartedAt = ended.UtcDateTime, ct).ConfigureAwait(false);
            await MoveAsync(db, period, PeriodState.Calibration, calibration, requester, r => r.CalibrationStartedAt = calibration.UtcDateTime, ct).ConfigureAwait(false);
            // The month before last: published this morning (its window open, one appeal filed); older months are closed.
            var late = period == monthBeforeLast;
            var published = late ? now.AddHours(-1) : calibration.AddHours(2);
            var publishedOn = WorkingDayDeadlines.CompanyDate(published, zone.Zone);
            var window = EvaluationDeadlines.Compute(period, settings, calendar, publishedOn: publishedOn).PublicationWindowEnd!.Value;
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Visibility, RunVisibility.Published), ct).ConfigureAwait(false);
            db.Audit(calibration.AddHours(1).UtcDateTime, requester, "period.publication.request", period.ToString(), Invariant($"run {run.Id}"), period.ToString(), null, null, Invariant($"run {run.Id}"));
            await MoveAsync(db, period, PeriodState.Published, published, approver, r =>
            {
                r.PublishedRunId = run.Id;
                r.PublishedAt = published.UtcDateTime;
                r.PublishedBy = approver;
                r.PublishedOn = publishedOn;
            }, ct).ConfigureAwait(false);
            if (late)
            {
                await FileAppealAsync(db, period, run.Id, now.AddMinutes(-30), zone, ct).ConfigureAwait(false);
                continue;
            }

            var closed = Morning(window.AddDays(1), zone);
            if (closed <= now)
            {
                await MoveAsync(db, period, PeriodState.Closed, closed, requester, r =>
                {
                    r.ClosedAt = closed.UtcDateTime;
                    r.ConfirmedOn = window;
                }, ct).ConfigureAwait(false);
            }
        }

        await DemoImprovement.SeedAsync(db, time, zone, requester, ct).ConfigureAwait(false);
    }

    /// <summary>Sets the period's state (creating its row) and audits the move as of <paramref name="at"/>.</summary>
    private static async Task MoveAsync(JixiaoDbContext db, Period period, PeriodState to, DateTimeOffset at, string? user, Action<EvaluationPeriod> change, CancellationToken ct)
    {
        var key = period.ToString();
        var row = await db.EvaluationPeriods.SingleOrDefaultAsync(p => p.Key == key, ct).ConfigureAwait(false);
        if (row is null)
        {
            row = new EvaluationPeriod { Key = key, State = PeriodStates.Code(PeriodState.Open) };
            db.EvaluationPeriods.Add(row);
        }

        var before = row.State;
        row.State = PeriodStates.Code(to);
        change(row);
        db.Audit(at.UtcDateTime, user, "period." + row.State, key, "demo", key, null, before, row.State);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The appeal of the first assessed person of <paramref name="period"/>'s published run who is not a demo login
    /// (by employee id) against their first indicator, filed at <paramref name="at"/>: HR's to answer.
    /// </summary>
    private static async Task FileAppealAsync(JixiaoDbContext db, Period period, long runId, DateTimeOffset at, CompanyTimeZone zone, CancellationToken ct)
    {
        var key = period.ToString();
        var rows = await db.Results.AsNoTracking().Where(r => r.RunId == runId).Select(r => new { r.EmployeeId, r.DetailsJson }).ToListAsync(ct).ConfigureAwait(false);
        var person = rows.Where(r => !DemoEvaluations.Logins.Contains(r.EmployeeId)).OrderBy(r => r.EmployeeId, StringComparer.Ordinal)
            .Select(r => (r.EmployeeId, Indicator: JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)?.Indicators is [var first, ..] ? first.Code : null))
            .FirstOrDefault(r => r.Indicator is not null);
        if (person.Indicator is null)
        {
            return;
        }

        db.Appeals.Add(new Appeal
        {
            Period = key,
            EmployeeId = person.EmployeeId,
            Indicators = person.Indicator,
            Text = "本月有一台车已交付但未计入销量，交付单已交销售内勤，请核实。",
            RunId = runId,
            FiledAt = at.UtcDateTime,
            FiledOn = WorkingDayDeadlines.CompanyDate(at, zone.Zone),
        });
        db.Audit(at.UtcDateTime, null, "appeal.file", key, person.Indicator, key, person.EmployeeId, null, person.Indicator);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>09:00 on <paramref name="date"/> in the company's time zone.</summary>
    private static DateTimeOffset Morning(DateOnly date, CompanyTimeZone zone) =>
        WorkingDayDeadlines.EndOfDay(date.AddDays(-1), zone.Zone).AddHours(9);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
