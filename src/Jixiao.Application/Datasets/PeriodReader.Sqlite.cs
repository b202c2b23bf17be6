using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Jixiao.Application.Datasets;

/// <summary>
/// The large sources on SQLite read through SQLite's own statement interface on the connection's handle (inside whatever
/// transaction the caller opened on it), as UTF-8 bytes: no string per cell. Microsoft.Data.Sqlite makes a string of every
/// text cell and parses every decimal from a string; here an employee id is looked up from its bytes, a code (product,
/// kind, subject, metric, indicator …) is interned from its bytes, amounts are read exactly into cents from the stored
/// text and dates from their "yyyy-MM-dd" text. The SQL, the row order, the values and what is fed to the fingerprint are
/// those of the ADO.NET path: each source is built and hashed by the same code.
/// <para>
/// Anything not in the form the model writes (a NULL where none is expected, a date not "yyyy-MM-dd", an amount that is
/// not plain decimal text or has a fraction of a cent, bytes that are not UTF-8, a step that fails) abandons the native
/// read of that source before anything of it is hashed, and the source is read again through ADO.NET, which then
/// answers exactly as before (the same value, the same error and message). Restricted reads (explanations,
/// <see cref="Sql.Only"/>) stay on the ADO.NET path.
/// </para>
/// </summary>
public static partial class PeriodReader
{
    /// <summary>Tests and benches: set in the current async flow, asks for the ADO.NET path or records which sources were read natively.</summary>
    internal static readonly AsyncLocal<SqliteProbe?> SqliteRead = new();

    private static readonly ConditionalWeakTable<Dictionary<string, int>, Utf8Employees> EmployeesByUtf8 = new();

    /// <summary>The SQLite connection of an unrestricted read, or null (another provider, a restricted read, or ADO.NET asked for).</summary>
    private static SqliteConnection? NativeSqlite(Sql sql)
    {
        if (sql.Only is not null || SqliteRead.Value?.ThroughAdoNet == true)
        {
            return null;
        }

        using var probe = sql.Command("");
        return probe.Connection as SqliteConnection;
    }

    /// <summary>A row's remaining columns; false when one is not in the stored form the model writes.</summary>
    private delegate bool NativeRow(Cells row);

    private static async Task<(SalesTable Sales, Credit[] Credits)?> ReadSalesSqliteAsync(
        SqliteConnection connection, Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var key = new List<long>();
        var products = new Utf8Codes();
        var product = new List<int>();
        var units = new List<long>();
        var amount = new List<long>();
        var cost = new List<long>();
        var signed = new List<int>();
        var rows = StepTransactions<SaleRow>(connection, sql, period, employees,
            [nameof(SaleRow.Id), nameof(SaleRow.Product), nameof(SaleRow.Units), nameof(SaleRow.Amount), nameof(SaleRow.Cost), nameof(SaleRow.ContractSigned)],
            s =>
            {
                // Id is the table's integer key (never NULL).
                if (!Code(s, 4, products, out var p) || !Scaled(s, 5, Columns.Scale, out var u) ||
                    !Scaled(s, 6, 100, out var a) || !Scaled(s, 7, 100, out var c) || !DayOrNone(s, 8, out var day))
                {
                    return false;
                }

                key.Add(s.Int64(3));
                product.Add(p);
                units.Add(u);
                amount.Add(a);
                cost.Add(c);
                signed.Add(day);
                return true;
            },
            ct);
        if (rows is null)
        {
            return null;
        }

        Native("sales");
        var (table, sales) = Sales(rows, new SaleColumns(key, products.Values, product, units, amount, cost, signed), keepIds, hash);
        var credits = StepCredits(connection, sql, period, sales, employees, ct) ?? await ReadCreditsAsync(sql, period, sales, employees, ct).ConfigureAwait(false);
        return (table, Credits(credits, hash));
    }

    private static List<(string Id, Credit Credit)>? StepCredits(
        SqliteConnection connection, Sql sql, Period period, (long[] Keys, int[] RowOf) sales, Dictionary<string, int> employees, CancellationToken ct)
    {
        var ids = EmployeesOf(employees);
        var credits = new List<(string Id, Credit Credit)>();
        var referrers = new Utf8Codes();
        return Step(connection, CreditQuery(sql, "?1", "?2"), [Date(period.Start), Date(period.End)], s =>
        {
            var at = Array.BinarySearch(sales.Keys, s.Int64(3));
            if (at < 0)
            {
                return !s.IsNull(3);
            }

            var employee = ids.Find(s, 1);
            if (employee < 0)
            {
                return employee == Utf8Employees.Unknown;
            }

            if (!Text(s, 0, out var id) || !Number(s, 2, out var share) || s.IsNull(4))
            {
                return false;
            }

            string? referrer = null;
            if (!s.IsNull(5))
            {
                if (!Code(s, 5, referrers, out var r))
                {
                    return false;
                }

                referrer = referrers.Values[r];
            }

            credits.Add((Encoding.UTF8.GetString(id), new Credit(sales.RowOf[at], employee, share, s.Int64(4) != 0, referrer)));
            return true;
        }, ct) ? Native("credits", credits) : null;
    }

    private static CollectionsTable? ReadCollectionsSqlite(
        SqliteConnection connection, Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var signed = new List<int>();
        var amount = new List<long>();
        var rows = StepTransactions<CollectionRow>(connection, sql, period, employees, [nameof(CollectionRow.ContractSigned), nameof(CollectionRow.Amount)], s =>
        {
            if (!DayOrNone(s, 3, out var day) || !Scaled(s, 4, 100, out var a))
            {
                return false;
            }

            signed.Add(day);
            amount.Add(a);
            return true;
        }, ct);
        return rows is null ? null : Native("collections", Collections(rows, signed, amount, keepIds, hash));
    }

    private static ExpensesTable? ReadExpensesSqlite(
        SqliteConnection connection, Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var categories = new Utf8Codes();
        var category = new List<int>();
        var amount = new List<long>();
        var rows = StepTransactions<ExpenseRow>(connection, sql, period, employees, [nameof(ExpenseRow.Category), nameof(ExpenseRow.Amount)], s =>
        {
            if (!Code(s, 3, categories, out var c) || !Scaled(s, 4, 100, out var a))
            {
                return false;
            }

            category.Add(c);
            amount.Add(a);
            return true;
        }, ct);
        return rows is null ? null : Native("expenses", Expenses(rows, categories.Values, category, amount, keepIds, hash));
    }

    private static ActivitiesTable? ReadActivitiesSqlite(
        SqliteConnection connection, Sql sql, Period period, Dictionary<string, int> employees, bool keepIds, Hasher hash, CancellationToken ct)
    {
        var kinds = new Utf8Codes();
        var kind = new List<int>();
        var value = new List<long>();
        var rows = StepTransactions<ActivityRow>(connection, sql, period, employees, [nameof(ActivityRow.Kind), nameof(ActivityRow.Value)], s =>
        {
            if (!Code(s, 3, kinds, out var k))
            {
                return false;
            }

            var v = Columns.NoValue;
            if (!s.IsNull(4) && !Scaled(s, 4, Columns.Scale, out v))
            {
                return false;
            }

            kind.Add(k);
            value.Add(v);
            return true;
        }, ct);
        return rows is null ? null : Native("activities", Activities(rows, kinds.Values, kind, value, keepIds, hash));
    }

    private static TargetTable? ReadTargetsSqlite(SqliteConnection connection, Sql sql, IReadOnlyList<Period> periods, Hasher hash, CancellationToken ct)
    {
        var keys = new StringColumn.Builder(1 << 16, 1 << 12);
        var subjects = new Utf8Codes();
        var metrics = new Utf8Codes();
        var periodTexts = new Utf8Codes();
        var subject = new List<int>();
        var metric = new List<int>();
        var period = new List<int>();
        var value = new List<decimal>();
        var challenge = new List<decimal?>();
        var text = TargetQuery(sql, string.Join(", ", periods.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture))));
        var read = Step(connection, text, [.. periods.Select(p => p.ToString())], s =>
        {
            if (!Text(s, 0, out var id) || !Utf8.IsValid(id) || !Code(s, 1, subjects, out var j) || !Code(s, 2, metrics, out var m) ||
                !Code(s, 3, periodTexts, out var p) || !Number(s, 4, out var v))
            {
                return false;
            }

            decimal? ch = null;
            if (!s.IsNull(5))
            {
                if (!Number(s, 5, out var c))
                {
                    return false;
                }

                ch = c;
            }

            keys.Add(id);
            subject.Add(j);
            metric.Add(m);
            period.Add(p);
            value.Add(v);
            challenge.Add(ch);
            return true;
        }, ct);
        return read
            ? Native("targets", Targets(ByUtf16Order(keys.Build()), new TargetColumns(subjects.Values, subject, metrics.Values, metric, periodTexts.Values, period, value, challenge), hash))
            : null;
    }

    private static RatingTable? ReadRatingsSqlite(SqliteConnection connection, Sql sql, Period period, Hasher hash, CancellationToken ct)
    {
        var keys = new StringColumn.Builder(1 << 16, 1 << 12);
        var employees = new Utf8Codes();
        var indicators = new Utf8Codes();
        var raters = new Utf8Codes();
        var comments = new Utf8Codes();
        var employee = new List<int>();
        var indicator = new List<int>();
        var points = new List<decimal>();
        var rater = new List<int>();
        var comment = new List<int>();
        var read = Step(connection, RatingQuery(sql, "?1"), [period.ToString()], s =>
        {
            if (!Text(s, 0, out var id) || !Utf8.IsValid(id) || !Code(s, 1, employees, out var e) || !Code(s, 2, indicators, out var i) || !Number(s, 3, out var p))
            {
                return false;
            }

            var r = -1;
            var c = -1;
            if ((!s.IsNull(4) && !Code(s, 4, raters, out r)) ||
                (!s.IsNull(5) && !Code(s, 5, comments, out c)))
            {
                return false;
            }

            keys.Add(id);
            employee.Add(e);
            indicator.Add(i);
            points.Add(p);
            rater.Add(r);
            comment.Add(c);
            return true;
        }, ct);
        return read
            ? Native("ratings", Ratings(ByUtf16Order(keys.Build()), period, new RatingColumns(employees.Values, employee, indicators.Values, indicator, points, raters.Values, rater, comments.Values, comment), hash))
            : null;
    }

    /// <summary>
    /// The rows of <typeparamref name="T"/> dated in the period (the ADO.NET path's statement): external id, employee and
    /// day, then <paramref name="read"/> for the columns from ordinal 3 on; rows of people not in <paramref name="employees"/>
    /// are skipped. Null when a row is not in the stored form (then the ADO.NET path reads the source).
    /// </summary>
    private static Transactions? StepTransactions<T>(
        SqliteConnection connection, Sql sql, Period period, Dictionary<string, int> employees, string[] more, NativeRow read, CancellationToken ct)
        where T : DataRow
    {
        var date = sql.Column<T>("Date");
        string[] columns = [nameof(DataRow.ExternalId), "EmployeeId", "Date", .. more];
        var text = $"SELECT {string.Join(", ", columns.Select(c => "t." + sql.Column<T>(c)))} FROM {sql.Table<T>()} t WHERE t.{date} >= ?1 AND t.{date} <= ?2";
        var ids = EmployeesOf(employees);
        var rows = new Transactions();
        return Step(connection, text, [Date(period.Start), Date(period.End)], s =>
        {
            var employee = ids.Find(s, 1);
            if (employee < 0)
            {
                return employee == Utf8Employees.Unknown;
            }

            if (!Text(s, 0, out var id) || !Utf8.IsValid(id) || !Day(s.Blob(2), out var day) || !read(s))
            {
                return false;
            }

            rows.Add(id, employee, day);
            return true;
        }, ct) ? rows : null;
    }

    /// <summary>
    /// Prepares <paramref name="text"/> on the connection's handle, binds <paramref name="parameters"/> (?1, ?2, … as text)
    /// and steps through every row; false when a row is refused or SQLite answers anything but rows and done (the
    /// ADO.NET path then reads again and reports it as it does).
    /// </summary>
    private static bool Step(SqliteConnection connection, string text, string[] parameters, NativeRow row, CancellationToken ct)
    {
        if (raw.sqlite3_prepare_v2(connection.Handle, text, out var statement) != raw.SQLITE_OK)
        {
            statement?.Dispose();
            return false;
        }

        using (statement)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                if (raw.sqlite3_bind_text(statement, i + 1, parameters[i]) != raw.SQLITE_OK)
                {
                    return false;
                }
            }

            var rows = 0;
            int step;
            var cells = new Cells(statement);
            while ((step = cells.Step()) == raw.SQLITE_ROW)
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                if (!row(cells))
                {
                    return false;
                }
            }

            return step == raw.SQLITE_DONE;
        }
    }

    private static void Native(string source) => SqliteRead.Value?.Sources.Enqueue(source);

    private static T Native<T>(string source, T read)
    {
        Native(source);
        return read;
    }

    /// <summary>A date parameter as the model writes dates (text yyyy-MM-dd, as Microsoft.Data.Sqlite binds a DateOnly).</summary>
    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The bytes of a column as Microsoft.Data.Sqlite's GetString reads them (SQLite's text of any value); false for NULL.</summary>
    private static bool Text(Cells s, int column, out ReadOnlySpan<byte> text)
    {
        text = s.Blob(column);
        return !text.IsEmpty || !s.IsNull(column);
    }

    /// <summary>The code of a non-NULL text column's value in <paramref name="codes"/>; false for NULL or bytes that are not UTF-8.</summary>
    private static bool Code(Cells s, int column, Utf8Codes codes, out int code)
    {
        code = -1;
        return Text(s, column, out var text) && (code = codes.Code(text)) >= 0;
    }

    /// <summary>
    /// A stored decimal as exact units of 1/<paramref name="scale"/> (cents: 100; units and values: 10,000) from its plain
    /// text; false for anything else, including a fraction below the unit (the ADO.NET path then reports it as an error).
    /// </summary>
    private static bool Scaled(Cells s, int column, long scale, out long value) =>
        LastYearActuals.ScaledText(s.Blob(column), scale, out value);

    /// <summary>A stored decimal kept as a decimal, parsed from its UTF-8 text exactly as Microsoft.Data.Sqlite parses its string.</summary>
    private static bool Number(Cells s, int column, out decimal value)
    {
        value = 0;
        return Text(s, column, out var text) &&
            decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A nullable date column: NoDay for NULL, else its day as <see cref="Day"/> reads it.</summary>
    private static bool DayOrNone(Cells s, int column, out int day)
    {
        var text = s.Blob(column);
        if (text.IsEmpty && s.IsNull(column))
        {
            day = Columns.NoDay;
            return true;
        }

        return Day(text, out day);
    }

    /// <summary>A date stored as the model writes it (text yyyy-MM-dd) as a day number; false for any other form.</summary>
    private static bool Day(ReadOnlySpan<byte> t, out int day) => LastYearActuals.DayText(t, out day);

    /// <summary>
    /// Row indexes ordered by their external id as <see cref="string.CompareOrdinal(string, string)"/> orders the strings
    /// (UTF-16 code units: a letter above U+FFFF, a surrogate pair, sorts before U+E000–U+FFFF, unlike its UTF-8 bytes).
    /// </summary>
    private static int[] ByUtf16Order(StringColumn keys)
    {
        var order = new int[keys.Count];
        var sorted = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            sorted &= i == 0 || Utf16Order(keys.Utf8(i - 1), keys.Utf8(i)) < 0;
        }

        if (!sorted)
        {
            Array.Sort(order, (a, b) => Utf16Order(keys.Utf8(a), keys.Utf8(b)));
        }

        return order;
    }

    /// <summary>Compares valid UTF-8 texts as their UTF-16 strings compare ordinally.</summary>
    internal static int Utf16Order(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var i = a.CommonPrefixLength(b);
        if (i == a.Length || i == b.Length)
        {
            return a.Length - b.Length;
        }

        // The first difference is at the same place of a character in both: either two lead bytes or two continuation
        // bytes of leads that are equal. Only a 4-byte lead (F0–F4) against a lead of U+E000–U+FFFF (EE, EF) orders
        // differently in UTF-16.
        int x = a[i], y = b[i];
        if (x >= 0xF0 && y is 0xEE or 0xEF)
        {
            return -1;
        }

        if (y >= 0xF0 && x is 0xEE or 0xEF)
        {
            return 1;
        }

        return x - y;
    }

    private static Utf8Employees EmployeesOf(Dictionary<string, int> employees) => EmployeesByUtf8.GetValue(employees, e => new Utf8Employees(e));

    /// <summary>The employee index looked up from an id's UTF-8 bytes (built once per read's index, shared by its sources).</summary>
    private sealed class Utf8Employees
    {
        /// <summary>Not an employee of the read (the row is skipped, as on the ADO.NET path).</summary>
        public const int Unknown = -1;

        /// <summary>NULL or not UTF-8: the ADO.NET path decides.</summary>
        public const int NotPlain = -2;

        private readonly Utf8Index _ids;
        private readonly int[] _index;

        public Utf8Employees(Dictionary<string, int> employees)
        {
            _ids = new Utf8Index(employees.Count);
            var index = new List<int>(employees.Count);
            var buffer = new byte[256];
            foreach (var (id, i) in employees)
            {
                // An id that is not valid UTF-16 (a lone surrogate) never equals a string read back from SQLite: left out.
                if (Encoding.UTF8.GetMaxByteCount(id.Length) > buffer.Length)
                {
                    buffer = new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
                }

                if (Utf8.FromUtf16(id, buffer, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
                {
                    continue;
                }

                var at = _ids.GetOrAdd(buffer.AsSpan(0, written));
                if (at == index.Count)
                {
                    index.Add(i);
                }
            }

            _ids.Freeze();
            _index = [.. index];
        }

        /// <summary>The employee index of the id in <paramref name="column"/>, <see cref="Unknown"/> or <see cref="NotPlain"/>.</summary>
        public int Find(Cells s, int column)
        {
            var id = s.Blob(column);
            var at = _ids.Find(id);
            if (at >= 0)
            {
                return _index[at];
            }

            return (id.IsEmpty && s.IsNull(column)) || !Utf8.IsValid(id) ? NotPlain : Unknown;
        }
    }

    /// <summary>Distinct texts in order of first appearance and the code of each, looked up from UTF-8 bytes (as <see cref="Interner"/>).</summary>
    private sealed class Utf8Codes
    {
        private readonly Utf8Index _codes = new();

        public List<string> Values { get; } = [];

        /// <summary>The code of <paramref name="text"/>; -1 when it is not UTF-8.</summary>
        public int Code(ReadOnlySpan<byte> text)
        {
            var code = _codes.GetOrAdd(text, out var added);
            if (added)
            {
                if (!Utf8.IsValid(text))
                {
                    return -1;
                }

                Values.Add(Encoding.UTF8.GetString(text));
            }

            return code;
        }
    }
}

/// <summary>What a test or bench asks of the SQLite reader in its async flow (<see cref="PeriodReader.SqliteRead"/>).</summary>
internal sealed class SqliteProbe
{
    /// <summary>Read SQLite through ADO.NET (the path of PostgreSQL and of restricted reads).</summary>
    public bool ThroughAdoNet { get; init; }

    /// <summary>The sources read through SQLite's statement interface, in the order read.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Sources { get; } = new();
}
