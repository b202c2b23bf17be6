using Jixiao.Application.Datasets;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Targets;

/// <summary>
/// Last year's actuals of one additive metric (a sum or count of one transaction source) for the "by last year's share"
/// split (docs/targets.md, "Last year's share at scale"), in <b>one aggregate pass</b> over the year's rows of the
/// metric's source instead of the engine month by month.
/// <para>
/// The database sums the year's rows per group: employee, the column the metric filters on (product, expense category,
/// activity kind) and, only where the engine would tell the rows apart, the day (team metrics: the rows of people who
/// moved, credited to the unit of their date; contract-age weighting: every row) and the contract date. Each group
/// becomes one row of a <see cref="Dataset"/> of the whole year that stands for its rows
/// (<see cref="TransactionTable.Weight"/>: money, units and values summed, counted by weight); sales with split credits
/// are taken out of their groups and kept as single rows with their credits. The engine then computes the year once
/// (<see cref="MetricActuals.For"/>): it still decides what is summed (products, kinds, categories, split credits,
/// contract age, team roll-ups); a sum or count over the year's rows equals the sum of the groups' sums and counts.
/// </para>
/// <para>
/// PostgreSQL sums the groups itself (a hash aggregate, numeric sums exact). SQLite's GROUP BY sorts every row (three
/// quarters of the time at 10 million sales), so there the rows are streamed through SQLite's statement interface (two
/// halves of the year side by side) and summed here, the stored decimal text read exactly into cents or 1/10,000. When a
/// stored value has a fraction of a cent (or units with more than four decimals) or is not plain decimal text, the year
/// is read the previous way (<see cref="MonthByMonthAsync"/>), so the numbers are the same in every case.
/// </para>
/// </summary>
public static partial class LastYearActuals
{
    /// <summary>The actual of <paramref name="metric"/> over the year <paramref name="yearNumber"/> for each subject, as <see cref="MetricActuals.For"/> of the year.</summary>
    public static async Task<IReadOnlyDictionary<string, decimal?>> ForAsync(
        JixiaoDbContext db, Plan plan, MetricDefinition metric, int yearNumber, IReadOnlyCollection<string> subjects, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(subjects);
        if (!MetricActuals.IsAdditive(metric))
        {
            throw new ArgumentException($"Metric '{metric.Code}' is not additive.", nameof(metric));
        }

        var year = new Period(PeriodKind.Year, yearNumber, 1);
        var data = await YearAsync(db, metric, year, ct).ConfigureAwait(false);
        return data is null
            ? await MonthByMonthAsync(db, plan, metric, yearNumber, subjects, ct).ConfigureAwait(false)
            : MetricActuals.For(plan, data, year, metric.Code, subjects);
    }

    /// <summary>
    /// The year's rows of <paramref name="metric"/>'s source summed per group, as a weighted <see cref="Dataset"/> with the
    /// organisation and everyone placed on the year's last day; null when a stored value is outside the exact range.
    /// </summary>
    internal static async Task<Dataset?> YearAsync(JixiaoDbContext db, MetricDefinition metric, Period year, CancellationToken ct)
    {
        var placement = await PeriodReader.ReadPlacementAsync(db, year.End, ct).ConfigureAwait(false);
        var index = new Dictionary<string, int>(placement.Employees.Count, StringComparer.Ordinal);
        for (var i = 0; i < placement.Employees.Count; i++)
        {
            index[placement.Employees[i].Id] = i;
        }

        var movers = new bool[placement.Employees.Count];
        foreach (var h in placement.History)
        {
            movers[index[h.EmployeeId]] = true;
        }

        var shape = Shape.Of(metric);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var sql = new PeriodReader.Sql(db, connection);
            var groups = new Groups(year.Start.DayNumber, shape, movers);
            var read = connection is SqliteConnection sqlite
                ? StreamSqlite(sqlite, sql, shape, year, Utf8Ids(placement.Employees), groups, () => new Groups(year.Start.DayNumber, shape, movers), ct)
                : await ReadGroupsAsync(sql, shape, year, index, groups, ct).ConfigureAwait(false);
            if (!read)
            {
                return null;
            }

            List<Credit> credits = [];
            if (shape.Source == MetricSource.Sales && !await ReadCreditedSalesAsync(sql, year, index, groups, credits, ct).ConfigureAwait(false))
            {
                return null;
            }

            return groups.Build(placement, credits);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>What the groups of a metric's source are made of: the table, the filter column, the summed columns and which dates are kept.</summary>
    private sealed record Shape(MetricSource Source, string? Category, string[] Sums, long[] Scales, string? Signed, bool DayOfEveryone, bool DayOfMovers)
    {
        public static Shape Of(MetricDefinition m)
        {
            var aged = m.ContractAgeRates is not null;
            var team = m.Scope == MetricScope.Team;
            return m.Source switch
            {
                MetricSource.Sales => new(m.Source, nameof(SaleRow.Product), [nameof(SaleRow.Units), nameof(SaleRow.Amount), nameof(SaleRow.Cost)],
                    [Columns.Scale, 100, 100], aged ? nameof(SaleRow.ContractSigned) : null, aged, team),
                MetricSource.Collections => new(m.Source, null, [nameof(CollectionRow.Amount)], [100], aged ? nameof(CollectionRow.ContractSigned) : null, aged, team),
                MetricSource.Expenses => new(m.Source, nameof(ExpenseRow.Category), [nameof(ExpenseRow.Amount)], [100], null, false, team),
                _ => new(m.Source, nameof(ActivityRow.Kind), [nameof(ActivityRow.Value)], [Columns.Scale], null, false, team),
            };
        }
    }

    /// <summary>
    /// Other providers (PostgreSQL): one aggregate query over the year's rows of the source, summed by the database (a hash
    /// aggregate). Columns: employee, [category], [day], [contract date], the count, and per summed column the count of
    /// non-null values and the sum. The column types (numeric(18,2) for money, (18,4) otherwise) hold no finer fraction, so a
    /// scaled sum is whole; one that is not sends the year the month-by-month way.
    /// </summary>
    private static async Task<bool> ReadGroupsAsync(PeriodReader.Sql sql, Shape shape, Period year, Dictionary<string, int> index, Groups groups, CancellationToken ct)
    {
        var text = shape.Source switch
        {
            MetricSource.Sales => GroupQuery<SaleRow>(sql, shape),
            MetricSource.Collections => GroupQuery<CollectionRow>(sql, shape),
            MetricSource.Expenses => GroupQuery<ExpenseRow>(sql, shape),
            _ => GroupQuery<ActivityRow>(sql, shape),
        };
        await using var command = sql.Command(text);
        command.CommandTimeout = 0;
        sql.Parameter(command, "@from", year.Start);
        sql.Parameter(command, "@to", year.End);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var sums = new long[shape.Sums.Length];
        var present = new long[shape.Sums.Length];
        var keptDay = shape.DayOfEveryone || shape.DayOfMovers;
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var o = 1;
            var category = shape.Category is null ? "" : r.GetString(o++);
            var day = keptDay ? (r.IsDBNull(o++) ? Columns.NoDay : r.GetFieldValue<DateOnly>(o - 1).DayNumber) : Columns.NoDay;
            var signed = shape.Signed is null ? Columns.NoDay : (r.IsDBNull(o++) ? Columns.NoDay : r.GetFieldValue<DateOnly>(o - 1).DayNumber);
            var count = r.GetInt64(o++);
            for (var i = 0; i < sums.Length; i++)
            {
                present[i] = r.GetInt64(o++);
                if (!WholeSum(r.GetDecimal(o++) * shape.Scales[i], out sums[i]))
                {
                    return false;
                }
            }

            if (index.TryGetValue(r.GetString(0), out var employee))
            {
                groups.Add(employee, category, day, signed, count, present, sums);
            }
        }

        return true;
    }

    private static string GroupQuery<T>(PeriodReader.Sql sql, Shape shape)
        where T : DataRow
    {
        string C(string property) => "t." + sql.Column<T>(property);
        var date = C("Date");
        var keys = new List<string> { C("EmployeeId") };
        if (shape.Category is { } category)
        {
            keys.Add(C(category));
        }

        if (shape.DayOfEveryone)
        {
            keys.Add(date);
        }
        else if (shape.DayOfMovers)
        {
            var a = sql.Column<Assignment>(nameof(Assignment.EmployeeId));
            keys.Add($"CASE WHEN {C("EmployeeId")} IN (SELECT {a} FROM {sql.Table<Assignment>()} GROUP BY {a} HAVING COUNT(*) > 1) THEN {date} END");
        }

        if (shape.Signed is { } signed)
        {
            keys.Add(C(signed));
        }

        var columns = new List<string>(keys) { "COUNT(*)" };
        foreach (var sum in shape.Sums)
        {
            columns.Add($"COUNT({C(sum)})");
            columns.Add($"COALESCE(SUM({C(sum)}), 0)");
        }

        return $"SELECT {string.Join(", ", columns)} FROM {sql.Table<T>()} t WHERE {date} >= @from AND {date} <= @to GROUP BY {string.Join(", ", keys)}";
    }

    /// <summary>A sum × its scale as a long; false when it is not whole (a fraction of the unit somewhere).</summary>
    private static bool WholeSum(decimal d, out long value)
    {
        value = 0;
        if (d != decimal.Truncate(d) || d > long.MaxValue || d < long.MinValue)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    /// <summary>
    /// The year's sales that carry split credits, each taken out of its group and kept as a row of its own, and their
    /// credits (ordered by credit id, as before).
    /// </summary>
    private static async Task<bool> ReadCreditedSalesAsync(PeriodReader.Sql sql, Period year, Dictionary<string, int> index, Groups groups, List<Credit> credits, CancellationToken ct)
    {
        // From the credits (a few per cent of the sales) to their sales by external id: SQLite keeps the order of a CROSS
        // JOIN (otherwise it walks the year's sales by date and probes the credits for each); PostgreSQL plans it as any join.
        string S(string property) => "s." + sql.Column<SaleRow>(property);
        string K(string property) => "c." + sql.Column<CreditRow>(property);
        var text = $"SELECT {K(nameof(CreditRow.ExternalId))}, {K(nameof(CreditRow.EmployeeId))}, {K(nameof(CreditRow.Share))}, {S(nameof(SaleRow.ExternalId))}, " +
            $"{S(nameof(SaleRow.EmployeeId))}, {S(nameof(SaleRow.Date))}, {S(nameof(SaleRow.Product))}, {S(nameof(SaleRow.Units))}, {S(nameof(SaleRow.Amount))}, " +
            $"{S(nameof(SaleRow.Cost))}, {S(nameof(SaleRow.ContractSigned))}, {K(nameof(CreditRow.Indirect))}, {K(nameof(CreditRow.Referrer))} FROM {sql.Table<CreditRow>()} c CROSS JOIN {sql.Table<SaleRow>()} s " +
            $"WHERE {S(nameof(SaleRow.ExternalId))} = {K(nameof(CreditRow.SaleId))} AND {S(nameof(SaleRow.Date))} >= @from AND {S(nameof(SaleRow.Date))} <= @to";
        var saleRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var parts = new List<(string Id, string Sale, string Employee, decimal Share, bool Indirect, string? Referrer)>();
        await using (var command = sql.Command(text))
        {
            command.CommandTimeout = 0;
            sql.Parameter(command, "@from", year.Start);
            sql.Parameter(command, "@to", year.End);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var sale = r.GetString(3);
                if (!saleRow.ContainsKey(sale) && index.TryGetValue(r.GetString(4), out var seller))
                {
                    if (!Exact(r.GetDecimal(7), Columns.Scale, out var units) || !Exact(r.GetDecimal(8), 100, out var amount) || !Exact(r.GetDecimal(9), 100, out var cost))
                    {
                        return false;
                    }

                    var signed = r.IsDBNull(10) ? Columns.NoDay : r.GetFieldValue<DateOnly>(10).DayNumber;
                    saleRow[sale] = groups.TakeOutSale(seller, r.GetString(6), r.GetFieldValue<DateOnly>(5).DayNumber, signed, [units, amount, cost]);
                }

                // An indirect sale and an external referrer's part count as the plan's credit rules say, as in a run (PeriodReader).
                parts.Add((r.GetString(0), sale, r.GetString(1), r.GetDecimal(2), r.GetBoolean(11), r.IsDBNull(12) ? null : r.GetString(12)));
            }
        }

        parts.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var (_, sale, employee, share, indirect, referrer) in parts)
        {
            if (saleRow.TryGetValue(sale, out var row) && index.TryGetValue(employee, out var e))
            {
                credits.Add(new Credit(row, e, share, indirect, referrer));
            }
        }

        return true;
    }

    private static Utf8Index Utf8Ids(IReadOnlyList<Employee> employees)
    {
        var ids = new Utf8Index(employees.Count);
        foreach (var e in employees)
        {
            ids.GetOrAdd(System.Text.Encoding.UTF8.GetBytes(e.Id));
        }

        ids.Freeze();
        return ids;
    }

    private static bool Exact(decimal value, long scale, out long scaled)
    {
        var x = value * scale;
        scaled = 0;
        if (x != decimal.Truncate(x) || Math.Abs(x) >= 100_000_000_000_000m)
        {
            return false;
        }

        scaled = (long)x;
        return true;
    }
}
