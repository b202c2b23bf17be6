using System.Diagnostics.CodeAnalysis;

namespace Jixiao.Testing;

/// <summary>
/// The external services that integration and browser tests need, as <c>scripts/test</c> hands them
/// over (docs/testing.md), and the one rule for when one is missing:
/// with <c>CI=true</c> the test fails; otherwise it is reported as skipped, with the reason and the
/// command that sets the service up. A test that needs a service never passes without it.
/// Linked into each test project that needs it (<c>&lt;Compile Include="..\Shared\TestServices.cs" /&gt;</c>).
/// </summary>
public static class TestServices
{
    /// <summary>Environment variable with the Npgsql connection string of the test server.</summary>
    public const string PostgresVariable = "JIXIAO_TEST_PG";

    /// <summary>Environment variable with the path of the Chromium binary.</summary>
    public const string ChromiumVariable = "JIXIAO_CHROMIUM";

    /// <summary>Where Debian's chromium package puts the browser; used when <see cref="ChromiumVariable"/> is unset.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>How to get the PostgreSQL test server, for skip and failure messages.</summary>
    public const string PostgresHint =
        "Run the tests with scripts/test, or start the server and set the variable yourself: " +
        "eval \"$(scripts/postgres.sh --env)\" (see docs/testing.md).";

    /// <summary>How to get Chromium, for skip and failure messages.</summary>
    public const string ChromiumHint =
        "Run the tests with scripts/test, or install it yourself: scripts/chromium.sh " +
        "(apt-get install chromium fonts-noto-cjk; see docs/testing.md).";

    /// <summary>True when the environment variable CI is "true" (any case) or "1", as on the CI machine.</summary>
    public static bool IsCi { get; } = Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The PostgreSQL connection string from <see cref="PostgresVariable"/>, or null when unset.</summary>
    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The Chromium binary to launch: <see cref="ChromiumVariable"/> when set, else <see cref="DefaultChromium"/>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } value ? value : DefaultChromium;

    /// <summary>
    /// Ends the current test because a service is missing: under CI by failing it
    /// (<see cref="TestServiceUnavailableException"/>), elsewhere by skipping it (<see cref="SkipException"/>,
    /// which needs <c>[SkippableFact]</c> or <c>[SkippableTheory]</c> on the test).
    /// </summary>
    [DoesNotReturn]
    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            throw new TestServiceUnavailableException($"CI=true, so this test must not skip: {reason}");
        }

        throw new SkipException(reason);
    }

    /// <summary>
    /// For fixtures: under CI, fails at once (every test of the class fails with the reason);
    /// elsewhere returns, and the fixture keeps the reason to skip each test with <see cref="Unavailable"/>.
    /// </summary>
    public static void FailUnderCi(string reason)
    {
        if (IsCi)
        {
            throw new TestServiceUnavailableException($"CI=true, so this test must not skip: {reason}");
        }
    }
}

/// <summary>A service that the test needs is not there, and the run is under CI where that is a failure.</summary>
public sealed class TestServiceUnavailableException : Exception
{
    public TestServiceUnavailableException()
    {
    }

    public TestServiceUnavailableException(string message)
        : base(message)
    {
    }

    public TestServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
