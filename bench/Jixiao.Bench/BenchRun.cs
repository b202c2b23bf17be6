using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Jixiao.Application.Import;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Bench;

/// <summary>
/// The bench command: generates (or reuses) a data directory and times (a) jixiao's close on the data
/// in memory, (b) jixiao from the CSV files to results, (c) DuckDB's SQL on the same data in memory and
/// from the same CSV files; checks that both engines agree on every person and prints the ratios.
/// </summary>
internal static class BenchRun
{
    /// <summary>DuckDB ÷ jixiao median time the issue asks for, in memory and from CSV.</summary>
    public const double MemoryTarget = 5.0;

    public const double CsvTarget = 1.5;

    public static int Execute(BenchOptions o, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var dir = o.Data ?? Path.Combine("bench-data", string.Create(culture, $"e{o.Employees}-s{o.Sales}-seed{o.Seed}"));
        var period = Domain.Periods.Period.Parse(o.Period);
        var plan = JixiaoTotals.LoadPlan(o.Plan ?? Path.Combine(AppContext.BaseDirectory, "bench-plan.yaml"));
        void Log(string s)
        {
            if (o.Verbose)
            {
                output.WriteLine(s);
            }
        }

        if (!File.Exists(Path.Combine(dir, "employees.csv")))
        {
            output.WriteLine(string.Create(culture, $"Generating {o.Employees:N0} employees / {o.Sales:N0} sales rows into {dir} ..."));
            var sw = Stopwatch.StartNew();
            BenchDataGenerator.Write(dir, o.Employees, o.Sales, o.Seed);
            output.WriteLine(string.Create(culture, $"  generated in {sw.Elapsed.TotalSeconds:F1} s"));
        }

        output.WriteLine(string.Create(culture, $"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, thread-pool spin limit {AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") ?? "default"}, {RuntimeInformationText()}"));
        output.WriteLine(string.Create(culture, $"Data: {dir} ({DirectorySize(dir) / 1e6:F0} MB of CSV); plan {plan.Code} v{plan.Version}; period {period}"));
        output.WriteLine(string.Create(culture, $"Runs: {o.Warmup} warm-up + {o.Runs} timed per measurement, jixiao and DuckDB alternating; medians reported"));

        var pairs = new List<(Pair Pair, string Label, double Target)>();
        List<PersonTotals>? jixiao = null, jixiaoCsv = null, duck = null, duckCsv = null;
        string? duckInfo = null;
        if (o.Memory)
        {
            var sw = Stopwatch.StartNew();
            var data = Load(dir);
            output.WriteLine(string.Create(culture, $"  (a) dataset loaded in {sw.Elapsed.TotalSeconds:F1} s (not timed): {data.Employees.Count:N0} employees, {data.Sales.Count:N0} sales, {data.Activities.Count:N0} activities, {data.Targets.Count:N0} targets"));
            using var peer = new DuckDbPeer();
            duckInfo = $"DuckDB {peer.Version}, threads = {peer.Threads} (default)";
            sw.Restart();
            peer.Load(dir);
            peer.Prepare();
            output.WriteLine(string.Create(culture, $"  (c) DuckDB tables loaded in {sw.Elapsed.TotalSeconds:F1} s (not timed)"));
            var pair = Timing.Interleave(
                "(a) jixiao close, data in memory", () => Calculator.Run(plan, data, period),
                "(c) DuckDB SQL, tables in memory", () =>
                {
                    peer.Close(period);
                    return peer;
                },
                o.Warmup, o.Runs, Log, null, out var result, out _);
            pairs.Add((pair, "in memory: DuckDB SQL / jixiao close", MemoryTarget));
            jixiao = JixiaoTotals.Of(result);
            duck = peer.Results();
            output.WriteLine(string.Create(culture, $"  (a) {result.Results.Count:N0} people computed, {result.Skipped:N0} skipped, {result.Errors.Count:N0} errors"));
        }

        GC.Collect();
        if (o.Csv)
        {
            var pair = Timing.Interleave(
                "(b) jixiao CSV files -> results", () =>
                {
                    var data = Load(dir, o.Phases ? output.WriteLine : null, plan);
                    var sw = Stopwatch.StartNew();
                    var r = Calculator.Run(plan, data, period);
                    if (o.Phases)
                    {
                        output.WriteLine(string.Create(culture, $"    close: {sw.Elapsed.TotalMilliseconds:F0} ms"));
                    }

                    return r;
                },
                "(c) DuckDB read_csv + SQL", () =>
                {
                    var p = new DuckDbPeer();
                    p.Load(dir);
                    p.Prepare();
                    p.Close(period);
                    return p;
                },
                o.Warmup, o.Runs, Log, p => p.Dispose(), out var result, out var last);
            pairs.Add((pair, "from CSV:  DuckDB read_csv + SQL / jixiao CSV -> results", CsvTarget));
            duckInfo ??= $"DuckDB {last.Version}, threads = {last.Threads} (default)";
            jixiaoCsv = JixiaoTotals.Of(result);
            duckCsv = last.Results();
            last.Dispose();
        }

        output.WriteLine(duckInfo);
        output.WriteLine();
        output.WriteLine(string.Create(culture, $"{"measurement",-36} {"median ms",10} {"min ms",10} {"max ms",10}"));
        foreach (var (pair, _, _) in pairs)
        {
            foreach (var t in (Timing[])[pair.Ours, pair.Theirs])
            {
                output.WriteLine(string.Create(culture, $"{t.Name,-36} {t.Median,10:F0} {t.Min,10:F0} {t.Max,10:F0}"));
            }
        }

        output.WriteLine();
        foreach (var (pair, label, target) in pairs)
        {
            var ratio = pair.MedianRatio;
            output.WriteLine(string.Create(culture,
                $"{label}: {ratio:F2}x median of the {pair.Ours.Runs.Count} run pairs ({pair.Theirs.Median / pair.Ours.Median:F2}x of the medians); target >= {target:F1}x: {(ratio >= target ? "met" : "NOT met")}"));
        }

        output.WriteLine();
        var ok = true;
        ok &= Report(output, jixiao, duck, "jixiao (a)", "DuckDB in memory");
        ok &= Report(output, jixiaoCsv, duckCsv, "jixiao (b)", "DuckDB from CSV");
        ok &= Report(output, jixiao, jixiaoCsv, "jixiao (a)", "jixiao (b)");
        ok &= Report(output, duck, duckCsv, "DuckDB in memory", "DuckDB from CSV");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Loads a data directory, throwing with the first errors when it does not load; with a plan, only the files
    /// the plan reads (as <c>jixiao calc</c> does).
    /// </summary>
    public static Dataset Load(string dir, Action<string>? phases = null, Plan? plan = null)
    {
        var options = LoadOptions.Default;
        if (plan is not null)
        {
            options = options with { Skip = DataDirectoryLoader.UnusedFiles(plan), DropTexts = true };
        }

        if (phases is not null)
        {
            var sw = Stopwatch.StartNew();
            options = options with
            {
                Phase = name =>
                {
                    phases(string.Create(CultureInfo.InvariantCulture, $"    load phase {name}: {sw.Elapsed.TotalMilliseconds:F0} ms"));
                    sw.Restart();
                },
            };
        }

        var loaded = DataDirectoryLoader.Load(dir, options);
        if (loaded.Dataset is null)
        {
            throw new InvalidOperationException("The data directory did not load:" + Environment.NewLine
                + string.Join(Environment.NewLine, loaded.Errors.Take(20).Select(e => e.ToString())));
        }

        return loaded.Dataset;
    }

    /// <summary>jixiao's and DuckDB's per-person totals for one period (the check the bench test runs on tiny data).</summary>
    public static (List<PersonTotals> Jixiao, List<PersonTotals> DuckDb) Both(Dataset data, DuckDbPeer peer, Plan plan, Period period)
    {
        var jixiao = JixiaoTotals.Of(Calculator.Run(plan, data, period));
        peer.Close(period);
        return (jixiao, peer.Results());
    }

    private static bool Report(TextWriter output, List<PersonTotals>? left, List<PersonTotals>? right, string leftName, string rightName)
    {
        if (left is null || right is null)
        {
            return true;
        }

        var a = Agreement.Compare(left, right, leftName, rightName);
        if (a.Agrees)
        {
            long pay = 0, total = 0;
            foreach (var p in left)
            {
                pay += p.PayTotalCents;
                total += p.TotalCenti;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{leftName} = {rightName}: all {a.Matching:N0} people agree exactly (points, total, grade, coefficient, pay; sum of totals {total / 100m:N2}, pay {pay / 100m:N2})"));
            return true;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{leftName} vs {rightName}: {a.DifferenceCount:N0} DIFFERENCES ({a.Left:N0} vs {a.Right:N0} people, {a.Matching:N0} match); first ones:"));
        foreach (var d in a.Differences)
        {
            output.WriteLine("  " + d);
        }

        return false;
    }

    private static string RuntimeInformationText() =>
        System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    private static long DirectorySize(string dir)
    {
        long size = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "*.csv"))
        {
            size += new FileInfo(f).Length;
        }

        return size;
    }
}
