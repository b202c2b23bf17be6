using System.Text;
using System.Xml;
using Jixiao.Application.Import;

namespace Jixiao.Application.Excel;

/// <summary>
/// A workbook's shared strings (xl/sharedStrings.xml), kept as UTF-8 in one buffer with an offset per string, within
/// <see cref="ImportLimits.MaxXlsxSharedStringsMegabytes"/> (text plus 4 bytes per string). A string longer than
/// <see cref="ImportLimits.MaxFieldChars"/> is kept as "too long" only: the cell that uses it is reported.
/// </summary>
internal sealed class XlsxSharedStrings
{
    private readonly List<int> _ends = [];
    private readonly HashSet<int> _tooLong = [];
    private byte[] _bytes = new byte[4096];
    private int _length;

    /// <summary>How many strings there are.</summary>
    public int Count => _ends.Count;

    /// <summary>The strings of <paramref name="package"/> (none when it has no shared strings part).</summary>
    public static XlsxSharedStrings Read(XlsxPackage package)
    {
        const string Part = "xl/sharedStrings.xml";
        var strings = new XlsxSharedStrings();
        var budget = package.Limits.MaxXlsxSharedStringsMegabytes * (1L << 20);
        var max = package.Limits.MaxFieldChars;
        var text = new StringBuilder();
        var piece = new StringBuilder();
        using var r = package.OpenXml(Part);
        if (r is null)
        {
            return strings;
        }

        r.Read();
        while (!r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
            {
                bool tooLong;
                try
                {
                    tooLong = ReadRichText(r, max, text, piece);
                }
                catch (NodeTooLongException)
                {
                    // Far beyond the limit: which cell uses it is not known yet.
                    throw new XlsxReadException(DataErrorCode.FieldTooLong, 0, 0, ErrorList.Number(max));
                }

                if (!strings.Add(tooLong ? null : text.ToString(), budget))
                {
                    throw new XlsxReadException(DataErrorCode.WorkbookTooLarge, 0, 0,
                        ErrorList.Number(package.Limits.MaxXlsxSharedStringsMegabytes), Part);
                }
            }
            else
            {
                r.Read();
            }
        }

        return strings;
    }

    /// <summary>
    /// The text of an si or is element: its t elements, without phonetic runs (rPh); leaves the reader after its end.
    /// True when it is longer than <paramref name="max"/> (then <paramref name="text"/> is not all of it).
    /// </summary>
    internal static bool ReadRichText(XmlReader r, int max, StringBuilder text, StringBuilder piece)
    {
        text.Clear();
        var tooLong = false;
        if (r.IsEmptyElement)
        {
            r.Read();
            return false;
        }

        var depth = r.Depth;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                r.Read();
            }
            else if (r.LocalName == "t")
            {
                var t = XlsxReader.ReadText(r, max, piece, out var longPiece);
                tooLong |= longPiece || text.Length + t.Length > max;
                if (!tooLong)
                {
                    text.Append(t);
                }
            }
            else if (r.LocalName is "rPh" or "rPr")
            {
                r.Skip();
            }
            else
            {
                // A run (r): its t is read on the way down.
                r.Read();
            }
        }

        r.Read();
        return tooLong;
    }

    /// <summary>String <paramref name="index"/>, or null when it was too long to keep.</summary>
    public string? this[int index]
    {
        get
        {
            if (_tooLong.Contains(index))
            {
                return null;
            }

            var start = index == 0 ? 0 : _ends[index - 1];
            return Encoding.UTF8.GetString(_bytes, start, _ends[index] - start);
        }
    }

    /// <summary>Adds a string (null: too long); false when that passes <paramref name="budget"/> bytes.</summary>
    private bool Add(string? s, long budget)
    {
        var bytes = s is null ? 0 : Encoding.UTF8.GetByteCount(s);
        if (_length + bytes + (4L * (_ends.Count + 1)) > budget)
        {
            return false;
        }

        if (_length + bytes > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(_length + bytes, _bytes.Length * 2L)));
        }

        if (s is not null)
        {
            _length += Encoding.UTF8.GetBytes(s, _bytes.AsSpan(_length));
        }

        if (s is null)
        {
            _tooLong.Add(_ends.Count);
        }

        _ends.Add(_length);
        return true;
    }
}
