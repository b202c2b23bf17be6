using System.Runtime.CompilerServices;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Scoring;

/// <summary>
/// <c>ratio</c>: points = weight × min(r, cap), kept within [0, weight × cap]. The cap is the achievement cap
/// (default 100%; <c>cap: 150%</c> lets over-achievement earn up to 1.5 × the weight).
/// </summary>
public sealed record RatioRule(decimal Points, int Metric, TargetSource Target, decimal Cap, Direction Direction, IfUndefined IfUndefined) : ScoringRule(Points)
{
    public override decimal MaxPoints => Points * Cap;

    /// <summary>The points for achievement <paramref name="r"/> (unrounded).</summary>
    public decimal Score(decimal r) => Score(Points, r, Cap, MaxPoints);

    /// <summary>
    /// The arithmetic of the rule: clamp(<paramref name="weight"/> × min(r, cap), 0, <paramref name="maxPoints"/>),
    /// with <paramref name="maxPoints"/> = weight × cap (made once per run by the engine's fast path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Score(decimal weight, decimal r, decimal cap, decimal maxPoints) => Math.Clamp(weight * Math.Min(r, cap), 0m, maxPoints);
}
