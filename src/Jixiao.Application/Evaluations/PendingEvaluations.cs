using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// The evaluations of a period not submitted yet: today the manager scores (rating-rule indicators without points, the
/// 评分 page being the manager-scoring step). The self-assessment and verification steps add theirs here as they arrive.
/// </summary>
public static class PendingEvaluations
{
    /// <summary>How many evaluations of <paramref name="period"/> are missing (0 without a plan).</summary>
    public static async Task<int> CountAsync(JixiaoDbContext db, TimeProvider time, Period period, CancellationToken ct = default)
    {
        var people = await new RatingService(db, time).LoadAsync(AccessScope.All(ratingComments: false), period, ct).ConfigureAwait(false);
        return people?.Sum(p => p.Entries.Count(e => e.Points is null)) ?? 0;
    }
}
