using System.Globalization;
using System.IO.Compression;
using System.Text;
using Jixiao.Application.Excel;
using MiniExcelLibs;

namespace Jixiao.Application.Tests.Excel;

public sealed class ExcelExportTests : IDisposable
{
    private const string Injection = "=HYPERLINK(\"http://x\",\"y\")";

    private static readonly ExportColumn[] Columns =
    [
        new("员工", "Employee"),
        new("金额", "Amount", ExportKind.Money),
        new("日期", "Date", ExportKind.Date),
        new("数量", "Units", ExportKind.Number),
    ];

    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("jixiao-export-").FullName, "export.xlsx");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    private void Export(CultureInfo culture, params object?[][] rows)
    {
        using var file = File.Create(_path);
        ExcelExport.Write(file, "业绩", Columns, rows, culture);
    }

    private List<IDictionary<string, object?>> Read() =>
        [.. MiniExcel.Query(_path, useHeaderRow: false).Cast<IDictionary<string, object?>>()];

    [Fact]
    public void Write_WhenRows_ThenHeadersByCultureMoneyDatesAndNumbers()
    {
        Export(CultureInfo.GetCultureInfo("zh-CN"), ["张三", 1234.567m, new DateOnly(2026, 1, 15), 3], ["李四", -5L, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Unspecified), 0.25]);
        var rows = Read();
        Assert.Equal(["员工", "金额", "日期", "数量"], rows[0].Values.Select(v => v?.ToString()));
        Assert.Equal("张三", rows[1]["A"]);
        Assert.Equal(1234.57, Assert.IsType<double>(rows[1]["B"]));
        Assert.Equal(new DateTime(2026, 1, 15), Assert.IsType<DateTime>(rows[1]["C"]));
        Assert.Equal(3.0, Assert.IsType<double>(rows[1]["D"]));
        Assert.Equal(-5.0, Assert.IsType<double>(rows[2]["B"]));
        Assert.Equal(new DateTime(2026, 2, 1), rows[2]["C"]);
        Assert.Equal(0.25, rows[2]["D"]);
        Assert.Equal("业绩", MiniExcel.GetSheetNames(_path).Single());

        Export(CultureInfo.GetCultureInfo("en-US"), ["x", 1m, null, null]);
        Assert.Equal(["Employee", "Amount", "Date", "Units"], Read()[0].Values.Select(v => v?.ToString()));
    }

    [Fact]
    public void Write_WhenTextLooksLikeFormula_ThenTextCellWithApostropheStyleAndNoFormula()
    {
        Export(CultureInfo.InvariantCulture, [Injection, -3m, null, null], ["+1", "-", "@SUM(A1)", "\tx"]);
        var rows = Read();
        Assert.Equal(Injection, rows[1]["A"]);
        Assert.Equal(-3.0, rows[1]["B"]);
        Assert.Equal(["+1", "-", "@SUM(A1)", "\tx"], rows[2].Values.Select(v => v?.ToString()));

        using var zip = ZipFile.OpenRead(_path);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var sheet = reader.ReadToEnd();
        Assert.DoesNotContain("<f>", sheet, StringComparison.Ordinal);
        Assert.Contains("<c r=\"A2\" s=\"4\" t=\"inlineStr\">", sheet, StringComparison.Ordinal);
        using var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open());
        Assert.Contains("quotePrefix=\"1\"", styles.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_WhenTextLooksLikeFormula_ThenApostropheAndNumbersStayNumbers()
    {
        using var ms = new MemoryStream();
        ExcelExport.WriteCsv(ms, Columns, [[Injection, -1234.5m, new DateOnly(2026, 1, 5), -2]], CultureInfo.GetCultureInfo("en"));
        var text = Encoding.UTF8.GetString(ms.ToArray()).TrimStart('\uFEFF');
        Assert.Equal("Employee,Amount,Date,Units\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1234.50,2026-01-05,-2\r\n", text);
    }
}
