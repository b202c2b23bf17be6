using System.Globalization;

namespace Jixiao.WebBench;

/// <summary>The web bench's command line (a named class: the web app's tests reference this project and the web app's Program).</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // jixiao-webbench seed --data DIR --db FILE [--postgres CONNECTION] [--employees N] [--sales M] [--period P] [--users N] [--plan FILE]
        // jixiao-webbench changed-run (--db FILE | --postgres CONNECTION) [--period P]
        // jixiao-webbench load --url http://127.0.0.1:PORT --users FILE [--period P] [--concurrency 50] [--warmup 5] [--seconds 20] [--only NAME] [--prewarm S]
        if (args.Length == 0 || args[0] is not ("seed" or "load" or "changed-run"))
        {
            Console.Error.WriteLine("usage: seed --data DIR --db FILE [--postgres CONNECTION] [--employees N] [--sales M] [--period P] [--users N] [--plan FILE]");
            Console.Error.WriteLine("       changed-run (--db FILE | --postgres CONNECTION) [--period P]");
            Console.Error.WriteLine("       load --url http://127.0.0.1:PORT --users FILE [--period P] [--concurrency N] [--warmup S] [--seconds S] [--only TEXT] [--prewarm S]");
            return 2;
        }

        var known = args[0] == "seed"
            ? new[] { "data", "db", "postgres", "employees", "sales", "period", "users", "plan", "users-file" }
            : args[0] == "changed-run" ? ["db", "postgres", "period"]
            : ["url", "users", "period", "concurrency", "warmup", "seconds", "only", "limit-ms", "server-pid", "prewarm"];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!known.Contains(name) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"unknown option or missing value: {args[i]} (options: {string.Join(", ", known.Select(k => "--" + k))})");
                return 2;
            }

            options[name] = args[i + 1];
        }

        string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
        var period = Get("period", "2026-10");

        if (args[0] == "seed")
        {
            var db = Get("db", "bench/web/.cache/web.db");
            var summary = await WebSeed.RunAsync(
                Get("data", "bench/web/.cache/data"), db, options.GetValueOrDefault("postgres"),
                int.Parse(Get("employees", "100000"), CultureInfo.InvariantCulture),
                long.Parse(Get("sales", "10000000"), CultureInfo.InvariantCulture),
                period,
                int.Parse(Get("users", "50"), CultureInfo.InvariantCulture),
                Get("plan", Path.Combine(AppContext.BaseDirectory, "bench-plan.yaml")),
                TimeProvider.System,
                Console.Out);
            WebSeed.WriteUsers(Get("users-file", db + ".users.tsv"), summary.Users);
            foreach (var (table, rows) in summary.Rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-14} {rows,12:N0}"));
            }

            return 0;
        }

        if (args[0] == "changed-run")
        {
            // A database seeded before the bench had HR's comparison: add the second run once (ChangedRun).
            await WebSeed.AddChangedRunAsync(Get("db", "bench/web/.cache/web.db"), options.GetValueOrDefault("postgres"), period, Console.Out);
            return 0;
        }

        var users = WebSeed.ReadUsers(Get("users", "bench/web/.cache/web.db.users.tsv"));
        var concurrency = int.Parse(Get("concurrency", "50"), CultureInfo.InvariantCulture);
        var warmup = TimeSpan.FromSeconds(double.Parse(Get("warmup", "5"), CultureInfo.InvariantCulture));
        var seconds = TimeSpan.FromSeconds(double.Parse(Get("seconds", "20"), CultureInfo.InvariantCulture));
        var only = Get("only", "");
        var prewarm = TimeSpan.FromSeconds(double.Parse(Get("prewarm", "0"), CultureInfo.InvariantCulture));
        var limit = double.Parse(Get("limit-ms", "100"), CultureInfo.InvariantCulture);

        int? serverPid = options.TryGetValue("server-pid", out var pidText) ? int.Parse(pidText, CultureInfo.InvariantCulture) : null;
        using var driver = new LoadDriver(new Uri(Get("url", "http://127.0.0.1:5090")), Console.Out, serverPid);
        Console.WriteLine($"signing in {users.Count} accounts …");
        await driver.SignInAsync(users, WebSeed.Password, CancellationToken.None);
        Console.WriteLine($"HR's scenarios read run {await driver.ResolveRunAsync(period, CancellationToken.None)} of {period}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{concurrency} concurrent users per scenario, closed loop (no think time), {warmup.TotalSeconds:F0} s warm-up + {seconds.TotalSeconds:F0} s measured; p95 limit {limit} ms"));
        var scenarios = WebScenarios.For(period).Where(s => only.Length == 0 || s.Name.Contains(only, StringComparison.Ordinal)).ToList();
        if (prewarm > TimeSpan.Zero)
        {
            // A freshly started server runs unoptimised (tier-0) code and JIT-compiles for its first minute or so: every
            // scenario is run once, unmeasured, so that the figures below are the steady state of a running server.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pre-warming every scenario for {prewarm.TotalSeconds:F0} s (not measured) …"));
            foreach (var scenario in scenarios)
            {
                await driver.RunAsync(scenario, concurrency, prewarm, TimeSpan.Zero, CancellationToken.None, quiet: true);
            }
        }

        Console.WriteLine(LoadDriver.Header);
        var stats = new List<ScenarioStats>();
        foreach (var scenario in scenarios)
        {
            stats.Add(await driver.RunAsync(scenario, concurrency, warmup, seconds, CancellationToken.None));
        }

        var failed = stats.Where(s => s.Errors > 0 || s.Requests == 0 || !(s.P95 < limit)).ToList();
        Console.WriteLine(failed.Count == 0
            ? $"PASS: every scenario answered with p95 under {limit} ms and no errors"
            : $"FAIL: {string.Join(", ", failed.Select(s => s.Name))} (p95 over {limit} ms, or errors)");
        return failed.Count == 0 ? 0 : 1;
    }
}
