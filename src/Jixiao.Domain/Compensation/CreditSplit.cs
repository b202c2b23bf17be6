using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// Split credits (credits.csv, docs/data-format.md): a sale credited to several people gives each part of it the
/// largest-remainder share (<see cref="Money.SplitCents"/>) of every quantity of the row — units in 1/10,000, amount and
/// margin in cents — so the parts always add up to the row. Ties go to the larger share, then to the smaller employee
/// id (ordinal), whatever the order of the credit lines.
/// </summary>
public static class CreditSplit
{
    /// <summary>The shares of a sale's credit <paramref name="parts"/> and their tie-break keys (the employees' ids).</summary>
    public static (decimal[] Shares, string[] Keys) Weights(IReadOnlyList<Credit> parts, IReadOnlyList<Employee> employees)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(employees);
        var shares = new decimal[parts.Count];
        var keys = new string[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            shares[i] = parts[i].Share;
            keys[i] = employees[parts[i].Employee].Id;
        }

        return (shares, keys);
    }

    /// <summary>Each part's whole units (cents, or 1/10,000 units) of <paramref name="value"/>, in the order of the weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long[] Split(long value, (decimal[] Shares, string[] Keys) weights) => Money.SplitCents(value, weights.Shares, weights.Keys);
}
