using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Jixiao.Testing;

/// <summary>
/// The web app as its own OS process (<c>dotnet Jixiao.Web.dll</c> from src/Jixiao.Web's build output, Development
/// environment, on a free loopback port), so a test can kill it with SIGKILL. Its stdout and stderr are kept as lines.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every line written so far to stdout and stderr (stderr lines start with "stderr: ").</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the app has used so far (user and system), while it runs.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The folder of the built Jixiao.Web.dll (same configuration as this test assembly).</summary>
    public static string WebFolder
    {
        get
        {
            var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var folder = Path.Combine(RepoRoot(), "src", "Jixiao.Web", "bin", configuration, "net10.0");
            return File.Exists(Path.Combine(folder, "Jixiao.Web.dll")) ? folder
                : throw new FileNotFoundException($"Jixiao.Web.dll is not built in {folder}");
        }
    }

    /// <summary>Starts the app with these settings (environment variables, e.g. ConnectionStrings__Jixiao) and arguments.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("Jixiao.Web.dll");
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = address.ToString();
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                app._lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                app._lines.Enqueue("stderr: " + e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails with the app's output when it exits or takes too long.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < (timeout ?? TimeSpan.FromMinutes(3)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the app exited with code {_process.ExitCode}:\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the app was not ready after {watch.Elapsed.TotalSeconds:N0} s:\n{Tail()}");
    }

    /// <summary>Waits for the process to end by itself (e.g. a start that fails).</summary>
    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    /// <summary>kill -9: SIGKILL, no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    /// <summary>
    /// Lines the console logger wrote at level Error or Critical (<c>fail:</c>, <c>crit:</c>), with the line after each
    /// (the message), for assertions that a start logged no failure.
    /// </summary>
    public IReadOnlyList<string> FailureLines()
    {
        var lines = Lines;
        var found = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].StartsWith("stderr: ", StringComparison.Ordinal) ? lines[i][8..] : lines[i];
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                found.Add(i + 1 < lines.Count ? line + " " + lines[i + 1].Trim() : line);
            }
        }

        return found;
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 60) => string.Join('\n', Lines.TakeLast(lines));

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
