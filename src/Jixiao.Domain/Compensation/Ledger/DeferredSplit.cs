namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// Splits an earned amount into the shares of its schedule (seed 003 C: 30% now, 70% after the Spring Festival): every share
/// but the last is amount × share rounded to the cent (四舍五入), the last is the remainder, so the parts sum exactly to the
/// amount. 7,777.77 at 30/70: 30% = 2,333.331 → 2,333.33; 70% = 7,777.77 − 2,333.33 = 5,444.44.
/// </summary>
public static class DeferredSplit
{
    /// <summary>The parts of <paramref name="amount"/> (to the cent) by <paramref name="shares"/> (which sum to 1).</summary>
    public static decimal[] Split(decimal amount, IReadOnlyList<decimal> shares)
    {
        ArgumentOutOfRangeException.ThrowIfZero(shares.Count);
        var parts = new decimal[shares.Count];
        var rest = amount;
        for (var i = 0; i < shares.Count - 1; i++)
        {
            parts[i] = Money.Round(amount * shares[i]);
            rest -= parts[i];
        }

        parts[^1] = rest;
        return parts;
    }
}
