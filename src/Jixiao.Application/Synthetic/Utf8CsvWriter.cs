using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Jixiao.Application.Synthetic;

/// <summary>A small buffered UTF-8 CSV writer: no string per value, invariant formats, LF line ends.</summary>
internal sealed class Utf8CsvWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _pos;
    private bool _fieldWritten;

    public Utf8CsvWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
    }

    /// <summary>Writes a header or any row of plain values.</summary>
    public void Row(params string[] values)
    {
        foreach (var v in values)
        {
            Text(v);
        }

        End();
    }

    /// <summary>A text field, quoted when it holds a comma, quote or line break.</summary>
    public void Text(string value)
    {
        Separator();
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            Raw(value);
            return;
        }

        Byte((byte)'"');
        Raw(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        Byte((byte)'"');
    }

    /// <summary>ASCII or UTF-8 bytes as a field.</summary>
    public void Field(ReadOnlySpan<byte> utf8)
    {
        Separator();
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_pos));
        _pos += utf8.Length;
    }

    /// <summary>An empty field.</summary>
    public void Empty() => Separator();

    /// <summary>An integer, zero-padded to <paramref name="width"/> digits, after an optional ASCII prefix.</summary>
    public void Int(long value, int width = 0, string prefix = "")
    {
        Separator();
        if (prefix.Length > 0)
        {
            Raw(prefix);
        }

        Ensure(24);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var written, width > 0 ? new StandardFormat('D', (byte)width) : default);
        _pos += written;
    }

    /// <summary>An amount in cents as a plain decimal with two places: -1234.05.</summary>
    public void Cents(long cents)
    {
        Separator();
        Ensure(24);
        if (cents < 0)
        {
            _buffer[_pos++] = (byte)'-';
            cents = -cents;
        }

        Utf8Formatter.TryFormat(cents / 100, _buffer.AsSpan(_pos), out var written);
        _pos += written;
        var c = cents % 100;
        _buffer[_pos++] = (byte)'.';
        _buffer[_pos++] = (byte)('0' + (c / 10));
        _buffer[_pos++] = (byte)('0' + (c % 10));
    }

    /// <summary>A yyyy-MM-dd date.</summary>
    public void Date(int dayNumber)
    {
        Separator();
        Ensure(10);
        var d = DateOnly.FromDayNumber(dayNumber);
        var s = _buffer.AsSpan(_pos, 10);
        Digits(s[..4], d.Year);
        s[4] = (byte)'-';
        Digits(s.Slice(5, 2), d.Month);
        s[7] = (byte)'-';
        Digits(s.Slice(8, 2), d.Day);
        _pos += 10;
    }

    /// <summary>Ends the row.</summary>
    public void End()
    {
        Ensure(1);
        _buffer[_pos++] = (byte)'\n';
        _fieldWritten = false;
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private void Separator()
    {
        if (_fieldWritten)
        {
            Byte((byte)',');
        }

        _fieldWritten = true;
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_pos++] = b;
    }

    private void Raw(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > _buffer.Length)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            Flush();
            _stream.Write(bytes);
            return;
        }

        Ensure(max);
        _pos += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_pos));
    }

    private void Ensure(int bytes)
    {
        if (_pos + bytes > _buffer.Length)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _pos);
        _pos = 0;
    }
}
