namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>The status codes of the payroll file (`jixiao payouts`, docs/pay-ledger.md): paid, deferred, forfeited, withheld, paid_back, clawed_back, adjusted, pending.</summary>
public static class LedgerStatusCodes
{
    private static readonly (LedgerStatus Status, string Code)[] Codes =
    [
        (LedgerStatus.Paid, "paid"), (LedgerStatus.Deferred, "deferred"), (LedgerStatus.Forfeited, "forfeited"), (LedgerStatus.Withheld, "withheld"),
        (LedgerStatus.PaidBack, "paid_back"), (LedgerStatus.ClawedBack, "clawed_back"), (LedgerStatus.Adjusted, "adjusted"), (LedgerStatus.Pending, "pending"),
    ];

    /// <summary>The file code of <paramref name="status"/>.</summary>
    public static string Code(LedgerStatus status) => Codes.First(c => c.Status == status).Code;

    /// <summary>The status of a file code (exact, lowercase).</summary>
    public static bool TryParse(string? code, out LedgerStatus status)
    {
        foreach (var c in Codes)
        {
            if (c.Code == code)
            {
                status = c.Status;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>The status as people read it (已发放, 扣发 …) in <paramref name="culture"/> (zh-CN by default).</summary>
    public static string Name(LedgerStatus status, System.Globalization.CultureInfo? culture = null) =>
        Localization.Text.Format("LedgerStatus_" + Code(status), culture);

    /// <summary>Every code, in status order.</summary>
    public static IEnumerable<string> All => Codes.Select(c => c.Code);
}
