using System.Data.Common;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.Datasets;

public static partial class PeriodReader
{
    private static async Task<(SalesTable Sales, Credit[] Credits)> ReadSalesAsync(
        Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        if (NativeSqlite(sql) is { } native && await ReadSalesSqliteAsync(native, sql, period, employees, keepIds, hash, ct).ConfigureAwait(false) is { } read)
        {
            return read;
        }

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
        var (table, sales) = Sales(rows, new SaleColumns(key, products.Values, product, units, amount, cost, signed), keepIds, hash);
        var credits = await ReadCreditsAsync(sql, period, sales, employees, ct).ConfigureAwait(false);
        return (table, Credits(credits, hash));
    }

    /// <summary>The sale columns read after external id, employee and day, in the order read.</summary>
    private sealed record SaleColumns(List<long> Key, IReadOnlyList<string> Products, List<int> Product, List<long> Units, List<long> Amount, List<long> Cost, List<int> Signed);

    /// <summary>The period's sales table (ordered by day, then external id), hashed; and the sales' keys in ascending order with the row of each.</summary>
    private static (SalesTable Table, (long[] Keys, int[] RowOf) Sales) Sales(Transactions rows, SaleColumns read, bool keepIds, Hasher hash)
    {
        var order = rows.Order();
        var table = new SalesTable(
            rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), Empty(rows.Count), new CategoryColumn(Permute(read.Product, order), read.Products),
            Permute(read.Units, order), Permute(read.Amount, order), Permute(read.Cost, order), Empty(rows.Count), Permute(read.Signed, order));
        var values = read.Products;
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
        var keys = Permute(read.Key, order);
        var rowOf = new int[keys.Length];
        for (var i = 0; i < rowOf.Length; i++)
        {
            rowOf[i] = i;
        }

        Array.Sort(keys, rowOf);
        return (table, (keys, rowOf));
    }

    /// <summary>The credit rows of the period's sales: "SELECT external id, employee, share, sale key, indirect, referrer" joined to the sales.</summary>
    private static string CreditQuery(Sql sql, string from, string to)
    {
        var s = sql.Table<SaleRow>();
        var c = sql.Table<CreditRow>();
        return $"SELECT c.{sql.Column<CreditRow>(nameof(CreditRow.ExternalId))}, c.{sql.Column<CreditRow>(nameof(CreditRow.EmployeeId))}, " +
            $"c.{sql.Column<CreditRow>(nameof(CreditRow.Share))}, s.{sql.Column<SaleRow>(nameof(SaleRow.Id))}, " +
            $"c.{sql.Column<CreditRow>(nameof(CreditRow.Indirect))}, c.{sql.Column<CreditRow>(nameof(CreditRow.Referrer))} FROM {c} c JOIN {s} s " +
            $"ON s.{sql.Column<SaleRow>(nameof(SaleRow.ExternalId))} = c.{sql.Column<CreditRow>(nameof(CreditRow.SaleId))} " +
            $"WHERE s.{sql.Column<SaleRow>(nameof(SaleRow.Date))} >= {from} AND s.{sql.Column<SaleRow>(nameof(SaleRow.Date))} <= {to}";
    }

    private static async Task<List<(string Id, Credit Credit)>> ReadCreditsAsync(
        Sql sql, Period period, (long[] Keys, int[] RowOf) sales, Dictionary<string, int> employees, CancellationToken ct)
    {
        var credits = new List<(string Id, Credit Credit)>();
        await using var command = sql.Command(CreditQuery(sql, "@from", "@to"));
        command.CommandText += sql.Sales(command, "s");
        sql.Parameter(command, "@from", period.Start);
        sql.Parameter(command, "@to", period.End);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var at = Array.BinarySearch(sales.Keys, r.GetInt64(3));
            if (at >= 0 && employees.TryGetValue(r.GetString(1), out var emp))
            {
                credits.Add((r.GetString(0), new Credit(sales.RowOf[at], emp, r.GetDecimal(2), r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetString(5))));
            }
        }

        return credits;
    }

    /// <summary>The credits in external id order (ordinal), hashed.</summary>
    private static Credit[] Credits(List<(string Id, Credit Credit)> credits, Hasher hash)
    {
        credits.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var (id, credit) in credits)
        {
            hash.Add("c", id, N(credit.Share));
            if (credit.Indirect || credit.Referrer is not null)
            {
                // Only then: the hash of data without these credit rules stays what it was (as DatasetBuilder).
                hash.Add("ci", credit.Indirect ? "1" : "0", credit.Referrer ?? "");
            }
        }

        return [.. credits.Select(x => x.Credit)];
    }

    private static async Task<CollectionsTable> ReadCollectionsAsync(Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        if (NativeSqlite(sql) is { } native && ReadCollectionsSqlite(native, sql, period, employees, keepIds, hash, ct) is { } read)
        {
            return read;
        }

        var signed = new List<int>();
        var amount = new List<long>();
        var rows = await ReadTransactionsAsync<CollectionRow>(sql, period, employees, [nameof(CollectionRow.ContractSigned), nameof(CollectionRow.Amount)], r =>
        {
            signed.Add(r.IsDBNull(3) ? Columns.NoDay : r.GetFieldValue<DateOnly>(3).DayNumber);
            amount.Add(Cents(r.GetDecimal(4)));
        }, ct).ConfigureAwait(false);
        return Collections(rows, signed, amount, keepIds, hash);
    }

    private static CollectionsTable Collections(Transactions rows, List<int> signed, List<long> amount, bool keepIds, Hasher hash)
    {
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
        if (NativeSqlite(sql) is { } native && ReadExpensesSqlite(native, sql, period, employees, keepIds, hash, ct) is { } read)
        {
            return read;
        }

        var categories = new Interner();
        var category = new List<int>();
        var amount = new List<long>();
        var rows = await ReadTransactionsAsync<ExpenseRow>(sql, period, employees, [nameof(ExpenseRow.Category), nameof(ExpenseRow.Amount)], r =>
        {
            category.Add(categories.Code(r.GetString(3)));
            amount.Add(Cents(r.GetDecimal(4)));
        }, ct).ConfigureAwait(false);
        return Expenses(rows, categories.Values, category, amount, keepIds, hash);
    }

    private static ExpensesTable Expenses(Transactions rows, IReadOnlyList<string> categories, List<int> category, List<long> amount, bool keepIds, Hasher hash)
    {
        var order = rows.Order();
        var table = new ExpensesTable(rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), new CategoryColumn(Permute(category, order), categories), Permute(amount, order));
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
        if (NativeSqlite(sql) is { } native && ReadActivitiesSqlite(native, sql, period, employees, keepIds, hash, ct) is { } read)
        {
            return read;
        }

        var kinds = new Interner();
        var kind = new List<int>();
        var value = new List<long>();
        var rows = await ReadTransactionsAsync<ActivityRow>(sql, period, employees, [nameof(ActivityRow.Kind), nameof(ActivityRow.Value)], r =>
        {
            kind.Add(kinds.Code(r.GetString(3)));
            value.Add(r.IsDBNull(4) ? Columns.NoValue : Scaled(r.GetDecimal(4)));
        }, ct).ConfigureAwait(false);
        return Activities(rows, kinds.Values, kind, value, keepIds, hash);
    }

    private static ActivitiesTable Activities(Transactions rows, IReadOnlyList<string> kinds, List<int> kind, List<long> value, bool keepIds, Hasher hash)
    {
        var order = rows.Order();
        var table = new ActivitiesTable(rows.Ids(order, keepIds), rows.Employees(order), rows.Days(order), new CategoryColumn(Permute(kind, order), kinds), Empty(rows.Count), Permute(value, order));
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
        await using var command = sql.Command($"SELECT {string.Join(", ", columns.Select(c => "t." + sql.Column<T>(c)))} FROM {sql.Table<T>()} t WHERE t.{date} >= @from AND t.{date} <= @to");
        command.CommandText += typeof(T) == typeof(SaleRow) ? sql.Sales(command, "t") : sql.People(command, "t." + sql.Column<T>("EmployeeId"));
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

        /// <summary>A row whose external id is given as its UTF-8 bytes (the SQLite reader).</summary>
        public void Add(ReadOnlySpan<byte> id, int employee, int day)
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
}
