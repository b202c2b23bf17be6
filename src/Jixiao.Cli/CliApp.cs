using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jixiao.Application.Import;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Spectre.Console;

namespace Jixiao.Cli;

/// <summary>
/// The `jixiao` command. Exit codes: 0 success; 1 computed, but some people could not be (listed);
/// 2 bad input (arguments, plan or data) — nothing computed; for `migrate`, the database could not be migrated.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int PartialErrors = 1;
    public const int BadInput = 2;

    /// <summary>Runs the command with the given arguments, writing to the given streams (in-process for tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var culture = Jixiao.Domain.Localization.Text.ResolveCulture(LanguageFrom(args) ?? Environment.GetEnvironmentVariable("JIXIAO_LANG")
            ?? Environment.GetEnvironmentVariable("LC_ALL") ?? Environment.GetEnvironmentVariable("LANG"));
        var io = new Io(stdout, stderr, culture, interactive);

        var lang = new Option<string?>("--lang") { Description = CliText.Get("Opt_Lang", culture), Recursive = true };
        var root = new RootCommand(CliText.Get("Root_Description", culture));
        root.Options.Add(lang);

        var planOption = new Option<string>("--plan") { Description = CliText.Get("Opt_Plan", culture), Required = true };
        var validate = new Command("validate", CliText.Get("Validate_Description", culture)) { planOption };
        root.Subcommands.Add(validate);

        var calcPlan = new Option<string>("--plan") { Description = CliText.Get("Opt_Plan", culture), Required = true };
        var data = new Option<string>("--data") { Description = CliText.Get("Opt_Data", culture), Required = true };
        var period = new Option<string>("--period") { Description = CliText.Get("Opt_Period", culture), Required = true };
        var format = new Option<string>("--format") { Description = CliText.Get("Opt_Format", culture), DefaultValueFactory = _ => "table" };
        var explain = new Option<string[]>("--explain") { Description = CliText.Get("Opt_Explain", culture), AllowMultipleArgumentsPerToken = false };
        var formula = new Option<bool>("--formula") { Description = CliText.Get("Opt_Formula", culture) };
        var outFile = new Option<string?>("--out") { Description = CliText.Get("Opt_Out", culture) };
        var calc = new Command("calc", CliText.Get("Calc_Description", culture)) { calcPlan, data, period, format, explain, formula, outFile };
        root.Subcommands.Add(calc);

        var template = new Option<string>("--template") { Description = CliText.Get("Opt_Template", culture, string.Join(", ", Templates.Names)), Required = true };
        var demoOut = new Option<string>("--out") { Description = CliText.Get("Opt_Out", culture), Required = true };
        var demo = new Command("demo", CliText.Get("Demo_Description", culture)) { template, demoOut };
        root.Subcommands.Add(demo);

        var employees = new Option<int>("--employees") { Description = CliText.Get("Opt_Employees", culture), Required = true };
        var sales = new Option<long>("--sales") { Description = CliText.Get("Opt_Sales", culture), Required = true };
        var seed = new Option<int>("--seed") { Description = CliText.Get("Opt_Seed", culture), DefaultValueFactory = _ => 42 };
        var benchOut = new Option<string>("--out") { Description = CliText.Get("Opt_Out", culture), Required = true };
        var benchData = new Command("bench-data", CliText.Get("BenchData_Description", culture)) { employees, sales, seed, benchOut };
        root.Subcommands.Add(benchData);

        var sqlite = new Option<string?>("--sqlite") { Description = CliText.Get("Opt_Sqlite", culture) };
        var postgres = new Option<string?>("--postgres") { Description = CliText.Get("Opt_Postgres", culture) };
        var migrate = new Command("migrate", CliText.Get("Migrate_Description", culture)) { sqlite, postgres };
        root.Subcommands.Add(migrate);

        var (workdays, runWorkdays) = WorkdaysCommand.Create(culture);
        root.Subcommands.Add(workdays);
        var (backup, runBackup) = BackupCommand.Create(culture);
        root.Subcommands.Add(backup);

        var (payouts, runPayouts) = PayoutsCommand.Create(culture);
        root.Subcommands.Add(payouts);
        var (careers, runCareers) = CareersCommand.Create(culture);
        root.Subcommands.Add(careers);

        // System.CommandLine words its own errors in the current UI culture (it ships zh-Hans and zh-Hant).
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }

        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            stderr.WriteLine(ParseErrorLine(parsed, io));
            return BadInput;
        }

        // `jixiao calc --help`: help wins over the command's required options (which are then missing).
        if (parsed.Action is System.CommandLine.Help.HelpAction)
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        var command = parsed.CommandResult.Command;
        if (command == validate)
        {
            return Validate(parsed.GetValue(planOption)!, io);
        }

        if (command == calc)
        {
            return Calc(parsed.GetValue(calcPlan)!, parsed.GetValue(data)!, parsed.GetValue(period)!, parsed.GetValue(format)!,
                parsed.GetValue(explain) ?? [], parsed.GetValue(formula), parsed.GetValue(outFile), io);
        }

        if (command == demo)
        {
            return Demo(parsed.GetValue(template)!, parsed.GetValue(demoOut)!, io);
        }

        if (command == benchData)
        {
            return BenchData(parsed.GetValue(employees), parsed.GetValue(sales), parsed.GetValue(seed), parsed.GetValue(benchOut)!, io);
        }

        if (command == migrate)
        {
            return Migrate(parsed.GetValue(sqlite), parsed.GetValue(postgres), io);
        }

        if (command == payouts)
        {
            return runPayouts(parsed, io);
        }

        if (command == careers)
        {
            return runCareers(parsed, io);
        }

        if (command == workdays)
        {
            return runWorkdays(parsed, stdout, stderr, culture);
        }

        if (command == backup)
        {
            return runBackup(parsed, stdout, stderr, culture);
        }

        // No subcommand, --help or --version: let System.CommandLine print help.
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>
    /// One line for what is wrong with the command line: the required options missing (all of them, by name), or else
    /// the first error; with where to find the usage.
    /// </summary>
    private static string ParseErrorLine(ParseResult parsed, Io io)
    {
        var command = parsed.CommandResult.Command;
        var path = command.Parents.OfType<Command>().Any() ? "jixiao " + command.Name : "jixiao";
        var missing = command.Options.Where(o => o.Required && parsed.GetResult(o) is not { IdentifierToken: not null }).Select(o => o.Name).ToList();
        return missing.Count > 0
            ? io.T("Missing_Options", path, string.Join(", ", missing))
            : io.T("Bad_CommandLine", parsed.Errors[0].Message, path);
    }

    private static string? LanguageFrom(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--lang=", StringComparison.Ordinal))
            {
                return args[i]["--lang=".Length..];
            }
        }

        return null;
    }

    internal sealed record Io(TextWriter Out, TextWriter Err, CultureInfo Culture, bool Interactive)
    {
        public string T(string key, params object?[] args) => CliText.Get(key, Culture, args);

        /// <summary>A plan name in the output's language: the English or Traditional Chinese name when the plan gives it, else the Simplified one.</summary>
        public string Name(string name, string? nameEn, string? nameZhTw) =>
            Culture.Name.StartsWith("en", StringComparison.Ordinal) ? nameEn ?? name
            : Culture.Name.StartsWith("zh-TW", StringComparison.Ordinal) ? nameZhTw ?? name : name;

        /// <summary>A calculation error with the plan's codes shown by their names.</summary>
        public string Error(CalculationError error, Plan plan) => error.Format(Culture, PlanCodeNames.For(plan, Name));
    }

    internal static PlanLoadResult LoadPlan(string planArg)
    {
        if (!File.Exists(planArg) && Templates.Exists(planArg))
        {
            return PlanLoader.Load(Templates.PlanText(planArg), planArg + ".yaml");
        }

        return PlanLoader.LoadFile(planArg);
    }

    internal static bool ReportPlan(string planArg, PlanLoadResult result, Io io)
    {
        var warnings = result.Warnings.ToList();
        if (!result.Ok)
        {
            foreach (var p in result.Problems)
            {
                io.Err.WriteLine(p.Format(io.Culture));
            }

            io.Err.WriteLine(io.T("Plan_Invalid", planArg, result.Errors.Count()));
            return false;
        }

        if (warnings.Count > 0)
        {
            io.Err.WriteLine(io.T("Warnings", warnings.Count));
            foreach (var w in warnings)
            {
                io.Err.WriteLine(w.Format(io.Culture));
            }
        }

        return true;
    }

    private static int Validate(string planArg, Io io)
    {
        var result = LoadPlan(planArg);
        if (!ReportPlan(planArg, result, io))
        {
            return BadInput;
        }

        var plan = result.Plan!;
        io.Out.WriteLine(io.T("Plan_Valid", planArg, plan.Code, plan.Version, plan.Metrics.Count, plan.Scorecards.Count, plan.Pay.Count));
        return Ok;
    }

    private static int Calc(string planArg, string dataDir, string periodArg, string formatArg, string[] explain, bool formula, string? outFile, Io io)
    {
        if (!Period.TryParse(periodArg, out var period))
        {
            io.Err.WriteLine(io.T("Bad_Period", periodArg));
            return BadInput;
        }

        var format = formatArg.Trim().ToLowerInvariant();
        if (format is not ("table" or "json" or "csv"))
        {
            io.Err.WriteLine(io.T("Bad_Format", formatArg));
            return BadInput;
        }

        var planResult = LoadPlan(planArg);
        if (!ReportPlan(planArg, planResult, io))
        {
            return BadInput;
        }

        var plan = planResult.Plan!;
        DataLoadResult loaded;
        CalculationResult result;
        if (io.Interactive)
        {
            DataLoadResult? l = null;
            CalculationResult? r = null;
            AnsiConsole.Progress().Start(ctx =>
            {
                var load = ctx.AddTask(io.T("Loading"), maxValue: 1);
                load.IsIndeterminate = true;
                l = DataDirectoryLoader.Load(dataDir, plan, keepRowIds: explain.Length > 0);
                load.Value = 1;
                load.StopTask();
                if (l.Ok)
                {
                    var compute = ctx.AddTask(io.T("Computing"), maxValue: 1);
                    r = Compute(plan, l, period, explain, new Progress<double>(v => compute.Value = v));
                    compute.Value = 1;
                }
            });
            loaded = l!;
            result = r!;
        }
        else
        {
            loaded = DataDirectoryLoader.Load(dataDir, plan, keepRowIds: explain.Length > 0);
            result = loaded.Ok ? Compute(plan, loaded, period, explain, null) : null!;
        }

        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors)
            {
                io.Err.WriteLine(e.Format(io.Culture));
            }

            io.Err.WriteLine(io.T("Data_Invalid", dataDir, loaded.Errors.Count));
            return BadInput;
        }

        foreach (var id in explain)
        {
            if (loaded.Dataset!.EmployeeIndex(id) < 0)
            {
                io.Err.WriteLine(io.T("Unknown_Employee", id));
                return BadInput;
            }
        }

        try
        {
            Write(result, plan, format, formula, outFile, io);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine(io.T("Cannot_Write", outFile, ex.Message));
            return BadInput;
        }

        foreach (var id in explain.Where(id => !result.Explanations.ContainsKey(id)))
        {
            io.Err.WriteLine(io.T("Not_Assessed", id, result.Period.ToString()));
        }

        var failedPeople = result.Errors.Select(e => e.Employee).Distinct().Count();
        io.Err.WriteLine(io.T("Calc_Summary", plan.Code, result.Period.ToString(), result.Results.Count, failedPeople, result.Skipped));
        if (result.NotAssessed.Count > 0)
        {
            // People whose position the plan marks not assessed (e.g. the general manager): said so, never an error.
            io.Err.WriteLine(io.T("Calc_NotAssessedByPosition", result.NotAssessed.Count));
            var people = loaded.Dataset!.Employees.ToDictionary(e => e.Id, StringComparer.Ordinal);
            foreach (var id in result.NotAssessed)
            {
                var position = !people.TryGetValue(id, out var e) ? "" : !plan.Positions.TryGetValue(e.Position, out var named) ? e.Position
                    : io.Name(named.Name, named.NameEn, named.NameZhTw);
                io.Err.WriteLine("  " + io.T("Calc_NotAssessedLine", id, e?.Name ?? id, position));
            }
        }

        if (plan.CostControl is { } costControl)
        {
            // The bonus pool cap (docs/plan-format.md §10c): reported, never applied silently.
            var check = CostControl.Review(costControl, result).Check;
            io.Err.WriteLine(check.Exceeded
                ? io.T("CostControl_Exceeded", result.Period.ToString(), Yuan(check.Total), Yuan(check.Pool), Yuan(check.Excess))
                : io.T("CostControl_Within", result.Period.ToString(), Yuan(check.Total), Yuan(check.Pool)));
        }

        if (result.Errors.Count > 0)
        {
            io.Err.WriteLine(io.T("Calc_Errors"));
            foreach (var e in result.Errors)
            {
                io.Err.WriteLine("  " + io.Error(e, plan));
            }

            return PartialErrors;
        }

        return Ok;
    }

    private static string Yuan(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static CalculationResult Compute(Plan plan, DataLoadResult loaded, Period period, string[] explain, IProgress<double>? progress) =>
        Calculator.Run(plan, loaded.Dataset!, period, new CalculationOptions { Explain = explain, Progress = progress });

    private static void Write(CalculationResult result, Plan plan, string format, bool formula, string? outFile, Io io)
    {
        // Write to a temporary file and move it into place, so a failed run never leaves half a file.
        var tmp = outFile is null ? null : outFile + ".tmp";
        var stream = tmp is null ? null : File.Create(tmp);
        try
        {
            var utf8 = new UTF8Encoding(false);
            switch (format)
            {
                case "json":
                    if (stream is not null)
                    {
                        ResultWriters.Json(result, plan.Name, stream, io.Culture);
                    }
                    else
                    {
                        using var ms = new MemoryStream();
                        ResultWriters.Json(result, plan.Name, ms, io.Culture);
                        io.Out.WriteLine(utf8.GetString(ms.ToArray()));
                    }

                    break;
                case "csv":
                    {
                        var writer = stream is null ? io.Out : new StreamWriter(stream, utf8, leaveOpen: true);
                        ResultWriters.Csv(result, writer);
                        writer.Flush();
                        break;
                    }

                default:
                    {
                        var writer = stream is null ? io.Out : new StreamWriter(stream, utf8, leaveOpen: true);
                        var console = AnsiConsole.Create(new AnsiConsoleSettings
                        {
                            Out = new AnsiConsoleOutput(writer),
                            Ansi = io.Interactive && stream is null ? AnsiSupport.Detect : AnsiSupport.No,
                            ColorSystem = io.Interactive && stream is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                            Interactive = InteractionSupport.No,
                        });
                        if (!io.Interactive || stream is not null)
                        {
                            console.Profile.Width = 240;
                        }

                        ResultWriters.Tables(result, plan, console, io.Culture);
                        foreach (var (id, root) in result.Explanations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                        {
                            // Sentences with each source row's id; the formula's own trace only with --formula (the web's 公式).
                            writer.WriteLine();
                            writer.WriteLine(io.T("Explanation_Title", id));
                            if (result.Results.FirstOrDefault(r => r.Employee == id) is { } person)
                            {
                                writer.Write(PlainExplanation.Text(person, root, plan, io));
                            }

                            if (formula)
                            {
                                writer.WriteLine(io.T("Formula_Title"));
                                writer.Write(ResultWriters.Text(root, io.Culture));
                            }
                        }

                        writer.Flush();
                        break;
                    }
            }
        }
        finally
        {
            stream?.Dispose();
        }

        if (tmp is not null)
        {
            File.Move(tmp, outFile!, overwrite: true);
        }
    }

    private static int Demo(string name, string outDir, Io io)
    {
        if (!Templates.Exists(name))
        {
            io.Err.WriteLine(io.T("Unknown_Template", name, string.Join(", ", Templates.Names)));
            return BadInput;
        }

        try
        {
            Templates.WriteTo(name, outDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine(io.T("Cannot_Write", outDir, ex.Message));
            return BadInput;
        }

        io.Out.WriteLine(io.T("Demo_Written", name, outDir));
        return Ok;
    }

    private static int Migrate(string? sqlite, string? postgres, Io io)
    {
        if ((sqlite is null) == (postgres is null) || string.IsNullOrWhiteSpace(sqlite ?? postgres))
        {
            io.Err.WriteLine(io.T("Migrate_OneTarget"));
            return BadInput;
        }

        var target = DatabaseTarget.From(sqlite, postgres);
        io.Out.WriteLine(io.T("Migrate_Target", target.Provider, target.Display));
        try
        {
            var applied = target.MigrateAsync().GetAwaiter().GetResult();
            foreach (var name in applied)
            {
                io.Out.WriteLine(io.T("Migrate_Applied", name));
            }

            io.Out.WriteLine(applied.Count == 0 ? io.T("Migrate_UpToDate") : io.T("Migrate_Done", applied.Count));
            return Ok;
        }
        catch (Exception ex) when (DatabaseTarget.IsDatabaseError(ex))
        {
            io.Err.WriteLine(io.T("Migrate_Failed", target.Display, ex.GetBaseException().Message));
            return BadInput;
        }
    }

    private static int BenchData(int employees, long sales, int seed, string outDir, Io io)
    {
        if (employees < 1 || sales < 0)
        {
            io.Err.WriteLine(io.T("Opt_Employees") + " ≥ 1, " + io.T("Opt_Sales") + " ≥ 0");
            return BadInput;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            BenchDataGenerator.Write(outDir, employees, sales, seed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine(io.T("Cannot_Write", outDir, ex.Message));
            return BadInput;
        }

        io.Out.WriteLine(io.T("BenchData_Written", employees, sales, outDir, watch.Elapsed.TotalSeconds));
        return Ok;
    }
}
