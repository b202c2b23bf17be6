using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Jixiao.WebBench;

/// <summary>One measured page or endpoint: which accounts ask for it and what a correct answer contains.</summary>
/// <param name="Name">Label in the report.</param>
/// <param name="Role">Accounts of this role take part (one account per concurrent user, round robin).</param>
/// <param name="Path">Path and query; "{employee}" is replaced by the account's employee id, "{run}" by the period's latest run (<see cref="LoadDriver.ResolveRunAsync"/>).</param>
/// <param name="Expect">Text every answer must contain ("{employee}" replaced too).</param>
public sealed record Scenario(string Name, string Role, string Path, string Expect);

/// <summary>Latency figures of one scenario.</summary>
/// <remarks>
/// <see cref="ServerCpuMs"/> and <see cref="DriverCpuMs"/>: CPU time (user + system) the web app's process and the
/// driver used per answered request in the measured window (after the warm-up); independent of how busy the
/// machine is, unlike the latencies.
/// </remarks>
public sealed record ScenarioStats(
    string Name, int Users, long Requests, long Errors, double Seconds, double P50, double P95, double P99, double Max, double Mean, string LoadBefore, string LoadAfter,
    double ServerCpuMs = double.NaN, double DriverCpuMs = double.NaN)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// A closed-loop HTTP load driver: every simulated user is signed in with its own cookie, then sends its next
/// request as soon as the previous answer has been read completely (no think time), for a fixed time. Only
/// answers after the warm-up are counted; an answer that is not 200 or lacks the expected text is an error.
/// Requests and their number are bounded by the duration; targets are loopback addresses only.
/// </summary>
public sealed partial class LoadDriver(Uri baseUri, TextWriter log, int? serverPid = null) : IDisposable
{
    private readonly Dictionary<string, (HttpClient Client, BenchUser User)> _clients = new(StringComparer.Ordinal);
    private long? _run;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex TokenPattern();

    /// <summary>Signs every account in (sequentially: each sign-in hashes a password on the server).</summary>
    public async Task SignInAsync(IEnumerable<BenchUser> users, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!baseUri.IsLoopback)
        {
            throw new ArgumentException("The load driver only targets loopback addresses.", nameof(users));
        }

        foreach (var user in users)
        {
            var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true, MaxConnectionsPerServer = 1 };
            var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
            var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative), ct);
            var match = TokenPattern().Match(login);
            if (!match.Success)
            {
                throw new InvalidOperationException("No antiforgery token on /login.");
            }

            var token = WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["userName"] = user.UserName,
                ["password"] = password,
                ["returnUrl"] = "/",
            });
            using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form, ct);
            var location = response.Headers.Location?.ToString() ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("error", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Sign-in of {user.UserName} failed: {(int)response.StatusCode} {location}");
            }

            _clients[user.UserName] = (client, user);
        }
    }

    /// <summary>
    /// Finds the bench's changed run of <paramref name="period"/> (<see cref="ChangedRun"/>; else the latest run) through
    /// <c>GET /api/v1/runs</c> as a signed-in HR account: the
    /// "{run}" of the scenarios' paths (HR's comparison and not-computed list of the run the calculation page shows).
    /// </summary>
    public async Task<long> ResolveRunAsync(string period, CancellationToken ct)
    {
        var hr = _clients.Values.FirstOrDefault(c => c.User.Role == "hr").Client ?? throw new InvalidOperationException("No signed-in HR account.");
        using var runs = System.Text.Json.JsonDocument.Parse(await hr.GetStringAsync(new Uri("/api/v1/runs?period=" + Uri.EscapeDataString(period), UriKind.Relative), ct));
        // The bench's changed run when there is one (other benches may store runs of the same period in the same database).
        var all = runs.RootElement.EnumerateArray().Select(r => (Id: r.GetProperty("id").GetInt64(), Changed: r.GetProperty("inputFingerprint").GetString()!.StartsWith(ChangedRun.Marker, StringComparison.Ordinal))).ToList();
        _run = all.Where(r => r.Changed).Select(r => r.Id).DefaultIfEmpty(all.Select(r => r.Id).DefaultIfEmpty().Max()).Max();
        return _run is > 0 ? _run.Value : throw new InvalidOperationException($"No run of {period}.");
    }

    /// <summary>Runs one scenario with <paramref name="concurrency"/> users for warm-up + measured seconds (<paramref name="quiet"/>: no report line).</summary>
    public async Task<ScenarioStats> RunAsync(Scenario scenario, int concurrency, TimeSpan warmup, TimeSpan measured, CancellationToken ct, bool quiet = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var accounts = _clients.Values.Where(c => c.User.Role == scenario.Role).ToList();
        if (accounts.Count == 0)
        {
            throw new InvalidOperationException($"No signed-in account with role {scenario.Role}.");
        }

        var loadBefore = LoadAverage();
        var answered = new long[concurrency];
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<double>[concurrency];
        var errors = new long[concurrency];
        var workers = new Task[concurrency];
        // CPU and answers counted from the end of the warm-up (JIT tiering and first reads happen before it).
        var atMeasure = Task.Run(async () =>
        {
            var wait = TimeSpan.FromSeconds((double)(measureFrom - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            return (Server: ProcessCpuMs(serverPid), Driver: ProcessCpuMs(Environment.ProcessId), Answered: answered.Sum());
        }, ct);
        for (var w = 0; w < concurrency; w++)
        {
            var index = w;
            var (client, user) = accounts[w % accounts.Count];
            var run = scenario.Path.Contains("{run}", StringComparison.Ordinal)
                ? (_run ?? throw new InvalidOperationException("Call ResolveRunAsync before a scenario with {run}.")).ToString(CultureInfo.InvariantCulture) : "";
            var path = new Uri(scenario.Path.Replace("{employee}", user.EmployeeId, StringComparison.Ordinal).Replace("{run}", run, StringComparison.Ordinal), UriKind.Relative);
            var expect = scenario.Expect.Replace("{employee}", user.EmployeeId, StringComparison.Ordinal);
            samples[w] = new List<double>(4096);
            workers[w] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var ok = false;
                    try
                    {
                        using var response = await client.GetAsync(path, ct);
                        var body = await response.Content.ReadAsStringAsync(ct);
                        ok = response.StatusCode == HttpStatusCode.OK && body.Contains(expect, StringComparison.Ordinal);
                    }
                    catch (HttpRequestException)
                    {
                    }
                    catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // The client's timeout (60 s): an error, not the end of the bench.
                    }

                    var t1 = Stopwatch.GetTimestamp();
                    answered[index]++;
                    if (t0 >= measureFrom && t1 <= end)
                    {
                        if (ok)
                        {
                            samples[index].Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
                        }
                        else
                        {
                            errors[index]++;
                        }
                    }
                }
            }, ct);
        }

        await Task.WhenAll(workers);
        var measureStart = await atMeasure;
        var count = Math.Max(1, answered.Sum() - measureStart.Answered);
        var serverCpu = (ProcessCpuMs(serverPid) - measureStart.Server) / count;
        var driverCpu = (ProcessCpuMs(Environment.ProcessId) - measureStart.Driver) / count;
        var all = samples.SelectMany(s => s).Order().ToArray();
        var seconds = measured.TotalSeconds;
        var stats = new ScenarioStats(scenario.Name, concurrency, all.Length, errors.Sum(), seconds,
            Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), all.Length == 0 ? double.NaN : all[^1],
            all.Length == 0 ? double.NaN : all.Average(), loadBefore, LoadAverage(), serverCpu, driverCpu);
        if (!quiet)
        {
            log.WriteLine(Format(stats));
        }

        return stats;
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The header of <see cref="Format"/>'s lines.</summary>
    public static string Header =>
        $"{"scenario",-34} {"users",5} {"requests",9} {"errors",6} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"srv cpu",8} {"drv cpu",8}  load average (before → after)";

    /// <summary>One report line.</summary>
    public static string Format(ScenarioStats s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.Name,-34} {s.Users,5} {s.Requests,9} {s.Errors,6} {s.PerSecond,8:F1} {s.P50,8:F1} {s.P95,8:F1} {s.P99,8:F1} {s.Max,8:F1} {s.ServerCpuMs,8:F2} {s.DriverCpuMs,8:F2}  {s.LoadBefore} → {s.LoadAfter}");
    }

    /// <summary>User + system CPU time of a process in milliseconds (from /proc), or NaN.</summary>
    public static double ProcessCpuMs(int? pid)
    {
        if (pid is null)
        {
            return double.NaN;
        }

        try
        {
            // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks * 10.0; // USER_HZ is 100 on Linux.
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages of the machine.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public void Dispose()
    {
        foreach (var (client, _) in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
