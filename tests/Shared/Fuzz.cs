namespace Jixiao.TestSupport;

/// <summary>
/// How long the property-based fuzz tests run. By default (CI) each property runs the small number of iterations its
/// test gives, a few seconds at most; <c>JIXIAO_FUZZ_SECONDS=N</c> runs each property for N seconds instead (long
/// mode), and <c>JIXIAO_FUZZ_SEED</c> replays a seed CsCheck printed for a failure (see docs/testing.md).
/// </summary>
internal static class Fuzz
{
    /// <summary>Seconds per property in long mode; -1 in short mode.</summary>
    public static int Time { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("JIXIAO_FUZZ_SECONDS"), out var s) && s > 0 ? s : -1;

    /// <summary>The seed to replay, or null.</summary>
    public static string? Seed { get; } = Environment.GetEnvironmentVariable("JIXIAO_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    /// <summary>Iterations in short mode (<paramref name="shortRun"/>); unbounded in long mode, where <see cref="Time"/> ends the run.</summary>
    public static long Iter(long shortRun) => Time > 0 ? -1 : shortRun;
}
