using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Jixiao.Application.Excel;

/// <summary>How a cell written by <see cref="XlsxWriter"/> is stored and shown.</summary>
internal enum XlsxStyle
{
    /// <summary>Text, or a number in the General format.</summary>
    General = 0,

    /// <summary>A bold header cell (text).</summary>
    Header = 1,

    /// <summary>A number shown with two decimals and thousands separators.</summary>
    Money = 2,

    /// <summary>A date (serial number) shown as yyyy-mm-dd.</summary>
    Date = 3,

    /// <summary>Text that starts like a formula: marked as text with Excel's leading apostrophe (quotePrefix).</summary>
    QuotedText = 4,

    /// <summary>A number shown with up to four decimals.</summary>
    Decimal = 5,
}

/// <summary>One cell to write: text, a number or a date, with a style.</summary>
internal readonly record struct XlsxCell(string? Text, decimal? Number, DateOnly? Date, XlsxStyle Style)
{
    public static XlsxCell Of(string? text) =>
        new(text, null, null, text is not null && ExcelExport.LooksLikeFormula(text) ? XlsxStyle.QuotedText : XlsxStyle.General);

    public static XlsxCell Header(string text) => new(text, null, null, XlsxStyle.Header);
}

/// <summary>A worksheet to write: name, column widths (in characters) and rows.</summary>
internal sealed record XlsxSheet(string Name, IReadOnlyList<double> Widths, IEnumerable<IReadOnlyList<XlsxCell>> Rows);

/// <summary>
/// Writes a minimal .xlsx (Office Open XML) workbook. Texts are inline strings, never formulas: no cell this
/// writer produces has a formula, whatever its text.
/// </summary>
internal static class XlsxWriter
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    public static void Write(Stream stream, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Element(w, "Default", ("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml"));
            Element(w, "Default", ("Extension", "xml"), ("ContentType", "application/xml"));
            Element(w, "Override", ("PartName", "/xl/workbook.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
            Element(w, "Override", ("PartName", "/xl/styles.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"));
            for (var i = 1; i <= sheets.Count; i++)
            {
                Element(w, "Override", ("PartName", $"/xl/worksheets/sheet{i}.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
            }

            w.WriteEndElement();
        });
        Part(zip, "_rels/.rels", w => Relationships(w, [("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")]));
        Part(zip, "xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, Rel);
            w.WriteStartElement("sheets", Main);
            for (var i = 0; i < sheets.Count; i++)
            {
                w.WriteStartElement("sheet", Main);
                w.WriteAttributeString("name", SheetName(sheets[i].Name));
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", Rel, "rId" + (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
        var rels = new List<(string, string, string)>();
        for (var i = 1; i <= sheets.Count; i++)
        {
            rels.Add(("rId" + i.ToString(CultureInfo.InvariantCulture), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml"));
        }

        rels.Add(("rIdStyles", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml"));
        Part(zip, "xl/_rels/workbook.xml.rels", w => Relationships(w, rels));
        Part(zip, "xl/styles.xml", WriteStyles);
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            Part(zip, $"xl/worksheets/sheet{i + 1}.xml", w => WriteSheet(w, sheet));
        }
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Excel's limits on sheet names: at most 31 characters, none of []:*?/\.</summary>
    internal static string SheetName(string name)
    {
        var chars = name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0 && !char.IsControl(c)).ToArray();
        var s = new string(chars).Trim('\'');
        if (s.Length == 0)
        {
            s = "Sheet1";
        }

        return s.Length > 31 ? s[..31] : s;
    }

    /// <summary>The Excel serial number of a date (1900 date system).</summary>
    internal static int Serial(DateOnly date) => date.DayNumber - ExcelEpoch.DayNumber;

    /// <summary>The column letters of a 1-based column number (1 = A, 27 = AA).</summary>
    internal static string ColumnLetters(int column)
    {
        var s = string.Empty;
        while (column > 0)
        {
            var r = (column - 1) % 26;
            s = (char)('A' + r) + s;
            column = (column - 1) / 26;
        }

        return s;
    }

    private static void WriteSheet(XmlWriter w, XlsxSheet sheet)
    {
        w.WriteStartElement("worksheet", Main);
        if (sheet.Widths.Count > 0)
        {
            w.WriteStartElement("cols", Main);
            for (var c = 0; c < sheet.Widths.Count; c++)
            {
                var n = (c + 1).ToString(CultureInfo.InvariantCulture);
                Element(w, "col", ("min", n), ("max", n), ("width", sheet.Widths[c].ToString(CultureInfo.InvariantCulture)), ("customWidth", "1"));
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("sheetData", Main);
        var r = 0;
        foreach (var row in sheet.Rows)
        {
            r++;
            var rowNumber = r.ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", rowNumber);
            for (var c = 0; c < row.Count; c++)
            {
                var cell = row[c];
                if (cell.Text is null && cell.Number is null && cell.Date is null)
                {
                    continue;
                }

                w.WriteStartElement("c", Main);
                w.WriteAttributeString("r", ColumnLetters(c + 1) + rowNumber);
                if (cell.Style != XlsxStyle.General)
                {
                    w.WriteAttributeString("s", ((int)cell.Style).ToString(CultureInfo.InvariantCulture));
                }

                if (cell.Date is { } date)
                {
                    w.WriteElementString("v", Main, Serial(date).ToString(CultureInfo.InvariantCulture));
                }
                else if (cell.Number is { } number)
                {
                    w.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteAttributeString("t", "inlineStr");
                    w.WriteStartElement("is", Main);
                    w.WriteStartElement("t", Main);
                    w.WriteAttributeString("xml", "space", null, "preserve");
                    w.WriteString(XmlSafe(cell.Text!));
                    w.WriteEndElement();
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>Control characters other than tab, CR and LF cannot be written in XML 1.0: they are dropped.</summary>
    private static string XmlSafe(string text)
    {
        foreach (var ch in text)
        {
            if (!XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
            {
                return new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());
            }
        }

        return text;
    }

    private static void WriteStyles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteStartElement("numFmts", Main);
        w.WriteAttributeString("count", "3");
        Element(w, "numFmt", ("numFmtId", "164"), ("formatCode", "#,##0.00"));
        Element(w, "numFmt", ("numFmtId", "165"), ("formatCode", "yyyy-mm-dd"));
        Element(w, "numFmt", ("numFmtId", "166"), ("formatCode", "0.####"));
        w.WriteEndElement();
        w.WriteStartElement("fonts", Main);
        w.WriteAttributeString("count", "2");
        w.WriteStartElement("font", Main);
        Element(w, "sz", ("val", "11"));
        Element(w, "name", ("val", "Calibri"));
        w.WriteEndElement();
        w.WriteStartElement("font", Main);
        Element(w, "b");
        Element(w, "sz", ("val", "11"));
        Element(w, "name", ("val", "Calibri"));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("fills", Main);
        w.WriteAttributeString("count", "2");
        w.WriteStartElement("fill", Main);
        Element(w, "patternFill", ("patternType", "none"));
        w.WriteEndElement();
        w.WriteStartElement("fill", Main);
        Element(w, "patternFill", ("patternType", "gray125"));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("borders", Main);
        w.WriteAttributeString("count", "1");
        Element(w, "border");
        w.WriteEndElement();
        w.WriteStartElement("cellStyleXfs", Main);
        w.WriteAttributeString("count", "1");
        Element(w, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"));
        w.WriteEndElement();
        w.WriteStartElement("cellXfs", Main);
        w.WriteAttributeString("count", "6");
        Element(w, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"));
        Element(w, "xf", ("numFmtId", "0"), ("fontId", "1"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyFont", "1"));
        Element(w, "xf", ("numFmtId", "164"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyNumberFormat", "1"));
        Element(w, "xf", ("numFmtId", "165"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyNumberFormat", "1"));
        Element(w, "xf", ("numFmtId", "49"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyNumberFormat", "1"), ("quotePrefix", "1"));
        Element(w, "xf", ("numFmtId", "166"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyNumberFormat", "1"));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Relationships(XmlWriter w, IEnumerable<(string Id, string Type, string Target)> rels)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        w.WriteStartElement("Relationships", ns);
        foreach (var (id, type, target) in rels)
        {
            w.WriteStartElement("Relationship", ns);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Element(XmlWriter w, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name, w.LookupPrefix(Main) is null && w.LookupPrefix("http://schemas.openxmlformats.org/package/2006/content-types") is not null
            ? "http://schemas.openxmlformats.org/package/2006/content-types"
            : Main);
        foreach (var (n, v) in attributes)
        {
            w.WriteAttributeString(n, v);
        }

        w.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);

        // A fixed time in every entry (not the machine's clock): the same sheets give the same bytes (a re-exported payroll month).
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var s = entry.Open();
        using var w = XmlWriter.Create(s, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument(standalone: true);
        write(w);
        w.WriteEndDocument();
    }
}
