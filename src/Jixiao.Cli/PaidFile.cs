using System.Globalization;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Cli;

/// <summary>
/// Reads an approved payroll file (the CSV of an earlier <c>jixiao payouts</c>) for <c>--paid</c>: its lines of approved
/// months are kept as they are and differences become corrections (docs/pay-ledger.md). Pending lines were not paid and
/// are skipped. Every bad line is reported with its number; any error means nothing is computed.
/// </summary>
internal static class PaidFile
{
    public static List<LedgerLine>? Read(string path, CliApp.Io io)
    {
        string[] rows;
        try
        {
            rows = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine(io.T("Paid_CannotRead", path, ex.Message));
            return null;
        }

        if (rows.Length == 0 || rows[0].Trim().TrimStart('\uFEFF') != PayoutsCommand.CsvHeader)
        {
            io.Err.WriteLine(io.T("Paid_Header", path, PayoutsCommand.CsvHeader));
            return null;
        }

        var lines = new List<LedgerLine>();
        var errors = 0;
        for (var i = 1; i < rows.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(rows[i]))
            {
                continue;
            }

            var f = Fields(rows[i]);
            if (f.Count != 6)
            {
                Bad(i + 1, io.T("Paid_Fields", f.Count));
                continue;
            }

            if (!Period.TryParse(f[2], out var earned))
            {
                Bad(i + 1, io.T("Bad_Period", f[2]));
                continue;
            }

            if (!Period.TryParse(f[3], out var month) || month.Kind != PeriodKind.Month)
            {
                Bad(i + 1, io.T("Paid_Month", f[3]));
                continue;
            }

            if (!LedgerStatusCodes.TryParse(f[4], out var status))
            {
                Bad(i + 1, io.T("Paid_Status", f[4], string.Join(", ", LedgerStatusCodes.All)));
                continue;
            }

            if (!decimal.TryParse(f[5], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                || amount * 100m != decimal.Truncate(amount * 100m))
            {
                Bad(i + 1, io.T("Paid_Amount", f[5]));
                continue;
            }

            if (status != LedgerStatus.Pending)
            {
                lines.Add(new LedgerLine(f[0], f[1], earned, month, status, amount, LedgerRule.Approved, []));
            }
        }

        return errors == 0 ? lines : null;

        void Bad(int line, string why)
        {
            errors++;
            io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: ") + why);
        }
    }

    /// <summary>The fields of one CSV line (RFC 4180 quotes).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
