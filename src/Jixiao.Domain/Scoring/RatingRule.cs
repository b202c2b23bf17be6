namespace Jixiao.Domain.Scoring;

/// <summary>A rubric level of a rating rule (e.g. 优秀 24–30).</summary>
public sealed record RubricLevel(string Level, decimal Min, decimal Max, string? Description);

/// <summary>
/// <c>rating</c>: the points a rater gave (ratings.csv), which must lie in [0, weight]. In an open period a missing
/// rating scores 0 (待评分) until it is given; in a closed one it is an error.
/// </summary>
public sealed record RatingRule(decimal Points, IReadOnlyList<RubricLevel> Rubric) : ScoringRule(Points)
{
    /// <summary>Whether <paramref name="given"/> points are allowed: 0 ≤ given ≤ weight.</summary>
    public static bool IsInRange(decimal given, decimal weight) => given >= 0m && given <= weight;

    /// <summary>The first rubric level containing <paramref name="points"/>, or null.</summary>
    public RubricLevel? LevelOf(decimal points)
    {
        // A loop rather than a lambda: this runs for every person explained.
        foreach (var l in Rubric)
        {
            if (points >= l.Min && points <= l.Max)
            {
                return l;
            }
        }

        return null;
    }
}
