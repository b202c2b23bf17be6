using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Application.Datasets;

/// <summary>
/// Streams what one calculation of a period with a plan reads from the database straight into the columnar
/// <see cref="Dataset"/> (docs/decisions/0005-persistence.md, "Reading a period for a calculation"): plain data readers
/// on the context's connection, provider-neutral SQL, no entity per data row and no change tracking.
/// <list type="bullet">
/// <item>Transaction rows dated inside the period only, and collections, expenses, activities and metric values only
/// when a metric of the plan reads them; customers and contracts are never read; row ids only to order the rows (by
/// day, then external id) and, when <c>keepIds</c>, for explanations.</item>
/// <item>Targets of the periods a run can ask for (the period, its months and the target periods of commissions),
/// ratings of the period, metric values of the period and its months.</item>
/// <item>Money is read as <see cref="decimal"/> and kept in exact cents (a value with fractions of a cent is an error,
/// never truncated); ids are interned (employee index, codes into distinct strings).</item>
/// </list>
/// The fingerprint is a SHA-256 of everything read, in that order: same fingerprint and plan version ⇒ same numbers.
/// </summary>
public static class PeriodReader
{
    /// <summary>Reads what a calculation of <paramref name="period"/> with <paramref name="plan"/> needs.</summary>
    public static async Task<StoredDataset> ReadAsync(JixiaoDbContext db, Period period, Plan plan, bool keepIds = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var sources = plan.Metrics.Select(m => m.Source).ToHashSet();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var sql = new Sql(db, connection);
            using var hash = new Hasher();
            // Effective-dated unit managers (docs/transfers.md): the manager in force on the period's last day.
            var appointed = await Organisation.UnitManagers.OnAsync(db, period.End, ct).ConfigureAwait(false);
            var (units, employees, history) = await ReadOrganisationAsync(sql, period, appointed, hash, ct).ConfigureAwait(false);
            var index = new Dictionary<string, int>(employees.Count, StringComparer.Ordinal);
            for (var i = 0; i < employees.Count; i++)
            {
                index[employees[i].Id] = i;
            }

            var (sales, credits) = await ReadSalesAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false);
            var collections = sources.Contains(MetricSource.Collections) ? await ReadCollectionsAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false) : null;
            var expenses = sources.Contains(MetricSource.Expenses) ? await ReadExpensesAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false) : null;
            var activities = sources.Contains(MetricSource.Activities) ? await ReadActivitiesAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false) : null;
            var targets = await ReadTargetsAsync(sql, Calculator.TargetPeriods(plan, period), hash, ct).ConfigureAwait(false);
            var ratings = await ReadRatingsAsync(sql, period, hash, ct).ConfigureAwait(false);
            List<DirectValue> metrics = sources.Contains(MetricSource.Input)
                ? await ReadMetricValuesAsync(sql, [period, .. period.Months()], hash, ct).ConfigureAwait(false)
                : [];
            var dataset = new Dataset(units, employees, sales, collections, expenses, activities, credits, targets, ratings, metrics) { Assignments = history };
            return new StoredDataset(dataset, hash.Finish());
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<(List<OrgUnit> Units, List<Employee> Employees, List<EmployeeAssignment> History)> ReadOrganisationAsync(
        Sql sql, Period period, IReadOnlyDictionary<string, string?> appointed, Hasher hash, CancellationToken ct)
    {
        var end = period.End;
        var units = new List<OrgUnit>();
        await using (var command = sql.Command(sql.Select<OrgUnitEntity>(nameof(OrgUnitEntity.Id), nameof(OrgUnitEntity.Name), nameof(OrgUnitEntity.ParentId), nameof(OrgUnitEntity.ManagerId))))
        await using (var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = r.GetString(0);
                units.Add(new OrgUnit(id, r.GetString(1), Text(r, 2), Organisation.UnitManagers.Of(appointed, id, Text(r, 3))));
            }
        }

        units.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var u in units)
        {
            hash.Add("u", u.Id, u.Name, u.ParentId, u.ManagerId);
        }

        var assignments = new Dictionary<string, List<Assignment>>(StringComparer.Ordinal);
        await using (var command = sql.Command(sql.Select<Assignment>(
            nameof(Assignment.EmployeeId), nameof(Assignment.OrgUnitId), nameof(Assignment.ManagerId), nameof(Assignment.Position),
            nameof(Assignment.Category), nameof(Assignment.Level), nameof(Assignment.Tier), nameof(Assignment.ValidFrom), nameof(Assignment.ValidTo))))
        await using (var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var a = new Assignment
                {
                    EmployeeId = r.GetString(0),
                    OrgUnitId = r.GetString(1),
                    ManagerId = Text(r, 2),
                    Position = r.GetString(3),
                    Category = r.GetString(4),
                    Level = r.GetString(5),
                    Tier = r.GetString(6),
                    ValidFrom = r.GetFieldValue<DateOnly>(7),
                    ValidTo = r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
                };
                if (!assignments.TryGetValue(a.EmployeeId, out var list))
                {
                    assignments[a.EmployeeId] = list = [];
                }

                list.Add(a);
            }
        }

        var staff = new List<(string Id, string Name, DateOnly Hired, DateOnly? Left)>();
        await using (var command = sql.Command(sql.Select<EmployeeEntity>(nameof(EmployeeEntity.Id), nameof(EmployeeEntity.Name), nameof(EmployeeEntity.HireDate), nameof(EmployeeEntity.LeaveDate))))
        await using (var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                staff.Add((r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
            }
        }

        staff.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var employees = new List<Employee>(staff.Count);
        var history = new List<EmployeeAssignment>();
        foreach (var e in staff)
        {
            if (!assignments.TryGetValue(e.Id, out var own) || DatasetBuilder.Current(own, end) is not { } a)
            {
                continue;
            }

            // Transfers: the engine credits team rows by date and picks the assignment of the period's last day.
            if (own.Count > 1)
            {
                foreach (var h in own.OrderBy(x => x.ValidFrom))
                {
                    history.Add(new EmployeeAssignment(e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, h.ValidFrom));
                    hash.Add("h", e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, CsvText.Date(h.ValidFrom));
                }
            }

            employees.Add(new Employee(e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, e.Hired, e.Left));
            hash.Add("e", e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, CsvText.Date(e.Hired), CsvText.Date(e.Left));
        }

        return (units, employees, history);
    }

    private static async Task<(SalesTable Sales, Credit[] Credits)> ReadSalesAsync(
        Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var key = new List<long>();
        var products = new Interner();
        var product = new List<int>();
        var units = new List<long>();
        var amount = new List<long>();
        var cost = new List<long>();
        var signed = new List<int>();
        var rows = await ReadTransactionsAsync<SaleRow>(sql, period, employees,
            [nameof(SaleRow.Id), nameof(SaleRow.Product), nameof(SaleRow.Units), nameof(SaleRow.Amount), nameof(SaleRow.Cost), nameof(SaleRow.ContractSigned)],
            r =>
            {
                key.Add(r.GetInt64(3));
                product.Add(products.Code(r.GetString(4)));
                units.Add(Scaled(r.GetDecimal(5)));
                amount.Add(Cents(r.GetDecimal(6)));
                cost.Add(Cents(r.GetDecimal(7)));
                signed.Add(r.IsDBNull(8) ? Columns.NoDay : r.GetFieldValue<DateOnly>(8).DayNumber);
            },
            ct).ConfigureAwait(false);
        var order = rows.Order();
        var table = new SalesTable(
            rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), Empty(rows.Count), new CategoryColumn(Permute(product, order), products.Values),
            Permute(units, order), Permute(amount, order), Permute(cost, order), Empty(rows.Count), Permute(signed, order));
        var values = products.Values;
        for (var i = 0; i < table.Count; i++)
        {
            hash.Row("s", rows.IdOf(order, i), table.Employee[i], table.Day[i]);
            hash.Text(values[table.Product.Codes[i]]);
            hash.Number(table.Units[i]);
            hash.Number(table.AmountCents[i]);
            hash.Number(table.CostCents[i]);
            hash.Number(table.ContractSignedDay[i]);
            hash.End();
        }

        // Credits name sales by external id: join them to the period's sales and map each sale's key to its row.
        var keys = Permute(key, order);
        var rowOf = new int[keys.Length];
        for (var i = 0; i < rowOf.Length; i++)
        {
            rowOf[i] = i;
        }

        Array.Sort(keys, rowOf);
        var credits = new List<(string Id, Credit Credit)>();
        var s = sql.Table<SaleRow>();
        var c = sql.Table<CreditRow>();
        var text = $"SELECT c.{sql.Column<CreditRow>(nameof(CreditRow.ExternalId))}, c.{sql.Column<CreditRow>(nameof(CreditRow.EmployeeId))}, " +
            $"c.{sql.Column<CreditRow>(nameof(CreditRow.Share))}, s.{sql.Column<SaleRow>(nameof(SaleRow.Id))} FROM {c} c JOIN {s} s " +
            $"ON s.{sql.Column<SaleRow>(nameof(SaleRow.ExternalId))} = c.{sql.Column<CreditRow>(nameof(CreditRow.SaleId))} " +
            $"WHERE s.{sql.Column<SaleRow>(nameof(SaleRow.Date))} >= @from AND s.{sql.Column<SaleRow>(nameof(SaleRow.Date))} <= @to";
        await using (var command = sql.Command(text))
        {
            sql.Parameter(command, "@from", period.Start);
            sql.Parameter(command, "@to", period.End);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var at = Array.BinarySearch(keys, r.GetInt64(3));
                if (at >= 0 && employees.TryGetValue(r.GetString(1), out var emp))
                {
                    credits.Add((r.GetString(0), new Credit(rowOf[at], emp, r.GetDecimal(2))));
                }
            }
        }

        credits.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var (id, credit) in credits)
        {
            hash.Add("c", id, N(credit.Share));
        }

        return (table, [.. credits.Select(x => x.Credit)]);
    }

    private static async Task<CollectionsTable> ReadCollectionsAsync(Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var signed = new List<int>();
        var amount = new List<long>();
        var rows = await ReadTransactionsAsync<CollectionRow>(sql, period, employees, [nameof(CollectionRow.ContractSigned), nameof(CollectionRow.Amount)], r =>
        {
            signed.Add(r.IsDBNull(3) ? Columns.NoDay : r.GetFieldValue<DateOnly>(3).DayNumber);
            amount.Add(Cents(r.GetDecimal(4)));
        }, ct).ConfigureAwait(false);
        var order = rows.Order();
        var table = new CollectionsTable(rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), Empty(rows.Count), Permute(signed, order), Permute(amount, order));
        for (var i = 0; i < table.Count; i++)
        {
            hash.Row("k", rows.IdOf(order, i), table.Employee[i], table.Day[i]);
            hash.Number(table.ContractSignedDay[i]);
            hash.Number(table.AmountCents[i]);
            hash.End();
        }

        return table;
    }

    private static async Task<ExpensesTable> ReadExpensesAsync(Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var categories = new Interner();
        var category = new List<int>();
        var amount = new List<long>();
        var rows = await ReadTransactionsAsync<ExpenseRow>(sql, period, employees, [nameof(ExpenseRow.Category), nameof(ExpenseRow.Amount)], r =>
        {
            category.Add(categories.Code(r.GetString(3)));
            amount.Add(Cents(r.GetDecimal(4)));
        }, ct).ConfigureAwait(false);
        var order = rows.Order();
        var table = new ExpensesTable(rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), new CategoryColumn(Permute(category, order), categories.Values), Permute(amount, order));
        for (var i = 0; i < table.Count; i++)
        {
            hash.Row("x", rows.IdOf(order, i), table.Employee[i], table.Day[i]);
            hash.Text(table.Category[i]);
            hash.Number(table.AmountCents[i]);
            hash.End();
        }

        return table;
    }

    private static async Task<ActivitiesTable> ReadActivitiesAsync(Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var kinds = new Interner();
        var kind = new List<int>();
        var value = new List<long>();
        var rows = await ReadTransactionsAsync<ActivityRow>(sql, period, employees, [nameof(ActivityRow.Kind), nameof(ActivityRow.Value)], r =>
        {
            kind.Add(kinds.Code(r.GetString(3)));
            value.Add(r.IsDBNull(4) ? Columns.NoValue : Scaled(r.GetDecimal(4)));
        }, ct).ConfigureAwait(false);
        var order = rows.Order();
        var table = new ActivitiesTable(rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), new CategoryColumn(Permute(kind, order), kinds.Values), Empty(rows.Count), Permute(value, order));
        for (var i = 0; i < table.Count; i++)
        {
            hash.Row("a", rows.IdOf(order, i), table.Employee[i], table.Day[i]);
            hash.Text(table.Kind[i]);
            hash.Number(table.Value[i]);
            hash.End();
        }

        return table;
    }

    /// <summary>
    /// Reads external id, employee and date (ordinals 0–2) of the rows of <typeparamref name="T"/> dated in the period,
    /// then <paramref name="more"/> columns from ordinal 3 on; rows of people not in <paramref name="employees"/> are skipped.
    /// </summary>
    private static async Task<Transactions> ReadTransactionsAsync<T>(
        Sql sql, Period period, Dictionary<string, int> employees, string[] more, Action<DbDataReader> read, CancellationToken ct)
        where T : DataRow
    {
        var date = sql.Column<T>("Date");
        string[] columns = [nameof(DataRow.ExternalId), "EmployeeId", "Date", .. more];
        var rows = new Transactions();
        await using var command = sql.Command($"{sql.Select<T>(columns)} WHERE {date} >= @from AND {date} <= @to");
        sql.Parameter(command, "@from", period.Start);
        sql.Parameter(command, "@to", period.End);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var checkedRows = 0;
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            if (!employees.TryGetValue(r.GetString(1), out var employee))
            {
                continue;
            }

            rows.Add(r.GetString(0), employee, r.GetFieldValue<DateOnly>(2).DayNumber);
            read(r);
            if ((++checkedRows & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return rows;
    }

    private static async Task<TargetTable> ReadTargetsAsync(Sql sql, IReadOnlyList<Period> periods, Hasher hash, CancellationToken ct)
    {
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
        await using (var command = sql.Command($"{sql.Select<TargetDataRow>(nameof(DataRow.ExternalId), nameof(TargetDataRow.Subject), nameof(TargetDataRow.Metric), nameof(TargetDataRow.Period), nameof(TargetDataRow.Value), nameof(TargetDataRow.Challenge))} WHERE {sql.Column<TargetDataRow>(nameof(TargetDataRow.Period))} IN ({where})"))
        {
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

        var order = ByKey(keys);
        var n = order.Length;
        var challenges = Permute(challenge, order);
        var table = new TargetTable(n, subjects.Values, Permute(subject, order), metrics.Values, Permute(metric, order), periodTexts.Values, Permute(period, order),
            Permute(value, order), [.. challenges.Select(x => x.GetValueOrDefault())], [.. challenges.Select(x => x.HasValue)], new int[n]);
        for (var i = 0; i < n; i++)
        {
            hash.Add("t", table.Subjects[table.Subject[i]], table.Metrics[table.Metric[i]], table.Periods[table.Period[i]], N(table.Value[i]), challenges[i] is { } ch ? N(ch) : null);
        }

        return table;
    }

    private static async Task<RatingTable> ReadRatingsAsync(Sql sql, Period period, Hasher hash, CancellationToken ct)
    {
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
        await using (var command = sql.Command($"{sql.Select<RatingDataRow>(nameof(DataRow.ExternalId), nameof(RatingDataRow.EmployeeId), nameof(RatingDataRow.Indicator), nameof(RatingDataRow.Points), nameof(RatingDataRow.Rater), nameof(RatingDataRow.Comment))} WHERE {sql.Column<RatingDataRow>(nameof(RatingDataRow.Period))} = @p"))
        {
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

        var order = ByKey(keys);
        var n = order.Length;
        var table = new RatingTable(n, employees.Values, Permute(employee, order), [period.ToString()], new int[n], indicators.Values, Permute(indicator, order),
            Permute(points, order), raters.Values, Permute(rater, order), comments.Values, Permute(comment, order), new int[n]);
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

    /// <summary>Row indexes ordered by their external id (ordinal).</summary>
    private static int[] ByKey(List<string> keys)
    {
        var order = new int[keys.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort([.. keys], order, StringComparer.Ordinal);
        return order;
    }

    private static T[] Permute<T>(List<T> values, int[]? order)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        if (order is null)
        {
            return span.ToArray();
        }

        var result = new T[order.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = span[order[i]];
        }

        return result;
    }

    private static StringColumn Empty(int count) => new([], new int[count + 1]);

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    /// <summary>Exact cents; a stored amount with a fraction of a cent is an error, never truncated.</summary>
    private static long Cents(decimal amount)
    {
        var cents = amount * 100m;
        return cents == decimal.Truncate(cents) ? (long)cents : throw new InvalidDataException($"The stored amount {amount} has a fraction of a cent.");
    }

    /// <summary>Units and values in 1/10,000, exactly.</summary>
    private static long Scaled(decimal value)
    {
        var scaled = value * Columns.Scale;
        return scaled == decimal.Truncate(scaled) ? (long)scaled : throw new InvalidDataException($"The stored value {value} has more than four decimals.");
    }

    // Normalised so 12.5 and 12.50 (PostgreSQL numeric vs SQLite text) hash the same.
    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Distinct strings in order of first appearance and the code of each.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];

        public IReadOnlyList<string> Values => _values;

        public int Code(string value)
        {
            if (!_codes.TryGetValue(value, out var code))
            {
                code = _values.Count;
                _codes[value] = code;
                _values.Add(value);
            }

            return code;
        }
    }

    /// <summary>The columns every transaction table has, as read: external id (UTF-8), employee index and day.</summary>
    private sealed class Transactions
    {
        private readonly StringColumn.Builder _ids = new(1 << 16, 1 << 12);
        private readonly List<int> _employee = [];
        private readonly List<int> _day = [];
        private StringColumn? _built;

        public int Count => _day.Count;

        public void Add(string id, int employee, int day)
        {
            _ids.Add(id);
            _employee.Add(employee);
            _day.Add(day);
        }

        /// <summary>The order by day, then external id (UTF-8 bytes, i.e. code points); null when the rows already are in it.</summary>
        public int[]? Order()
        {
            var ids = _built ??= _ids.Build();
            var day = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_day);
            var sorted = true;
            for (var i = 1; i < day.Length && sorted; i++)
            {
                sorted = day[i] > day[i - 1] || (day[i] == day[i - 1] && ids.Utf8(i).SequenceCompareTo(ids.Utf8(i - 1)) > 0);
            }

            if (sorted)
            {
                return null;
            }

            var order = Columns.StableOrderByDay(day);
            var start = 0;
            for (var i = 1; i <= order.Length; i++)
            {
                if (i == order.Length || day[order[i]] != day[order[start]])
                {
                    order.AsSpan(start, i - start).Sort((a, b) => ids.Utf8(a).SequenceCompareTo(ids.Utf8(b)));
                    start = i;
                }
            }

            return order;
        }

        public StringColumn Ids(int[]? order, bool keep)
        {
            var ids = _built ??= _ids.Build();
            return !keep ? Empty(Count) : order is null ? ids : ids.Permute(order);
        }

        public int[] Employees(int[]? order) => Permute(_employee, order);

        public int[] Days(int[]? order) => Permute(_day, order);

        /// <summary>The external id of sorted row <paramref name="row"/>.</summary>
        public ReadOnlySpan<byte> IdOf(int[]? order, int row) => (_built ??= _ids.Build()).Utf8(order is null ? row : order[row]);
    }

    /// <summary>Table and column names from the EF model, quoted for the provider; commands on the context's connection.</summary>
    private sealed class Sql(JixiaoDbContext db, DbConnection connection)
    {
        private readonly ISqlGenerationHelper _names = db.GetService<ISqlGenerationHelper>();
        private readonly IRelationalTypeMappingSource _types = db.GetService<IRelationalTypeMappingSource>();

        public string Table<T>() => _names.DelimitIdentifier(Entity<T>().GetTableName()!, Entity<T>().GetSchema());

        public string Column<T>(string property)
        {
            var entity = Entity<T>();
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var p = entity.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not mapped.");
            return _names.DelimitIdentifier(p.GetColumnName(store)!);
        }

        public string Select<T>(params string[] properties) =>
            $"SELECT {string.Join(", ", properties.Select(Column<T>))} FROM {Table<T>()}";

        public DbCommand Command(string text)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return command;
        }

        /// <summary>A parameter written as the model writes values of its type (SQLite keeps dates as text).</summary>
        public void Parameter(DbCommand command, string name, object value)
        {
            var mapping = _types.FindMapping(value.GetType()) ?? throw new InvalidOperationException($"No mapping for {value.GetType().Name}.");
            command.Parameters.Add(mapping.CreateParameter(command, name, mapping.Converter?.ConvertToProvider(value) ?? value));
        }

        private IEntityType Entity<T>() => db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
    }

    /// <summary>SHA-256 over fields written into a buffer: texts as UTF-8 (null apart from empty), numbers as 8 bytes.</summary>
    private sealed class Hasher : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _length;

        public void Add(params string?[] fields)
        {
            foreach (var f in fields)
            {
                Text(f);
            }

            End();
        }

        /// <summary>Starts a transaction row: table tag, external id, employee index and day.</summary>
        public void Row(string table, ReadOnlySpan<byte> id, int employee, int day)
        {
            Text(table);
            Bytes(id);
            Number(employee);
            Number(day);
        }

        public string Finish()
        {
            Flush();
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        public void Dispose() => _hash.Dispose();

        public void Text(string? text)
        {
            if (text is null)
            {
                Room(2);
                _buffer[_length++] = 0;
                _buffer[_length++] = 0x1F;
                return;
            }

            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (max + 1 > _buffer.Length)
            {
                Bytes(Encoding.UTF8.GetBytes(text));
                return;
            }

            Room(max + 1);
            _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
            _buffer[_length++] = 0x1F;
        }

        private void Bytes(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length + 1 > _buffer.Length)
            {
                Flush();
                _hash.AppendData(bytes);
            }
            else
            {
                Room(bytes.Length + 1);
                bytes.CopyTo(_buffer.AsSpan(_length));
                _length += bytes.Length;
            }

            Room(1);
            _buffer[_length++] = 0x1F;
        }

        public void Number(long value)
        {
            Room(9);
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
            _length += 8;
            _buffer[_length++] = 0x1F;
        }

        public void End()
        {
            Room(1);
            _buffer[_length++] = 0x1E;
        }

        private void Room(int bytes)
        {
            if (_length + bytes > _buffer.Length)
            {
                Flush();
            }
        }

        private void Flush()
        {
            _hash.AppendData(_buffer.AsSpan(0, _length));
            _length = 0;
        }
    }
}
