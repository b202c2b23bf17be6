using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// <c>bonus</c> (绩效奖金, docs/plan-format.md §10): base (by level, tier, …) × the grade's coefficient × an achievement
/// factor (1 without <c>achievement</c>; with it, the achievement ratio clamped to [0, cap]).
/// </summary>
public static class BonusPay
{
    /// <summary>The achievement factor: r clamped to [0, <paramref name="cap"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Factor(decimal r, decimal cap) => Math.Clamp(r, 0m, cap);

    /// <summary>The amount due, unrounded: base × coefficient × factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Amount(decimal baseAmount, decimal coefficient, decimal factor) => baseAmount * coefficient * factor;
}
