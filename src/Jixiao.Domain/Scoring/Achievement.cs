using System.Runtime.CompilerServices;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Scoring;

/// <summary>
/// The achievement ratio r (达成率, docs/plan-format.md §8 "Achievement r, direction, cap and if_undefined") that
/// <see cref="RatioRule"/>, <see cref="BandsRule"/> and the bonus's achievement factor read. r is never rounded.
/// </summary>
public static class Achievement
{
    /// <summary>
    /// r of a defined ratio: higher is better, actual ÷ target; lower is better, target ÷ actual, or
    /// <paramref name="cap"/> when actual ≤ 0 (nothing went wrong: full marks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Ratio(decimal actual, decimal target, Direction direction, decimal cap) =>
        direction == Direction.Higher ? actual / target : actual <= 0m ? cap : target / actual;

    /// <summary>Whether r is undefined: no actual or no target, or (higher is better) a target of 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsUndefined(decimal? actual, decimal? target, Direction direction) =>
        actual is null || target is null || (direction == Direction.Higher && target.GetValueOrDefault() == 0m);

    /// <summary>r when it is undefined, as <c>if_undefined</c> says: 0 (zero), the cap (full), or null (error: no score).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal? WhenUndefined(IfUndefined ifUndefined, decimal cap) => ifUndefined switch
    {
        IfUndefined.Zero => 0m,
        IfUndefined.Full => cap,
        _ => null,
    };
}
