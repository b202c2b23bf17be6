using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>One person of a published period as their direct manager sees them for the feedback talk: the talk (null: not held yet).</summary>
public sealed record FeedbackView(string Period, string EmployeeId, string Name, string? ManagerId, DateOnly? On, string? Note, long Version);

/// <summary>How recording a talk ended: the person as now, or the refusal (nothing changed).</summary>
public sealed record FeedbackOutcome(FeedbackView? View, EvaluationError? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The feedback talk after publication (反馈面谈, <see cref="FeedbackRules"/>): stored on the person's manager review of the
/// period (columns <c>feedback_on</c>, <c>feedback_note</c>; a review row is made for someone the manager never scored),
/// recorded by the direct manager with an optimistic-concurrency check and audited (<c>feedback.talk</c>) with before and after.
/// </summary>
public sealed class FeedbackTalks(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>The people of <paramref name="period"/>'s published run (of <paramref name="only"/> when given) with their talk, by employee id.</summary>
    public async Task<IReadOnlyList<FeedbackView>> ListAsync(Period period, IReadOnlyCollection<string>? only, CancellationToken ct = default)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        if (view.PublishedRunId is null || view.State is not (PeriodState.Published or PeriodState.Closed))
        {
            return [];
        }

        var ids = (await EvaluationPeople.AssessedAsync(db, view.PublishedRunId, ct).ConfigureAwait(false)).Where(id => only is null || only.Contains(id)).ToList();
        var managers = await EvaluationPeople.DirectManagersAsync(db, period, ids, ct).ConfigureAwait(false);
        var reviews = await db.ManagerReviews.AsNoTracking().Where(r => r.Period == view.Key && ids.Contains(r.EmployeeId))
            .ToDictionaryAsync(r => r.EmployeeId, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return [.. ids.Order(StringComparer.Ordinal).Select(id =>
        {
            var r = reviews.GetValueOrDefault(id);
            return new FeedbackView(view.Key, id, names.GetValueOrDefault(id, id), managers.GetValueOrDefault(id), r?.FeedbackOn, r?.FeedbackNote, r?.Version ?? 0);
        })];
    }

    /// <summary>Records the talk with <paramref name="employee"/> held on <paramref name="on"/>; <paramref name="version"/> is the version read.</summary>
    public async Task<FeedbackOutcome> SaveAsync(
        Period period, string employee, DateOnly? on, string? note, long? version, Actor actor, string? actorEmployee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var assessed = await EvaluationPeople.AssessedAsync(db, view.PublishedRunId, ct).ConfigureAwait(false);
        var manager = (await EvaluationPeople.DirectManagersAsync(db, period, [employee], ct).ConfigureAwait(false)).GetValueOrDefault(employee);
        var publishedOn = await db.EvaluationPeriods.AsNoTracking().Where(p => p.Key == view.Key).Select(p => p.PublishedOn).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var record = await db.ManagerReviews.SingleOrDefaultAsync(r => r.Period == view.Key && r.EmployeeId == employee, ct).ConfigureAwait(false);
        var error = FeedbackRules.Record(view.Facts, actorEmployee, employee, manager, on, note, publishedOn, zone.Today(time))
            ?? (assessed.Contains(employee) ? null : new EvaluationError(EvaluationErrorCode.NoEvaluationBasis, view.Key, employee))
            ?? (version is { } seen && seen != (record?.Version ?? 0) ? new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Publication, employee) : null);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return new FeedbackOutcome(null, await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = record?.FeedbackOn is { } held ? $"{held:yyyy-MM-dd} {record.FeedbackNote}".TrimEnd() : null;
        if (record is null)
        {
            record = new ManagerReviewRecord { Period = view.Key, EmployeeId = employee, ManagerId = manager!, Version = 1, UpdatedAt = now, UpdatedBy = actor.UserId };
            db.ManagerReviews.Add(record);
        }

        record.FeedbackOn = on;
        record.FeedbackNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.Audit(now, actor.UserId, "feedback.talk", view.Key, null, view.Key, employee, before, $"{on:yyyy-MM-dd} {record.FeedbackNote}".TrimEnd());
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new FeedbackOutcome(null, await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Publication, employee), ct).ConfigureAwait(false));
        }

        db.ChangeTracker.Clear();
        return new FeedbackOutcome((await ListAsync(period, [employee], ct).ConfigureAwait(false)).SingleOrDefault(), null);
    }
}
