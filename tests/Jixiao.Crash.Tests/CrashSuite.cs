using System.Diagnostics;
using System.Globalization;
using System.Net;
using Jixiao.Testing;

namespace Jixiao.Crash.Tests;

/// <summary>
/// kill -9 at random moments (docs/testing.md, "Crash suite"): the app runs as its own process on a database; each
/// round starts a large sales upload (<see cref="Rows"/> rows, through the API with a <c>data:write</c> token) or a
/// period run (as HR), waits a random time drawn from the seeded generator over the whole length such work takes
/// (measured first: reading, inserting, committing, and a little after), kills the process with SIGKILL, checks the
/// database's integrity, restarts the app and checks that nothing is half-written (<see cref="Store.Problems"/>).
/// Every <see cref="UploadEvery"/>th round kills an upload, the others a run. Prints "N kills, 0 half-written" with the figures.
/// CI runs <see cref="DefaultKills"/> kills per provider; <c>JIXIAO_CRASH_KILLS=200</c> is the long mode and
/// <c>JIXIAO_CRASH_SEED</c> replays a sequence.
/// </summary>
public sealed class CrashSuite(Store store, Func<AppProcess> start, Action<string> log)
{
    public const int Rows = 200_000;

    public const int DefaultKills = 20;

    public const int DefaultSeed = 20261207;

    /// <summary>Every this many rounds (more than 1) the kill hits an upload, the first round too; the others hit a run.</summary>
    public const int UploadEvery = 5;

    public static int Kills => Setting("JIXIAO_CRASH_KILLS", DefaultKills);

    public static int Seed => Setting("JIXIAO_CRASH_SEED", DefaultSeed);

    public async Task RunAsync()
    {
        var (kills, seed) = (Kills, Seed);
        var random = new Random(seed);
        var total = Stopwatch.StartNew();
        var sent = new List<SentUpload>();
        using var client = new AppClient();
        var app = start();
        try
        {
            client.Attach(app);
            await app.WaitReadyAsync();
            await client.SignInAsync();
            var month = await client.CompleteMonthAsync();

            // The file is made once; each upload writes its number into the ids (BigUpload.For).
            var big = new BigUpload(Rows, month, seed);

            // The lengths to cover: one whole upload and one whole run (on the data that upload added).
            var first = new SentUpload("crash-0.csv", BigUpload.Prefix(0), Rows);
            sent.Add(first);
            var (cpu, watch) = (app.CpuTime, Stopwatch.StartNew());
            using (var response = await client.UploadSalesAsync(big.For(0), first.FileName))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"the first upload answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var (uploadTime, uploadCpu) = (watch.Elapsed, app.CpuTime - cpu);
            (cpu, watch) = (app.CpuTime, Stopwatch.StartNew());
            using (var response = await client.RunAsync(month))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"the first run answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var (runTime, runCpu) = (watch.Elapsed, app.CpuTime - cpu);
            log($"{store.Provider}: one upload of {Rows:N0} rows ({big.Bytes / 1048576.0:N1} MB) takes {uploadTime.TotalSeconds:N1} s ({uploadCpu.TotalSeconds:N1} s CPU in the app), " +
                $"a run of {month} {runTime.TotalSeconds:N1} s ({runCpu.TotalSeconds:N1} s CPU); {kills} kills, seed {seed} (JIXIAO_CRASH_KILLS, JIXIAO_CRASH_SEED)");
            var problems = store.Integrity().Concat(store.Problems(sent)).ToList();

            int uploadKills = 0, uploadsIn = 0, runKills = 0, runsDone = 0, halfWritten = 0;
            var (waited, restarting, appCpu) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
            for (var round = 1; round <= kills; round++)
            {
                var upload = round % UploadEvery == 1;
                SentUpload? file = null;
                Task<HttpResponseMessage> work;
                TimeSpan delay;
                if (upload)
                {
                    file = new SentUpload($"crash-{round}.csv", BigUpload.Prefix(round), Rows);
                    sent.Add(file);
                    var csv = big.For(round);
                    delay = uploadTime * (random.NextDouble() * 1.15);
                    work = client.UploadSalesAsync(csv, file.FileName);
                }
                else
                {
                    delay = runTime * (random.NextDouble() * 1.2);
                    work = client.RunAsync(month);
                }

                await Task.Delay(delay);
                appCpu += app.CpuTime;
                app.Kill();
                waited += delay;
                var answered = await Answered(work);
                var found = new List<string>(store.Integrity());

                app.Dispose();
                watch.Restart();
                app = start();
                client.Attach(app);
                await app.WaitReadyAsync();
                restarting += watch.Elapsed;
                var startCpu = app.CpuTime;
                if (!await client.QueriesWorkAsync())
                {
                    found.Add("the restarted app does not answer a query");
                }

                found.AddRange(store.Problems(sent).Except(problems));
                var outcome = answered ? "answered before the kill" : "cut off";
                if (upload)
                {
                    uploadKills++;
                    var rows = store.SalesRows(file!);
                    uploadsIn += rows == Rows ? 1 : 0;
                    outcome += rows == Rows ? ", entirely in" : rows == 0 ? ", entirely out" : $", {rows:N0} rows in";
                    if (answered && rows != Rows)
                    {
                        found.Add($"{file!.FileName} was answered 200 but {rows} of its rows are stored");
                    }
                }
                else
                {
                    runKills++;
                    runsDone += answered ? 1 : 0;
                }

                log($"{store.Provider} round {round}: {(upload ? "upload" : "run")} killed after {delay.TotalSeconds:N2} s, {outcome}; restarted in {watch.Elapsed.TotalSeconds:N1} s ({startCpu.TotalSeconds:N1} s CPU)" +
                    (found.Count == 0 ? string.Empty : "; HALF-WRITTEN: " + string.Join("; ", found)));
                if (found.Count > 0)
                {
                    halfWritten++;
                    problems.AddRange(found);
                }
            }

            using var self = Process.GetCurrentProcess();
            log($"crash suite {store.Provider}: {kills} kills, {halfWritten} half-written " +
                $"({uploadKills} during uploads of {Rows:N0} rows: {uploadsIn} entirely in, {uploadKills - uploadsIn} entirely out; " +
                $"{runKills} during runs: {runsDone} answered before the kill) in {total.Elapsed.TotalSeconds:N0} s " +
                $"({waited.TotalSeconds:N0} s of work before the kills, {restarting.TotalSeconds:N0} s restarting; " +
                $"the app processes used {(appCpu + app.CpuTime).TotalSeconds:N0} s CPU, the test process so far {self.TotalProcessorTime.TotalSeconds:N0} s)");
            Assert.Empty(problems);
        }
        finally
        {
            app.Dispose();
        }
    }

    /// <summary>True when the work was answered with success before the kill; a request cut off by the kill is false.</summary>
    private static async Task<bool> Answered(Task<HttpResponseMessage> work)
    {
        try
        {
            using var response = await work;
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
