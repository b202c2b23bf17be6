using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Organisation;

/// <summary>
/// Transfers (docs/transfers.md): a person who moved is assessed as assigned on the period's last day (or on their
/// leave date when they left before it); before their first assignment the first applies.
/// </summary>
public static class Transfers
{
    /// <summary>The day whose assignment places <paramref name="employee"/> for <paramref name="period"/>: the period's last day, or the leave date when earlier.</summary>
    public static DateOnly PlacementDay(Employee employee, Period period)
    {
        ArgumentNullException.ThrowIfNull(employee);
        return employee.LeaveDate is { } left && left < period.End ? left : period.End;
    }

    /// <summary>The assignment of <paramref name="history"/> (sorted by start day) in force on <paramref name="day"/> (a day number); before the first, the first.</summary>
    public static EmployeeAssignment InForce(IReadOnlyList<EmployeeAssignment> history, int day)
    {
        ArgumentNullException.ThrowIfNull(history);
        var found = history[0];
        foreach (var a in history)
        {
            if (a.ValidFrom.DayNumber <= day)
            {
                found = a;
            }
        }

        return found;
    }
}
