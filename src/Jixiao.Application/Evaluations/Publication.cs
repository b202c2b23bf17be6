using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// Publication (公示) with a second approver (docs/decisions/0019-evaluation-cycle.md): HR user A requests the publication of
/// a chosen run of a period in calibration; HR user B or an administrator (never A) approves it, which publishes the run
/// and moves the period to published; either may cancel a pending request. HR discards runs nobody should see. Every step
/// is checked by <see cref="PeriodRules"/> and audited; a refusal changes nothing.
/// </summary>
public sealed class Publication(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>Requests the publication of run <paramref name="runId"/> of <paramref name="period"/>.</summary>
    public async Task<CycleOutcome> RequestAsync(Period period, long runId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (catalog, workflow, view) = await ReadAsync(period, ct).ConfigureAwait(false);
        var run = view.Runs.FirstOrDefault(r => r.Id == runId);
        var error = (PeriodRules.HrOnly(actor) ?? PeriodRules.InState(view.Facts, PeriodState.Calibration))
            ?? (run is null ? new EvaluationError(EvaluationErrorCode.RunNotFound, runId, view.Key) : null)
            ?? PeriodRules.RequestPublication(view.Facts, actor, run!, view.Provisional, view.Request);
        if (error is not null)
        {
            return CycleOutcome.Refused(error);
        }

        var row = await workflow.RowAsync(view.Key, view.Version, ct).ConfigureAwait(false);
        var at = time.GetUtcNow().UtcDateTime;
        row.RequestedRunId = runId;
        row.RequestedBy = actor.UserId;
        row.RequestedAt = at;
        db.Audit(at, actor.UserId, "period.publication.request", view.Key,
            string.Create(CultureInfo.InvariantCulture, $"run {runId}: {run!.Computed} computed, {run.Failed} failed"), view.Key, null, null, Run(runId));
        return await workflow.SaveAsync(catalog, period, ct).ConfigureAwait(false);
    }

    /// <summary>Approves the pending request: the run is published and the period moves to published (its window starts today).</summary>
    public async Task<CycleOutcome> ApproveAsync(Period period, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (catalog, workflow, view) = await ReadAsync(period, ct).ConfigureAwait(false);
        if (PeriodRules.ApprovePublication(view.Facts, actor, view.Request, view.Provisional) is { } error)
        {
            return CycleOutcome.Refused(error);
        }

        var runId = view.Request!.Run.Id;
        var run = await db.Runs.SingleAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        run.Visibility = RunVisibility.Published;
        var row = await workflow.RowAsync(view.Key, view.Version, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        row.State = PeriodStates.Code(PeriodState.Published);
        row.PublishedRunId = runId;
        row.PublishedBy = actor.UserId;
        row.PublishedAt = now.UtcDateTime;
        row.PublishedOn = zone.Today(time);
        var requester = row.RequestedBy;
        row.RequestedRunId = null;
        row.RequestedBy = null;
        row.RequestedAt = null;
        var window = EvaluationDeadlines.Compute(period, view.Settings, await new CompanyCalendarService(db, time).CalendarAsync(ct).ConfigureAwait(false),
            publishedOn: row.PublishedOn).PublicationWindowEnd;
        db.Audit(now.UtcDateTime, actor.UserId, "period.published", view.Key,
            string.Create(CultureInfo.InvariantCulture, $"run {runId} requested by {requester} approved by {actor.UserId}; window ends {window:yyyy-MM-dd}"),
            view.Key, null, PeriodStates.Code(view.State), row.State);
        return await workflow.SaveAsync(catalog, period, ct).ConfigureAwait(false);
    }

    /// <summary>Withdraws (the requester) or turns down (another HR user or an administrator) the pending request.</summary>
    public async Task<CycleOutcome> CancelAsync(Period period, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (catalog, workflow, view) = await ReadAsync(period, ct).ConfigureAwait(false);
        if (PeriodRules.CancelPublication(view.Facts, actor, view.Request) is { } error)
        {
            return CycleOutcome.Refused(error);
        }

        var row = await workflow.RowAsync(view.Key, view.Version, ct).ConfigureAwait(false);
        var at = time.GetUtcNow().UtcDateTime;
        var runId = row.RequestedRunId;
        row.RequestedRunId = null;
        row.RequestedBy = null;
        row.RequestedAt = null;
        db.Audit(at, actor.UserId, "period.publication.cancel", view.Key, $"requested by {view.Request!.RequestedBy}", view.Key, null, Run(runId), null);
        return await workflow.SaveAsync(catalog, period, ct).ConfigureAwait(false);
    }

    /// <summary>Discards run <paramref name="runId"/>: it is never shown, published or used as a reference again.</summary>
    public async Task<CycleOutcome> DiscardAsync(long runId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        if (run is null || !Period.TryParse(run.Period, out var period))
        {
            return CycleOutcome.Refused(new EvaluationError(EvaluationErrorCode.RunNotFound, runId, run?.Period ?? "—"));
        }

        var (catalog, workflow, view) = await ReadAsync(period, ct).ConfigureAwait(false);
        if ((PeriodRules.Discard(actor, PeriodCatalog.Facts(run), view.Request?.Run.Id) ?? PeriodRules.Changeable(view.Key, view.State)) is { } error)
        {
            db.ChangeTracker.Clear();
            return CycleOutcome.Refused(error);
        }

        var at = time.GetUtcNow().UtcDateTime;
        run.Visibility = RunVisibility.Discarded;
        // The period's version moves too: a publication request read before the discard cannot be approved on stale facts.
        var row = await workflow.RowAsync(view.Key, view.Version, ct).ConfigureAwait(false);
        db.Entry(row).Property(r => r.Version).IsModified = true;
        db.Audit(at, actor.UserId, "run.discard", view.Key,
            string.Create(CultureInfo.InvariantCulture, $"run {runId}: {run.Status}, {run.Computed} computed, {run.Failed} failed"), view.Key, null, "draft", "discarded");
        return await workflow.SaveAsync(catalog, period, ct).ConfigureAwait(false);
    }

    private async Task<(PeriodCatalog Catalog, PeriodWorkflow Workflow, PeriodView View)> ReadAsync(Period period, CancellationToken ct)
    {
        var catalog = new PeriodCatalog(db, time, zone);
        return (catalog, new PeriodWorkflow(db, time, zone), await catalog.GetAsync(period, ct).ConfigureAwait(false));
    }

    private static string? Run(long? id) => id is { } v ? "run " + v.ToString(CultureInfo.InvariantCulture) : null;
}
