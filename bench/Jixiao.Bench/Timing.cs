using System.Diagnostics;

namespace Jixiao.Bench;

/// <summary>Wall-clock times of the timed runs of one measurement, in milliseconds.</summary>
internal sealed record Timing(string Name, IReadOnlyList<double> Runs)
{
    public double Median
    {
        get
        {
            var sorted = Runs.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => Runs.Min();

    public double Max => Runs.Max();

    /// <summary>
    /// Runs <paramref name="run"/> <paramref name="warmup"/> times untimed, then <paramref name="runs"/> times
    /// timed, with a full garbage collection before each run (not timed). Returns the times and the last result.
    /// </summary>
    public static (Timing Timing, T Last) Measure<T>(string name, int warmup, int runs, Func<T> run, Action<string>? log = null)
    {
        var times = new List<double>(runs);
        T last = default!;
        for (var i = 0; i < warmup + runs; i++)
        {
            last = default!;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var sw = Stopwatch.StartNew();
            last = run();
            sw.Stop();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (i >= warmup)
            {
                times.Add(ms);
            }

            log?.Invoke($"  {name} {(i < warmup ? "warm-up" : "run " + (i - warmup + 1))}: {ms:F0} ms");
        }

        return (new Timing(name, times), last);
    }
}
