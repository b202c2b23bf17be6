using System.Text;

namespace Jixiao.Domain.Data;

/// <summary>Many short strings stored as one UTF-8 buffer with offsets: ids of millions of rows without millions of objects.</summary>
public sealed class StringColumn
{
    private readonly byte[] _data;
    private readonly int[] _offsets;

    /// <summary>Wraps a buffer; <paramref name="offsets"/> has one entry more than there are strings.</summary>
    public StringColumn(byte[] data, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length == 0)
        {
            throw new ArgumentException("Offsets must hold at least one entry.", nameof(offsets));
        }

        _data = data;
        _offsets = offsets;
    }

    /// <summary>An empty column.</summary>
    public static StringColumn Empty { get; } = new([], [0]);

    /// <summary>Number of strings.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The string at <paramref name="index"/> (decoded on each call).</summary>
    public string this[int index] => Encoding.UTF8.GetString(Utf8(index));

    /// <summary>The raw UTF-8 bytes at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Utf8(int index) => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Builds a column from strings.</summary>
    public static StringColumn From(IEnumerable<string> values)
    {
        var b = new Builder();
        foreach (var v in values)
        {
            b.Add(v);
        }

        return b.Build();
    }

    /// <summary>A copy with rows in the order given by <paramref name="order"/> (order[i] = old index of new row i).</summary>
    public StringColumn Permute(int[] order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_data.Length == 0)
        {
            // Every string is empty.
            return new StringColumn(_data, new int[order.Length + 1]);
        }

        var b = new Builder(_data.Length, order.Length);
        foreach (var i in order)
        {
            b.Add(Utf8(i));
        }

        return b.Build();
    }

    /// <summary>Appends strings and produces a <see cref="StringColumn"/>.</summary>
    public sealed class Builder
    {
        private byte[] _buffer;
        private int[] _offs;
        private int _count;
        private int _length;

        /// <summary>Creates a builder with capacity hints.</summary>
        public Builder(int byteCapacity = 256, int countCapacity = 16)
        {
            _buffer = new byte[Math.Max(16, byteCapacity)];
            _offs = new int[Math.Max(2, countCapacity + 1)];
        }

        /// <summary>Strings added so far.</summary>
        public int Count => _count;

        /// <summary>Adds UTF-8 bytes as the next string.</summary>
        public void Add(ReadOnlySpan<byte> utf8)
        {
            if (_length + utf8.Length > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + utf8.Length));
            }

            utf8.CopyTo(_buffer.AsSpan(_length));
            _length += utf8.Length;
            if (_count + 2 > _offs.Length)
            {
                Array.Resize(ref _offs, _offs.Length * 2);
            }

            _count++;
            _offs[_count] = _length;
        }

        /// <summary>Adds a string.</summary>
        public void Add(string value) => Add(Encoding.UTF8.GetBytes(value ?? string.Empty));

        /// <summary>Finishes the column.</summary>
        public StringColumn Build()
        {
            var data = _buffer.AsSpan(0, _length).ToArray();
            var offs = _offs.AsSpan(0, _count + 1).ToArray();
            return new StringColumn(data, offs);
        }
    }
}

/// <summary>Low-cardinality strings (product, activity kind, expense category) stored as codes into a dictionary.</summary>
public sealed class CategoryColumn
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Wraps codes and their distinct values.</summary>
    public CategoryColumn(int[] codes, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(values);
        Codes = codes;
        Values = values;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            _index[values[i]] = i;
        }
    }

    /// <summary>An empty column.</summary>
    public static CategoryColumn Empty { get; } = new([], []);

    /// <summary>Per-row code into <see cref="Values"/>.</summary>
    public int[] Codes { get; }

    /// <summary>The distinct values.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Codes.Length;

    /// <summary>The value of row <paramref name="row"/>.</summary>
    public string this[int row] => Values[Codes[row]];

    /// <summary>The code of <paramref name="value"/>, or -1 when no row has it.</summary>
    public int CodeOf(string value) => _index.TryGetValue(value, out var c) ? c : -1;

    /// <summary>Builds a column from strings.</summary>
    public static CategoryColumn From(IEnumerable<string> values)
    {
        var dict = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<string>();
        var codes = new List<int>();
        foreach (var v in values)
        {
            if (!dict.TryGetValue(v, out var c))
            {
                c = list.Count;
                dict[v] = c;
                list.Add(v);
            }

            codes.Add(c);
        }

        return new CategoryColumn([.. codes], list);
    }

    /// <summary>A copy with rows in the order given by <paramref name="order"/>.</summary>
    public CategoryColumn Permute(int[] order) => new(Columns.Permute(Codes, order), Values);
}

/// <summary>Helpers for column arrays.</summary>
public static class Columns
{
    /// <summary>Marks a missing date in a day-number column.</summary>
    public const int NoDay = int.MinValue;

    /// <summary>Marks a missing value in a scaled-value column.</summary>
    public const long NoValue = long.MinValue;

    /// <summary>Units and activity values are stored as integers in 1/10,000.</summary>
    public const long Scale = 10_000;

    /// <summary>A copy of <paramref name="source"/> in the order given by <paramref name="order"/>.</summary>
    public static T[] Permute<T>(T[] source, int[] order)
    {
        var result = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = source[order[i]];
        }

        return result;
    }

    /// <summary>Whether the day numbers are in ascending order.</summary>
    public static bool IsSorted(ReadOnlySpan<int> days)
    {
        for (var i = 1; i < days.Length; i++)
        {
            if (days[i] < days[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A stable ordering of row indexes by day (counting sort; O(n + days)).</summary>
    public static int[] StableOrderByDay(ReadOnlySpan<int> days)
    {
        var order = new int[days.Length];
        if (days.Length == 0)
        {
            return order;
        }

        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var d in days)
        {
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        var counts = new int[max - min + 2];
        foreach (var d in days)
        {
            counts[d - min + 1]++;
        }

        for (var i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }

        for (var i = 0; i < days.Length; i++)
        {
            order[counts[days[i] - min]++] = i;
        }

        return order;
    }

    /// <summary>The half-open row range [from, to) whose days fall in [firstDay, lastDay]; days must be sorted.</summary>
    public static (int From, int To) RangeOfDays(ReadOnlySpan<int> sortedDays, int firstDay, int lastDay)
    {
        return (LowerBound(sortedDays, firstDay), LowerBound(sortedDays, lastDay + 1));
    }

    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
