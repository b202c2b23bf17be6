using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Scoring;

/// <summary>points = weight × min(r, cap).</summary>
public sealed record RatioRule(decimal Points, int Metric, TargetSource Target, decimal Cap, Direction Direction, IfUndefined IfUndefined) : ScoringRule(Points)
{
    public override decimal MaxPoints => Points * Cap;
}
