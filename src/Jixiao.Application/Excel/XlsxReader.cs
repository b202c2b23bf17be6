using System.Globalization;
using System.Text;
using System.Xml;
using Jixiao.Application.Import;

namespace Jixiao.Application.Excel;

/// <summary>What a cell of a worksheet holds.</summary>
internal enum XlsxCellKind
{
    Text,
    Number,
    Boolean,

    /// <summary>An error value such as #N/A or #DIV/0! (usually a formula's result).</summary>
    Error,

    /// <summary>A formula whose result was never calculated and saved.</summary>
    UncalculatedFormula,

    /// <summary>A text longer than <see cref="ImportLimits.MaxFieldChars"/> (not kept).</summary>
    TooLong,

    /// <summary>A shared string index the workbook does not have (Text: the index as written).</summary>
    MissingSharedString,
}

/// <summary>A non-empty cell: 1-based row and column, kind, text (or the error text / formula), number, and whether it is date-formatted.</summary>
internal sealed record XlsxCellValue(int Row, int Column, XlsxCellKind Kind, string Text, double Number, bool IsDate);

/// <summary>
/// Reads an .xlsx workbook (Office Open XML) straight from its XML, one row at a time: cached values of formulas,
/// shared and inline strings, date detection from number formats, error values and merged ranges. Nothing is kept
/// per row or cell once read; empty rows and cells are never made. Every bound of <see cref="ImportLimits"/> is
/// checked while reading (the archive's in <see cref="XlsxPackage"/>), and a file Excel could not have written (rows
/// out of order, columns beyond XFD, rows beyond 1,048,576) is refused as damaged: <see cref="XlsxReadException"/>.
/// </summary>
internal sealed class XlsxReader : IDisposable
{
    /// <summary>Excel's last row and column (XFD).</summary>
    public const int MaxExcelRow = 1_048_576;

    public const int MaxExcelColumn = 16_384;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly XlsxPackage _package;
    private XlsxSharedStrings? _strings;
    private List<bool>? _dateStyles;

    private XlsxReader(XlsxPackage package, List<(string Name, string Path)> sheets, bool date1904)
    {
        _package = package;
        Sheets = sheets;
        Date1904 = date1904;
    }

    /// <summary>The worksheets in tab order: name and part.</summary>
    public IReadOnlyList<(string Name, string Path)> Sheets { get; }

    /// <summary>Serial numbers count from 1904-01-01 (old Mac workbooks).</summary>
    public bool Date1904 { get; }

    public ImportLimits Limits => _package.Limits;

    /// <summary>Opens the workbook in <paramref name="content"/>; null when it has no worksheet.</summary>
    public static XlsxReader? Open(Stream content, ImportLimits limits)
    {
        var package = XlsxPackage.Open(content, limits);
        try
        {
            var (sheets, date1904) = ReadSheetList(package);
            if (sheets.Count == 0 || !package.Has(sheets[0].Path))
            {
                package.Dispose();
                return null;
            }

            return new XlsxReader(package, sheets, date1904);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    /// <summary>A reader of the rows of worksheet <paramref name="index"/>.</summary>
    public XlsxSheetReader Sheet(int index)
    {
        _strings ??= XlsxSharedStrings.Read(_package);
        _dateStyles ??= ReadDateStyles(_package);
        var xml = _package.OpenXml(Sheets[index].Path) ?? throw new InvalidDataException("Missing worksheet.");
        return new XlsxSheetReader(xml, _strings, _dateStyles, Limits);
    }

    public void Dispose() => _package.Dispose();

    private static (List<(string Name, string Path)> Sheets, bool Date1904) ReadSheetList(XlsxPackage package)
    {
        var rels = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var r = package.OpenXml("xl/_rels/workbook.xml.rels"))
        {
            while (r is not null && r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship")
                {
                    var target = r.GetAttribute("Target") ?? string.Empty;
                    rels[r.GetAttribute("Id") ?? string.Empty] = target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
            }
        }

        var list = new List<(string, string)>();
        var date1904 = false;
        using var x = package.OpenXml("xl/workbook.xml");
        while (x is not null && x.Read())
        {
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "workbookPr")
            {
                date1904 = x.GetAttribute("date1904") is "1" or "true";
            }

            if (x.NodeType == XmlNodeType.Element && x.LocalName == "sheet" && x.NamespaceURI == Main
                && rels.TryGetValue(x.GetAttribute("id", RelNs) ?? string.Empty, out var path))
            {
                list.Add((x.GetAttribute("name") ?? string.Empty, path));
            }
        }

        return (list, date1904);
    }

    /// <summary>For each cell style index, whether its number format shows a date.</summary>
    private static List<bool> ReadDateStyles(XlsxPackage package)
    {
        var result = new List<bool>();
        var custom = new Dictionary<int, string>();
        using var r = package.OpenXml("xl/styles.xml");
        var inCellXfs = false;
        while (r is not null && r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "numFmt")
            {
                custom[Int(r.GetAttribute("numFmtId"))] = r.GetAttribute("formatCode") ?? string.Empty;
            }
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "cellXfs")
            {
                inCellXfs = !r.IsEmptyElement;
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }
            else if (inCellXfs && r.NodeType == XmlNodeType.Element && r.LocalName == "xf")
            {
                var id = Int(r.GetAttribute("numFmtId"));
                result.Add(IsDateFormat(id, custom.GetValueOrDefault(id)));
            }
        }

        return result;

        static int Int(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Built-in date formats (14–22, 27–36, 45–47, 50–58) and format codes with date or time parts.</summary>
    internal static bool IsDateFormat(int id, string? code)
    {
        if (id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58))
        {
            return true;
        }

        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var inQuote = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                inQuote = !inQuote;
            }
            else if (inQuote)
            {
                continue;
            }
            else if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c == '[')
            {
                // [Red], [$-804], [h] (elapsed hours are durations; still a date/time cell)
                var end = code.IndexOf(']', i);
                if (end < 0)
                {
                    return false;
                }

                i = end;
            }
            else if (c is 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S' or 'e' or 'E')
            {
                return true;
            }
            else if (c == ';')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Splits a cell reference such as "AB12" into row 12 and column 28; false unless it is one to three letters
    /// (A–XFD) and a row 1–1,048,576, nothing else.
    /// </summary>
    internal static bool TryParseReference(ReadOnlySpan<char> reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < reference.Length && i < 4 && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }

        if (i is 0 or > 3 || column > MaxExcelColumn)
        {
            return false;
        }

        var digits = reference[i..];
        return digits.Length is > 0 and <= 7 && char.IsAsciiDigit(digits[0]) && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out row) && row <= MaxExcelRow;
    }

    /// <summary>The buffer <see cref="ReadText"/> reads text through, one per thread.</summary>
    [ThreadStatic]
    private static char[]? Chunk;

    /// <summary>
    /// Reads the content of the element the reader is on (text, whitespace and CDATA of it and its children) in
    /// chunks, keeping at most <paramref name="max"/> characters; leaves the reader after the element's end.
    /// </summary>
    internal static string ReadText(XmlReader r, int max, StringBuilder sb, out bool tooLong)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(sb);
        tooLong = false;
        sb.Clear();
        if (r.IsEmptyElement)
        {
            r.Read();
            return string.Empty;
        }

        var depth = r.Depth;
        var chunk = Chunk ??= new char[4096];
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = r.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    if (sb.Length + n > max)
                    {
                        tooLong = true;
                    }
                    else
                    {
                        sb.Append(chunk, 0, n);
                    }
                }
            }

            r.Read();
        }

        r.Read();
        return tooLong ? string.Empty : sb.ToString();
    }
}
