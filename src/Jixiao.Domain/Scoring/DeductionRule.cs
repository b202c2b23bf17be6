namespace Jixiao.Domain.Scoring;

/// <summary>points = max(0, weight − per_event × count).</summary>
public sealed record DeductionRule(decimal Points, int Metric, decimal PerEvent) : ScoringRule(Points);
