using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// Forfeiture on leaving (离职不予发放, docs/plan-format.md §10, seed 003 §8.5): a component with
/// <c>forfeit_on_leave</c> (the default) pays 0 to someone who left before the period's last day (the pay line is marked
/// forfeited; the explanation shows the amount given up).
/// </summary>
public static class Forfeiture
{
    /// <summary>Whether <paramref name="component"/> is forfeited by <paramref name="employee"/> in <paramref name="period"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Applies(PayComponent component, Employee employee, Period period) =>
        component.ForfeitOnLeave && employee.LeaveDate is { } leftOn && leftOn < period.End;
}
