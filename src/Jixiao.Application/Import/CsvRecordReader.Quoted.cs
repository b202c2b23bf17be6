using System.Runtime.CompilerServices;

namespace Jixiao.Application.Import;

/// <summary>Records with quoted fields: the general state machine, and how a broken quote is reported and skipped.</summary>
internal sealed partial class CsvRecordReader
{
    /// <summary>The general state machine for records with quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Token TokenizeQuoted(bool atEnd)
    {
        var b = _buffer;
        var len = _len;
        var p = _pos;
        var nf = 0;
        var newlines = 0;
        var anyEscaped = false;
        while (true)
        {
            if (p < len && b[p] == (byte)'"')
            {
                var fieldLine = newlines;
                var q = p + 1;
                var escaped = false;
                while (true)
                {
                    if (q >= len)
                    {
                        if (!atEnd)
                        {
                            return Token.NeedMore;
                        }

                        ErrorLine = Line + fieldLine;
                        ErrorColumn = nf + 1;
                        return Token.Incomplete;
                    }

                    var c = b[q];
                    if (c == (byte)'"')
                    {
                        if (q + 1 < len && b[q + 1] == (byte)'"')
                        {
                            escaped = true;
                            q += 2;
                            continue;
                        }

                        if (q + 1 >= len && !atEnd)
                        {
                            return Token.NeedMore;
                        }

                        break;
                    }

                    if (c == (byte)'\n')
                    {
                        newlines++;
                    }

                    q++;
                }

                AddField(nf++, p + 1, q, escaped);
                anyEscaped |= escaped;
                p = q + 1;
                if (p >= len)
                {
                    // atEnd here, or we would have asked for more above.
                    return Finish(nf, len, newlines + 1, anyEscaped);
                }

                var after = b[p];
                if (after == (byte)',')
                {
                    p++;
                    continue;
                }

                if (after == (byte)'\n')
                {
                    return Finish(nf, p + 1, newlines + 1, anyEscaped);
                }

                if (after == (byte)'\r')
                {
                    if (p + 1 >= len)
                    {
                        if (!atEnd)
                        {
                            return Token.NeedMore;
                        }

                        return Finish(nf, len, newlines + 1, anyEscaped);
                    }

                    if (b[p + 1] == (byte)'\n')
                    {
                        return Finish(nf, p + 2, newlines + 1, anyEscaped);
                    }
                }

                // Text after the closing quote belongs to the quoted field just added.
                return Broken(p, nf - 1, newlines, atEnd);
            }

            // Unquoted field.
            var r = p;
            while (true)
            {
                if (r >= len)
                {
                    if (!atEnd)
                    {
                        return Token.NeedMore;
                    }

                    var e = len;
                    if (e > p && b[e - 1] == (byte)'\r')
                    {
                        e--;
                    }

                    AddField(nf++, p, e, false);
                    return Finish(nf, len, newlines + 1, anyEscaped);
                }

                var c = b[r];
                if (c == (byte)',')
                {
                    AddField(nf++, p, r, false);
                    p = r + 1;
                    break;
                }

                if (c == (byte)'\n')
                {
                    var e = r;
                    if (e > p && b[e - 1] == (byte)'\r')
                    {
                        e--;
                    }

                    AddField(nf++, p, e, false);
                    return Finish(nf, r + 1, newlines + 1, anyEscaped);
                }

                if (c == (byte)'"')
                {
                    return Broken(r, nf, newlines, atEnd);
                }

                r++;
            }
        }
    }

    private Token Finish(int fieldCount, int recordEnd, int newlines, bool anyEscaped)
    {
        FieldCount = fieldCount;
        _recordEnd = recordEnd;
        _newlines = newlines;
        return anyEscaped ? Token.CompleteEscaped : Token.Complete;
    }

    /// <summary>A misplaced quote at <paramref name="at"/>: report it and skip to the end of its line.</summary>
    private Token Broken(int at, int nf, int newlines, bool atEnd)
    {
        var rest = new ReadOnlySpan<byte>(_buffer, at, _len - at);
        var nl = rest.IndexOf((byte)'\n');
        if (nl < 0 && !atEnd)
        {
            return Token.NeedMore;
        }

        _recordEnd = nl < 0 ? _len : at + nl + 1;
        _newlines = newlines + 1;
        ErrorCode = DataErrorCode.InvalidQuote;
        ErrorLine = Line + newlines;
        ErrorColumn = nf + 1;
        FieldCount = nf;
        return Token.Malformed;
    }
}
