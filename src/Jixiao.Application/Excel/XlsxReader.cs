using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

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
}

/// <summary>A non-empty cell: 1-based row and column, kind, text (or the error text / formula), number, and whether it is date-formatted.</summary>
internal sealed record XlsxCellValue(int Row, int Column, XlsxCellKind Kind, string Text, double Number, bool IsDate);

/// <summary>A worksheet as read: its name, cells by row, merged ranges.</summary>
internal sealed record XlsxWorksheet(string Name, SortedDictionary<int, List<XlsxCellValue>> Rows, IReadOnlyList<string> MergedRanges);

/// <summary>The worksheets of a workbook, in tab order, each with whether it has any cell.</summary>
/// <remarks><paramref name="Date1904"/>: serial numbers count from 1904-01-01 (old Mac workbooks).</remarks>
internal sealed record XlsxWorkbook(XlsxWorksheet First, IReadOnlyList<(string Name, bool Empty)> Others, bool Date1904);

/// <summary>
/// Reads the cell values of an .xlsx workbook (Office Open XML) straight from its XML: cached values of formulas,
/// shared and inline strings, date detection from number formats, error values and merged ranges.
/// </summary>
internal static class XlsxReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Whether <paramref name="content"/> starts like a ZIP archive (an .xlsx is one).</summary>
    public static bool IsZip(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <summary>Reads the workbook; returns null when it is not a readable .xlsx.</summary>
    public static XlsxWorkbook? Read(byte[] content)
    {
        if (!IsZip(content))
        {
            return null;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var (sheets, date1904) = ReadSheetList(zip);
            if (sheets.Count == 0)
            {
                return null;
            }

            var strings = ReadSharedStrings(zip);
            var dateStyles = ReadDateStyles(zip);
            var first = ReadSheet(zip, sheets[0].Name, sheets[0].Path, strings, dateStyles);
            if (first is null)
            {
                return null;
            }

            var others = new List<(string, bool)>();
            foreach (var (name, path) in sheets.Skip(1))
            {
                var sheet = ReadSheet(zip, name, path, strings, dateStyles);
                others.Add((name, sheet is null || sheet.Rows.Count == 0));
            }

            return new XlsxWorkbook(first, others, date1904);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static XmlReader Open(ZipArchiveEntry entry) =>
        XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false, XmlResolver = null });

    private static (List<(string Name, string Path)> Sheets, bool Date1904) ReadSheetList(ZipArchive zip)
    {
        var rels = new Dictionary<string, string>(StringComparer.Ordinal);
        var relsEntry = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (relsEntry is not null)
        {
            using var r = Open(relsEntry);
            while (r.Read())
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
        var wb = zip.GetEntry("xl/workbook.xml");
        if (wb is null)
        {
            return (list, false);
        }

        using var x = Open(wb);
        while (x.Read())
        {
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "workbookPr")
            {
                date1904 = x.GetAttribute("date1904") is "1" or "true";
            }

            if (x.NodeType == XmlNodeType.Element && x.LocalName == "sheet" && x.NamespaceURI == Main)
            {
                var id = x.GetAttribute("id", RelNs) ?? string.Empty;
                if (rels.TryGetValue(id, out var path))
                {
                    list.Add((x.GetAttribute("name") ?? string.Empty, path));
                }
            }
        }

        return (list, date1904);
    }

    private static List<string> ReadSharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null)
        {
            return list;
        }

        using var r = Open(entry);
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
            {
                list.Add(ReadRichText(r));
            }
        }

        return list;
    }

    /// <summary>The text of an si or is element: its t elements, without phonetic runs (rPh).</summary>
    private static string ReadRichText(XmlReader r)
    {
        var sb = new StringBuilder();
        using var sub = r.ReadSubtree();
        sub.Read();
        sub.Read();
        while (!sub.EOF)
        {
            if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "rPh")
            {
                sub.Skip();
            }
            else if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "t")
            {
                sb.Append(sub.ReadElementContentAsString());
            }
            else
            {
                sub.Read();
            }
        }

        return sb.ToString();
    }

    /// <summary>For each cell style index, whether its number format shows a date.</summary>
    private static List<bool> ReadDateStyles(ZipArchive zip)
    {
        var result = new List<bool>();
        var entry = zip.GetEntry("xl/styles.xml");
        if (entry is null)
        {
            return result;
        }

        var custom = new Dictionary<int, string>();
        using var r = Open(entry);
        var inCellXfs = false;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "numFmt")
            {
                custom[int.Parse(r.GetAttribute("numFmtId") ?? "0", CultureInfo.InvariantCulture)] = r.GetAttribute("formatCode") ?? string.Empty;
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
                var id = int.Parse(r.GetAttribute("numFmtId") ?? "0", CultureInfo.InvariantCulture);
                result.Add(IsDateFormat(id, custom.GetValueOrDefault(id)));
            }
        }

        return result;
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

    private static XlsxWorksheet? ReadSheet(ZipArchive zip, string name, string path, List<string> strings, List<bool> dateStyles)
    {
        var entry = zip.GetEntry(path);
        if (entry is null)
        {
            return null;
        }

        var rows = new SortedDictionary<int, List<XlsxCellValue>>();
        var merged = new List<string>();
        using var r = Open(entry);
        var rowNumber = 0;
        var nextColumn = 1;
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (r.LocalName)
            {
                case "row":
                    var rn = r.GetAttribute("r");
                    rowNumber = rn is null ? rowNumber + 1 : int.Parse(rn, CultureInfo.InvariantCulture);
                    nextColumn = 1;
                    break;
                case "c":
                    var cell = ReadCell(r, rowNumber, ref nextColumn, strings, dateStyles);
                    if (cell is not null)
                    {
                        if (!rows.TryGetValue(cell.Row, out var list))
                        {
                            rows[cell.Row] = list = [];
                        }

                        list.Add(cell);
                    }

                    break;
                case "mergeCell":
                    merged.Add(r.GetAttribute("ref") ?? string.Empty);
                    break;
            }
        }

        return new XlsxWorksheet(name, rows, merged);
    }

    private static XlsxCellValue? ReadCell(XmlReader r, int rowNumber, ref int nextColumn, List<string> strings, List<bool> dateStyles)
    {
        var reference = r.GetAttribute("r");
        var type = r.GetAttribute("t") ?? "n";
        var style = int.Parse(r.GetAttribute("s") ?? "0", CultureInfo.InvariantCulture);
        int row = rowNumber, column = nextColumn;
        if (reference is not null)
        {
            (row, column) = ParseReference(reference);
        }

        nextColumn = column + 1;
        if (r.IsEmptyElement)
        {
            return null;
        }

        string? value = null, formula = null, inline = null;
        using (var sub = r.ReadSubtree())
        {
            sub.Read();
            sub.Read();
            while (!sub.EOF)
            {
                if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "v")
                {
                    value = sub.ReadElementContentAsString();
                }
                else if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "f")
                {
                    formula = sub.ReadElementContentAsString();
                }
                else if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "is")
                {
                    inline = ReadRichText(sub);
                    sub.Read();
                }
                else
                {
                    sub.Read();
                }
            }
        }

        if (type == "inlineStr")
        {
            return inline is null or "" ? null : new XlsxCellValue(row, column, XlsxCellKind.Text, inline, 0, false);
        }

        if (value is null)
        {
            return formula is null ? null : new XlsxCellValue(row, column, XlsxCellKind.UncalculatedFormula, "=" + formula, 0, false);
        }

        switch (type)
        {
            case "s":
                var text = strings[int.Parse(value, CultureInfo.InvariantCulture)];
                return text.Length == 0 ? null : new XlsxCellValue(row, column, XlsxCellKind.Text, text, 0, false);
            case "str":
                return value.Length == 0 ? null : new XlsxCellValue(row, column, XlsxCellKind.Text, value, 0, false);
            case "b":
                return new XlsxCellValue(row, column, XlsxCellKind.Boolean, value == "1" ? "TRUE" : "FALSE", 0, false);
            case "e":
                return new XlsxCellValue(row, column, XlsxCellKind.Error, value, 0, false);
            case "d":
                // ISO 8601 date cells (rare; strict OOXML).
                return new XlsxCellValue(row, column, XlsxCellKind.Text, value.Length >= 10 ? value[..10] : value, 0, false);
            default:
                var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                var isDate = style < dateStyles.Count && dateStyles[style];
                return new XlsxCellValue(row, column, XlsxCellKind.Number, value, number, isDate);
        }
    }

    /// <summary>Splits "AB12" into row 12 and column 28.</summary>
    internal static (int Row, int Column) ParseReference(string reference)
    {
        var column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }

        var row = i < reference.Length ? int.Parse(reference.AsSpan(i), CultureInfo.InvariantCulture) : 0;
        return (row, column);
    }
}
