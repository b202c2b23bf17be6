using System.Globalization;

namespace Jixiao.TestSupport;

/// <summary>
/// How much memory a call took at its peak: the growth of the process's peak resident set (Linux: VmHWM, reset before
/// the call through /proc/self/clear_refs) and of the managed heap (sampled every 5 ms), with the bytes it allocated in
/// total. Tests that use it run in the <see cref="MemoryCollection"/>, alone, so that other tests do not add to it.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Runs <paramref name="action"/> and returns its peak memory growth (the larger of the two measures) and its allocations.</summary>
    public static (long PeakGrowthBytes, long AllocatedBytes) Measure(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var resetPeak = TryResetPeak();
        var rssBefore = Status("VmRSS");
        var heapBefore = GC.GetTotalMemory(false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heapPeak = heapBefore;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(5))
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            }
        });
        sampler.Start();
        try
        {
            Task.Run(action).GetAwaiter().GetResult();
        }
        finally
        {
            done.Set();
            sampler.Join();
        }

        heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var rssGrowth = resetPeak && rssBefore > 0 ? Status("VmHWM") - rssBefore : 0;
        return (Math.Max(rssGrowth, heapPeak - heapBefore), allocated);
    }

    /// <summary>Megabytes, for messages.</summary>
    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static bool TryResetPeak()
    {
        try
        {
            // "5" resets the peak resident set size (proc(5), clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A /proc/self/status field in bytes, or 0 where there is none.</summary>
    private static long Status(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}

/// <summary>Tests that measure memory run one at a time, with no other test of their project alongside.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory";
}
