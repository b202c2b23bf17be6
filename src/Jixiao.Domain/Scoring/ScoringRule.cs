namespace Jixiao.Domain.Scoring;

/// <summary>A scoring rule (评分规则): how points are earned.</summary>
public abstract record ScoringRule(decimal Points)
{
    /// <summary>The points of the best possible result.</summary>
    public virtual decimal MaxPoints => Points;
}
