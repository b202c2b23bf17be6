using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Jixiao.Application.CalculationRuns;

internal static partial class ResultRows
{
    /// <summary>How Microsoft.Data.Sqlite writes a <see cref="decimal"/> parameter (TEXT), so both paths store the same text.</summary>
    private const string DecimalText = "0.0###########################";

    /// <summary>
    /// SQLite: one prepared single-row INSERT, re-bound and stepped per row inside the caller's transaction through SQLite's
    /// own statement interface (as <c>LastYearActuals.Sqlite.cs</c> reads). The multi-row INSERTs this replaces cost ~11 s
    /// of CPU at 100,000 people: a parameter object per value, a new 1,800-parameter statement per 200 rows, and each of its
    /// parameters bound by name (SQLite looks a name up by scanning the statement's list). Here a row costs its binds and one
    /// step: text is bound as UTF-8 from a reused buffer, the details are serialised straight into UTF-8 (no JSON string),
    /// decimals are written in Microsoft.Data.Sqlite's text form. The stored rows are the same, byte for byte
    /// (ResultRowsTests).
    /// </summary>
    private static void InsertSqlite(SqliteConnection connection, string target, RelationalTypeMapping[] mappings, long runId, IEnumerable<Pending> rows, CancellationToken ct)
    {
        if (mappings.Any(m => m.Converter is not null))
        {
            throw new InvalidOperationException("A person_results column has a value converter; the SQLite statement path writes values as they are.");
        }

        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(connection, raw.sqlite3_prepare_v2(handle, $"INSERT INTO {target} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", out var statement));
        using (statement)
        {
            var json = new ArrayBufferWriter<byte>(16 * 1024);
            using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = ResultDetails.Json.Encoder, Indented = false });
            var scratch = new byte[256];
            var n = 0;
            foreach (var pending in rows)
            {
                var r = pending.Row;
                Check(connection, raw.sqlite3_bind_int64(statement, 1, runId));
                Check(connection, BindText(statement, 2, r.EmployeeId, ref scratch));
                Check(connection, BindText(statement, 3, r.OrgUnitId, ref scratch));
                Check(connection, BindText(statement, 4, r.Scorecard, ref scratch));
                Check(connection, BindDecimal(statement, 5, r.Total, scratch));
                Check(connection, r.Grade is null ? raw.sqlite3_bind_null(statement, 6) : BindText(statement, 6, r.Grade, ref scratch));
                Check(connection, r.Coefficient is { } coefficient ? BindDecimal(statement, 7, coefficient, scratch) : raw.sqlite3_bind_null(statement, 7));
                Check(connection, BindDecimal(statement, 8, r.PayTotal, scratch));
                if (pending.Details is { } details)
                {
                    json.ResetWrittenCount();
                    writer.Reset();
                    JsonSerializer.Serialize(writer, details, ResultDetails.Json);
                    writer.Flush();
                    Check(connection, raw.sqlite3_bind_text(statement, 9, json.WrittenSpan));
                }
                else
                {
                    Check(connection, BindText(statement, 9, r.DetailsJson, ref scratch));
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    // The message before the reset (e.g. a constraint or a trigger's RAISE); the caller's transaction rolls back.
                    var message = raw.sqlite3_errmsg(handle).utf8_to_string();
                    raw.sqlite3_reset(statement);
                    throw new SqliteException(message, step == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : step);
                }

                raw.sqlite3_reset(statement);

                if ((n++ & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }
        }
    }

    /// <summary>Binds <paramref name="value"/> as UTF-8 text from <paramref name="scratch"/> (grown when too small; SQLite copies it).</summary>
    private static int BindText(sqlite3_stmt statement, int index, string value, ref byte[] scratch)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > scratch.Length)
        {
            scratch = new byte[Math.Max(most, scratch.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, scratch);
        return raw.sqlite3_bind_text(statement, index, scratch.AsSpan(0, length));
    }

    /// <summary>Binds a decimal as the text Microsoft.Data.Sqlite writes for a decimal parameter (e.g. "1280.5", "0.0").</summary>
    private static int BindDecimal(sqlite3_stmt statement, int index, decimal value, byte[] scratch)
    {
        if (!value.TryFormat(scratch, out var written, DecimalText, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A decimal did not fit its text buffer.");
        }

        return raw.sqlite3_bind_text(statement, index, scratch.AsSpan(0, written));
    }

    private static void Check(SqliteConnection connection, int code)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), code);
        }
    }
}
