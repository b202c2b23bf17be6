using System.Text.RegularExpressions;

namespace Jixiao.Application.Tests.Repository;

/// <summary>
/// No test reads the machine's clock (docs/testing.md, "A fixed clock"): the test sources never name the system clock,
/// and the product code reads it only where the app is composed. BannedSymbols.Tests.txt stops most of it at build
/// time; this scan also covers what the analyzer cannot see (comments aside), such as a file outside a project.
/// </summary>
public sealed partial class ClockRuleTests
{
    /// <summary>Where the product code may name the system clock: the composition roots.</summary>
    private static readonly string[] CompositionRoots = ["src/Jixiao.Web/Program.cs"];

    [Fact]
    public void TestSources_NeverReadTheMachinesClock()
    {
        var offences = Scan("tests", "*.cs", SystemClock()).ToList();
        Assert.True(offences.Count == 0, "Tests read the clock from TestClock (a FakeTimeProvider), not the machine:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void TestSources_MakeNoClockOfTheirOwn()
    {
        // A hand-made TimeProvider usually keeps the system's timers and timestamps: FakeTimeProvider (TestClock) instead.
        var offences = Scan("tests", "*.cs", HandMadeClock()).ToList();
        Assert.True(offences.Count == 0, "Use TestClock.New() / TestClock.At(...) (a FakeTimeProvider):\n" + string.Join("\n", offences));
        Assert.Matches(HandMadeClock(), "    private sealed class StoppedClock(DateTimeOffset now) : Time" + "Provider");
        Assert.Matches(HandMadeClock(), "public class Clock : System.Time" + "Provider, IDisposable");
        Assert.DoesNotMatch(HandMadeClock(), "public sealed class Job(TimeProvider time) : LeasedJob(time)");
    }

    [Fact]
    public void ProductSources_ReadTheSystemClockOnlyInTheCompositionRoot()
    {
        var offences = Scan("src", "*.cs", SystemClock()).Concat(Scan("src", "*.razor", SystemClock()))
            .Where(o => !CompositionRoots.Any(root => o.StartsWith(root + ":", StringComparison.Ordinal))).ToList();
        Assert.True(offences.Count == 0, "Inject TimeProvider instead of reading the system clock:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Scan_FindsEveryFormOfTheSystemClock()
    {
        // The pattern itself is tested, so a scan that finds nothing means something.
        string[] caught =
        [
            "var t = TimeProvider" + ".System;", "DateTime" + ".Now", "DateTime" + ".UtcNow", "DateTime" + ".Today",
            "DateTimeOffset" + ".Now", "DateTimeOffset" + ".UtcNow", "System.DateTime" + ".UtcNow.Date",
            "DateOnly.FromDateTime(DateTime" + ".Now)",
        ];
        // Split like the caught ones, so that this file names no clock itself.
        string[] passed = ["TestClock.Now", "clock.GetUtcNow()", "// DateTime" + ".Now in a comment", "DateTime" + ".NowOrLater", "TimeProvider" + ".SystemLike"];
        Assert.All(caught, line => Assert.Matches(SystemClock(), Code(line)));
        Assert.All(passed, line => Assert.DoesNotMatch(SystemClock(), Code(line)));
    }

    private static IEnumerable<string> Scan(string folder, string pattern, Regex clock)
    {
        var root = RepositoryRoot();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), pattern, SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (clock.IsMatch(Code(lines[i])))
                {
                    yield return $"{relative}:{i + 1}: {lines[i].Trim()}";
                }
            }
        }
    }

    /// <summary>A line without its // comment (good enough for this rule: no string in our sources holds "//" before a clock).</summary>
    private static string Code(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Jixiao.slnx above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bclass\s+\w+(\([^)]*\))?\s*:\s*(System\.)?TimeProvider\b")]
    private static partial Regex HandMadeClock();

    [GeneratedRegex(@"\bTimeProvider\s*\.\s*System\b|\bDateTime\s*\.\s*(Now|UtcNow|Today)\b|\bDateTimeOffset\s*\.\s*(Now|UtcNow)\b")]
    private static partial Regex SystemClock();
}
