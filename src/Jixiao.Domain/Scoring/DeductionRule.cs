namespace Jixiao.Domain.Scoring;

/// <summary><c>deduction</c>: points = weight − per_event × count, kept within [0, weight].</summary>
public sealed record DeductionRule(decimal Points, int Metric, decimal PerEvent) : ScoringRule(Points)
{
    /// <summary>The points left after <paramref name="count"/> events.</summary>
    public decimal Score(decimal count) => Math.Clamp(Points - (PerEvent * count), 0m, Points);
}
