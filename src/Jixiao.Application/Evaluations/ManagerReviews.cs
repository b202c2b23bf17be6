using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// One person's manager scoring as the scoring page and the API show it: the period's state and the deadline, the
/// person's self-assessment (the lines with what they said, whether submitted), the rating indicators still without
/// points, the manager's comment and talk, whether submitted, the version to send back and <see cref="Locked"/>: why the
/// viewer cannot change it now (null when they can).
/// </summary>
public sealed record ManagerReviewView(
    string Period, string EmployeeId, string Name, string? ManagerId, PeriodState State, DateOnly? Due, bool Overdue,
    bool SelfSubmitted, IReadOnlyList<SelfAssessmentItem> SelfItems, IReadOnlyList<string> Unscored,
    string? Comment, DateOnly? TalkOn, string? TalkNote, bool Submitted, DateTime? SubmittedAt, long Version, EvaluationError? Locked);

/// <summary>What a manager sends: the comment, the talk (day and note), and whether to submit.</summary>
public sealed record ManagerReviewInput(string? Comment, DateOnly? TalkOn, string? TalkNote, bool Submit, long? Version);

/// <summary>How a scoring step ended: the scoring as it is now, or the refusal (nothing changed).</summary>
public sealed record ManagerReviewOutcome(ManagerReviewView? View, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static ManagerReviewOutcome Refused(EvaluationError error) => new(null, error);
}

/// <summary>
/// Manager scoring (上级评分, docs/decisions/0019-evaluation-cycle.md): the direct manager of each assessed person (on the
/// period's last day) scores their rating indicators (ratings, <see cref="RatingService"/>), writes a comment, records the
/// talk with the person (沟通确认) and submits, before the deadline; checked by <see cref="ManagerScoringRules"/>, saved
/// with an optimistic-concurrency check and audited with before and after. A refusal changes nothing.
/// </summary>
public sealed class ManagerReviews(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>The scorings <paramref name="manager"/> owes in <paramref name="period"/>: their direct reports among the assessed, by employee id.</summary>
    public async Task<IReadOnlyList<ManagerReviewView>> ForManagerAsync(Period period, string manager, CancellationToken ct = default)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        if (view.State == PeriodState.Open || view.BasisRunId is null)
        {
            return [];
        }

        var assessed = await EvaluationPeople.AssessedAsync(db, view.BasisRunId, ct).ConfigureAwait(false);
        var reports = await EvaluationPeople.ReportsOfAsync(db, period, manager, assessed, ct).ConfigureAwait(false);
        return await ViewsAsync(view, reports, manager, ct).ConfigureAwait(false);
    }

    /// <summary>The scoring of <paramref name="employee"/>, as <paramref name="actorEmployee"/> sees it; null when they are not assessed in the period.</summary>
    public async Task<ManagerReviewView?> GetAsync(Period period, string employee, string? actorEmployee, CancellationToken ct = default)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        return view.State == PeriodState.Open ? null : (await ViewsAsync(view, [employee], actorEmployee, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>Saves the comment and talk of <paramref name="employee"/>'s scoring by <paramref name="actorEmployee"/> (a draft, or submits it).</summary>
    public async Task<ManagerReviewOutcome> SaveAsync(Period period, string employee, Actor actor, string? actorEmployee, ManagerReviewInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var managers = await EvaluationPeople.DirectManagersAsync(db, period, [employee], ct).ConfigureAwait(false);
        var manager = managers.GetValueOrDefault(employee);
        var record = await db.ManagerReviews.SingleOrDefaultAsync(r => r.Period == view.Key && r.EmployeeId == employee, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var error = ManagerScoringRules.Change(view.Facts, actorEmployee, employee, manager, record?.SubmittedAt is not null, now, zone.Zone);
        var basis = error is null ? await EvaluationPeople.BasisAsync(db, view.BasisRunId, employee, ct).ConfigureAwait(false) : null;
        if (error is null && basis is null)
        {
            error = new EvaluationError(EvaluationErrorCode.NoEvaluationBasis, view.Key, employee);
        }

        if (error is null && input.Version is { } seen && seen != (record?.Version ?? 0))
        {
            error = new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.ManagerScoring, employee);
        }

        var unscored = error is null ? await UnscoredAsync(period, manager!, [employee], ct).ConfigureAwait(false) : null;
        error ??= ManagerScoringRules.Save(view.Facts, actorEmployee, employee, manager, false, now, zone.Zone, zone.Today(time),
            input.Comment, input.TalkOn, unscored!.GetValueOrDefault(employee) ?? [], input.Submit);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return ManagerReviewOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var at = now.UtcDateTime;
        if (record is null)
        {
            record = new ManagerReviewRecord { Period = view.Key, EmployeeId = employee, ManagerId = manager!, Version = 1 };
            db.ManagerReviews.Add(record);
        }

        var before = record.Id == 0 ? null : Describe(record);
        record.ManagerId = manager!;
        record.Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        record.TalkOn = input.TalkOn;
        record.TalkNote = string.IsNullOrWhiteSpace(input.TalkNote) ? null : input.TalkNote.Trim();
        record.UpdatedAt = at;
        record.UpdatedBy = actor.UserId;
        if (record.Id != 0)
        {
            db.Entry(record).Property(r => r.Version).IsModified = true;
        }

        if (input.Submit)
        {
            record.SubmittedAt = at;
        }

        db.Audit(at, actor.UserId, input.Submit ? "manager_scoring.submit" : "manager_scoring.save", view.Key,
            string.Create(CultureInfo.InvariantCulture, $"by {manager}"), view.Key, employee, before, Describe(record));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ManagerReviewOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.ManagerScoring, employee), ct).ConfigureAwait(false));
        }

        db.ChangeTracker.Clear();
        return new ManagerReviewOutcome(await GetAsync(period, employee, actorEmployee, ct).ConfigureAwait(false), null);
    }

    /// <summary>Whether <paramref name="employee"/>'s scoring of <paramref name="period"/> is submitted (then its ratings no longer change).</summary>
    public static Task<bool> SubmittedAsync(JixiaoDbContext db, string period, string employee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ManagerReviews.AsNoTracking().AnyAsync(r => r.Period == period && r.EmployeeId == employee && r.SubmittedAt != null, ct);
    }

    private async Task<List<ManagerReviewView>> ViewsAsync(PeriodView view, IReadOnlyCollection<string> employees, string? actorEmployee, CancellationToken ct)
    {
        var basis = await EvaluationPeople.BasisAsync(db, view.BasisRunId, employees, ct).ConfigureAwait(false);
        if (basis.Count == 0)
        {
            return [];
        }

        var ids = basis.Keys.ToList();
        var managers = await EvaluationPeople.DirectManagersAsync(db, view.Period, ids, ct).ConfigureAwait(false);
        var selfs = await SelfAssessments.OfAsync(db, view.Key, ids, ct).ConfigureAwait(false);
        var reviews = await db.ManagerReviews.AsNoTracking().Where(r => r.Period == view.Key && ids.Contains(r.EmployeeId))
            .ToDictionaryAsync(r => r.EmployeeId, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var unscored = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in ids.GroupBy(id => managers.GetValueOrDefault(id)))
        {
            if (group.Key is { } m)
            {
                foreach (var (k, v) in await UnscoredAsync(view.Period, m, [.. group], ct).ConfigureAwait(false))
                {
                    unscored[k] = v;
                }
            }
        }

        var now = time.GetUtcNow();
        var due = view.Deadlines?.ManagerScoring;
        return [.. ids.Order(StringComparer.Ordinal).Select(id =>
        {
            var b = basis[id];
            var self = selfs.GetValueOrDefault(id);
            var review = reviews.GetValueOrDefault(id);
            var submitted = review?.SubmittedAt is not null;
            var items = b.Indicators.Select(i =>
            {
                var line = self?.Lines.FirstOrDefault(l => l.Indicator == i.Code);
                return new SelfAssessmentItem(i, line?.Confirmed, line?.Comment);
            }).ToList();
            return new ManagerReviewView(
                view.Key, id, b.Name, managers.GetValueOrDefault(id), view.State, due,
                !submitted && due is { } d && view.State == PeriodState.Evaluation && EvaluationDeadlines.IsPast(d, now, zone.Zone),
                self?.SubmittedAt is not null, items, unscored.GetValueOrDefault(id) ?? [],
                review?.Comment, review?.TalkOn, review?.TalkNote, submitted, review?.SubmittedAt, review?.Version ?? 0,
                ManagerScoringRules.Change(view.Facts, actorEmployee, id, managers.GetValueOrDefault(id), submitted, now, zone.Zone));
        })];
    }

    /// <summary>The rating indicators of <paramref name="employees"/> without points, as their manager's rating sheet has them.</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> UnscoredAsync(Period period, string manager, IReadOnlyCollection<string> employees, CancellationToken ct)
    {
        var scope = await AccessScope.ForAsync(db, manager, ScopeKind.Subtree, ratingComments: true, period.End, ct).ConfigureAwait(false);
        var people = await new RatingService(db, time).LoadAsync(scope, period, ct).ConfigureAwait(false) ?? [];
        return people.Where(p => employees.Contains(p.EmployeeId, StringComparer.Ordinal))
            .ToDictionary(p => p.EmployeeId, p => (IReadOnlyList<string>)[.. p.Entries.Where(e => e.Points is null).Select(e => e.Indicator)], StringComparer.Ordinal);
    }

    private static string Describe(ManagerReviewRecord r) =>
        (r.SubmittedAt is null ? "draft" : "submitted")
        + (r.TalkOn is { } t ? "; talk " + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (r.TalkNote is { } n ? " “" + n + "”" : "") : "; no talk")
        + (r.Comment is { } c ? "; comment “" + c + "”" : "");
}
