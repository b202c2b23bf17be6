using System.IO.Compression;
using System.Text;
using Jixiao.Application.Excel;

namespace Jixiao.Application.Tests.Excel;

/// <summary>Builds .xlsx files for tests: a real package whose first worksheet's XML is given.</summary>
internal static class Workbooks
{
    /// <summary>
    /// A workbook whose first sheet has <paramref name="sheetData"/> (row elements), optional merge cells, and
    /// further sheets given by name and sheetData. Style 3 is a yyyy-mm-dd date, 2 money.
    /// </summary>
    public static byte[] Build(string sheetData, string? mergeCells = null, params (string Name, string SheetData)[] others)
    {
        var sheets = new List<XlsxSheet> { new("data", [], []) };
        sheets.AddRange(others.Select(o => new XlsxSheet(o.Name, [], [])));
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, sheets);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            Replace(zip, "xl/worksheets/sheet1.xml", sheetData, mergeCells);
            for (var i = 0; i < others.Length; i++)
            {
                Replace(zip, $"xl/worksheets/sheet{i + 2}.xml", others[i].SheetData, null);
            }
        }

        return ms.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, string sheetData, string? mergeCells)
    {
        zip.GetEntry(name)!.Delete();
        using var s = zip.CreateEntry(name).Open();
        var merges = mergeCells is null ? string.Empty : $"<mergeCells count=\"1\"><mergeCell ref=\"{mergeCells}\"/></mergeCells>";
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + sheetData + "</sheetData>" + merges + "</worksheet>";
        s.Write(Encoding.UTF8.GetBytes(xml));
    }

    /// <summary>An inline text cell.</summary>
    public static string T(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A number cell, optionally styled.</summary>
    public static string N(string reference, string value, int style = 0) =>
        style == 0 ? $"<c r=\"{reference}\"><v>{value}</v></c>" : $"<c r=\"{reference}\" s=\"{style}\"><v>{value}</v></c>";

    public static string Row(int r, params string[] cells) => $"<row r=\"{r}\">{string.Concat(cells)}</row>";
}
