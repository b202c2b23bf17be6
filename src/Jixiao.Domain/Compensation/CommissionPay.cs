using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// <c>commission</c> (业务提成, docs/plan-format.md §10, seed 003 B): max(0, actual) ÷ the target of the commission's
/// target period (a year by default) × the target commission, uncapped; with <c>period_target_commission</c>, a period
/// whose own target is fully met earns at least that amount.
/// </summary>
public static class CommissionPay
{
    /// <summary>The amount due, unrounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Amount(decimal actual, decimal target, decimal targetCommission) => Math.Max(0m, actual) / target * targetCommission;

    /// <summary>Whether the floor applies: the period's target is met and the full commission is more than <paramref name="amount"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TargetMetFloorApplies(decimal amount, decimal actual, decimal periodTarget, decimal full) => actual >= periodTarget && full > amount;
}
