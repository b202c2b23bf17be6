using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Import;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;
using Spectre.Console;

namespace Jixiao.Cli;

/// <summary>
/// <c>jixiao payouts --plan FILE --data DIR --year 2026 [--as-of 2027-03-31] [--format csv|json|table] [--paid FILE] [--out FILE]</c>:
/// computes every period of the year and prints the pay ledger, one line per ledger line (docs/pay-ledger.md). The as-of
/// date defaults to the last day of the year (never the machine's clock). Exit 0; 1 when some people could not be computed
/// in some period ending on or before the as-of date (listed on stderr; the ledger is printed without them); 2 for bad
/// input, nothing printed.
/// </summary>
internal static class PayoutsCommand
{
    /// <summary>The CSV header of the payroll file.</summary>
    public const string CsvHeader = LedgerCsv.Header;

    public static (Command Command, Func<ParseResult, CliApp.Io, int> Run) Create(CultureInfo culture)
    {
        var plan = new Option<string>("--plan") { Description = CliText.Get("Opt_Plan", culture), Required = true };
        var data = new Option<string>("--data") { Description = CliText.Get("Opt_Data", culture), Required = true };
        var year = new Option<string>("--year") { Description = CliText.Get("Opt_Year", culture), Required = true };
        var asOf = new Option<string?>("--as-of") { Description = CliText.Get("Opt_AsOf", culture) };
        var format = new Option<string>("--format") { Description = CliText.Get("Opt_Format", culture), DefaultValueFactory = _ => "table" };
        var month = new Option<string?>("--month") { Description = CliText.Get("Opt_Month", culture) };
        var paid = new Option<string?>("--paid") { Description = CliText.Get("Opt_Paid", culture) };
        var outFile = new Option<string?>("--out") { Description = CliText.Get("Opt_Out", culture) };
        var command = new Command("payouts", CliText.Get("Payouts_Description", culture)) { plan, data, year, asOf, format, month, paid, outFile };
        return (command, (parsed, io) => Run(new Args(parsed.GetValue(plan)!, parsed.GetValue(data)!, parsed.GetValue(year)!, parsed.GetValue(asOf),
            parsed.GetValue(format)!, parsed.GetValue(month), parsed.GetValue(paid), parsed.GetValue(outFile)), io));
    }

    private sealed record Args(string Plan, string Data, string Year, string? AsOf, string Format, string? Month, string? Paid, string? Out);

    private static int Run(Args a, CliApp.Io io)
    {
        var (planArg, dataDir, yearText, asOfText, formatArg, paidFile, outFile) = (a.Plan, a.Data, a.Year, a.AsOf, a.Format, a.Paid, a.Out);
        if (!int.TryParse(yearText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < WorkingDayCalendar.FirstYear || year >= WorkingDayCalendar.LastYear)
        {
            io.Err.WriteLine(io.T("Bad_Year", yearText, WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear - 1));
            return CliApp.BadInput;
        }

        Period? payMonth = null;
        if (a.Month is not null)
        {
            if (!Period.TryParse(a.Month.Trim(), out var m) || m.Kind != PeriodKind.Month || m.Year < year || m.Year > year + 1)
            {
                io.Err.WriteLine(io.T("Bad_PayMonth", a.Month, year));
                return CliApp.BadInput;
            }

            payMonth = m;
        }

        // The payroll file of one month is drawn up as of that month's last day (as the web app's payroll month).
        var asOf = payMonth?.End ?? new DateOnly(year, 12, 31);
        if (asOfText is not null)
        {
            if (!DateOnly.TryParseExact(asOfText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
            {
                io.Err.WriteLine(io.T("Bad_Date", asOfText));
                return CliApp.BadInput;
            }

            if (asOf.Year < year)
            {
                io.Err.WriteLine(io.T("Bad_AsOf", asOfText, year));
                return CliApp.BadInput;
            }
        }

        var format = formatArg.Trim().ToLowerInvariant();
        if (format is not ("table" or "json" or "csv"))
        {
            io.Err.WriteLine(io.T("Bad_Format", formatArg));
            return CliApp.BadInput;
        }

        var planResult = CliApp.LoadPlan(planArg);
        if (!CliApp.ReportPlan(planArg, planResult, io))
        {
            return CliApp.BadInput;
        }

        var p = planResult.Plan!;
        var loaded = DataDirectoryLoader.Load(dataDir, p);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors)
            {
                io.Err.WriteLine(e.Format(io.Culture));
            }

            io.Err.WriteLine(io.T("Data_Invalid", dataDir, loaded.Errors.Count));
            return CliApp.BadInput;
        }

        IReadOnlyList<LedgerLine> approved = [];
        if (paidFile is not null)
        {
            var read = PaidFile.Read(paidFile, io);
            if (read is null)
            {
                return CliApp.BadInput;
            }

            approved = read;
        }

        var data = loaded.Dataset!;
        var kinds = p.Scorecards.SelectMany(c => c.Periods).Distinct().Order().ToList();
        var results = new List<CalculationResult>();
        foreach (var kind in kinds)
        {
            foreach (var period in PeriodsOf(year, kind))
            {
                results.Add(Calculator.Run(p, data, period));
            }
        }

        var lines = LedgerBuilder.Build(new LedgerInput(p, year, asOf, results, data.Employees, data.Salaries, WorkingDayCalendar.China) { Approved = approved });
        if (payMonth is { } only)
        {
            lines = [.. lines.Where(l => l.PayMonth == only)];
        }

        try
        {
            Write(lines, format, outFile, io);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine(io.T("Cannot_Write", outFile, ex.Message));
            return CliApp.BadInput;
        }

        // Periods after the as-of day are computed only for their targets (the annual task); their errors do not count.
        var errors = results.Where(r => r.Period.End <= asOf).SelectMany(r => r.Errors.Select(e => (r.Period, Error: e))).ToList();
        io.Err.WriteLine(io.T("Payouts_Summary", p.Code, year, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lines.Count, results.Count));
        if (errors.Count == 0)
        {
            return CliApp.Ok;
        }

        io.Err.WriteLine(io.T("Calc_Errors"));
        foreach (var (period, e) in errors)
        {
            io.Err.WriteLine("  " + period.ToString() + " " + io.Error(e, p));
        }

        return CliApp.PartialErrors;
    }

    private static IEnumerable<Period> PeriodsOf(int year, PeriodKind kind)
    {
        var count = kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, PeriodKind.Half => 2, _ => 1 };
        for (var i = 1; i <= count; i++)
        {
            yield return new Period(kind, year, i);
        }
    }

    private static string Amount(decimal d) => LedgerCsv.Amount(d);

    private static void Write(IReadOnlyList<LedgerLine> lines, string format, string? outFile, CliApp.Io io)
    {
        if (outFile is null)
        {
            WriteTo(io.Out, lines, format, io);
            return;
        }

        // Written to a temporary file and moved into place, so a failed run never leaves half a file.
        var tmp = outFile + ".tmp";
        using (var writer = new StreamWriter(tmp, false, new UTF8Encoding(false)))
        {
            WriteTo(writer, lines, format, io);
        }

        File.Move(tmp, outFile, overwrite: true);
    }

    private static void WriteTo(TextWriter writer, IReadOnlyList<LedgerLine> lines, string format, CliApp.Io io)
    {
        switch (format)
        {
            case "csv":
                writer.Write(LedgerCsv.Write(lines));
                break;
            case "json":
                writer.WriteLine(Json(lines, io.Culture));
                break;
            default:
                Table(lines, writer, io);
                break;
        }

        writer.Flush();
    }

    private static string Json(IReadOnlyList<LedgerLine> lines, CultureInfo culture)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var l in lines)
            {
                w.WriteStartObject();
                w.WriteString("employee", l.Employee);
                w.WriteString("component", l.Component);
                w.WriteString("earned_period", l.Earned.ToString());
                w.WriteString("pay_month", l.PayMonth.ToString());
                w.WriteString("status", LedgerStatusCodes.Code(l.Status));
                w.WriteNumber("amount", l.Amount);
                w.WriteString("rule", l.Rule.ToString());
                w.WriteString("explanation", l.Explain(culture));
                if (l.Refers is { } r)
                {
                    w.WriteStartObject("refers");
                    w.WriteString("component", r.Component);
                    w.WriteString("earned_period", r.Earned.ToString());
                    w.WriteString("pay_month", r.PayMonth.ToString());
                    w.WriteString("status", LedgerStatusCodes.Code(r.Status));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Table(IReadOnlyList<LedgerLine> lines, TextWriter writer, CliApp.Io io)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        var table = new Table().AddColumns(io.T("Col_Employee"), io.T("Col_Component"), io.T("Col_Earned"), io.T("Col_PayMonth"), io.T("Col_Status"),
            io.T("Col_Amount"), io.T("Col_Explanation"));
        table.Columns[5].RightAligned();
        foreach (var l in lines)
        {
            table.AddRow(Markup.Escape(l.Employee), Markup.Escape(l.Component), l.Earned.ToString(), l.PayMonth.ToString(), LedgerStatusCodes.Code(l.Status),
                Amount(l.Amount), Markup.Escape(l.Explain(io.Culture)));
        }

        console.Write(table);
    }
}
