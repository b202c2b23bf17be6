using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Scoring;

/// <summary>A range of achievement with its points, interpolated linearly from Min at From to Max at To.</summary>
public sealed record ScoreBand(decimal From, decimal To, decimal Min, decimal Max);

/// <summary>Points by achievement band, linear inside each band.</summary>
public sealed record BandsRule(decimal Points, int Metric, TargetSource Target, IReadOnlyList<ScoreBand> Bands, Direction Direction, IfUndefined IfUndefined) : ScoringRule(Points)
{
    public decimal Cap => Bands[^1].To;

    public override decimal MaxPoints => Bands[^1].Max;
}
