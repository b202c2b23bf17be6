namespace Jixiao.Domain.Grades;

/// <summary>What a forced distribution is counted over: each org unit, or the whole company.</summary>
public enum DistributionScope
{
    Unit,
    Company,
}

/// <summary>
/// The plan's forced distribution (强制分布, the <c>grades: forced_distribution</c> section, docs/plan-format.md §18): per unit
/// (or the whole company), at most <see cref="MaxShare"/> of the people assessed may have each listed grade.
/// </summary>
public sealed record ForcedDistributionRule(DistributionScope Per, IReadOnlyDictionary<string, decimal> MaxShare);

/// <summary>One assessed person as calibration sees them: their unit, total, current grade and the grade scale of their scorecard.</summary>
public sealed record RankedPerson(string Employee, string Unit, decimal Total, string Grade, GradeScale Scale);

/// <summary>
/// A move forced by the distribution, with why: the person ranks <see cref="Rank"/> of <see cref="Headcount"/> in
/// <see cref="Unit"/>, where at most <see cref="Cap"/> people (<see cref="MaxShare"/>) may have grade <see cref="From"/>;
/// they get <see cref="To"/>, the next grade down of their scale.
/// </summary>
public sealed record GradeMove(string Employee, string Unit, decimal Total, string From, string To, int Rank, int Headcount, int Cap, decimal MaxShare);

/// <summary>
/// The forced-distribution rule (docs/decisions/0019-evaluation-cycle.md). Per unit (or the company): people are ranked
/// by total, highest first, ties by employee id (ordinal) — so the same data always moves the same people. Going through
/// the capped grades from the top of the scale down, the first <c>floor(share × headcount)</c> people with a grade keep it
/// (a cap never rounds up: "at most 20%" of 4 people is 0); everyone after them moves to the next grade down, where they
/// count towards that grade's cap in turn. The lowest grade of a scale has no grade below: nobody moves out of it.
/// The moved person's coefficient is the new grade's at their total, clamped to that grade's range (for an interpolated
/// coefficient, the new grade's top coefficient), computed by the engine from the recorded grade.
/// </summary>
public static class ForcedDistribution
{
    /// <summary>How many people of <paramref name="headcount"/> may have a grade capped at <paramref name="share"/>: rounded down.</summary>
    public static int Cap(decimal share, int headcount) => (int)decimal.Floor(share * headcount);

    /// <summary>The moves <paramref name="rule"/> forces on <paramref name="people"/>, by unit, then rank.</summary>
    public static IReadOnlyList<GradeMove> Moves(ForcedDistributionRule rule, IEnumerable<RankedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(people);
        var moves = new List<GradeMove>();
        var groups = people.GroupBy(p => rule.Per == DistributionScope.Unit ? p.Unit : "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var ranked = group.OrderByDescending(p => p.Total).ThenBy(p => p.Employee, StringComparer.Ordinal).ToList();
            var grade = ranked.ToDictionary(p => p.Employee, p => p.Grade, StringComparer.Ordinal);
            var moved = new Dictionary<string, GradeMove>(StringComparer.Ordinal);
            foreach (var capped in CappedTopDown(rule, ranked))
            {
                var cap = Cap(rule.MaxShare[capped], ranked.Count);
                var kept = 0;
                for (var r = 0; r < ranked.Count; r++)
                {
                    var p = ranked[r];
                    if (grade[p.Employee] != capped)
                    {
                        continue;
                    }

                    if (kept < cap || Below(p.Scale, capped) is not { } lower)
                    {
                        kept++;
                        continue;
                    }

                    grade[p.Employee] = lower;
                    var from = moved.TryGetValue(p.Employee, out var earlier) ? earlier.From : capped;
                    moved[p.Employee] = new GradeMove(p.Employee, group.Key, p.Total, from, lower, r + 1, ranked.Count, cap, rule.MaxShare[capped]);
                }
            }

            moves.AddRange(moved.Values.OrderBy(m => m.Rank));
        }

        return moves;
    }

    /// <summary>The grade below <paramref name="grade"/> in <paramref name="scale"/>, or null at the bottom (or not in the scale).</summary>
    public static string? Below(GradeScale scale, string grade)
    {
        ArgumentNullException.ThrowIfNull(scale);
        for (var i = 1; i < scale.Bands.Count; i++)
        {
            if (scale.Bands[i].Grade == grade)
            {
                return scale.Bands[i - 1].Grade;
            }
        }

        return null;
    }

    /// <summary>The capped grades from the top down: by their highest position in the people's scales.</summary>
    private static IEnumerable<string> CappedTopDown(ForcedDistributionRule rule, List<RankedPerson> people)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var scale in people.Select(p => p.Scale).Distinct())
        {
            for (var i = 0; i < scale.Bands.Count; i++)
            {
                var g = scale.Bands[i].Grade;
                if (rule.MaxShare.ContainsKey(g))
                {
                    position[g] = Math.Max(position.GetValueOrDefault(g, -1), i);
                }
            }
        }

        return position.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key);
    }
}
