using System.Globalization;
using System.Text;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// The payroll file (docs/pay-ledger.md): the header <see cref="Header"/>, then one line per ledger line with the file's
/// status code and the amount to the cent (<c>.</c> as the decimal point, no grouping), fields quoted only when they
/// contain a comma, a quote or a line break, each line ending in <c>\n</c>. <c>jixiao payouts --format csv</c> and the
/// web app's export write it with this one function, so the same lines give the same bytes.
/// </summary>
public static class LedgerCsv
{
    /// <summary>The header of the payroll file.</summary>
    public const string Header = "employee,component,earned_period,pay_month,status,amount";

    /// <summary>The whole file, lines in the order given.</summary>
    public static string Write(IEnumerable<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var l in lines)
        {
            sb.Append(Row(l)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>One line of the file (without its line end).</summary>
    public static string Row(LedgerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return string.Join(',', Field(line.Employee), Field(line.Component), line.Earned.ToString(), line.PayMonth.ToString(),
            LedgerStatusCodes.Code(line.Status), Amount(line.Amount));
    }

    /// <summary>An amount as the file writes it: two decimals, invariant.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
