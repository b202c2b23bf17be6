using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Compensation;

/// <summary><c>rate</c> (按比例提成, docs/plan-format.md §10): max(0, the metric) × the rate (by level, tier, …).</summary>
public static class RatePay
{
    /// <summary>The amount due, unrounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Amount(decimal actual, decimal rate) => Math.Max(0m, actual) * rate;
}
