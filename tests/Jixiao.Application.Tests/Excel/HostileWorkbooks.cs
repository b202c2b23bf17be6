using System.IO.Compression;
using System.Text;

namespace Jixiao.Application.Tests.Excel;

/// <summary>
/// Builds hostile .xlsx files at test time (a zip bomb is a few hundred KB of zip but gigabytes of XML, so it is never
/// committed): a minimal package whose worksheet XML is written by the caller, streamed through deflate.
/// </summary>
internal static class HostileWorkbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The sales header row (id, employee, date, product, units, amount) in row 1.</summary>
    public const string Header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>employee</t></is></c>"
        + "<c r=\"C1\" t=\"inlineStr\"><is><t>date</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>product</t></is></c>"
        + "<c r=\"E1\" t=\"inlineStr\"><is><t>units</t></is></c><c r=\"F1\" t=\"inlineStr\"><is><t>amount</t></is></c></row>";

    /// <summary>A valid sales row numbered <paramref name="r"/>, for employee E1 (id S{r}).</summary>
    public static string DataRow(int r) =>
        $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>S{r}</t></is></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>E1</t></is></c>"
        + $"<c r=\"C{r}\" t=\"inlineStr\"><is><t>2026-01-05</t></is></c><c r=\"D{r}\" t=\"inlineStr\"><is><t>suv</t></is></c>"
        + $"<c r=\"E{r}\"><v>1</v></c><c r=\"F{r}\"><v>100</v></c></row>";

    /// <summary>A workbook whose first sheet's sheetData is <paramref name="sheetData"/>.</summary>
    public static byte[] Sheet(string sheetData, string? afterSheetData = null, string? sharedStrings = null) =>
        Build(s => Write(s, sheetData), afterSheetData, sharedStrings);

    /// <summary>A workbook whose first sheet repeats <paramref name="unit"/> <paramref name="count"/> times after <paramref name="head"/>.</summary>
    public static byte[] Repeated(string head, string unit, long count, string tail = "", string? sharedStrings = null) =>
        Build(s => Repeat(s, head, unit, count, tail), null, sharedStrings);

    /// <summary>A workbook with the given sheet writer, optional XML after sheetData (mergeCells) and shared strings (si elements).</summary>
    public static byte[] Build(Action<Stream> writeSheetData, string? afterSheetData = null, string? sharedStrings = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
            Part(zip, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part(zip, "xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"sales\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part(zip, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            if (sharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\">{sharedStrings}</sst>");
            }

            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            Write(sheet, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
            writeSheetData(sheet);
            Write(sheet, "</sheetData>" + (afterSheetData ?? string.Empty) + "</worksheet>");
        }

        return ms.ToArray();
    }

    /// <summary>Writes <paramref name="head"/>, <paramref name="unit"/> × <paramref name="count"/> (in blocks) and <paramref name="tail"/>.</summary>
    public static void Repeat(Stream s, string head, string unit, long count, string tail)
    {
        Write(s, head);
        var one = Encoding.UTF8.GetBytes(unit);
        var perBlock = Math.Max(1, (1 << 20) / one.Length);
        var block = new byte[one.Length * perBlock];
        for (var i = 0; i < perBlock; i++)
        {
            one.CopyTo(block, i * one.Length);
        }

        for (var left = count; left > 0; left -= perBlock)
        {
            s.Write(block, 0, (int)(Math.Min(left, perBlock) * one.Length));
        }

        Write(s, tail);
    }

    public static void Write(Stream s, string text) => s.Write(Encoding.UTF8.GetBytes(text));

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var s = zip.CreateEntry(name).Open();
        Write(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }
}
