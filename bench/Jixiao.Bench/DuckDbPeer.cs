using System.Globalization;
using DuckDB.NET.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Bench;

/// <summary>
/// The DuckDB side of the benchmark: an in-memory database with the tables of duckdb/load.sql and the
/// close of duckdb/close.sql. DuckDB runs with its default settings (threads = number of cores).
/// </summary>
internal sealed class DuckDbPeer : IDisposable
{
    private const string CloseMarker = "-- @@close";
    private readonly DuckDBConnection _connection;

    public DuckDbPeer()
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
    }

    /// <summary>Where load.sql and close.sql are (copied next to the assembly).</summary>
    public static string SqlDirectory => Path.Combine(AppContext.BaseDirectory, "duckdb");

    /// <summary>DuckDB's <c>threads</c> setting.</summary>
    public string Threads => Scalar("SELECT current_setting('threads')::VARCHAR");

    /// <summary>DuckDB's version.</summary>
    public string Version => Scalar("SELECT version()");

    /// <summary>Runs load.sql: reads the CSV files of <paramref name="directory"/> into tables.</summary>
    public void Load(string directory)
    {
        var dir = Path.GetFullPath(directory).Replace("'", "''", StringComparison.Ordinal);
        Execute(File.ReadAllText(Path.Combine(SqlDirectory, "load.sql")).Replace("{{dir}}", dir, StringComparison.Ordinal));
    }

    /// <summary>Defines the macros close.sql uses (cheap; not part of the timed close).</summary>
    public void Prepare() => Execute(Split().Setup);

    /// <summary>Runs the close of <paramref name="period"/> into the table close_result.</summary>
    public void Close(Period period) => Execute(CloseSql(period));

    /// <summary>The close statement with the period filled in.</summary>
    public static string CloseSql(Period period) =>
        Split().Close
            .Replace("{{start}}", period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{end}}", period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{period}}", period.ToString(), StringComparison.Ordinal);

    /// <summary>The rows of close_result.</summary>
    public List<PersonTotals> Results()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT employee, sales_c, gross_margin_c, new_leads_c, followup_c, satisfaction_c, attitude_c, total_c, grade,
                   coefficient4, performance_bonus_c, vehicle_bonus_c, margin_bonus_c
            FROM close_result ORDER BY employee
            """;
        using var reader = cmd.ExecuteReader();
        var list = new List<PersonTotals>();
        while (reader.Read())
        {
            var points = new long[6];
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = Long(reader, 1 + i);
            }

            list.Add(new PersonTotals(
                reader.GetString(0),
                points,
                Long(reader, 7),
                reader.IsDBNull(8) ? "" : reader.GetString(8),
                Long(reader, 9),
                [Long(reader, 10), Long(reader, 11), Long(reader, 12)]));
        }

        return list;
    }

    /// <summary>Null (a step DuckDB could not compute, e.g. a missing target) reads as long.MinValue and never matches.</summary>
    private static long Long(DuckDBDataReader reader, int i) => reader.IsDBNull(i) ? long.MinValue : reader.GetInt64(i);

    public void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string Scalar(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static (string Setup, string Close) Split()
    {
        var text = File.ReadAllText(Path.Combine(SqlDirectory, "close.sql"));
        var at = text.IndexOf(CloseMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("close.sql has no '" + CloseMarker + "' line.");
        }

        return (text[..at], text[at..]);
    }

    public void Dispose() => _connection.Dispose();
}
