namespace Jixiao.Domain.Compensation;

/// <summary>Rounding and splitting of CNY amounts: 四舍五入 to the cent, splits that sum exactly.</summary>
public static class Money
{
    /// <summary>
    /// Rounds to <paramref name="decimals"/> places, half away from zero (四舍五入). The value is first
    /// snapped to 20 places: a quotient such as 30 × (1,000 ÷ 1,200,000) is 0.025 exactly but computes as
    /// 0.0249999999999999999999999999 in 28-digit decimal arithmetic, and must round to 0.03, not 0.02.
    /// Values from this domain's data (at most 4 decimals, rational operations) cannot lie within 10⁻²⁰ of
    /// a rounding midpoint without being on it, so the snap only removes representation error.
    /// </summary>
    public static decimal Round(decimal value, int decimals = 2) =>
        value.Scale <= decimals && decimals <= 28 ? value : Math.Round(Math.Round(value, 20, MidpointRounding.AwayFromZero), decimals, MidpointRounding.AwayFromZero);

    /// <summary>Converts whole cents to yuan.</summary>
    public static decimal FromCents(long cents) => cents / 100m;

    /// <summary>Converts an amount with at most two decimals to cents; throws when it has more.</summary>
    public static long ToCents(decimal amount)
    {
        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentException($"Amount {amount} has more than two decimal places.", nameof(amount));
        }

        return decimal.ToInt64(cents);
    }

    /// <summary>
    /// Splits <paramref name="totalCents"/> by <paramref name="weights"/> with the largest-remainder method:
    /// every part gets the floor of its exact share, the leftover cents go one each to the largest
    /// remainders. Ties are broken by the larger weight, then by the ordinal order of
    /// <paramref name="keys"/> (e.g. employee ids), then by position, so with keys given the result for
    /// each key does not depend on the order of the inputs. Parts always sum to the total.
    /// </summary>
    public static long[] SplitCents(long totalCents, ReadOnlySpan<decimal> weights, ReadOnlySpan<string> keys = default)
    {
        if (!keys.IsEmpty && keys.Length != weights.Length)
        {
            throw new ArgumentException("Keys must match weights one to one.", nameof(keys));
        }

        if (weights.Length == 0)
        {
            throw new ArgumentException("At least one weight is required.", nameof(weights));
        }

        decimal weightSum = 0m;
        foreach (var w in weights)
        {
            if (w < 0m)
            {
                throw new ArgumentException("Weights must not be negative.", nameof(weights));
            }

            weightSum += w;
        }

        if (weightSum == 0m)
        {
            throw new ArgumentException("Weights must not all be zero.", nameof(weights));
        }

        var sign = totalCents < 0 ? -1L : 1L;
        var magnitude = Math.Abs(totalCents);
        var parts = new long[weights.Length];
        var remainders = new decimal[weights.Length];
        long assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = magnitude * weights[i] / weightSum;
            var floor = decimal.Floor(exact);
            parts[i] = decimal.ToInt64(floor);
            remainders[i] = exact - floor;
            assigned += parts[i];
        }

        var leftover = magnitude - assigned;
        while (leftover > 0)
        {
            var best = -1;
            for (var i = 0; i < remainders.Length; i++)
            {
                if (remainders[i] < 0m)
                {
                    continue;
                }

                if (best < 0 || Precedes(i, best, remainders, weights, keys))
                {
                    best = i;
                }
            }

            parts[best]++;
            remainders[best] = -1m;
            leftover--;
        }

        if (sign < 0)
        {
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = -parts[i];
            }
        }

        return parts;
    }

    private static bool Precedes(int a, int b, decimal[] remainders, ReadOnlySpan<decimal> weights, ReadOnlySpan<string> keys)
    {
        if (remainders[a] != remainders[b])
        {
            return remainders[a] > remainders[b];
        }

        if (weights[a] != weights[b])
        {
            return weights[a] > weights[b];
        }

        if (!keys.IsEmpty)
        {
            var byKey = string.CompareOrdinal(keys[a], keys[b]);
            if (byKey != 0)
            {
                return byKey < 0;
            }
        }

        return a < b;
    }

    /// <summary>Splits a yuan amount (at most two decimals) by weights; parts sum exactly to the amount.</summary>
    public static decimal[] Split(decimal amount, ReadOnlySpan<decimal> weights, ReadOnlySpan<string> keys = default)
    {
        var cents = SplitCents(ToCents(amount), weights, keys);
        var result = new decimal[cents.Length];
        for (var i = 0; i < cents.Length; i++)
        {
            result[i] = FromCents(cents[i]);
        }

        return result;
    }
}
