using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// The evaluations of a period not submitted yet (docs/decisions/0019-evaluation-cycle.md): for each person with a result
/// in the evaluation basis, their self-assessment, and their manager scoring when they have a direct manager. A period
/// without a basis run (nothing was visible when evaluation started) counts the ratings still missing instead.
/// </summary>
public static class PendingEvaluations
{
    /// <summary>How many evaluations of <paramref name="period"/> are missing (0 without a plan).</summary>
    public static async Task<int> CountAsync(JixiaoDbContext db, TimeProvider time, Period period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = period.ToString();
        var basis = await db.EvaluationPeriods.AsNoTracking().Where(p => p.Key == key).Select(p => p.BasisRunId).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (basis is null)
        {
            var people = await new RatingService(db, time).LoadAsync(AccessScope.All(ratingComments: false), period, ct).ConfigureAwait(false);
            return people?.Sum(p => p.Entries.Count(e => e.Points is null)) ?? 0;
        }

        var assessed = await EvaluationPeople.AssessedAsync(db, basis, ct).ConfigureAwait(false);
        var selfDone = await db.SelfAssessments.AsNoTracking().Where(s => s.Period == key && s.SubmittedAt != null).Select(s => s.EmployeeId).ToListAsync(ct).ConfigureAwait(false);
        var reviewDone = await db.ManagerReviews.AsNoTracking().Where(r => r.Period == key && r.SubmittedAt != null).Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false);
        var managers = await EvaluationPeople.DirectManagersAsync(db, period, assessed, ct).ConfigureAwait(false);
        return assessed.Except(selfDone, StringComparer.Ordinal).Count()
            + assessed.Where(e => managers.GetValueOrDefault(e) is not null).Except(reviewDone, StringComparer.Ordinal).Count();
    }

    /// <summary>
    /// The assessed people of <paramref name="view"/>'s evaluation basis whose verification is not finished — not confirmed by
    /// finance (none yet, or a line sent back) — by employee id; empty when the plan does not turn verification on.
    /// </summary>
    public static async Task<List<(string EmployeeId, string Name)>> UnverifiedAsync(JixiaoDbContext db, PeriodView view, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Settings.Verification || view.BasisRunId is null)
        {
            return [];
        }

        var pending = await UnverifiedIdsAsync(db, view, null, ct).ConfigureAwait(false);
        var names = await db.Employees.AsNoTracking().Where(e => pending.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return [.. pending.Select(e => (e, names.GetValueOrDefault(e, e)))];
    }

    /// <summary>The ids of <see cref="UnverifiedAsync"/> (no names), in order; <paramref name="assessed"/>: the basis run's people when already read.</summary>
    public static async Task<List<string>> UnverifiedIdsAsync(JixiaoDbContext db, PeriodView view, IReadOnlyCollection<string>? assessed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Settings.Verification || view.BasisRunId is null)
        {
            return [];
        }

        assessed ??= await EvaluationPeople.AssessedAsync(db, view.BasisRunId, ct).ConfigureAwait(false);
        var confirmed = (await db.Verifications.AsNoTracking().Where(v => v.Period == view.Key && v.Outcome == "confirmed").Select(v => v.EmployeeId)
            .ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        return [.. assessed.Where(e => !confirmed.Contains(e)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may move <paramref name="view"/> from evaluation to calibration now: role, state and
    /// calendar first, then the evaluations pending (or their deadline passed), then verification (the page and the move agree).
    /// </summary>
    public static async Task<EvaluationError?> StartCalibrationAsync(
        JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, PeriodView view, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(time);
        if ((PeriodRules.HrOnly(actor) ?? PeriodRules.InState(view.Facts, PeriodState.Evaluation) ?? PeriodRules.InCalendar(view.Facts)) is { } error)
        {
            return error;
        }

        var pending = await CountAsync(db, time, view.Period, ct).ConfigureAwait(false);
        var unverified = await UnverifiedAsync(db, view, ct).ConfigureAwait(false);
        return PeriodRules.StartCalibration(view.Facts, actor, pending, time.GetUtcNow(), zone.Zone, [.. unverified.Select(u => u.Name)]);
    }
}
