using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Jixiao.Domain.Periods;

namespace Jixiao.Application.Import;

internal static partial class ReferenceTables
{
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
}
