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
    /// <summary>A credit share has at most six decimals (after converting a percentage): credits.csv's share column and shares entered in the app.</summary>
    public const int ShareDecimals = 6;

    /// <summary>The shares of a sale's credit <paramref name="parts"/> and their tie-break keys (the employees' ids).</summary>
    public static (decimal[] Shares, string[] Keys) Weights(IReadOnlyList<Credit> parts, IReadOnlyList<Employee> employees) =>
        Weights(parts, employees, SaleCreditRules.None);

    /// <summary>
    /// The weights of a sale's credit <paramref name="parts"/> under the plan's <paramref name="rules"/> (indirect rate,
    /// referrer share) and their tie-break keys. When the weights add up to less than 1, one more weight — the part of
    /// the sale credited to nobody (the discount, the referrer) — ends the list, keyed after every employee id, so the
    /// parts' cents are the largest-remainder split of the whole sale (equal remainders: the larger weight, then the
    /// person before nobody).
    /// </summary>
    public static (decimal[] Shares, string[] Keys) Weights(IReadOnlyList<Credit> parts, IReadOnlyList<Employee> employees, SaleCreditRules rules)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(employees);
        ArgumentNullException.ThrowIfNull(rules);
        var sum = 0m;
        var any = false;
        foreach (var p in parts)
        {
            sum += rules.WeightOf(p);
            any |= rules.Applies(p);
        }

        var rest = any && sum < 1m ? 1m - sum : 0m;
        var n = parts.Count + (rest > 0m ? 1 : 0);
        var shares = new decimal[n];
        var keys = new string[n];
        for (var i = 0; i < parts.Count; i++)
        {
            shares[i] = rules.WeightOf(parts[i]);
            keys[i] = employees[parts[i].Employee].Id;
        }

        if (rest > 0m)
        {
            shares[^1] = rest;
            keys[^1] = Nobody;
        }

        return (shares, keys);
    }

    /// <summary>The tie-break key of the part credited to nobody: after every employee id (ordinal).</summary>
    internal const string Nobody = "\uFFFF";

    /// <summary>Each part's whole units (cents, or 1/10,000 units) of <paramref name="value"/>, in the order of the weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long[] Split(long value, (decimal[] Shares, string[] Keys) weights) => Money.SplitCents(value, weights.Shares, weights.Keys);
}
