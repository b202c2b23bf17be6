using Microsoft.Data.Sqlite;

namespace Jixiao.Cli.Tests;

/// <summary>
/// `jixiao backup --sqlite FILE --out FILE` on real SQLite files (docs/deployment.md, "Backups"). The copy taken during
/// an upload of the running app is tested in tests/Jixiao.Crash.Tests (BackupDuringUploadTests).
/// </summary>
public class BackupTests
{
    [Fact]
    public void Backup_WhenCommitsAreStillInTheWal_ThenTheCopyHoldsThemPassesIntegrityCheckAndIsOneFile()
    {
        using var dir = new TempDir();
        var source = dir.File("jixiao.db");
        var target = dir.File("backup.db");
        // A writer that stays open keeps its commits in jixiao.db-wal (no checkpoint), as a running app does.
        using var writer = Open(source);
        Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE sales (id INTEGER PRIMARY KEY, amount TEXT NOT NULL)");
        using (var tx = writer.BeginTransaction())
        {
            for (var i = 1; i <= 5000; i++)
            {
                Execute(writer, $"INSERT INTO sales (id, amount) VALUES ({i}, '{i}.25')", tx);
            }

            tx.Commit();
        }

        Assert.True(new FileInfo(source + "-wal").Length > 0, "the rows are in the WAL, not yet in the file");

        var run = CliRunner.Run("backup", "--sqlite", source, "--out", target, "--lang", "en");

        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains($"{source} backed up to {target}", run.Out, StringComparison.Ordinal);
        Assert.Contains("integrity check ok", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(target + "-wal"));
        Assert.False(File.Exists(target + ".partial"));
        using var copy = Open(target);
        Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
        Assert.Equal("delete", Scalar(copy, "PRAGMA journal_mode"));
        Assert.Equal("5000", Scalar(copy, "SELECT count(*) FROM sales"));
        Assert.Equal("12502500", Scalar(copy, "SELECT sum(id) FROM sales"));
        Assert.Equal("4999.25", Scalar(copy, "SELECT amount FROM sales WHERE id = 4999"));
    }

    [Fact]
    public void Backup_WhenOutputExists_ThenExit2AndTheFileIsUnchanged()
    {
        using var dir = new TempDir();
        var source = dir.File("jixiao.db");
        using (var c = Open(source))
        {
            Execute(c, "CREATE TABLE t (x INTEGER)");
        }

        var target = dir.File("yesterday.db");
        File.WriteAllText(target, "yesterday's backup");

        var run = CliRunner.Run("backup", "--sqlite", source, "--out", target, "--lang", "en");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{target} already exists; choose a new file name (a backup never overwrites a file).", run.Err.Trim());
        Assert.Equal("yesterday's backup", File.ReadAllText(target));
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Backup_WhenSourceMissing_ThenExit2AndNoFileIsCreated()
    {
        using var dir = new TempDir();
        var source = dir.File("missing.db");
        var target = dir.File("backup.db");

        var run = CliRunner.Run("backup", "--sqlite", source, "--out", target);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{source}：数据库文件不存在。", run.Err.Trim());
        Assert.False(File.Exists(source));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Backup_WhenOutputIsTheDatabaseItself_ThenExit2AndTheDatabaseIsUntouched()
    {
        using var dir = new TempDir();
        var source = dir.File("jixiao.db");
        using (var c = Open(source))
        {
            Execute(c, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)");
        }

        var before = File.ReadAllBytes(source);

        var run = CliRunner.Run("backup", "--sqlite", source, "--out", source, "--lang", "en");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"the backup {source} cannot be the database itself.", run.Err.Trim());
        Assert.Equal(before, File.ReadAllBytes(source));
    }

    private static SqliteConnection Open(string file)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
