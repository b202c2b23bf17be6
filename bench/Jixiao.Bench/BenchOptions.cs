using System.Globalization;

namespace Jixiao.Bench;

/// <summary>Command-line options of the bench command.</summary>
internal sealed record BenchOptions
{
    public int Employees { get; init; } = 100_000;

    public long Sales { get; init; } = 10_000_000;

    public int Seed { get; init; } = 42;

    public string Period { get; init; } = "2026-10";

    public int Runs { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    /// <summary>Data directory: reused when it holds employees.csv, else generated there.</summary>
    public string? Data { get; init; }

    public string? Plan { get; init; }

    /// <summary>Which measurements to run: memory (a, c in memory), csv (b, c from CSV).</summary>
    public bool Memory { get; init; } = true;

    public bool Csv { get; init; } = true;

    /// <summary><c>--only close</c>: jixiao's in-memory close alone (no DuckDB), with CPU time and a result hash.</summary>
    public bool CloseOnly { get; init; }

    /// <summary>With <c>--only close</c>: write the hashed description of every result here.</summary>
    public string? Dump { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Print the loader's phase times in the from-CSV runs.</summary>
    public bool Phases { get; init; }

    public bool Help { get; init; }

    public const string Usage = """
        Usage: Jixiao.Bench [options]
          --employees N   employees to generate (default 100000)
          --sales N       sales rows to generate (default 10000000)
          --seed N        generator seed (default 42)
          --data DIR      data directory; reused when it has employees.csv, generated there otherwise
                          (default bench-data/e<employees>-s<sales>-seed<seed>)
          --period P      period to close (default 2026-10)
          --runs N        timed runs per measurement; the median is reported (default 5)
          --warmup N      untimed runs before them (default 1)
          --plan FILE     plan (default bench-plan.yaml next to the program)
          --only memory|csv   run only the in-memory or only the from-CSV measurements
          --only close    jixiao's in-memory close alone (no DuckDB): wall and CPU time per run, allocation,
                          and a SHA-256 of every result field (to check that a change gives identical results)
          --dump FILE     with --only close: write the text that is hashed
          --verbose       print every run
          --phases        print the loader's phase times in the from-CSV runs
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException("Missing value after " + a);
            o = a switch
            {
                "--employees" => o with { Employees = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--sales" => o with { Sales = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--data" => o with { Data = Next() },
                "--period" => o with { Period = Next() },
                "--runs" => o with { Runs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--warmup" => o with { Warmup = Math.Max(0, int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--plan" => o with { Plan = Next() },
                "--only" => Next() switch
                {
                    "memory" => o with { Csv = false },
                    "csv" => o with { Memory = false },
                    "close" => o with { CloseOnly = true },
                    var x => throw new ArgumentException("--only takes memory or csv, not " + x),
                },
                "--dump" => o with { Dump = Next() },
                "--verbose" => o with { Verbose = true },
                "--phases" => o with { Phases = true },
                "--help" or "-h" => o with { Help = true },
                _ => throw new ArgumentException("Unknown option " + a),
            };
        }

        return o;
    }
}
