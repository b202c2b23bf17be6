namespace Jixiao.Domain.Scoring;

/// <summary>A rubric level of a rating rule (e.g. 优秀 24–30).</summary>
public sealed record RubricLevel(string Level, decimal Min, decimal Max, string? Description);

/// <summary>Points given by a rater in [0, weight].</summary>
public sealed record RatingRule(decimal Points, IReadOnlyList<RubricLevel> Rubric) : ScoringRule(Points);
