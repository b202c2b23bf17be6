using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.Import;

/// <summary>An org unit row as read, with its line for later checks.</summary>
internal sealed record OrgUnitRow(OrgUnit Unit, int Line);

/// <summary>An employee row as read, with its line for later checks.</summary>
internal sealed record EmployeeRow(Employee Employee, int Line);

/// <summary>Rows of a file keyed by id: the index gives the first row with each id.</summary>
internal sealed class KeyedRows<T>
{
    public HeaderMap? Map { get; set; }

    public List<T> Rows { get; } = [];

    public Utf8Index Index { get; } = new();

    /// <summary>Row number of each distinct id, in index order.</summary>
    public List<int> FirstRow { get; } = [];

    /// <summary>The row with <paramref name="id"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> id)
    {
        var i = Index.Find(id);
        return i < 0 ? -1 : FirstRow[i];
    }

    public int Find(string id) => Find(Encoding.UTF8.GetBytes(id));

    /// <summary>Registers the id of the row about to be added; reports a duplicate.</summary>
    public void AddId(RowView row, int col, Func<int, int> lineOfRow)
    {
        var id = row.Get(col);
        if (id.IsEmpty)
        {
            return;
        }

        var index = Index.GetOrAdd(id, out var added);
        if (added)
        {
            FirstRow.Add(Rows.Count);
        }
        else
        {
            row.Error(col, DataErrorCode.DuplicateId, ErrorList.Text(id), ErrorList.Number(lineOfRow(FirstRow[index])));
        }
    }
}

/// <summary>A column of rows appended one by one; <see cref="Items"/> may be longer than <see cref="Count"/>.</summary>
internal sealed class GrowingColumn<T>(int capacity)
{
    public T[] Items { get; private set; } = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == Items.Length)
        {
            var grown = new T[Items.Length * 2];
            Array.Copy(Items, grown, Count);
            Items = grown;
        }

        Items[Count++] = value;
    }
}

/// <summary>
/// The last key looked up and what it gave: reference files list the rows of one subject, metric or period
/// together, so most look-ups repeat the previous one and need no hashing. One per reader (not thread-safe).
/// </summary>
internal sealed class LastBytes
{
    private readonly byte[] _key = new byte[64];
    private int _length = -1;

    public int Value { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Is(ReadOnlySpan<byte> key) => key.Length == _length && key.SequenceEqual(_key.AsSpan(0, _length));

    public void Set(ReadOnlySpan<byte> key, int value)
    {
        if (key.Length <= _key.Length)
        {
            key.CopyTo(_key);
            _length = key.Length;
            Value = value;
        }
        else
        {
            _length = -1;
        }
    }
}

/// <summary>
/// The last few keys looked up and their codes: metric names and indicators repeat in a short cycle (each
/// subject's targets list the same metrics), so most look-ups compare a few short keys and need no hashing.
/// </summary>
internal sealed class RecentBytes
{
    private const int Size = 8;
    private const int MaxKey = 32;

    private readonly byte[] _keys = new byte[Size * MaxKey];
    private readonly ulong[] _heads = new ulong[Size];
    private readonly int[] _lengths = new int[Size];
    private readonly int[] _codes = new int[Size];
    private int _count;
    private int _next;

    /// <summary>The code of <paramref name="key"/>, or -1 when it is not among the recent keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<byte> key)
    {
        // Equal length and head mean equal keys up to eight bytes (see Utf8Hash.Head); longer ones compare the rest.
        var head = Utf8Hash.Head(key);
        var length = key.Length;
        for (var i = 0; i < _count; i++)
        {
            if (_heads[i] == head && _lengths[i] == length && (length <= 8 || key.SequenceEqual(_keys.AsSpan(i * MaxKey, length))))
            {
                return _codes[i];
            }
        }

        return -1;
    }

    public void Add(ReadOnlySpan<byte> key, int code)
    {
        if (key.Length > MaxKey)
        {
            return;
        }

        var slot = _next;
        _next = (_next + 1) % Size;
        _count = Math.Max(_count, slot + 1);
        key.CopyTo(_keys.AsSpan(slot * MaxKey));
        _heads[slot] = Utf8Hash.Head(key);
        _lengths[slot] = key.Length;
        _codes[slot] = code;
    }
}

/// <summary>Reading and checking of the reference tables: org units, employees, credits, targets, ratings, metrics.</summary>
internal static class ReferenceTables
{
    private const int ValueDecimals = 4;
    private const int ShareDecimals = 6;

    public static KeyedRows<OrgUnitRow> ReadOrgUnits(LoadContext ctx, ErrorList errors)
    {
        var data = new KeyedRows<OrgUnitRow>();
        var path = ctx.PathOf(TableSchemas.OrgUnits);
        if (!File.Exists(path))
        {
            errors.Add(0, 0, null, DataErrorCode.MissingFile);
            return data;
        }

        data.Map = SmallTableReader.Read(path, TableSchemas.OrgUnits, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            _ = row.Require(0) & row.Require(1);
            data.AddId(row, 0, r => data.Rows[r].Line);
            data.Rows.Add(new OrgUnitRow(new OrgUnit(row.Text(0), row.Text(1), row.OptionalText(2), row.OptionalText(3)), row.Line));
        });
        return data;
    }

    public static KeyedRows<EmployeeRow> ReadEmployees(LoadContext ctx, ErrorList errors, KeyedRows<OrgUnitRow> org)
    {
        var data = new KeyedRows<EmployeeRow>();
        var path = ctx.PathOf(TableSchemas.Employees);
        if (!File.Exists(path))
        {
            errors.Add(0, 0, null, DataErrorCode.MissingFile);
            return data;
        }

        data.Map = SmallTableReader.Read(path, TableSchemas.Employees, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            _ = row.Require(0) & row.Require(1) & row.Require(4);
            if (row.Require(2) && org.Map is not null && org.Find(row.Get(2)) < 0)
            {
                row.Error(2, DataErrorCode.UnknownOrgUnit, row.Text(2));
            }

            var hireOk = row.TryDate(8, true, out var hire);
            var leaveOk = row.TryDate(9, false, out var leave);
            if (hireOk && leaveOk && leave != Columns.NoDay && leave < hire)
            {
                row.Error(9, DataErrorCode.LeaveBeforeHire, row.Text(9), row.Text(8));
            }

            data.AddId(row, 0, r => data.Rows[r].Line);
            var employee = new Employee(
                row.Text(0),
                row.Text(1),
                row.Text(2),
                row.OptionalText(3),
                row.Text(4),
                row.Text(5),
                row.Text(6),
                row.Text(7),
                hireOk ? DateOnly.FromDayNumber(hire) : default,
                leaveOk && leave != Columns.NoDay ? DateOnly.FromDayNumber(leave) : null);
            data.Rows.Add(new EmployeeRow(employee, row.Line));
        });
        return data;
    }

    /// <summary>Parents exist, exactly one root, no cycles, managers are employees.</summary>
    public static void CheckOrgUnits(KeyedRows<OrgUnitRow> org, KeyedRows<EmployeeRow> people, ErrorList errors)
    {
        var map = org.Map;
        if (map is null)
        {
            return;
        }

        var rows = org.Rows;
        var parent = new int[rows.Count];
        var firstRoot = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var (unit, line) = rows[i];
            parent[i] = -1;
            if (unit.ParentId is null)
            {
                if (unit.Id.Length == 0)
                {
                    continue;
                }

                if (firstRoot < 0)
                {
                    firstRoot = i;
                }
                else
                {
                    errors.Add(line, map.Position(0), map.Names[0], DataErrorCode.MultipleRootOrgUnits,
                        unit.Id, rows[firstRoot].Unit.Id, ErrorList.Number(rows[firstRoot].Line));
                }
            }
            else
            {
                parent[i] = org.Find(unit.ParentId);
                if (parent[i] < 0)
                {
                    errors.Add(line, map.Position(2), map.Names[2], DataErrorCode.UnknownOrgUnit, unit.ParentId);
                }
            }

            if (unit.ManagerId is not null && people.Map is not null && people.Find(unit.ManagerId) < 0)
            {
                errors.Add(line, map.Position(3), map.Names[3], DataErrorCode.UnknownEmployee, unit.ManagerId);
            }
        }

        if (firstRoot < 0)
        {
            errors.Add(0, 0, null, DataErrorCode.NoRootOrgUnit);
        }

        // Walk up from every unit; meeting a unit on the current path closes a cycle.
        var state = new byte[rows.Count]; // 0 unseen, 1 on the current path, 2 done
        var path = new List<int>();
        for (var start = 0; start < rows.Count; start++)
        {
            path.Clear();
            var u = start;
            while (u >= 0 && state[u] == 0)
            {
                state[u] = 1;
                path.Add(u);
                u = parent[u];
            }

            if (u >= 0 && state[u] == 1)
            {
                var from = path.IndexOf(u);
                var cycle = path.GetRange(from, path.Count - from);
                var first = cycle.MinBy(i => rows[i].Line);
                var at = cycle.IndexOf(first);
                var names = new StringBuilder();
                for (var k = 0; k <= cycle.Count; k++)
                {
                    if (k > 0)
                    {
                        names.Append(" → ");
                    }

                    names.Append(rows[cycle[(at + k) % cycle.Count]].Unit.Id);
                }

                errors.Add(rows[first].Line, map.Position(2), map.Names[2], DataErrorCode.OrgCycle, names.ToString());
            }

            foreach (var p in path)
            {
                state[p] = 2;
            }
        }
    }

    /// <summary>Managers are employees.</summary>
    public static void CheckEmployees(KeyedRows<EmployeeRow> people, ErrorList errors)
    {
        var map = people.Map;
        if (map is null)
        {
            return;
        }

        foreach (var (employee, line) in people.Rows)
        {
            if (employee.ManagerId is not null && people.Find(employee.ManagerId) < 0)
            {
                errors.Add(line, map.Position(3), map.Names[3], DataErrorCode.UnknownEmployee, employee.ManagerId);
            }
        }
    }

    /// <summary>A credit row as read: the sale's row in file order.</summary>
    internal readonly record struct CreditRow(int SaleRow, int Employee, decimal Share);

    public static List<CreditRow> ReadCredits(LoadContext ctx, ErrorList errors, RowIdIndex? sales, Utf8Index? employees)
    {
        var result = new List<CreditRow>();
        var path = ctx.PathOf(TableSchemas.Credits);
        if (!File.Exists(path))
        {
            return result;
        }

        var seen = new Dictionary<long, int>();
        var sums = new Dictionary<int, (decimal Sum, int Line, string Sale, bool Broken)>();
        var order = new List<int>();
        var map = SmallTableReader.Read(path, TableSchemas.Credits, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var sale = -1;
            if (row.Require(0))
            {
                sale = sales?.Find(row.Get(0)) ?? -1;
                if (sale < 0)
                {
                    row.Error(0, DataErrorCode.UnknownSale, row.Text(0));
                }
            }

            var employee = -1;
            if (row.Require(1) && employees is not null)
            {
                employee = employees.Find(row.Get(1));
                if (employee < 0)
                {
                    row.Error(1, DataErrorCode.UnknownEmployee, row.Text(1));
                }
            }

            decimal share = 0;
            var shareOk = false;
            var v = row.Get(2);
            if (row.Require(2))
            {
                var status = NumberParser.ParseDecimal(v, ShareDecimals, NumberOptions.Percent | NumberOptions.AllowNegative, 1_000_000m, out share);
                shareOk = status == NumberStatus.Ok && share > 0m && share <= 1m;
                if (!shareOk)
                {
                    row.Error(2, DataErrorCode.InvalidShare, ErrorList.Text(v));
                }
            }

            if (sale < 0)
            {
                return;
            }

            if (!sums.TryGetValue(sale, out var sum))
            {
                sum = (0m, row.Line, row.Text(0), false);
                order.Add(sale);
            }

            sums[sale] = (sum.Sum + share, sum.Line, sum.Sale, sum.Broken || !shareOk || employee < 0);
            if (employee < 0)
            {
                return;
            }

            var key = ((long)sale << 32) | (uint)employee;
            if (!seen.TryAdd(key, row.Line))
            {
                row.Error(1, DataErrorCode.DuplicateKey, row.Text(0) + " / " + row.Text(1), ErrorList.Number(seen[key]));
                return;
            }

            result.Add(new CreditRow(sale, employee, share));
        });

        if (map is not null)
        {
            foreach (var sale in order)
            {
                var (sum, line, id, broken) = sums[sale];
                if (!broken && sum != 1m)
                {
                    errors.Add(line, map.Position(2), map.Names[2], DataErrorCode.SharesDoNotSumToOne, id,
                        sum.ToString("0.############", CultureInfo.InvariantCulture));
                }
            }
        }

        return result;
    }

    /// <summary>Resolves a subject (employee or org unit id) to its canonical string and a key for duplicates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySubject(RowView row, int col, KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow> org, LastBytes last,
        out string subject, out int key)
    {
        subject = string.Empty;
        key = 0;
        if (!row.Require(col))
        {
            return false;
        }

        var v = row.Get(col);
        if (last.Is(v))
        {
            key = last.Value;
            subject = key >= 0 ? people.Rows[key].Employee.Id : org.Rows[-1 - key].Unit.Id;
            return true;
        }

        var e = people.Find(v);
        if (e >= 0)
        {
            subject = people.Rows[e].Employee.Id;
            key = e;
            last.Set(v, key);
            return true;
        }

        var u = org.Find(v);
        if (u >= 0)
        {
            subject = org.Rows[u].Unit.Id;
            key = -1 - u;
            last.Set(v, key);
            return true;
        }

        // When either file could not be read, its error is reported already; unknown subjects would be noise.
        if (people.Map is not null && org.Map is not null)
        {
            row.Error(col, DataErrorCode.UnknownSubject, ErrorList.Text(v));
        }

        return false;
    }

    /// <summary>Interns short repeated texts (metric names, periods) from bytes.</summary>
    private sealed class Interner
    {
        private readonly Utf8Index _index = new();
        private readonly List<string?> _values = [];

        /// <summary>The converted value of each code.</summary>
        public List<string?> Values => _values;

        private readonly RecentBytes _recent = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Get(ReadOnlySpan<byte> bytes, Func<string, string?> convert, out string? value)
        {
            var recent = _recent.Find(bytes);
            if (recent >= 0)
            {
                value = _values[recent];
                return recent;
            }

            var i = _index.GetOrAdd(bytes, out var added);
            if (added)
            {
                _values.Add(convert(ErrorList.Text(bytes)));
            }

            value = _values[i];
            _recent.Add(bytes, i);
            return i;
        }
    }

    private static string? NormalisePeriod(string text) => Period.TryParse(text, out var p) ? p.ToString() : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPeriod(RowView row, int col, Interner periods, out string period, out int key)
    {
        period = string.Empty;
        key = -1;
        if (!row.Require(col))
        {
            return false;
        }

        key = periods.Get(row.Get(col), NormalisePeriod, out var p);
        if (p is null)
        {
            row.Error(col, DataErrorCode.InvalidPeriod, row.Text(col));
            return false;
        }

        period = p;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryName(RowView row, int col, Interner names, out string name, out int key)
    {
        name = string.Empty;
        key = -1;
        if (!row.Require(col))
        {
            return false;
        }

        key = names.Get(row.Get(col), s => s, out var n);
        name = n!;
        return true;
    }

    /// <summary>Remembers (a, b, c) keys with the line they first appeared on; packs them in one long when b and c are small.</summary>
    /// <remarks>
    /// When <c>a</c> lies in the dense range given at construction (subject keys: employee index, or -1 - unit
    /// index), the first line is kept in an array per (b, c) indexed by <c>a</c>: millions of target rows are
    /// then checked with array reads instead of a dictionary that grows to millions of entries.
    /// </remarks>
    private sealed class TripleKeys(int lowestA = 0, int countA = 0)
    {
        private int[]?[]?[] _dense = [];
        private readonly Dictionary<long, int> _packed = [];
        private Dictionary<(int, int, int), int>? _wide;
        private long _lastKey = -1;
        private int[]? _last;

        public bool TryAdd(int a, int b, int c, int line, out int firstLine)
        {
            var index = a - lowestA;
            if ((uint)index < (uint)countA && (uint)b < 1 << 16 && (uint)c < 1 << 16 && line > 0)
            {
                var key = ((long)b << 16) | (uint)c;
                if (key != _lastKey || _last is null)
                {
                    _last = Dense(b, c);
                    _lastKey = key;
                }

                ref var first = ref _last[index];
                return Remember(ref first, first != 0, line, out firstLine);
            }

            if ((uint)b < 1 << 16 && (uint)c < 1 << 16)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_packed, ((long)a << 32) | (uint)((b << 16) | c), out var exists);
                return Remember(ref slot, exists, line, out firstLine);
            }

            _wide ??= [];
            ref var wide = ref CollectionsMarshal.GetValueRefOrAddDefault(_wide, (a, b, c), out var found);
            return Remember(ref wide, found, line, out firstLine);
        }

        /// <summary>The first lines of (·, b, c) by a: metric and period codes are small and dense.</summary>
        private int[] Dense(int b, int c)
        {
            if (b >= _dense.Length)
            {
                Array.Resize(ref _dense, Math.Max(b + 1, _dense.Length * 2));
            }

            ref var byC = ref _dense[b];
            byC ??= [];
            if (c >= byC.Length)
            {
                Array.Resize(ref byC, Math.Max(c + 1, byC.Length * 2));
            }

            return byC[c] ??= new int[countA];
        }

        private static bool Remember(ref int slot, bool exists, int line, out int firstLine)
        {
            if (exists)
            {
                firstLine = slot;
                return false;
            }

            slot = line;
            firstLine = line;
            return true;
        }
    }

    /// <summary>The ids of employees then of org units: a subject key's string is at employee index, or employees + unit index.</summary>
    private static string[] SubjectIds(KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow>? org)
    {
        var employees = people.Rows.Count;
        var ids = new string[employees + (org?.Rows.Count ?? 0)];
        for (var e = 0; e < employees; e++)
        {
            ids[e] = people.Rows[e].Employee.Id;
        }

        for (var u = employees; u < ids.Length; u++)
        {
            ids[u] = org!.Rows[u - employees].Unit.Id;
        }

        return ids;
    }

    /// <summary>Table codes of periods: interner keys of the same period text share one code.</summary>
    private sealed class PeriodCodes
    {
        private readonly List<int> _codeOfKey = [];
        private readonly Dictionary<string, int> _codeOfText = new(StringComparer.Ordinal);

        public List<string> Texts { get; } = [];

        public int Of(int key, string text)
        {
            while (_codeOfKey.Count <= key)
            {
                _codeOfKey.Add(-1);
            }

            if (_codeOfKey[key] < 0)
            {
                if (!_codeOfText.TryGetValue(text, out var code))
                {
                    code = Texts.Count;
                    Texts.Add(text);
                    _codeOfText[text] = code;
                }

                _codeOfKey[key] = code;
            }

            return _codeOfKey[key];
        }
    }

    /// <summary>
    /// Rows to allocate columns for: the file's length over the mean line length of its first megabyte, plus a
    /// little. A column that is too small doubles (a copy and twice the memory), one too large wastes the excess.
    /// </summary>
    internal static int EstimateRows(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        var sample = GC.AllocateUninitializedArray<byte>((int)Math.Min(length, 1 << 20));
        var got = sample.Length == 0 ? 0 : RandomAccess.Read(handle, sample, 0);
        var breaks = sample.AsSpan(0, got).Count((byte)'\n');
        var rows = got >= length ? breaks + 1.0 : breaks == 0 ? length / 40.0 : ((double)length * breaks / got * 1.03) + 1024;
        return (int)Math.Min(1 << 26, Math.Max(16, rows));
    }

    public static TargetTable ReadTargets(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow> org)
    {
        var path = ctx.PathOf(TableSchemas.Targets);
        if (!File.Exists(path))
        {
            return TargetTable.Empty;
        }

        var metrics = new Interner();
        var periods = new Interner();
        var periodCodes = new PeriodCodes();
        var employees = people.Rows.Count;
        var seen = new TripleKeys(-org.Rows.Count, org.Rows.Count + employees);
        var lastSubject = new LastBytes();
        var capacity = EstimateRows(path);
        var subject = new GrowingColumn<int>(capacity);
        var metric = new GrowingColumn<int>(capacity);
        var period = new GrowingColumn<int>(capacity);
        var value = new GrowingColumn<decimal>(capacity);
        var challenge = new GrowingColumn<decimal>(capacity);
        var hasChallenge = new GrowingColumn<bool>(capacity);
        var line = new GrowingColumn<int>(capacity);
        SmallTableReader.Read(path, TableSchemas.Targets, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = TrySubject(row, 0, people, org, lastSubject, out var subjectId, out var s);
            ok &= TryName(row, 1, metrics, out var metricName, out var m);
            ok &= TryPeriod(row, 2, periods, out var periodText, out var p);
            ok &= row.TryDecimal(3, true, ValueDecimals, out var v);
            ok &= row.TryDecimal(4, false, ValueDecimals, out var c);
            if (!ok)
            {
                return;
            }

            if (!seen.TryAdd(s, m, p, row.Line, out var firstLine))
            {
                row.Error(2, DataErrorCode.DuplicateKey, subjectId + " / " + metricName + " / " + periodText, ErrorList.Number(firstLine));
                return;
            }

            subject.Add(s >= 0 ? s : employees - 1 - s);
            metric.Add(m);
            period.Add(periodCodes.Of(p, periodText));
            value.Add(v!.Value);
            challenge.Add(c.GetValueOrDefault());
            hasChallenge.Add(c.HasValue);
            line.Add(row.Line);
        });
        return new TargetTable(subject.Count, SubjectIds(people, org), subject.Items, [.. metrics.Values.Select(x => x!)], metric.Items,
            periodCodes.Texts, period.Items, value.Items, challenge.Items, hasChallenge.Items, line.Items);
    }

    /// <summary>
    /// Remembers (employee, period, indicator, rater) keys with their first line. The first rater of each
    /// (employee, period, indicator) is kept in arrays per (period, indicator) indexed by employee; further
    /// raters of the same key go to a dictionary. Same answers as one dictionary of 4-tuples, without hashing
    /// a tuple with a string for each of millions of rows.
    /// </summary>
    private sealed class RatingKeys(int employees)
    {
        private readonly Dictionary<int, (int[] Lines, string?[] Raters)> _first = [];
        private Dictionary<(int, int, int, string?), int>? _more;
        private int _lastKey = -1;
        private (int[] Lines, string?[] Raters) _last;

        public bool TryAdd(int e, int p, int i, string? rater, int line, out int firstLine)
        {
            if ((uint)e < (uint)employees && (uint)p < 1 << 15 && (uint)i < 1 << 15 && line > 0)
            {
                var key = (p << 15) | i;
                if (key != _lastKey)
                {
                    if (!_first.TryGetValue(key, out _last))
                    {
                        _last = (new int[employees], new string?[employees]);
                        _first[key] = _last;
                    }

                    _lastKey = key;
                }

                if (_last.Lines[e] == 0)
                {
                    _last.Lines[e] = line;
                    _last.Raters[e] = rater;
                    firstLine = line;
                    return true;
                }

                if (string.Equals(_last.Raters[e], rater, StringComparison.Ordinal))
                {
                    firstLine = _last.Lines[e];
                    return false;
                }
            }

            _more ??= [];
            if (_more.TryAdd((e, p, i, rater), line))
            {
                firstLine = line;
                return true;
            }

            firstLine = _more[(e, p, i, rater)];
            return false;
        }
    }

    public static RatingTable ReadRatings(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people)
    {
        var path = ctx.PathOf(TableSchemas.Ratings);
        if (!File.Exists(path))
        {
            return RatingTable.Empty;
        }

        var indicators = new Interner();
        var periods = new Interner();
        var periodCodes = new PeriodCodes();
        var raters = new Interner();
        var comments = new Interner();
        var seen = new RatingKeys(people.Rows.Count);
        var lastEmployee = new LastBytes();
        var capacity = EstimateRows(path);
        var employee = new GrowingColumn<int>(capacity);
        var period = new GrowingColumn<int>(capacity);
        var indicator = new GrowingColumn<int>(capacity);
        var points = new GrowingColumn<decimal>(capacity);
        var rater = new GrowingColumn<int>(capacity);
        var comment = new GrowingColumn<int>(capacity);
        var line = new GrowingColumn<int>(capacity);
        SmallTableReader.Read(path, TableSchemas.Ratings, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = true;
            var e = -1;
            if (row.Require(0))
            {
                var id = row.Get(0);
                if (lastEmployee.Is(id))
                {
                    e = lastEmployee.Value;
                }
                else
                {
                    e = people.Find(id);
                    if (e >= 0)
                    {
                        lastEmployee.Set(id, e);
                    }
                }

                if (e < 0)
                {
                    if (people.Map is not null)
                    {
                        row.Error(0, DataErrorCode.UnknownEmployee, row.Text(0));
                    }

                    ok = false;
                }
            }
            else
            {
                ok = false;
            }

            ok &= TryPeriod(row, 1, periods, out var periodText, out var p);
            ok &= TryName(row, 2, indicators, out var indicatorName, out var i);
            ok &= row.TryDecimal(3, true, ValueDecimals, out var value);
            if (!ok)
            {
                return;
            }

            var raterBytes = row.Get(4);
            var raterCode = raterBytes.IsEmpty ? -1 : raters.Get(raterBytes, static t => t, out _);
            var raterName = raterCode < 0 ? null : raters.Values[raterCode];
            if (!seen.TryAdd(e, p, i, raterName, row.Line, out var firstLine))
            {
                var key = people.Rows[e].Employee.Id + " / " + periodText + " / " + indicatorName + (raterName is null ? string.Empty : " / " + raterName);
                row.Error(2, DataErrorCode.DuplicateKey, key, ErrorList.Number(firstLine));
                return;
            }

            var commentBytes = row.Get(5);
            employee.Add(e);
            period.Add(periodCodes.Of(p, periodText));
            indicator.Add(i);
            points.Add(value!.Value);
            rater.Add(raterCode);
            comment.Add(commentBytes.IsEmpty ? -1 : comments.Get(commentBytes, static t => t, out _));
            line.Add(row.Line);
        });
        return new RatingTable(employee.Count, SubjectIds(people, null), employee.Items, periodCodes.Texts, period.Items,
            [.. indicators.Values.Select(x => x!)], indicator.Items, points.Items, [.. raters.Values.Select(x => x!)], rater.Items,
            [.. comments.Values.Select(x => x!)], comment.Items, line.Items);
    }

    public static List<DirectValue> ReadMetrics(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow> org)
    {
        var result = new List<DirectValue>();
        var path = ctx.PathOf(TableSchemas.Metrics);
        if (!ctx.Reads(TableSchemas.Metrics))
        {
            return result;
        }

        var metrics = new Interner();
        var periods = new Interner();
        var seen = new TripleKeys(-org.Rows.Count, org.Rows.Count + people.Rows.Count);
        var lastSubject = new LastBytes();
        SmallTableReader.Read(path, TableSchemas.Metrics, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = TrySubject(row, 0, people, org, lastSubject, out var subject, out var s);
            ok &= TryName(row, 1, metrics, out var metric, out var m);
            ok &= TryPeriod(row, 2, periods, out var period, out var p);
            ok &= row.TryDecimal(3, true, ValueDecimals, out var value);
            if (!ok)
            {
                return;
            }

            if (!seen.TryAdd(s, m, p, row.Line, out var firstLine))
            {
                row.Error(2, DataErrorCode.DuplicateKey, subject + " / " + metric + " / " + period, ErrorList.Number(firstLine));
                return;
            }

            result.Add(new DirectValue(subject, metric, period, value!.Value, row.Line));
        });
        return result;
    }
}
