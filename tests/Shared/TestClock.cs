using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Testing;

/// <summary>
/// The tests' clock: every test reads "now" from a <see cref="FakeTimeProvider"/>, never from the machine's clock, so
/// the suite gives the same answers whatever date the machine shows (docs/testing.md, "A fixed clock").
/// <see cref="Now"/> is the tests' today and the day the demo company is seeded on in tests: 2026-11-26 09:00 in
/// Shanghai, so the demo has May–October 2026 complete and November 2026 open with data up to the 25th.
/// Linked into every test project by tests/Directory.Build.props.
/// </summary>
public static class TestClock
{
    /// <summary>2026-11-26 09:00 in Shanghai (01:00 UTC).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The company date of <see cref="Now"/>.</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>A new clock standing at <see cref="Now"/> (it moves only when the test advances it).</summary>
    public static FakeTimeProvider New() => new(Now);

    /// <summary>A new clock standing at <paramref name="now"/>.</summary>
    public static FakeTimeProvider At(DateTimeOffset now) => new(now);
}
