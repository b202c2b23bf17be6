using System.Data.Common;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// Inserts a run's person rows with the provider's bulk path (docs/decisions/0005-persistence.md): on PostgreSQL one
/// binary COPY; on SQLite one prepared single-row INSERT re-bound per row through SQLite's own statement interface
/// (<c>ResultRows.Sqlite.cs</c>: no SQL text, parameter object or JSON string per row); on any other provider multi-row
/// INSERT statements through EF Core's command pipeline. All run inside the caller's transaction, with the model's
/// column names and value mappings.
/// </summary>
internal static partial class ResultRows
{
    /// <summary>Rows per statement of the multi-row INSERTs: 9 parameters each, well below the providers' parameter limits.</summary>
    internal const int BatchSize = 200;

    private static readonly string[] Properties =
    [
        nameof(PersonResult.RunId), nameof(PersonResult.EmployeeId), nameof(PersonResult.OrgUnitId), nameof(PersonResult.Scorecard),
        nameof(PersonResult.Total), nameof(PersonResult.Grade), nameof(PersonResult.Coefficient), nameof(PersonResult.PayTotal),
        nameof(PersonResult.DetailsJson),
    ];

    /// <summary>
    /// A row to store: its columns and, when <paramref name="Details"/> is set, the details to serialise as the row is
    /// written (<see cref="PersonResult.DetailsJson"/> is then ignored); otherwise the row's stored JSON text as it is.
    /// </summary>
    internal readonly record struct Pending(PersonResult Row, ResultDetails? Details)
    {
        /// <summary>The details as stored text (serialised now when not yet).</summary>
        public string Json => Details is null ? Row.DetailsJson : JsonSerializer.Serialize(Details, ResultDetails.Json);
    }

    /// <summary>Inserts <paramref name="rows"/> in the order enumerated; each row is built, written and dropped (a streamed run).</summary>
    public static async Task InsertAsync(JixiaoDbContext db, long runId, IEnumerable<Pending> rows, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(PersonResult)) ?? throw new InvalidOperationException("PersonResult is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var names = db.GetService<ISqlGenerationHelper>();
        var properties = Properties.Select(p => entity.FindProperty(p)!).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var columns = string.Join(", ", properties.Select(p => names.DelimitIdentifier(p.GetColumnName(store)!)));
        var target = $"{names.DelimitIdentifier(table, entity.GetSchema())} ({columns})";
        switch (db.Database.GetDbConnection())
        {
            case NpgsqlConnection postgres:
                await CopyAsync(postgres, target, mappings, runId, rows, ct).ConfigureAwait(false);
                return;
            case SqliteConnection sqlite:
                InsertSqlite(sqlite, target, mappings, runId, rows, ct);
                return;
            default:
                await InsertBatchedAsync(db, target, properties, mappings, runId, rows, ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Multi-row INSERT statements of <see cref="BatchSize"/> rows through EF Core's command pipeline (any provider).</summary>
    internal static async Task InsertBatchedAsync(
        JixiaoDbContext db, string target, IProperty[] properties, RelationalTypeMapping[] mappings, long runId, IEnumerable<Pending> rows, CancellationToken ct)
    {
        var head = $"INSERT INTO {target} VALUES ";
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var count = batch.Length;
            var sql = new System.Text.StringBuilder(head, head.Length + (count * 80));
            var parameters = new List<DbParameter>(count * properties.Length);
            for (var i = 0; i < count; i++)
            {
                var r = batch[i].Row;
                object?[] values = [runId, r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal, batch[i].Json];
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < values.Length; c++)
                {
                    var name = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var value = values[c] is { } v && mappings[c].Converter is { } convert ? convert.ConvertToProvider(v) : values[c];
                    parameters.Add(mappings[c].CreateParameter(factory, name, value, properties[c].IsNullable));
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                }

                sql.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// PostgreSQL: the rows in one binary COPY on the connection, inside the caller's transaction (a failure rolls the
    /// whole run back). Values go through the model's converters, as in the INSERT path.
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string target, RelationalTypeMapping[] mappings, long runId, IEnumerable<Pending> rows, CancellationToken ct)
    {
        // "numeric(18,2)" → "numeric": the facets do not change the binary format.
        var types = mappings.Select(m => m.StoreType.Contains('(', StringComparison.Ordinal) ? m.StoreType[..m.StoreType.IndexOf('(', StringComparison.Ordinal)].Trim() : m.StoreType).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        var n = 0;
        foreach (var pending in rows)
        {
            var r = pending.Row;
            object?[] values = [runId, r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal, pending.Json];
            importer.StartRow();
            for (var c = 0; c < values.Length; c++)
            {
                var value = values[c] is { } v && mappings[c].Converter is { } convert ? convert.ConvertToProvider(v) : values[c];
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, types[c]);
                }
            }

            if ((n++ & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        await importer.CompleteAsync(ct).ConfigureAwait(false);
    }
}
