using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Domain.Calculation;

namespace Jixiao.Bench;

/// <summary>
/// <c>--only close</c>: jixiao's in-memory close alone, no DuckDB — wall time, process CPU time and bytes allocated
/// per run, and a SHA-256 of every field of every result (decimals with their scale, errors, skipped) so that a
/// change to the engine can be checked to give identical results (<c>--dump FILE</c> writes the text hashed).
/// </summary>
internal static class CloseOnly
{
    public static int Execute(BenchOptions o, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var dir = o.Data ?? Path.Combine("bench-data", string.Create(culture, $"e{o.Employees}-s{o.Sales}-seed{o.Seed}"));
        var period = Domain.Periods.Period.Parse(o.Period);
        var plan = JixiaoTotals.LoadPlan(o.Plan ?? Path.Combine(AppContext.BaseDirectory, "bench-plan.yaml"));
        var sw = Stopwatch.StartNew();
        var data = BenchRun.Load(dir);
        output.WriteLine(string.Create(culture, $"dataset loaded in {sw.Elapsed.TotalSeconds:F1} s (not timed); {Environment.ProcessorCount} cores"));
        CalculationResult? result = null;
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < o.Warmup + o.Runs; i++)
        {
            result = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            result = Calculator.Run(plan, data, period);
            var ms = sw.Elapsed.TotalMilliseconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
            var label = i < o.Warmup ? "warm-up" : "run " + (i - o.Warmup + 1);
            output.WriteLine(string.Create(culture, $"  close {label}: {ms:F0} ms wall, {cpuMs:F0} ms CPU, {mb:F0} MB allocated"));
            if (i >= o.Warmup)
            {
                wall.Add(ms);
                cpu.Add(cpuMs);
            }
        }

        output.WriteLine(string.Create(culture, $"median: {new Timing("wall", wall).Median:F0} ms wall, {new Timing("cpu", cpu).Median:F0} ms CPU"));
        var text = Describe(result!);
        output.WriteLine(string.Create(culture, $"{result!.Results.Count:N0} people, {result.Errors.Count:N0} errors, {result.Skipped:N0} skipped; results SHA-256 {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}"));
        if (o.Dump is { } file)
        {
            File.WriteAllText(file, text);
        }

        return 0;
    }

    /// <summary>Every field of every result, one person a line (decimals as stored, scale included).</summary>
    internal static string Describe(CalculationResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        static string D(decimal? d) => d is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";
        foreach (var r in result.Results)
        {
            sb.Append(c, $"{r.EmployeeIndex}|{r.Employee}|{r.Name}|{r.OrgUnit}|{r.Scorecard}|{D(r.Total)}|{r.Grade}|{D(r.Coefficient)}");
            foreach (var i in r.Indicators)
            {
                sb.Append(c, $"|{i.Code}:{i.Rule}:{D(i.Weight)}:{D(i.Points)}:{D(i.Actual)}:{D(i.Target)}:{D(i.Achievement)}");
                foreach (var p in i.Parts ?? [])
                {
                    sb.Append(c, $"[{p.Name}:{D(p.Points)}:{D(p.Actual)}:{D(p.Target)}:{D(p.Achievement)}]");
                }
            }

            foreach (var p in r.Pay)
            {
                sb.Append(c, $"|{p.Component}:{D(p.Amount)}:{p.Forfeited}");
            }

            sb.Append('\n');
        }

        foreach (var e in result.Errors)
        {
            sb.Append(c, $"error {e.Employee} {e.Code} {string.Join(',', e.Arguments)}\n");
        }

        sb.Append(c, $"skipped {result.Skipped}\n");
        return sb.ToString();
    }
}
