using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// <c>over_target</c> (超额奖励, docs/plan-format.md §10): (actual − target) × rate, paid only when actual exceeds
/// target × (1 + threshold); otherwise 0.
/// </summary>
public static class OverTargetPay
{
    /// <summary>The amount due, unrounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Amount(decimal actual, decimal target, decimal threshold, decimal rate) =>
        actual > target * (1m + threshold) ? (actual - target) * rate : 0m;
}
