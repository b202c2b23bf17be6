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
    /// Alternates <paramref name="ours"/> and <paramref name="theirs"/>: <paramref name="warmup"/> untimed
    /// pairs, then <paramref name="runs"/> timed pairs, each run after a full garbage collection (not timed).
    /// On a machine shared with other work, both sides of a pair see about the same load, so the median of
    /// the per-pair ratios (theirs ÷ ours) is steadier than a ratio of medians taken minutes apart.
    /// </summary>
    public static Pair Interleave<TA, TB>(string oursName, Func<TA> ours, string theirsName, Func<TB> theirs, int warmup, int runs, Action<string>? log,
        Action<TB>? releaseTheirs, out TA lastOurs, out TB lastTheirs)
    {
        var a = new List<double>(runs);
        var b = new List<double>(runs);
        lastOurs = default!;
        lastTheirs = default!;
        for (var i = 0; i < warmup + runs; i++)
        {
            var label = i < warmup ? "warm-up" : "run " + (i - warmup + 1);
            lastOurs = default!;
            var ms = Time(ours, out lastOurs);
            log?.Invoke($"  {oursName} {label}: {ms:F0} ms");
            if (i >= warmup)
            {
                a.Add(ms);
            }

            if (lastTheirs is not null)
            {
                releaseTheirs?.Invoke(lastTheirs);
            }

            lastTheirs = default!;
            ms = Time(theirs, out lastTheirs);
            log?.Invoke($"  {theirsName} {label}: {ms:F0} ms");
            if (i >= warmup)
            {
                b.Add(ms);
            }
        }

        return new Pair(new Timing(oursName, a), new Timing(theirsName, b));
    }

    private static double Time<T>(Func<T> run, out T result)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var sw = Stopwatch.StartNew();
        result = run();
        return sw.Elapsed.TotalMilliseconds;
    }
}

/// <summary>Timings of two engines run alternately.</summary>
internal sealed record Pair(Timing Ours, Timing Theirs)
{
    /// <summary>The median over pairs of theirs ÷ ours.</summary>
    public double MedianRatio
    {
        get
        {
            var ratios = Ours.Runs.Zip(Theirs.Runs, (o, t) => t / o).Order().ToArray();
            var mid = ratios.Length / 2;
            return ratios.Length % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
        }
    }
}
