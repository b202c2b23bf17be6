using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Import;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Careers;
using Jixiao.Domain.Periods;
using Spectre.Console;

namespace Jixiao.Cli;

/// <summary>
/// <c>jixiao careers --plan FILE --data DIR --year 2026 [--format csv|json|table]</c>: computes the months of the year and
/// lists the career recommendations of the plan's <c>careers</c> section (docs/careers.md), one line each, ordered by
/// employee, effective month and rule. Recommendations only: nothing is changed. Exit 0; 1 when some people could not be
/// computed in some month (listed on stderr; the list is printed without those months); 2 for bad input, nothing printed.
/// </summary>
internal static class CareersCommand
{
    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "employee,rule,effective_month,evidence";

    public static (Command Command, Func<ParseResult, CliApp.Io, int> Run) Create(CultureInfo culture)
    {
        var plan = new Option<string>("--plan") { Description = CliText.Get("Opt_Plan", culture), Required = true };
        var data = new Option<string>("--data") { Description = CliText.Get("Opt_Data", culture), Required = true };
        var year = new Option<string>("--year") { Description = CliText.Get("Opt_Year", culture), Required = true };
        var format = new Option<string>("--format") { Description = CliText.Get("Opt_Format", culture), DefaultValueFactory = _ => "table" };
        var command = new Command("careers", CliText.Get("Careers_Description", culture)) { plan, data, year, format };
        return (command, (parsed, io) => Run(parsed.GetValue(plan)!, parsed.GetValue(data)!, parsed.GetValue(year)!, parsed.GetValue(format)!, io));
    }

    private static int Run(string planArg, string dataDir, string yearText, string formatArg, CliApp.Io io)
    {
        if (!int.TryParse(yearText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < WorkingDayCalendar.FirstYear || year >= WorkingDayCalendar.LastYear)
        {
            io.Err.WriteLine(io.T("Bad_Year", yearText, WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear - 1));
            return CliApp.BadInput;
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

        var dataset = loaded.Dataset!;
        var results = new List<CalculationResult>();
        for (var m = 1; m <= 12; m++)
        {
            results.Add(Calculator.Run(p, dataset, new Period(PeriodKind.Month, year, m)));
        }

        // Tiers as in force at the end of January (assignments.csv); the rules follow their own recommendations from there.
        var found = CareerRecommender.Recommend(p.Careers, year, results, dataset.ForPeriod(new Period(PeriodKind.Month, year, 1)).Employees);
        switch (format)
        {
            case "csv":
                io.Out.Write(CsvHeader + "\n");
                foreach (var r in found)
                {
                    io.Out.Write(string.Join(',', Csv(r.Employee), CareerRuleCodes.Code(r.Rule), r.Effective.ToString(), Csv(r.Explain(io.Culture))) + "\n");
                }

                break;
            case "json":
                io.Out.WriteLine(Json(found, io.Culture));
                break;
            default:
                Table(found, io);
                break;
        }

        io.Out.Flush();
        var errors = results.SelectMany(r => r.Errors.Select(e => (r.Period, Error: e))).ToList();
        io.Err.WriteLine(io.T("Careers_Summary", p.Code, year, found.Count));
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

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Json(IReadOnlyList<CareerRecommendation> found, CultureInfo culture)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var r in found)
            {
                w.WriteStartObject();
                w.WriteString("employee", r.Employee);
                w.WriteString("rule", CareerRuleCodes.Code(r.Rule));
                w.WriteString("rule_name", r.RuleName(culture));
                w.WriteString("effective_month", r.Effective.ToString());
                w.WriteString("evidence", r.Explain(culture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Table(IReadOnlyList<CareerRecommendation> found, CliApp.Io io)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        var table = new Table().AddColumns(io.T("Col_Employee"), io.T("Col_CareerRule"), io.T("Col_Effective"), io.T("Col_Evidence"));
        foreach (var r in found)
        {
            table.AddRow(Markup.Escape(r.Employee), Markup.Escape(r.RuleName(io.Culture)), r.Effective.ToString(), Markup.Escape(r.Explain(io.Culture)));
        }

        console.Write(table);
    }
}
