using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.Datasets;

public static partial class PeriodReader
{
    private static async Task<TargetTable> ReadTargetsAsync(Sql sql, IReadOnlyList<Period> periods, Hasher hash, CancellationToken ct)
    {
        if (NativeSqlite(sql) is { } native && ReadTargetsSqlite(native, sql, periods, hash, ct) is { } read)
        {
            return read;
        }

        var keys = new List<string>();
        var subjects = new Interner();
        var metrics = new Interner();
        var periodTexts = new Interner();
        var subject = new List<int>();
        var metric = new List<int>();
        var period = new List<int>();
        var value = new List<decimal>();
        var challenge = new List<decimal?>();
        var where = string.Join(", ", periods.Select((_, i) => "@p" + i));
        await using (var command = sql.Command(TargetQuery(sql, where)))
        {
            command.CommandText += sql.Subjects(command, sql.Column<TargetDataRow>(nameof(TargetDataRow.Subject)));
            for (var i = 0; i < periods.Count; i++)
            {
                sql.Parameter(command, "@p" + i, periods[i].ToString());
            }

            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                keys.Add(r.GetString(0));
                subject.Add(subjects.Code(r.GetString(1)));
                metric.Add(metrics.Code(r.GetString(2)));
                period.Add(periodTexts.Code(r.GetString(3)));
                value.Add(r.GetDecimal(4));
                challenge.Add(r.IsDBNull(5) ? null : r.GetDecimal(5));
            }
        }

        return Targets(ByKey(keys), new TargetColumns(subjects.Values, subject, metrics.Values, metric, periodTexts.Values, period, value, challenge), hash);
    }

    /// <summary>"SELECT external id, subject, metric, period, value, challenge" of the targets whose period is in (<paramref name="periods"/>).</summary>
    private static string TargetQuery(Sql sql, string periods) =>
        $"{sql.Select<TargetDataRow>(nameof(DataRow.ExternalId), nameof(TargetDataRow.Subject), nameof(TargetDataRow.Metric), nameof(TargetDataRow.Period), nameof(TargetDataRow.Value), nameof(TargetDataRow.Challenge))} WHERE {sql.Column<TargetDataRow>(nameof(TargetDataRow.Period))} IN ({periods})";

    /// <summary>The target columns in the order read, texts as codes into distinct values.</summary>
    private sealed record TargetColumns(IReadOnlyList<string> Subjects, List<int> Subject, IReadOnlyList<string> Metrics, List<int> Metric,
        IReadOnlyList<string> Periods, List<int> Period, List<decimal> Value, List<decimal?> Challenge);

    /// <summary>The targets in external id order (<paramref name="order"/>), hashed.</summary>
    private static TargetTable Targets(int[] order, TargetColumns read, Hasher hash)
    {
        var n = order.Length;
        var challenges = Permute(read.Challenge, order);
        var table = new TargetTable(n, read.Subjects, Permute(read.Subject, order), read.Metrics, Permute(read.Metric, order), read.Periods, Permute(read.Period, order),
            Permute(read.Value, order), [.. challenges.Select(x => x.GetValueOrDefault())], [.. challenges.Select(x => x.HasValue)], new int[n]);
        for (var i = 0; i < n; i++)
        {
            hash.Add("t", table.Subjects[table.Subject[i]], table.Metrics[table.Metric[i]], table.Periods[table.Period[i]], N(table.Value[i]), challenges[i] is { } ch ? N(ch) : null);
        }

        return table;
    }

    private static async Task<RatingTable> ReadRatingsAsync(Sql sql, Period period, Hasher hash, CancellationToken ct)
    {
        if (NativeSqlite(sql) is { } native && ReadRatingsSqlite(native, sql, period, hash, ct) is { } read)
        {
            return read;
        }

        var keys = new List<string>();
        var employees = new Interner();
        var indicators = new Interner();
        var raters = new Interner();
        var comments = new Interner();
        var employee = new List<int>();
        var indicator = new List<int>();
        var points = new List<decimal>();
        var rater = new List<int>();
        var comment = new List<int>();
        await using (var command = sql.Command(RatingQuery(sql, "@p")))
        {
            command.CommandText += sql.People(command, sql.Column<RatingDataRow>(nameof(RatingDataRow.EmployeeId)));
            sql.Parameter(command, "@p", period.ToString());
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                keys.Add(r.GetString(0));
                employee.Add(employees.Code(r.GetString(1)));
                indicator.Add(indicators.Code(r.GetString(2)));
                points.Add(r.GetDecimal(3));
                rater.Add(r.IsDBNull(4) ? -1 : raters.Code(r.GetString(4)));
                comment.Add(r.IsDBNull(5) ? -1 : comments.Code(r.GetString(5)));
            }
        }

        return Ratings(ByKey(keys), period, new RatingColumns(employees.Values, employee, indicators.Values, indicator, points, raters.Values, rater, comments.Values, comment), hash);
    }

    /// <summary>"SELECT external id, employee, indicator, points, rater, comment" of the ratings of the period named by <paramref name="period"/>.</summary>
    private static string RatingQuery(Sql sql, string period) =>
        $"{sql.Select<RatingDataRow>(nameof(DataRow.ExternalId), nameof(RatingDataRow.EmployeeId), nameof(RatingDataRow.Indicator), nameof(RatingDataRow.Points), nameof(RatingDataRow.Rater), nameof(RatingDataRow.Comment))} WHERE {sql.Column<RatingDataRow>(nameof(RatingDataRow.Period))} = {period}";

    /// <summary>The rating columns in the order read, texts as codes into distinct values (-1: none).</summary>
    private sealed record RatingColumns(IReadOnlyList<string> Employees, List<int> Employee, IReadOnlyList<string> Indicators, List<int> Indicator, List<decimal> Points,
        IReadOnlyList<string> Raters, List<int> Rater, IReadOnlyList<string> Comments, List<int> Comment);

    /// <summary>The ratings in external id order (<paramref name="order"/>), hashed.</summary>
    private static RatingTable Ratings(int[] order, Period period, RatingColumns read, Hasher hash)
    {
        var n = order.Length;
        var table = new RatingTable(n, read.Employees, Permute(read.Employee, order), [period.ToString()], new int[n], read.Indicators, Permute(read.Indicator, order),
            Permute(read.Points, order), read.Raters, Permute(read.Rater, order), read.Comments, Permute(read.Comment, order), new int[n]);
        for (var i = 0; i < n; i++)
        {
            var row = table[i];
            hash.Add("r", row.Employee, row.Period, row.Indicator, N(row.Points), row.Rater, row.Comment);
        }

        return table;
    }

    private static async Task<List<DirectValue>> ReadMetricValuesAsync(Sql sql, IReadOnlyList<Period> periods, Hasher hash, CancellationToken ct)
    {
        var rows = new List<(string Key, DirectValue Value)>();
        var where = string.Join(", ", periods.Select((_, i) => "@p" + i));
        await using (var command = sql.Command($"{sql.Select<MetricValueRow>(nameof(DataRow.ExternalId), nameof(MetricValueRow.Subject), nameof(MetricValueRow.Metric), nameof(MetricValueRow.Period), nameof(MetricValueRow.Value))} WHERE {sql.Column<MetricValueRow>(nameof(MetricValueRow.Period))} IN ({where})"))
        {
            command.CommandText += sql.Subjects(command, sql.Column<MetricValueRow>(nameof(MetricValueRow.Subject)));
            for (var i = 0; i < periods.Count; i++)
            {
                sql.Parameter(command, "@p" + i, periods[i].ToString());
            }

            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add((r.GetString(0), new DirectValue(r.GetString(1), r.GetString(2), r.GetString(3), r.GetDecimal(4))));
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (_, m) in rows)
        {
            hash.Add("m", m.Subject, m.Metric, m.Period, N(m.Value));
        }

        return [.. rows.Select(x => x.Value)];
    }
}
