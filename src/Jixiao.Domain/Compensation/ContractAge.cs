using Jixiao.Domain.Data;

namespace Jixiao.Domain.Compensation;

/// <summary>Rate applied to contract revenue by contract age (年限折算率): months [FromMonth, ToMonth], inclusive, 1-based.</summary>
public sealed record ContractAgeRate(int FromMonth, int? ToMonth, decimal Rate);

/// <summary>
/// Contract-age weighting (年限折算率, docs/plan-format.md §5): an amount of a sale or collection counts at the rate of
/// the band its contract's age falls in, by contract month.
/// </summary>
public static class ContractAge
{
    /// <summary>
    /// Contract month of a row: the signing month counts as month 1 until the same day of the next
    /// month (signed 2025-01-15: 2026-01-14 is month 12, 2026-01-15 month 13). No signing date = new contract.
    /// </summary>
    public static int Month(int signedDay, int rowDay)
    {
        if (signedDay == Columns.NoDay || rowDay < signedDay)
        {
            return 1;
        }

        var s = DateOnly.FromDayNumber(signedDay);
        var d = DateOnly.FromDayNumber(rowDay);
        var months = ((d.Year - s.Year) * 12) + d.Month - s.Month;
        if (d.Day < s.Day && !(d.Day == DateTime.DaysInMonth(d.Year, d.Month) && s.Day > d.Day))
        {
            months--;
        }

        return months + 1;
    }

    /// <summary>The rate of the band of <paramref name="rates"/> containing the row's contract month; 0 when none does.</summary>
    public static decimal RateOf(IReadOnlyList<ContractAgeRate> rates, int signedDay, int rowDay)
    {
        var month = Month(signedDay, rowDay);
        foreach (var r in rates)
        {
            if (month >= r.FromMonth && (r.ToMonth is null || month <= r.ToMonth))
            {
                return r.Rate;
            }
        }

        return 0m;
    }
}
