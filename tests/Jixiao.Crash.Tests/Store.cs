using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jixiao.Crash.Tests;

/// <summary>An upload the suite sent: its file name, the prefix of its rows' ids and how many rows it had.</summary>
public sealed record SentUpload(string FileName, string IdPrefix, int Rows);

/// <summary>
/// The app's database as the crash and backup tests inspect it, with plain SQL (no EF, no app code): the provider's
/// integrity check and the invariants "nothing half-written" (<see cref="Problems"/>).
/// </summary>
public abstract class Store
{
    public abstract string Provider { get; }

    /// <summary>The app's connection string for this database.</summary>
    public abstract string ConnectionString { get; }

    public abstract DbConnection Open();

    /// <summary>The provider's own integrity check: SQLite's integrity_check and foreign_key_check; PostgreSQL's invalid indexes.</summary>
    public abstract IReadOnlyList<string> Integrity();

    /// <summary>SQL: leases whose expiry lies further ahead than a lease lasts (5 minutes), by the database's clock.</summary>
    protected abstract string LeasesTooLongSql { get; }

    /// <summary>SQL: locks that no one should hold once the app is ready, or null when the provider has none.</summary>
    protected virtual string? LocksHeldSql => null;

    public static Store Sqlite(string file) => new SqliteStore(file);

    public static Store Postgres(string connectionString) => new PostgresStore(connectionString);

    /// <summary>
    /// Everything that would be half-written, as sentences (empty: nothing): a sales upload whose rows differ from its
    /// recorded count; a sent upload with rows but no upload record, or a record but not all its rows, or twice; an upload or
    /// run without its audit entry (or the reverse); a run left running; a succeeded run without exactly its computed
    /// results; results without a run; a lease held longer than a lease lasts; on PostgreSQL, a lock still held. The
    /// provider's integrity check is <see cref="Integrity"/>.
    /// </summary>
    public IReadOnlyList<string> Problems(IEnumerable<SentUpload> sent)
    {
        var problems = new List<string>();
        using var c = Open();

        // One pass over the sales rows each: rows per upload record, rows per sent file (by the id prefix, "K0001-").
        var byUpload = Rows(c, "SELECT \"UploadId\", count(*) FROM sales WHERE \"UploadId\" IS NOT NULL GROUP BY \"UploadId\"")
            .ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        foreach (var row in Rows(c, "SELECT u.\"Id\", u.\"FileName\", u.\"Inserted\" + u.\"Updated\" FROM uploads u WHERE u.\"Source\" = 'sales'"))
        {
            var (id, recorded) = (Convert.ToInt64(row[0], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
            var carried = byUpload.GetValueOrDefault(id);
            if (recorded != carried)
            {
                problems.Add($"upload {id} ({row[1]}) records {recorded} new or changed rows but {carried} sales rows carry its id");
            }
        }

        var byPrefix = PrefixCounts(c);
        var records = Rows(c, "SELECT \"FileName\", count(*) FROM uploads GROUP BY \"FileName\"")
            .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        foreach (var upload in sent)
        {
            var (n, rows) = (records.GetValueOrDefault(upload.FileName), byPrefix.GetValueOrDefault(upload.IdPrefix));
            if (n > 1 || (n == 0 && rows != 0) || (n == 1 && rows != upload.Rows))
            {
                problems.Add($"{upload.FileName}: {n} upload record(s) and {rows} of its {upload.Rows} rows");
            }
        }

        Same(c, problems, "uploads and their audit entries",
            "SELECT count(*) FROM uploads", "SELECT count(*) FROM audit_log WHERE \"Action\" = 'data.upload'");
        Same(c, problems, "runs and their audit entries",
            "SELECT count(*) FROM calculation_runs", "SELECT count(*) FROM audit_log WHERE \"Action\" = 'calculation.run'");
        Zero(c, problems, "runs left running", "SELECT count(*) FROM calculation_runs WHERE \"Status\" = 'Running'");
        Zero(c, problems, "succeeded runs without exactly their computed results", """
            SELECT count(*) FROM calculation_runs r WHERE r."Status" = 'Succeeded'
            AND r."Computed" <> (SELECT count(*) FROM person_results p WHERE p."RunId" = r."Id")
            """);
        Zero(c, problems, "results without their run",
            "SELECT count(*) FROM person_results p WHERE NOT EXISTS (SELECT 1 FROM calculation_runs r WHERE r.\"Id\" = p.\"RunId\")");
        Zero(c, problems, "scheduler leases held longer than a lease lasts", LeasesTooLongSql);
        if (LocksHeldSql is { } locks)
        {
            Zero(c, problems, "locks still held while the app is up (the start-up lock is released once the app is ready)", locks);
        }

        return problems;
    }

    /// <summary>Sales rows per sent upload file, for the report.</summary>
    public long SalesRows(SentUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        using var c = Open();
        return PrefixCounts(c).GetValueOrDefault(upload.IdPrefix);
    }

    /// <summary>Sales rows by the prefix of their id up to its first "-" (the sent files' "K0001-"), in one pass.</summary>
    private static Dictionary<string, long> PrefixCounts(DbConnection c) =>
        Rows(c, "SELECT substr(\"ExternalId\", 1, 6), count(*) FROM sales WHERE \"ExternalId\" LIKE 'K____-%' GROUP BY substr(\"ExternalId\", 1, 6)")
            .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    protected static long Scalar(DbConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    protected static List<object[]> Rows(DbConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    private static void Zero(DbConnection c, List<string> problems, string what, string sql)
    {
        var n = Scalar(c, sql);
        if (n != 0)
        {
            problems.Add($"{n} {what}");
        }
    }

    private static void Same(DbConnection c, List<string> problems, string what, string a, string b)
    {
        var (x, y) = (Scalar(c, a), Scalar(c, b));
        if (x != y)
        {
            problems.Add($"{what} differ: {x} and {y}");
        }
    }

    private sealed class SqliteStore(string file) : Store
    {
        public override string Provider => "SQLite";

        public override string ConnectionString => $"Data Source={file}";

        // Every lease column is written by EF as 'yyyy-MM-dd HH:mm:ss.fffffff' (UTC), which compares as text with strftime.
        protected override string LeasesTooLongSql =>
            "SELECT count(*) FROM scheduler_leases WHERE \"ExpiresAt\" > strftime('%Y-%m-%d %H:%M:%f', 'now', '+5 minutes', '+30 seconds')";

        public override DbConnection Open()
        {
            var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 60 }.ToString());
            c.Open();
            return c;
        }

        public override IReadOnlyList<string> Integrity()
        {
            using var c = Open();
            var problems = new List<string>();
            var check = string.Join("; ", Rows(c, "PRAGMA integrity_check").Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)));
            if (check != "ok")
            {
                problems.Add("integrity_check: " + check);
            }

            var orphans = Rows(c, "PRAGMA foreign_key_check");
            if (orphans.Count > 0)
            {
                problems.Add($"foreign_key_check: {orphans.Count} row(s) without their parent");
            }

            return problems;
        }
    }

    private sealed class PostgresStore(string connectionString) : Store
    {
        public override string Provider => "PostgreSQL";

        public override string ConnectionString => connectionString;

        protected override string LeasesTooLongSql =>
            "SELECT count(*) FROM scheduler_leases WHERE \"ExpiresAt\" > now() + interval '5 minutes 30 seconds'";

        // The start-up lock (pg_advisory_lock) belongs to a session: a killed instance's ends with it.
        protected override string? LocksHeldSql => """
            SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND d.datname = current_database()
            """;

        public override DbConnection Open()
        {
            var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            c.Open();
            return c;
        }

        public override IReadOnlyList<string> Integrity()
        {
            using var c = Open();
            var invalid = Rows(c, """
                SELECT ci.relname FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ci.relnamespace
                WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready AND i.indislive)
                """);
            return invalid.Count == 0 ? [] : [$"invalid indexes: {string.Join(", ", invalid.Select(r => r[0]))}"];
        }
    }
}
