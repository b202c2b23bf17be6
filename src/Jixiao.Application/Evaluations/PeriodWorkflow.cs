using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// HR moves a period through the cycle (docs/decisions/0019-evaluation-cycle.md): open → evaluation → calibration, and
/// published → closed (calibration → published is <see cref="Publication"/>), and extends deadlines. Each step is checked
/// by <see cref="PeriodRules"/> (role, state, deadline), saved with an optimistic-concurrency check and audited with who,
/// when, the state before and after, in the same transaction. A refusal changes nothing.
/// </summary>
public sealed class PeriodWorkflow(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>
    /// Moves <paramref name="period"/> to <paramref name="to"/>, the next state. <paramref name="version"/> is the version the
    /// caller read (null: do not check).
    /// </summary>
    public async Task<CycleOutcome> AdvanceAsync(Period period, PeriodState to, Actor actor, long? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var catalog = new PeriodCatalog(db, time, zone);
        var view = await catalog.GetAsync(period, ct).ConfigureAwait(false);
        var key = view.Key;
        if (version is { } seen && seen != view.Version)
        {
            return CycleOutcome.Refused(new EvaluationError(EvaluationErrorCode.StaleVersion, key));
        }

        var now = time.GetUtcNow();
        var error = PeriodRules.NextState(view.Facts, to) ?? to switch
        {
            PeriodState.Evaluation => PeriodRules.StartEvaluation(view.Facts, actor, zone.Today(time)),
            PeriodState.Calibration => await PendingEvaluations.StartCalibrationAsync(db, time, zone, view, actor, ct).ConfigureAwait(false),
            PeriodState.Published => PeriodRules.HrOrAdmin(actor) ?? new EvaluationError(EvaluationErrorCode.PublicationNeedsApproval, key),
            _ => PeriodRules.Close(view.Facts, actor, view.OpenAppeals, now, zone.Zone),
        };
        if (error is not null)
        {
            return CycleOutcome.Refused(error);
        }

        var row = await RowAsync(key, view.Version, ct).ConfigureAwait(false);
        var at = now.UtcDateTime;
        string detail;
        switch (to)
        {
            case PeriodState.Evaluation:
                row.EvaluationStartedAt = at;
                row.BasisRunId = view.Provisional?.Id;
                var d = view.Deadlines!;
                detail = Invariant($"basis run {Id(row.BasisRunId)}; self-assessment due {d.SelfAssessment:yyyy-MM-dd}, manager scoring due {d.ManagerScoring:yyyy-MM-dd}")
                    + (d.Verification is { } v ? Invariant($", verification due {v:yyyy-MM-dd}") : "");
                break;
            case PeriodState.Calibration:
                row.CalibrationStartedAt = at;
                var missed = await PendingEvaluations.CountAsync(db, time, period, ct).ConfigureAwait(false);
                detail = missed == 0 ? "every evaluation submitted"
                    : Invariant($"{missed} evaluations missed (deadline {view.Deadlines!.ManagerScoring:yyyy-MM-dd} passed)");
                break;
            default:
                row.ClosedAt = at;
                row.ConfirmedOn = await ConfirmedOnAsync(key, view.Deadlines!.PublicationWindowEnd!.Value, ct).ConfigureAwait(false);
                detail = Invariant($"published run {Id(row.PublishedRunId)}; confirmed {row.ConfirmedOn:yyyy-MM-dd}");
                break;
        }

        row.State = PeriodStates.Code(to);
        db.Audit(at, actor.UserId, "period." + PeriodStates.Code(to), key, detail, key, null, PeriodStates.Code(view.State), row.State);
        return await SaveAsync(catalog, period, ct).ConfigureAwait(false);
    }

    /// <summary>Extends the deadline of <paramref name="step"/> to the end of <paramref name="due"/>, with a reason (recorded and audited).</summary>
    public async Task<CycleOutcome> ExtendAsync(Period period, EvaluationStep step, DateOnly due, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var catalog = new PeriodCatalog(db, time, zone);
        var view = await catalog.GetAsync(period, ct).ConfigureAwait(false);
        if (PeriodRules.Extend(view.Facts, actor, step, due, reason) is { } error)
        {
            return CycleOutcome.Refused(error);
        }

        var previous = view.Deadlines!.Of(step)!.Value;
        var at = time.GetUtcNow().UtcDateTime;
        var text = reason!.Trim();
        db.DeadlineExtensions.Add(new DeadlineExtension
        {
            Period = view.Key,
            Step = EvaluationSteps.Code(step),
            PreviousDue = previous,
            Due = due,
            Reason = text,
            ExtendedBy = actor.UserId,
            ExtendedAt = at,
        });

        // The period's row changes too (its version), so two extensions read at the same version cannot both be saved.
        var row = await RowAsync(view.Key, view.Version, ct).ConfigureAwait(false);
        row.State = PeriodStates.Code(view.State);
        db.Entry(row).Property(r => r.Version).IsModified = true;
        db.Audit(at, actor.UserId, "period.deadline." + EvaluationSteps.Code(step), view.Key, text, view.Key, null, Date(previous), Date(due));
        return await SaveAsync(catalog, period, ct).ConfigureAwait(false);
    }

    /// <summary>The period's row, tracked, at the version the caller read (a new row for a period that never moved).</summary>
    internal async Task<EvaluationPeriod> RowAsync(string key, long version, CancellationToken ct)
    {
        var row = await db.EvaluationPeriods.SingleOrDefaultAsync(p => p.Key == key, ct).ConfigureAwait(false);
        if (row is null)
        {
            row = new EvaluationPeriod { Key = key, State = PeriodStates.Code(PeriodState.Open) };
            db.EvaluationPeriods.Add(row);
            return row;
        }

        db.Entry(row).Property(r => r.Version).OriginalValue = version;
        return row;
    }

    /// <summary>Saves the tracked changes; a version conflict (or a concurrent first move) is a refusal and nothing is saved.</summary>
    internal async Task<CycleOutcome> SaveAsync(PeriodCatalog catalog, Period period, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CycleOutcome.Refused(new EvaluationError(EvaluationErrorCode.StaleVersion, period.ToString()));
        }

        db.ChangeTracker.Clear();
        return new CycleOutcome(await catalog.GetAsync(period, ct).ConfigureAwait(false), null);
    }

    /// <summary>The later of the window's last day and the day the last appeal was answered (company dates).</summary>
    private async Task<DateOnly> ConfirmedOnAsync(string key, DateOnly windowEnd, CancellationToken ct)
    {
        var answered = await db.Appeals.AsNoTracking().Where(a => a.Period == key && a.AnsweredAt != null)
            .Select(a => a.AnsweredAt!.Value).ToListAsync(ct).ConfigureAwait(false);
        var last = answered.Count == 0 ? windowEnd : answered.Select(a => WorkingDayDeadlines.CompanyDate(new DateTimeOffset(a, TimeSpan.Zero), zone.Zone)).Max();
        return last > windowEnd ? last : windowEnd;
    }

    private static string Id(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
