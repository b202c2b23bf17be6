using System.Data.Common;
using System.Globalization;
using Jixiao.Application.DataImports;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Jixiao.Application.Synthetic;

/// <summary>Rows written per table by <see cref="BulkSeeder"/>.</summary>
public sealed record SeedCounts(IReadOnlyDictionary<string, long> Rows);

/// <summary>
/// Writes a validated <see cref="Dataset"/> (from <c>DataDirectoryLoader</c>) into an EMPTY database in one
/// transaction, for benchmarks and large test databases only: the same rows, columns and stored values as
/// <see cref="DataImporter"/> would write for a first upload of every file (one <see cref="Upload"/> per source,
/// an assignment from the hire date per employee), but with prepared INSERT statements instead of change tracking.
/// Table and column names, value conversions and parameter types come from the EF Core model, so the stored
/// representation is the provider's own (SQLite: decimals as TEXT, dates as yyyy-MM-dd).
/// The secondary indexes of each data table are dropped while it is filled and created again from their own definitions
/// afterwards (much faster than maintaining them row by row); on PostgreSQL the rows go through binary COPY.
/// </summary>
public static class BulkSeeder
{
    /// <summary>Seeds <paramref name="data"/>; throws when the organisation tables are not empty.</summary>
    public static async Task<SeedCounts> SeedAsync(JixiaoDbContext db, Dataset data, string? userId, DateTime uploadedAt, Action<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        if (await db.OrgUnits.AnyAsync(ct).ConfigureAwait(false) || await db.Employees.AnyAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The bulk seeder writes into an empty database only.");
        }

        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (sqlite)
            {
                // This connection only: nothing else reads the database while it is seeded; one transaction either way.
                await ExecAsync(connection, null, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA foreign_keys=OFF;", ct).ConfigureAwait(false);
            }

            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
            {
                var transaction = tx.GetDbTransaction();
                var uploads = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var source in DataSources.All)
                {
                    var upload = new Upload { Source = source, FileName = source + ".csv", UploadedBy = userId, UploadedAt = uploadedAt };
                    db.Uploads.Add(upload);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    uploads[source] = upload.Id;
                }

                counts["org_units"] = await WriteAsync(db, transaction, sqlite, progress, data.OrgUnits.Select(u => new OrgUnitEntity { Id = u.Id, Name = u.Name, ParentId = u.ParentId, ManagerId = u.ManagerId }), ct).ConfigureAwait(false);
                counts["employees"] = await WriteAsync(db, transaction, sqlite, progress, data.Employees.Select(e => new EmployeeEntity { Id = e.Id, Name = e.Name, HireDate = e.HireDate, LeaveDate = e.LeaveDate }), ct).ConfigureAwait(false);
                counts["assignments"] = await WriteAsync(db, transaction, sqlite, progress, data.Employees.Select(e => new Assignment
                {
                    EmployeeId = e.Id,
                    OrgUnitId = e.OrgUnitId,
                    ManagerId = e.ManagerId,
                    Position = e.Position,
                    Category = e.Category,
                    Level = e.Level,
                    Tier = e.Tier,
                    ValidFrom = e.HireDate,
                }), ct).ConfigureAwait(false);

                var s = data.Sales;
                counts["sales"] = await WriteAsync(db, transaction, sqlite, progress, Enumerable.Range(0, s.Count).Select(i => new SaleRow
                {
                    ExternalId = s.Id[i],
                    UploadId = uploads[DataSources.Sales],
                    EmployeeId = data.Employees[s.Employee[i]].Id,
                    Date = DateOnly.FromDayNumber(s.Day[i]),
                    Customer = s.Customer[i],
                    Product = s.Product[i],
                    Units = Quantity(s.Units[i]),
                    Amount = Money(s.AmountCents[i]),
                    Cost = Money(s.CostCents[i]),
                    Contract = s.Contract[i],
                    ContractSigned = Day(s.ContractSignedDay[i]),
                }), ct).ConfigureAwait(false);
                counts["credits"] = await WriteAsync(db, transaction, sqlite, progress, data.Credits.Select(c => new CreditRow
                {
                    ExternalId = DataImporter.Key(s.Id[c.SaleRow], data.Employees[c.Employee].Id),
                    UploadId = uploads[DataSources.Credits],
                    SaleId = s.Id[c.SaleRow],
                    EmployeeId = data.Employees[c.Employee].Id,
                    Share = c.Share,
                    Indirect = c.Indirect,
                    Referrer = c.Referrer,
                }), ct).ConfigureAwait(false);

                var k = data.Collections;
                counts["collections"] = await WriteAsync(db, transaction, sqlite, progress, Enumerable.Range(0, k.Count).Select(i => new CollectionRow
                {
                    ExternalId = k.Id[i],
                    UploadId = uploads[DataSources.Collections],
                    EmployeeId = data.Employees[k.Employee[i]].Id,
                    Date = DateOnly.FromDayNumber(k.Day[i]),
                    Contract = k.Contract[i],
                    ContractSigned = Day(k.ContractSignedDay[i]),
                    Amount = Money(k.AmountCents[i]),
                }), ct).ConfigureAwait(false);

                var x = data.Expenses;
                counts["expenses"] = await WriteAsync(db, transaction, sqlite, progress, Enumerable.Range(0, x.Count).Select(i => new ExpenseRow
                {
                    ExternalId = x.Id[i],
                    UploadId = uploads[DataSources.Expenses],
                    EmployeeId = data.Employees[x.Employee[i]].Id,
                    Date = DateOnly.FromDayNumber(x.Day[i]),
                    Category = x.Category[i],
                    Amount = Money(x.AmountCents[i]),
                }), ct).ConfigureAwait(false);

                var a = data.Activities;
                counts["activities"] = await WriteAsync(db, transaction, sqlite, progress, Enumerable.Range(0, a.Count).Select(i => new ActivityRow
                {
                    ExternalId = a.Id[i],
                    UploadId = uploads[DataSources.Activities],
                    EmployeeId = data.Employees[a.Employee[i]].Id,
                    Date = DateOnly.FromDayNumber(a.Day[i]),
                    Kind = a.Kind[i],
                    Customer = a.Customer[i],
                    Value = a.Value[i] == Columns.NoValue ? null : Quantity(a.Value[i]),
                }), ct).ConfigureAwait(false);

                counts["targets"] = await WriteAsync(db, transaction, sqlite, progress, data.Targets.Select(t => new TargetDataRow
                {
                    ExternalId = DataImporter.Key(t.Subject, t.Metric, t.Period),
                    UploadId = uploads[DataSources.Targets],
                    Subject = t.Subject,
                    Metric = t.Metric,
                    Period = t.Period,
                    Value = t.Value,
                    Challenge = t.Challenge,
                }), ct).ConfigureAwait(false);
                counts["ratings"] = await WriteAsync(db, transaction, sqlite, progress, data.Ratings.Select(r => new RatingDataRow
                {
                    ExternalId = DataImporter.Key(r.Employee, r.Period, r.Indicator, r.Rater ?? string.Empty),
                    UploadId = uploads[DataSources.Ratings],
                    EmployeeId = r.Employee,
                    Period = r.Period,
                    Indicator = r.Indicator,
                    Points = r.Points,
                    Rater = r.Rater,
                    Comment = r.Comment,
                }), ct).ConfigureAwait(false);
                counts["metric_values"] = await WriteAsync(db, transaction, sqlite, progress, data.DirectValues.Select(m => new MetricValueRow
                {
                    ExternalId = DataImporter.Key(m.Subject, m.Metric, m.Period),
                    UploadId = uploads[DataSources.Metrics],
                    Subject = m.Subject,
                    Metric = m.Metric,
                    Period = m.Period,
                    Value = m.Value,
                }), ct).ConfigureAwait(false);

                foreach (var source in DataSources.All)
                {
                    var upload = await db.Uploads.SingleAsync(u => u.Id == uploads[source], ct).ConfigureAwait(false);
                    var rows = (int)Math.Min(int.MaxValue, counts.GetValueOrDefault(TableOf(source)));
                    upload.Rows = rows;
                    upload.Inserted = rows;
                    db.Audit(uploadedAt, userId, "data.upload", source, $"{upload.FileName}: {rows} rows, {rows} new, 0 changed, 0 unchanged (bulk seed)");
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }

            await ExecAsync(connection, null, sqlite ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; ANALYZE;" : "ANALYZE", ct).ConfigureAwait(false);

            return new SeedCounts(counts);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static string TableOf(string source) => source switch
    {
        DataSources.Metrics => "metric_values",
        _ => source,
    };

    private static decimal Money(long cents) => cents / 100m;

    private static decimal Quantity(long scaled) => scaled / (decimal)Columns.Scale;

    private static DateOnly? Day(int day) => day == Columns.NoDay ? null : DateOnly.FromDayNumber(day);

    /// <summary>Inserts <paramref name="rows"/> into the table of <typeparamref name="T"/> with one prepared statement.</summary>
    private static async Task<long> WriteAsync<T>(JixiaoDbContext db, DbTransaction transaction, bool sqlite, Action<string>? progress, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        // Every mapped column except a key the database generates.
        var properties = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToList();
        var connection = transaction.Connection!;
        var sql = db.GetService<ISqlGenerationHelper>();

        var indexes = new List<string>();
        if (sqlite)
        {
            await using var list = connection.CreateCommand();
            list.Transaction = transaction;
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $t AND sql IS NOT NULL";
            var p = list.CreateParameter();
            p.ParameterName = "$t";
            p.Value = table;
            list.Parameters.Add(p);
            var names = new List<string>();
            await using (var reader = await list.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    names.Add(reader.GetString(0));
                    indexes.Add(reader.GetString(1));
                }
            }

            foreach (var name in names)
            {
                await ExecAsync(connection, transaction, "DROP INDEX " + sql.DelimitIdentifier(name), ct).ConfigureAwait(false);
            }
        }

        if (connection is NpgsqlConnection npgsql)
        {
            return await CopyAsync(npgsql, transaction, table, entity.GetSchema(), store, properties, sql, progress, rows, ct).ConfigureAwait(false);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var parameters = new DbParameter[properties.Count];
        var getters = new Func<T, object?>[properties.Count];
        var converters = new Func<object?, object?>?[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = property.GetRelationalTypeMapping();
            parameters[i] = mapping.CreateParameter(insert, "@p" + i, null, property.IsNullable);
            insert.Parameters.Add(parameters[i]);
            var getter = property.GetGetter();
            getters[i] = row => getter.GetClrValue(row);
            var converter = property.GetValueConverter() ?? mapping.Converter;
            converters[i] = converter is null ? null : converter.ConvertToProvider;
        }

        insert.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i))})";
        await insert.PrepareAsync(ct).ConfigureAwait(false);

        long count = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var value = getters[i](row);
                if (value is not null && converters[i] is { } convert)
                {
                    value = convert(value);
                }

                parameters[i].Value = value ?? DBNull.Value;
            }

            // Synchronous: SQLite executes in-process either way, and a Task per row would dominate.
            insert.ExecuteNonQuery();
            count++;
            if ((count & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        var inserted = clock.Elapsed;
        foreach (var create in indexes)
        {
            await ExecAsync(connection, transaction, create, ct).ConfigureAwait(false);
        }

        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{table}: {count:N0} rows in {inserted.TotalSeconds:F1} s, {indexes.Count} indexes in {(clock.Elapsed - inserted).TotalSeconds:F1} s"));
        return count;
    }

    /// <summary>
    /// PostgreSQL: the rows through binary COPY (the provider's bulk path), typed by the model's store types; the table's
    /// secondary indexes dropped while it fills and created again from their own definitions.
    /// </summary>
    private static async Task<long> CopyAsync<T>(NpgsqlConnection connection, DbTransaction transaction, string table, string? schema, StoreObjectIdentifier store,
        List<IProperty> properties, ISqlGenerationHelper sql, Action<string>? progress, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = (NpgsqlTransaction)transaction;
            list.CommandText = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = @t AND schemaname = current_schema() " +
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)";
            list.Parameters.AddWithValue("t", table);
            await using var reader = await list.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecAsync(connection, transaction, "DROP INDEX " + sql.DelimitIdentifier(name), ct).ConfigureAwait(false);
        }

        var types = new string[properties.Count];
        var getters = new Func<T, object?>[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = property.GetRelationalTypeMapping();
            // "numeric(18,2)" → "numeric": the facets do not change the binary format.
            var type = mapping.StoreType;
            types[i] = type.Contains('(', StringComparison.Ordinal) ? type[..type.IndexOf('(', StringComparison.Ordinal)].Trim() : type;
            var getter = property.GetGetter();
            var converter = property.GetValueConverter() ?? mapping.Converter;
            getters[i] = converter is null ? row => getter.GetClrValue(row) : row => getter.GetClrValue(row) is { } v ? converter.ConvertToProvider(v) : null;
        }

        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)));
        long count = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {sql.DelimitIdentifier(table, schema)} ({columns}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            importer.Timeout = TimeSpan.FromHours(2);
            foreach (var row in rows)
            {
                importer.StartRow();
                for (var i = 0; i < getters.Length; i++)
                {
                    if (getters[i](row) is { } value)
                    {
                        importer.Write(value, types[i]);
                    }
                    else
                    {
                        importer.WriteNull();
                    }
                }

                if ((++count & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }

            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }

        var inserted = clock.Elapsed;
        foreach (var (_, definition) in indexes)
        {
            await ExecAsync(connection, transaction, definition, ct).ConfigureAwait(false);
        }

        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{table}: {count:N0} rows in {inserted.TotalSeconds:F1} s (COPY), {indexes.Count} indexes in {(clock.Elapsed - inserted).TotalSeconds:F1} s"));
        return count;
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction? transaction, string text, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        command.CommandTimeout = 0; // an index over 10 million rows takes minutes
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
