using System.Net;
using Jixiao.Cli;
using Jixiao.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Jixiao.Crash.Tests;

/// <summary>
/// `jixiao backup` while the app (its own process, on SQLite) stores a large upload (docs/deployment.md, "Backups"):
/// backups are taken one after another for as long as the upload lasts; each passes <c>PRAGMA integrity_check</c> and
/// holds the upload entirely or not at all, and one taken during the upload restores: the app starts on it and serves.
/// </summary>
public sealed class BackupDuringUploadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-backup-").FullName;

    [Fact]
    public async Task Backup_WhenTakenDuringALargeUpload_ThenEachCopyIsConsistentAndRestores()
    {
        var file = Path.Combine(_folder, "jixiao.db");
        var store = Store.Sqlite(file);
        var upload = new SentUpload("backup-1.csv", BigUpload.Prefix(1), CrashSuite.Rows);
        int taken = 0, without = 0, with = 0, whileWriting = 0;
        string? lastDuring = null;
        using var client = new AppClient();
        using (var app = AppProcess.Start(Settings.For(store)))
        {
            client.Attach(app);
            await app.WaitReadyAsync();
            await client.SignInAsync();
            var big = new BigUpload(CrashSuite.Rows, await client.CompleteMonthAsync(), CrashSuite.DefaultSeed);

            // While the upload's transaction writes, the WAL grows by far more than 1 MB (it is not checkpointed past an
            // open write transaction): a backup that starts then is one taken in the middle of the writing.
            var wal = new FileInfo(file + "-wal");
            wal.Refresh();
            var walAtStart = wal.Exists ? wal.Length : 0;
            var sending = client.UploadSalesAsync(big.For(1), upload.FileName);
            while (!sending.IsCompleted)
            {
                wal.Refresh();
                var writing = wal.Exists && wal.Length > walAtStart + (1 << 20);
                var path = Path.Combine(_folder, $"backup-{taken++}.db");
                var code = await Task.Run(() => CliApp.Run(["backup", "--sqlite", file, "--out", path, "--lang", "en"], TextWriter.Null, TextWriter.Null));
                Assert.Equal(0, code);
                if (sending.IsCompleted)
                {
                    File.Delete(path); // may have been taken after the commit
                    break;
                }

                // Each copy is checked at once and only the latest kept, so the disk holds two copies at most.
                var rows = Check(path, upload);
                (without, with, whileWriting) = (without + (rows == 0 ? 1 : 0), with + (rows > 0 ? 1 : 0), whileWriting + (writing ? 1 : 0));
                if (lastDuring is not null)
                {
                    File.Delete(lastDuring);
                }

                lastDuring = path;
            }

            using (var response = await sending)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"the upload answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var after = Path.Combine(_folder, "backup-after.db");
            Assert.Equal(0, CliApp.Run(["backup", "--sqlite", file, "--out", after, "--lang", "en"], TextWriter.Null, TextWriter.Null));
            Assert.Equal(CrashSuite.Rows, Check(after, upload));
        }

        output.WriteLine($"{without + with} backups taken during the upload of {CrashSuite.Rows:N0} rows ({whileWriting} while its transaction was writing): " +
            $"{without} without it, {with} with all of it; each passed integrity_check");
        Assert.True(lastDuring is not null, "no backup finished before the upload was answered");
        Assert.True(whileWriting > 0, "no backup was taken while the upload's transaction was writing");

        // Restore the last backup taken during the upload: copy it in place of the database and start the app on it.
        var restored = Path.Combine(_folder, "restored.db");
        File.Copy(lastDuring, restored);
        var restoredStore = Store.Sqlite(restored);
        using (var app = AppProcess.Start(Settings.For(restoredStore)))
        {
            client.Attach(app);
            await app.WaitReadyAsync();
            Assert.True(await client.QueriesWorkAsync(), "the app restored from the backup answers a query with the old sign-in cookie");
            Assert.Empty(app.FailureLines());
        }

        Assert.Empty(restoredStore.Integrity().Concat(restoredStore.Problems([upload])));
        output.WriteLine($"restored {Path.GetFileName(lastDuring)} ({new FileInfo(restored).Length / 1048576.0:N1} MB): the app started on it and served");
    }

    /// <summary>The copy passes the integrity check and holds the upload entirely or not at all; its rows of the upload.</summary>
    private static long Check(string path, SentUpload upload)
    {
        var copy = Store.Sqlite(path);
        var problems = copy.Integrity().Concat(copy.Problems([upload])).ToList();
        Assert.True(problems.Count == 0, $"{Path.GetFileName(path)}: {string.Join("; ", problems)}");
        return copy.SalesRows(upload);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
