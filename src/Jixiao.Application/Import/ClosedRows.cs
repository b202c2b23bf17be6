using Jixiao.Application.DataImports;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Import;

/// <summary>
/// Closed is closed for uploads (docs/decisions/0019-evaluation-cycle.md): a row of ratings.csv, targets.csv or
/// metrics.csv that would insert or change data a closed period reads is an error at its period cell, in the user's
/// language, and nothing of the upload is stored. Rows equal to what is stored pass (re-uploading a file is harmless).
/// Transactions (sales, collections …) dated in a closed period are stored: they are facts, and the closed period's
/// stored results never change.
/// </summary>
internal static class ClosedRows
{
    public static async Task<List<DataError>> CheckAsync(JixiaoDbContext db, string directory, Dataset d, IReadOnlySet<string> sources, CancellationToken ct)
    {
        var errors = new List<DataError>();
        if (!sources.Contains(DataSources.Targets) && !sources.Contains(DataSources.Ratings) && !sources.Contains(DataSources.Metrics))
        {
            return errors;
        }

        var closed = await ClosedPeriods.ReadAsync(db, ct).ConfigureAwait(false);
        if (closed.Closed.Count == 0)
        {
            return errors;
        }

        if (sources.Contains(DataSources.Targets))
        {
            var locked = d.Targets.Select(t => (Row: t, By: closed.LockingTarget(t.Period))).Where(x => x.By is not null).ToList();
            var stored = await StoredAsync(db.Targets, locked.Select(x => DataImporter.Key(x.Row.Subject, x.Row.Metric, x.Row.Period)), ct).ConfigureAwait(false);
            foreach (var (row, by) in locked)
            {
                var old = stored.GetValueOrDefault(DataImporter.Key(row.Subject, row.Metric, row.Period));
                if (old is null || old.Value != row.Value || old.Challenge != row.Challenge)
                {
                    errors.Add(Error(directory, TableSchemas.Targets, row.Line, row.Period, by!));
                }
            }
        }

        if (sources.Contains(DataSources.Ratings))
        {
            var locked = d.Ratings.Where(r => closed.LockingRating(r.Period) is not null).ToList();
            var stored = await StoredAsync(db.Ratings, locked.Select(Key), ct).ConfigureAwait(false);
            foreach (var row in locked)
            {
                var old = stored.GetValueOrDefault(Key(row));
                if (old is null || old.Points != row.Points || old.Rater != row.Rater || old.Comment != row.Comment)
                {
                    errors.Add(Error(directory, TableSchemas.Ratings, row.Line, row.Period, row.Period));
                }
            }
        }

        if (sources.Contains(DataSources.Metrics))
        {
            var locked = d.DirectValues.Select(m => (Row: m, By: closed.LockingMetric(m.Period))).Where(x => x.By is not null).ToList();
            var stored = await StoredAsync(db.MetricValues, locked.Select(x => DataImporter.Key(x.Row.Subject, x.Row.Metric, x.Row.Period)), ct).ConfigureAwait(false);
            foreach (var (row, by) in locked)
            {
                var old = stored.GetValueOrDefault(DataImporter.Key(row.Subject, row.Metric, row.Period));
                if (old is null || old.Value != row.Value)
                {
                    errors.Add(Error(directory, TableSchemas.Metrics, row.Line, row.Period, by!));
                }
            }
        }

        return [.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)];
    }

    private static string Key(RatingRow r) => DataImporter.Key(r.Employee, r.Period, r.Indicator, r.Rater ?? string.Empty);

    private static async Task<Dictionary<string, T>> StoredAsync<T>(DbSet<T> set, IEnumerable<string> keys, CancellationToken ct)
        where T : DataRow
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var row in await set.AsNoTracking().Where(r => chunk.Contains(r.ExternalId)).ToListAsync(ct).ConfigureAwait(false))
            {
                result[row.ExternalId] = row;
            }
        }

        return result;
    }

    /// <summary>The error at the row's period cell (the header as the file writes it, the field where the file has it).</summary>
    private static DataError Error(string directory, TableSpec spec, int line, string period, string closedPeriod)
    {
        var (column, name) = PeriodColumn(directory, spec);
        return new DataError(spec.FileName, line, column, name, DataErrorCode.PeriodClosed, [period, closedPeriod]);
    }

    private static (int Column, string? Name) PeriodColumn(string directory, TableSpec spec)
    {
        var path = Path.Combine(directory, spec.FileName);
        var index = spec.IndexOf("period");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        Span<byte> bom = stackalloc byte[3];
        var start = length >= 3 && RandomAccess.Read(handle, bom, 0) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
        var reader = new CsvRecordReader(handle, start, length, true, LoadOptions.Default.BlockSize, (spec.Columns.Length * 4) + 1, 1);
        var map = HeaderMap.Read(reader, spec, new ErrorList(spec.FileName, 10));
        return map is null || !map.Has(index) ? (0, null) : (map.Position(index), map.Names[index]);
    }
}
