using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Jixiao.Cli;

/// <summary>
/// <c>jixiao backup --sqlite jixiao.db --out FILE</c>: a consistent copy of a SQLite database taken while the app runs,
/// with SQLite's online backup API (one read transaction: the copy is the database as of one commit, never half an
/// upload), written to <c>FILE.partial</c>, checked with <c>PRAGMA integrity_check</c> and then renamed to FILE, a single
/// file (rollback journal mode) to store or copy anywhere. Exit 0, or 2 with one line saying why (docs/deployment.md,
/// "Backups").
/// </summary>
internal static class BackupCommand
{
    public static (Command Command, Func<ParseResult, TextWriter, TextWriter, CultureInfo, int> Run) Create(CultureInfo culture)
    {
        var sqlite = new Option<string>("--sqlite") { Description = CliText.Get("Opt_BackupSqlite", culture), Required = true };
        var output = new Option<string>("--out") { Description = CliText.Get("Opt_BackupOut", culture), Required = true };
        var command = new Command("backup", CliText.Get("Backup_Description", culture)) { sqlite, output };
        return (command, (parsed, stdout, stderr, c) => Run(parsed.GetValue(sqlite)!, parsed.GetValue(output)!, stdout, stderr, c));
    }

    private static int Run(string source, string target, TextWriter stdout, TextWriter stderr, CultureInfo culture)
    {
        string T(string key, params object?[] args) => CliText.Get(key, culture, args);
        if (!File.Exists(source))
        {
            stderr.WriteLine(T("Backup_NoSource", source));
            return CliApp.BadInput;
        }

        var fullTarget = Path.GetFullPath(target);
        var folder = Path.GetDirectoryName(fullTarget)!;
        if (string.Equals(fullTarget, Path.GetFullPath(source), StringComparison.Ordinal))
        {
            stderr.WriteLine(T("Backup_SameFile", target));
            return CliApp.BadInput;
        }

        if (File.Exists(fullTarget) || Directory.Exists(fullTarget))
        {
            stderr.WriteLine(T("Backup_OutExists", target));
            return CliApp.BadInput;
        }

        if (!Directory.Exists(folder))
        {
            stderr.WriteLine(T("Backup_OutFolder", target, folder));
            return CliApp.BadInput;
        }

        var partial = fullTarget + ".partial";
        var watch = Stopwatch.StartNew();
        try
        {
            File.Delete(partial);
            Copy(source, partial);
            File.Move(partial, fullTarget);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            SqliteConnection.ClearAllPools();
            TryDelete(partial);
            stderr.WriteLine(T("Backup_Failed", source, e.Message));
            return CliApp.BadInput;
        }

        var megabytes = new FileInfo(fullTarget).Length / 1048576.0;
        stdout.WriteLine(T("Backup_Done", source, target, megabytes, watch.Elapsed.TotalSeconds));
        return CliApp.Ok;
    }

    private static void Copy(string source, string partial)
    {
        // ReadWrite without Create: a missing file is an error, never a new empty database; nothing is written to it.
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        from.Open();
        Execute(from, "PRAGMA busy_timeout=30000");
        to.Open();

        // One step over all pages: a single read transaction on the source, so the copy is one committed state while the
        // app goes on writing (WAL: readers and the writer do not block each other).
        from.BackupDatabase(to);
        var check = Execute(to, "PRAGMA integrity_check");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new InvalidDataException("integrity_check: " + check);
        }

        // One self-contained file: no -wal beside it.
        Execute(to, "PRAGMA journal_mode=DELETE");
    }

    private static string? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
