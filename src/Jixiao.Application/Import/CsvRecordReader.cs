using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace Jixiao.Application.Import;

/// <summary>What <see cref="CsvRecordReader.Next"/> found.</summary>
internal enum RecordStatus
{
    /// <summary>A record; its fields are available.</summary>
    Record,

    /// <summary>No more records in the range.</summary>
    End,

    /// <summary>The range ended inside a quoted field: the range did not start or end at a record boundary.</summary>
    Ambiguous,

    /// <summary>A broken record (quote or encoding); see the error properties. The record is skipped.</summary>
    Malformed,
}

/// <summary>
/// Reads RFC 4180 records from a byte range of a UTF-8 file in large blocks, without a string per field.
/// Fields are (start, length) pairs into <see cref="Buffer"/>, valid until the next call. Quoted fields are
/// unescaped in place; CRLF and LF both end a record; blank lines are skipped (but counted).
/// </summary>
internal sealed partial class CsvRecordReader
{
    /// <summary>Spare bytes after the data: 32-byte vector loads may overrun, and every field has 16 readable bytes after its start.</summary>
    private const int Padding = 64;

    private readonly SafeFileHandle _handle;
    private readonly long _end;
    private readonly bool _endIsEof;
    private readonly int _capacity;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly bool[] _escaped;
    private byte[] _buffer;
    private long _readOffset;
    private int _pos;
    private int _len;
    private bool _exhausted;
    private int _recordEnd;
    private int _newlines;
    private int _validEnd;
    private bool _mayNeedTrim;
    private int[]? _fieldLimits;
    private int _minLimit = int.MaxValue;

    /// <summary>Reads records in [<paramref name="start"/>, <paramref name="end"/>) of the file.</summary>
    /// <param name="handle">An open file.</param>
    /// <param name="start">Offset of the first byte; must be a record boundary.</param>
    /// <param name="end">Offset after the last byte.</param>
    /// <param name="endIsEof">Whether <paramref name="end"/> is the end of the file (else a record must end exactly there).</param>
    /// <param name="blockSize">Bytes per read.</param>
    /// <param name="maxFields">Fields kept per record; more are counted but not kept.</param>
    /// <param name="firstLine">Line number of the first line in the range.</param>
    public CsvRecordReader(SafeFileHandle handle, long start, long end, bool endIsEof, int blockSize, int maxFields, int firstLine)
    {
        _handle = handle;
        _readOffset = start;
        _end = end;
        _endIsEof = endIsEof;
        var size = (int)Math.Min(Math.Max(4096, blockSize), Math.Max(4096, end - start + 1));
        _buffer = new byte[size + Padding];
        _capacity = maxFields;
        _starts = new int[maxFields];
        _lengths = new int[maxFields];
        _escaped = new bool[maxFields];
        NextLine = firstLine;
        _exhausted = start >= end;
        _minLimit = MaxFieldChars;
    }

    /// <summary>The bytes the fields point into.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Number of fields of the current record (may exceed the kept maximum).</summary>
    public int FieldCount { get; private set; }

    /// <summary>Line on which the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>Line on which the next record would start.</summary>
    public int NextLine { get; private set; }

    /// <summary>The file offset just after the current record.</summary>
    public long RecordEndOffset => _readOffset - _len + _recordEnd;

    /// <summary>For <see cref="RecordStatus.Malformed"/>: what is wrong.</summary>
    public DataErrorCode ErrorCode { get; private set; }

    /// <summary>For <see cref="RecordStatus.Malformed"/>: the physical line.</summary>
    public int ErrorLine { get; private set; }

    /// <summary>For <see cref="RecordStatus.Malformed"/>: the 1-based field number.</summary>
    public int ErrorColumn { get; private set; }

    /// <summary>For <see cref="RecordStatus.Malformed"/>: the arguments of the error's message.</summary>
    public string[] ErrorArguments { get; private set; } = [];

    /// <summary>Longest field, in characters: a record with a longer one is <see cref="DataErrorCode.FieldTooLong"/>.</summary>
    public int MaxFieldChars { get; init; } = int.MaxValue;

    /// <summary>
    /// Longest value of each field (by position; fields beyond use <see cref="MaxFieldChars"/>), at most
    /// <see cref="MaxFieldChars"/>: set once the header says which column each field is.
    /// </summary>
    public int[]? FieldLimits
    {
        get => _fieldLimits;
        set
        {
            _fieldLimits = value;
            _minLimit = MaxFieldChars;
            foreach (var limit in value ?? [])
            {
                _minLimit = Math.Min(_minLimit, limit);
            }
        }
    }

    /// <summary>Field <paramref name="index"/> without leading and trailing spaces and tabs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int index)
    {
        var start = _starts[index];
        if (!_mayNeedTrim)
        {
            return new ReadOnlySpan<byte>(_buffer, start, _lengths[index]);
        }

        var end = start + _lengths[index];
        var b = _buffer;
        while (start < end && (b[start] == (byte)' ' || b[start] == (byte)'\t'))
        {
            start++;
        }

        while (end > start && (b[end - 1] == (byte)' ' || b[end - 1] == (byte)'\t'))
        {
            end--;
        }

        return new ReadOnlySpan<byte>(b, start, end - start);
    }

    /// <summary>Advances to the next record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RecordStatus Next()
    {
        while (true)
        {
            if (_pos >= _len)
            {
                if (_exhausted)
                {
                    return RecordStatus.End;
                }

                Fill();
                continue;
            }

            var c = _buffer[_pos];
            if (c == (byte)'\n')
            {
                _pos++;
                NextLine++;
                continue;
            }

            if (c == (byte)'\r')
            {
                if (_pos + 1 >= _len)
                {
                    if (!_exhausted)
                    {
                        Fill();
                        continue;
                    }

                    _pos++;
                    continue;
                }

                if (_buffer[_pos + 1] == (byte)'\n')
                {
                    _pos += 2;
                    NextLine++;
                    continue;
                }
            }

            Line = NextLine;
            var status = Tokenize(_exhausted);
            if (status == Token.NeedMore)
            {
                Fill();
                continue;
            }

            if (status == Token.Incomplete)
            {
                if (!_endIsEof)
                {
                    return RecordStatus.Ambiguous;
                }

                ErrorCode = DataErrorCode.UnterminatedQuote;
                _pos = _len;
                return RecordStatus.Malformed;
            }

            var recordStart = _pos;
            _pos = _recordEnd;
            NextLine = Line + _newlines;
            if (status == Token.Malformed)
            {
                return RecordStatus.Malformed;
            }

            if (_recordEnd > _validEnd && !IsText(new ReadOnlySpan<byte>(_buffer, recordStart, _recordEnd - recordStart)))
            {
                ErrorCode = DataErrorCode.InvalidEncoding;
                ErrorLine = Line;
                ErrorColumn = 1;
                var kept = Math.Min(FieldCount, _capacity);
                for (var i = 0; i < kept; i++)
                {
                    if (!IsText(new ReadOnlySpan<byte>(_buffer, _starts[i], _lengths[i])))
                    {
                        ErrorColumn = i + 1;
                        ErrorLine = Line + CountNewlines(recordStart, _starts[i]);
                        break;
                    }
                }

                return RecordStatus.Malformed;
            }

            if (status == Token.CompleteEscaped)
            {
                Unescape();
            }

            // Only a record longer than the limit in bytes can have a field longer than it in characters.
            if (_recordEnd - recordStart > Math.Min(_minLimit, MaxFieldChars) && HasTooLongField(recordStart))
            {
                return RecordStatus.Malformed;
            }

            return RecordStatus.Record;
        }
    }

    private enum Token
    {
        Complete,
        CompleteEscaped,
        NeedMore,
        Incomplete,
        Malformed,
    }

    private void Fill()
    {
        if (_pos > 0)
        {
            var keep = _len - _pos;
            System.Buffer.BlockCopy(_buffer, _pos, _buffer, 0, keep);
            _len = keep;
            _validEnd = Math.Max(0, _validEnd - _pos);
            _pos = 0;
        }

        if (_buffer.Length - Padding - _len < _buffer.Length / 4)
        {
            Array.Resize(ref _buffer, ((_buffer.Length - Padding) * 2) + Padding);
        }

        var want = (int)Math.Min(_buffer.Length - Padding - _len, _end - _readOffset);
        var got = want <= 0 ? 0 : RandomAccess.Read(_handle, _buffer.AsSpan(_len, want), _readOffset);
        if (got <= 0)
        {
            _exhausted = true;
            return;
        }

        _len += got;
        _readOffset += got;
        if (_readOffset >= _end)
        {
            _exhausted = true;
        }

        // Check the encoding a block at a time, up to the last line break (a character may straddle the
        // block end); records past it, or in a block that fails, are checked one by one.
        var checkTo = _exhausted ? _len : _validEnd + new ReadOnlySpan<byte>(_buffer, _validEnd, _len - _validEnd).LastIndexOf((byte)'\n') + 1;
        if (checkTo > _validEnd && IsText(new ReadOnlySpan<byte>(_buffer, _validEnd, checkTo - _validEnd)))
        {
            _validEnd = checkTo;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int nf, int start, int end, bool escaped)
    {
        if (nf < _capacity)
        {
            _starts[nf] = start;
            _lengths[nf] = end - start;
            _escaped[nf] = escaped;
        }
    }

    /// <summary>Splits the record at <see cref="_pos"/>; the vector loop handles records without quotes.</summary>
    private Token Tokenize(bool atEnd)
    {
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(_buffer);
        var p = _pos;
        var fieldStart = p;
        var nf = 0;
        var len = _len;

        // Whether a space or tab was seen (here or just past the record): only then do fields need trimming.
        ulong spaces = 0;
        while (true)
        {
            if (p >= len)
            {
                if (!atEnd)
                {
                    return Token.NeedMore;
                }

                var e = len;
                if (e > fieldStart && _buffer[e - 1] == (byte)'\r')
                {
                    e--;
                }

                AddField(nf++, fieldStart, e, false);
                FieldCount = nf;
                _recordEnd = len;
                _newlines = 1;
                _mayNeedTrim = true;
                return Token.Complete;
            }

            // A bit per comma, line break or quote in the next 32 (or 16) bytes.
            ulong mask;
            int width;
            if (Vector256.IsHardwareAccelerated)
            {
                var v = Vector256.LoadUnsafe(ref b0, (nuint)p);
                mask = (Vector256.Equals(v, Vector256.Create((byte)',')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))
                    | Vector256.Equals(v, Vector256.Create((byte)'"'))).ExtractMostSignificantBits();
                spaces |= (Vector256.Equals(v, Vector256.Create((byte)' ')) | Vector256.Equals(v, Vector256.Create((byte)'\t'))).ExtractMostSignificantBits();
                width = 32;
            }
            else
            {
                var v = Vector128.LoadUnsafe(ref b0, (nuint)p);
                mask = (Vector128.Equals(v, Vector128.Create((byte)',')) | Vector128.Equals(v, Vector128.Create((byte)'\n'))
                    | Vector128.Equals(v, Vector128.Create((byte)'"'))).ExtractMostSignificantBits();
                spaces |= (Vector128.Equals(v, Vector128.Create((byte)' ')) | Vector128.Equals(v, Vector128.Create((byte)'\t'))).ExtractMostSignificantBits();
                width = 16;
            }

            var avail = len - p;
            if (avail < width)
            {
                mask &= (1UL << avail) - 1;
            }

            while (mask != 0)
            {
                var i = p + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                var c = Unsafe.Add(ref b0, i);
                if (c == (byte)',')
                {
                    AddField(nf++, fieldStart, i, false);
                    fieldStart = i + 1;
                }
                else if (c == (byte)'\n')
                {
                    var e = i;
                    if (e > fieldStart && Unsafe.Add(ref b0, e - 1) == (byte)'\r')
                    {
                        e--;
                    }

                    AddField(nf++, fieldStart, e, false);
                    FieldCount = nf;
                    _recordEnd = i + 1;
                    _newlines = 1;
                    _mayNeedTrim = spaces != 0;
                    return Token.Complete;
                }
                else
                {
                    _mayNeedTrim = true;
                    return TokenizeQuoted(atEnd);
                }
            }

            p += width;
        }
    }

    /// <summary>Finds the first kept field longer than <see cref="MaxFieldChars"/> characters and sets the error.</summary>
    private bool HasTooLongField(int recordStart)
    {
        var kept = Math.Min(FieldCount, _capacity);
        for (var i = 0; i < kept; i++)
        {
            var limit = _fieldLimits is not null && i < _fieldLimits.Length ? _fieldLimits[i] : MaxFieldChars;
            if (_lengths[i] > limit && Encoding.UTF8.GetCharCount(_buffer, _starts[i], _lengths[i]) > limit)
            {
                ErrorCode = DataErrorCode.FieldTooLong;
                ErrorLine = Line + CountNewlines(recordStart, _starts[i]);
                ErrorColumn = i + 1;
                ErrorArguments = [ErrorList.Number(limit)];
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Valid UTF-8 without NUL: a NUL byte means UTF-16 or a binary file, and PostgreSQL cannot store it in text.
    /// </summary>
    private static bool IsText(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes) && !bytes.Contains((byte)0);

    private int CountNewlines(int from, int to) => new ReadOnlySpan<byte>(_buffer, from, to - from).Count((byte)'\n');

    private void Unescape()
    {
        var kept = Math.Min(FieldCount, _capacity);
        for (var i = 0; i < kept; i++)
        {
            if (!_escaped[i])
            {
                continue;
            }

            var span = new Span<byte>(_buffer, _starts[i], _lengths[i]);
            var w = 0;
            for (var r = 0; r < span.Length; r++)
            {
                span[w++] = span[r];
                if (span[r] == (byte)'"')
                {
                    r++;
                }
            }

            _lengths[i] = w;
        }
    }
}
