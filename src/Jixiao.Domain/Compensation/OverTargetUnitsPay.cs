using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// <c>over_target_units</c> (超额台数奖, docs/plan-format.md §10): the units sold beyond the target, taken in the order they
/// were sold (date, then file order), each paid at its product's amount. Nothing is due when actual ≤ target.
/// </summary>
public static class OverTargetUnitsPay
{
    /// <summary>Whether anything can be due: the actual exceeds the target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOver(decimal actual, decimal target) => actual > target;

    /// <summary>
    /// The units of one sale, in the order sold, that lie beyond <paramref name="target"/>: <paramref name="cumulative"/>
    /// (the units of the sales before it) grows by <paramref name="units"/>; the part above max(before, target) is over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal UnitsOver(ref decimal cumulative, decimal units, decimal target)
    {
        var before = cumulative;
        cumulative += units;
        return Math.Max(0m, cumulative - Math.Max(before, target));
    }
}
