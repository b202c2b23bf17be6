using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Scoring;

/// <summary>A range of achievement with its points, interpolated linearly from Min at From to Max at To.</summary>
public sealed record ScoreBand(decimal From, decimal To, decimal Min, decimal Max);

/// <summary>
/// <c>bands</c>: points by achievement band, linear inside each band. r is clamped to [0, the last band's end]
/// (the cap); the band containing it ([From, To)) gives Min + (r − From) ÷ (To − From) × (Max − Min).
/// </summary>
public sealed record BandsRule(decimal Points, int Metric, TargetSource Target, IReadOnlyList<ScoreBand> Bands, Direction Direction, IfUndefined IfUndefined) : ScoringRule(Points)
{
    public decimal Cap => Bands[^1].To;

    public override decimal MaxPoints => Bands[^1].Max;

    /// <summary>The points for achievement <paramref name="r"/> (unrounded), with the clamped r and the band used.</summary>
    public (decimal Points, decimal X, ScoreBand Band) Score(decimal r)
    {
        var x = Math.Clamp(r, 0m, Cap);
        var band = Bands[^1];
        foreach (var b in Bands)
        {
            if (x >= b.From && x < b.To)
            {
                band = b;
                break;
            }
        }

        return (band.Min + ((x - band.From) / (band.To - band.From) * (band.Max - band.Min)), x, band);
    }
}
