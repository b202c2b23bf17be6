using System.Data.Common;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// Inserts a run's person rows with the provider's bulk path (docs/decisions/0005-persistence.md): on PostgreSQL one
/// binary COPY, on SQLite multi-row INSERT statements (no tracked entity per row, a few hundred statements for 100,000
/// people). The statements go through EF Core's command pipeline
/// (<see cref="RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade, string, IEnumerable{object}, CancellationToken)"/>),
/// inside the caller's transaction, with the model's column names and value mappings, on SQLite and PostgreSQL alike.
/// </summary>
internal static class ResultRows
{
    /// <summary>Rows per statement: 9 parameters each, well below SQLite's and PostgreSQL's parameter limits.</summary>
    internal const int BatchSize = 200;

    private static readonly string[] Properties =
    [
        nameof(PersonResult.RunId), nameof(PersonResult.EmployeeId), nameof(PersonResult.OrgUnitId), nameof(PersonResult.Scorecard),
        nameof(PersonResult.Total), nameof(PersonResult.Grade), nameof(PersonResult.Coefficient), nameof(PersonResult.PayTotal),
        nameof(PersonResult.DetailsJson),
    ];

    /// <summary>Inserts <paramref name="rows"/> in the order enumerated; each row is built, written and dropped (a streamed run).</summary>
    public static async Task InsertAsync(JixiaoDbContext db, long runId, IEnumerable<PersonResult> rows, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(PersonResult)) ?? throw new InvalidOperationException("PersonResult is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var names = db.GetService<ISqlGenerationHelper>();
        var properties = Properties.Select(p => entity.FindProperty(p)!).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var columns = string.Join(", ", properties.Select(p => names.DelimitIdentifier(p.GetColumnName(store)!)));
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, $"{names.DelimitIdentifier(table, entity.GetSchema())} ({columns})", mappings, runId, rows, ct).ConfigureAwait(false);
            return;
        }

        var head = $"INSERT INTO {names.DelimitIdentifier(table, entity.GetSchema())} ({columns}) VALUES ";
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var count = batch.Length;
            var sql = new System.Text.StringBuilder(head, head.Length + (count * 80));
            var parameters = new List<DbParameter>(count * properties.Length);
            for (var i = 0; i < count; i++)
            {
                var r = batch[i];
                object?[] values = [runId, r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal, r.DetailsJson];
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
    private static async Task CopyAsync(NpgsqlConnection connection, string target, RelationalTypeMapping[] mappings, long runId, IEnumerable<PersonResult> rows, CancellationToken ct)
    {
        // "numeric(18,2)" → "numeric": the facets do not change the binary format.
        var types = mappings.Select(m => m.StoreType.Contains('(', StringComparison.Ordinal) ? m.StoreType[..m.StoreType.IndexOf('(', StringComparison.Ordinal)].Trim() : m.StoreType).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        var n = 0;
        foreach (var r in rows)
        {
            object?[] values = [runId, r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal, r.DetailsJson];
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
