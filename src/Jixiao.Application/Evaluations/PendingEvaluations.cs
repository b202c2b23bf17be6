using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
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
}
