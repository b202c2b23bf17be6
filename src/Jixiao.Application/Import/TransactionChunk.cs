using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>
/// The per-row arrays of one transaction file, sized up front from a count of line breaks (an upper
/// bound of the records), so chunks parsed in parallel write straight into their own slice and nothing
/// is copied afterwards unless blank lines or quoted line breaks left gaps.
/// </summary>
internal sealed class TransactionBuffers
{
    public TransactionBuffers(TableSpec spec, HeaderMap map, int capacity, bool dropText = false)
    {
        Capacity = capacity;
        var n = spec.Columns.Length;
        Ints = new int[]?[n];
        Longs = new long[]?[n];
        Offsets = new int[]?[n];
        Kept = new bool[n];
        for (var c = 0; c < n; c++)
        {
            // Free texts (customer, contract) have nothing to check; when dropped they are split off but not kept.
            Kept[c] = map.Has(c) && !(dropText && spec.Columns[c].Kind == ColumnKind.Text);
            if (!Kept[c])
            {
                continue;
            }

            switch (spec.Columns[c].Kind)
            {
                case ColumnKind.Id:
                case ColumnKind.Text:
                    Offsets[c] = GC.AllocateUninitializedArray<int>(capacity + 1);
                    Offsets[c]![0] = 0;
                    break;
                case ColumnKind.Category:
                case ColumnKind.Employee:
                case ColumnKind.Date:
                case ColumnKind.OptionalDate:
                    Ints[c] = GC.AllocateUninitializedArray<int>(capacity);
                    break;
                case ColumnKind.Money:
                case ColumnKind.Quantity:
                case ColumnKind.OptionalValue:
                    Longs[c] = GC.AllocateUninitializedArray<long>(capacity);
                    break;
                default:
                    break;
            }
        }
    }

    public int Capacity { get; }

    /// <summary>Per column: whether the file has it and its values are kept.</summary>
    public bool[] Kept { get; }

    public int[]?[] Ints { get; }

    public long[]?[] Longs { get; }

    /// <summary>End offset of each row's text (index row + 1), relative to its chunk's text until merged.</summary>
    public int[]?[] Offsets { get; }
}

/// <summary>Parses one byte range of a transaction file into its slice of <see cref="TransactionBuffers"/> (the hot loop).</summary>
internal sealed class TransactionChunk
{
    /// <summary>Largest money amount: 9,999,999,999,999.99 yuan, in cents.</summary>
    public const long MaxCents = 999_999_999_999_999L;

    /// <summary>Largest quantity or value, × 10,000.</summary>
    public const long MaxScaled = 999_999_999_999_999L;

    private readonly HeaderMap _map;
    private readonly Utf8Index? _employees;
    private readonly TransactionBuffers _buffers;
    private readonly ColumnKind[] _kinds;
    private readonly bool[] _required;
    private readonly NumberOptions[] _options;
    private readonly string[] _numberKinds;
    private readonly ulong[] _dateHead;
    private readonly ushort[] _dateTail;
    private readonly int[] _dateDay;
    private readonly RecentBytes?[] _categoryCache;

    public TransactionChunk(TableSpec spec, HeaderMap map, Utf8Index? employees, string file, int errorLimit,
        TransactionBuffers buffers, int rowBase, int rowLimit, int textRows)
    {
        _map = map;
        _employees = employees;
        _buffers = buffers;
        RowBase = rowBase;
        RowLimit = rowLimit;
        var columns = spec.Columns;
        var n = columns.Length;
        _kinds = new ColumnKind[n];
        _required = new bool[n];
        _options = new NumberOptions[n];
        _numberKinds = new string[n];
        _dateHead = new ulong[n];
        _dateTail = new ushort[n];
        _dateDay = new int[n];
        Array.Fill(_dateDay, int.MinValue);
        _categoryCache = new RecentBytes?[n];
        Errors = new ErrorList(file, errorLimit);
        Text = new ChunkText?[n];
        Categories = new Utf8Index?[n];
        for (var c = 0; c < n; c++)
        {
            _kinds[c] = columns[c].Kind;
            _required[c] = columns[c].Required;
            _options[c] = columns[c].Options;
            _numberKinds[c] = columns[c].NumberKind;
            if (!buffers.Kept[c])
            {
                continue;
            }

            if (_kinds[c] is ColumnKind.Id or ColumnKind.Text)
            {
                Text[c] = new ChunkText(buffers.Offsets[c]!, rowBase, textRows);
            }
            else if (_kinds[c] == ColumnKind.Category)
            {
                Categories[c] = new Utf8Index();
            }
        }
    }

    /// <summary>First row of this chunk in the shared buffers.</summary>
    public int RowBase { get; }

    /// <summary>Rows this chunk may write (its count of line breaks).</summary>
    public int RowLimit { get; }

    /// <summary>Rows written.</summary>
    public int Rows { get; private set; }

    public ChunkText?[] Text { get; }

    public Utf8Index?[] Categories { get; }

    public ErrorList Errors { get; }

    /// <summary>Lines read, so the next chunk knows its first line.</summary>
    public int LinesConsumed { get; private set; }

    /// <summary>The range ended inside a quoted field.</summary>
    public bool Ambiguous { get; private set; }

    /// <summary>
    /// Line of each row relative to the chunk's first line, or null while every record took exactly one
    /// line (row i on line i): the common case needs no array at all.
    /// </summary>
    public int[]? Lines { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(CsvRecordReader reader)
    {
        var map = _map.ColumnOfField;
        var fieldCount = _map.FieldCount;
        var kinds = _kinds;
        var errors = Errors;
        var ints = _buffers.Ints;
        var longs = _buffers.Longs;
        var text = Text;
        var categories = Categories;
        while (true)
        {
            var status = reader.Next();
            if (status == RecordStatus.End)
            {
                break;
            }

            if (status == RecordStatus.Ambiguous)
            {
                Ambiguous = true;
                break;
            }

            if (status == RecordStatus.Malformed)
            {
                errors.Add(reader.ErrorLine, reader.ErrorColumn, _map.NameOfField(reader.ErrorColumn), reader.ErrorCode, reader.ErrorArguments);
                if (errors.Full)
                {
                    break;
                }

                continue;
            }

            if (reader.FieldCount != fieldCount)
            {
                var column = Math.Min(reader.FieldCount, fieldCount) + 1;
                errors.Add(reader.Line, column, _map.NameOfField(column), DataErrorCode.WrongFieldCount,
                    ErrorList.Number(fieldCount), ErrorList.Number(reader.FieldCount));
                if (errors.Full)
                {
                    break;
                }

                continue;
            }

            if (Rows == RowLimit)
            {
                // Only when the file changed under us: there are never more records than line breaks.
                throw new IOException("The file changed while it was being read.");
            }

            if (reader.Line != Rows && Lines is null)
            {
                Lines = new int[RowLimit];
                for (var i = 0; i < Rows; i++)
                {
                    Lines[i] = i;
                }
            }

            if (Lines is not null)
            {
                Lines[Rows] = reader.Line;
            }

            var r = RowBase + Rows;
            Rows++;
            for (var f = 0; f < fieldCount; f++)
            {
                var c = map[f];
                var v = reader.Field(f);
                switch (kinds[c])
                {
                    case ColumnKind.Id:
                        if (v.IsEmpty)
                        {
                            Error(reader, c, DataErrorCode.Required);
                        }

                        text[c]!.Add(v);
                        break;
                    case ColumnKind.Employee:
                        ints[c]![r] = Employee(reader, c, v);
                        break;
                    case ColumnKind.Date:
                    case ColumnKind.OptionalDate:
                        ints[c]![r] = Date(reader, c, v);
                        break;
                    case ColumnKind.Text:
                        text[c]?.Add(v);
                        break;
                    case ColumnKind.Category:
                        if (v.IsEmpty && _required[c])
                        {
                            Error(reader, c, DataErrorCode.Required);
                        }

                        ints[c]![r] = Category(c, v);
                        break;
                    case ColumnKind.Money:
                        longs[c]![r] = Number(reader, c, v, 2, MaxCents, 0);
                        break;
                    case ColumnKind.Quantity:
                        longs[c]![r] = Number(reader, c, v, 4, MaxScaled, 0);
                        break;
                    case ColumnKind.OptionalValue:
                        longs[c]![r] = Number(reader, c, v, 4, MaxScaled, Columns.NoValue);
                        break;
                    default:
                        break;
                }
            }

            if (errors.Full)
            {
                break;
            }
        }

        LinesConsumed = reader.NextLine;
    }

    /// <summary>
    /// The code of a category value. Products, kinds and expense categories are a handful of short words:
    /// compare them with the last few seen before hashing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Category(int c, ReadOnlySpan<byte> v)
    {
        var cache = _categoryCache[c] ??= new RecentBytes();
        var code = cache.Find(v);
        if (code < 0)
        {
            code = Categories[c]!.GetOrAdd(v);
            cache.Add(v, code);
        }

        return code;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Employee(CsvRecordReader reader, int c, ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            Error(reader, c, DataErrorCode.Required);
            return -1;
        }

        if (_employees is null)
        {
            // employees.csv could not be read: that error is reported, not one per row here.
            return -1;
        }

        var e = _employees.Find(v);
        if (e < 0)
        {
            Error(reader, c, DataErrorCode.UnknownEmployee, ErrorList.Text(v));
        }

        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Date(CsvRecordReader reader, int c, ReadOnlySpan<byte> v)
    {
        if (v.Length == 10)
        {
            // Consecutive rows mostly share a date: compare the ten bytes with the last one parsed.
            ref var b = ref MemoryMarshal.GetReference(v);
            var head = Unsafe.ReadUnaligned<ulong>(ref b);
            var tail = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, 8));
            if (head == _dateHead[c] && tail == _dateTail[c] && _dateDay[c] != int.MinValue)
            {
                return _dateDay[c];
            }

            if (DateParser.TryParse(v, out var day))
            {
                _dateHead[c] = head;
                _dateTail[c] = tail;
                _dateDay[c] = day;
                return day;
            }
        }
        else if (v.IsEmpty)
        {
            if (_kinds[c] == ColumnKind.Date)
            {
                Error(reader, c, DataErrorCode.Required);
            }

            return Columns.NoDay;
        }
        else if (DateParser.TryParse(v, out var day))
        {
            return day;
        }

        Error(reader, c, DateParser.ErrorOf(v), ErrorList.Text(v));
        return Columns.NoDay;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Number(CsvRecordReader reader, int c, ReadOnlySpan<byte> v, int scale, long max, long empty)
    {
        var status = NumberParser.ParseScaled(v, scale, _options[c], max, out var value, out var allowed);
        if (status == NumberStatus.Ok)
        {
            return value;
        }

        if (status == NumberStatus.Empty)
        {
            if (_required[c])
            {
                Error(reader, c, DataErrorCode.Required);
            }

            return empty;
        }

        NumberError(reader, c, v, status, allowed);
        return empty;
    }

    private void NumberError(CsvRecordReader reader, int c, ReadOnlySpan<byte> v, NumberStatus status, int allowed)
    {
        var text = ErrorList.Text(v);
        switch (status)
        {
            case NumberStatus.TooManyDecimals:
                Error(reader, c, DataErrorCode.TooManyDecimals, text, ErrorList.Number(allowed));
                break;
            case NumberStatus.Negative:
                Error(reader, c, DataErrorCode.NegativeNotAllowed, text);
                break;
            case NumberStatus.OutOfRange:
                Error(reader, c, DataErrorCode.NumberOutOfRange, text);
                break;
            default:
                Error(reader, c, DataErrorCode.InvalidNumber, text, _numberKinds[c]);
                break;
        }
    }

    private void Error(CsvRecordReader reader, int c, DataErrorCode code, params string[] args) =>
        Errors.Add(reader.Line, _map.Position(c), _map.Names[c], code, args);
}

/// <summary>
/// The UTF-8 text of one column within one chunk; row offsets go to the shared offsets array. After the
/// first rows the buffer is sized for the rows it is expected to hold, so it rarely grows; the first
/// chunk is sized for the whole file so the others can be appended to it.
/// </summary>
internal sealed class ChunkText
{
    private const int SampleRows = 1024;

    private readonly int[] _offsets;
    private readonly int _firstRow;
    private readonly int _rowsToHold;
    private int _next;

    public ChunkText(int[] offsets, int rowBase, int rowsToHold)
    {
        _offsets = offsets;
        _firstRow = rowBase + 1;
        _next = _firstRow;
        _rowsToHold = rowsToHold;
        Data = GC.AllocateUninitializedArray<byte>(64 << 10);
    }

    public byte[] Data { get; private set; }

    public int Length { get; private set; }

    /// <summary>Set when the text of the chunk no longer fits in one array.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>Appends <paramref name="value"/>, a field of a <see cref="CsvRecordReader"/> (which keeps 16 readable bytes after every field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<byte> value)
    {
        // Keep 16 spare bytes so short values are copied as one 16-byte block, not with a call to memmove.
        if (Length + value.Length + 16 > Data.Length)
        {
            Grow(value.Length + 16);
        }

        if ((uint)(value.Length - 1) < 16)
        {
            var block = Unsafe.ReadUnaligned<Vector128<byte>>(ref MemoryMarshal.GetReference(value));
            Unsafe.WriteUnaligned(ref Data[Length], block);
        }
        else
        {
            value.CopyTo(Data.AsSpan(Length));
        }

        Length += value.Length;
        _offsets[_next++] = Length;
        if (_next - _firstRow == SampleRows)
        {
            Resize(((double)Length / SampleRows * _rowsToHold * 1.05) + (64 << 10));
        }
    }

    /// <summary>Ensures room for <paramref name="bytes"/> bytes in all (used when appending other chunks).</summary>
    public void Reserve(long bytes)
    {
        if (bytes + 16 > Data.Length)
        {
            Resize(bytes + 16);
        }
    }

    private void Grow(int needed) => Resize(Math.Max(Data.Length * 1.5, (double)Length + needed));

    private void Resize(double wanted)
    {
        if (wanted <= Data.Length)
        {
            return;
        }

        if (wanted > Array.MaxLength)
        {
            if (Data.Length == Array.MaxLength)
            {
                // Keep counting rows; the loader reports the table as too large.
                TooLarge = true;
                Length = 0;
                return;
            }

            wanted = Array.MaxLength;
        }

        var data = GC.AllocateUninitializedArray<byte>((int)wanted);
        Data.AsSpan(0, Length).CopyTo(data);
        Data = data;
    }
}
