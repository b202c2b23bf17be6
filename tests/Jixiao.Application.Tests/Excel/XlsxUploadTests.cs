using System.Globalization;
using Jixiao.Application.Excel;
using Jixiao.Application.Import;
using static Jixiao.Application.Tests.Excel.Workbooks;

namespace Jixiao.Application.Tests.Excel;

public sealed class XlsxUploadTests : IDisposable
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("jixiao-xlsx-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static readonly string Header = Row(1, T("A1", "订单号"), T("B1", "员工"), T("C1", "日期"), T("D1", "产品"), T("E1", "数量"), T("F1", "金额"));

    /// <summary>Converts a sales workbook, loads it next to a small organisation, returns the dataset and the worksheet's errors.</summary>
    private (DataLoadResult Loaded, List<DataError> Errors) LoadSales(byte[] workbook)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "org_units.csv"), "id,name,parent\nHQ,总部,\n");
        File.WriteAllText(Path.Combine(_dir.FullName, "employees.csv"), "id,name,org_unit,position,hire_date\nE1,张三,HQ,sales,2020-01-01\n");
        var upload = XlsxUpload.Convert(workbook, "销售.xlsx", TableSchemas.Sales);
        Assert.NotNull(upload.Csv);
        File.WriteAllText(Path.Combine(_dir.FullName, "sales.csv"), upload.Csv);
        var loaded = DataDirectoryLoader.Load(_dir.FullName);
        return (loaded, upload.MergeErrors(loaded.Errors));
    }

    [Fact]
    public void Convert_WhenNumberTextAndDateCells_ThenLoadedLikeCsv()
    {
        var book = Build(Header
            + Row(2, T("A2", "S1"), T("B2", "E1"), N("C2", "46037", 3), T("D2", "suv"), N("E2", "2"), N("F2", "1234.5", 2))
            + Row(3, T("A3", "S2"), T("B3", "E1"), T("C3", "2026-01-06"), T("D3", "suv"), T("E3", "１２"), T("F3", "12.5万"))
            + Row(4, N("A4", "1003"), T("B4", "E1"), T("C4", "2026-01-07"), T("D4", "suv"), N("E4", "0.30000000000000004"), T("F4", "1,234,567.89")));
        var (loaded, errors) = LoadSales(book);
        Assert.Empty(errors);
        Assert.True(loaded.Ok);
        var s = loaded.Dataset!.Sales;
        // Sorted by date: the serial 46037 is 2026-01-15.
        Assert.Equal(["S2", "1003", "S1"], Enumerable.Range(0, s.Count).Select(i => s.Id[i]));
        Assert.Equal(new DateOnly(2026, 1, 15).DayNumber, s.Day[2]);
        Assert.Equal([12_500_000L, 123_456_789L, 123_450L], Enumerable.Range(0, 3).Select(i => s.AmountCents[i]));
        Assert.Equal([120_000L, 3_000L, 20_000L], Enumerable.Range(0, 3).Select(i => s.Units[i]));
    }

    [Fact]
    public void Convert_WhenErrors_ThenExcelRowsAndColumnLettersInUsersLanguage()
    {
        var book = Build(Header
            + Row(2, T("A2", "S1"), T("B2", "E1"), T("C2", "2026-01-05"), T("D2", "suv"), N("E2", "1"), "<c r=\"F2\" t=\"e\"><f>VLOOKUP(A2,X!A:B,2,0)</f><v>#N/A</v></c>")
            + Row(4, T("A4", "S2"), T("B4", "E1"), T("C4", "2026/01/05"), T("D4", "suv"), N("E4", "1"), T("F4", "12,34")));
        var (_, errors) = LoadSales(book);
        Assert.Equal(
            [
                "销售.xlsx:2:F（金额）：单元格是错误值 #N/A，请检查公式",
                "销售.xlsx:4:C（日期）：'2026/01/05' 不是有效的日期（yyyy-MM-dd）",
                "销售.xlsx:4:F（金额）：'12,34' 不是有效的金额",
            ],
            errors.Select(e => e.Format(Zh)));
        Assert.Equal("销售.xlsx:2:F (金额): the cell holds the error value #N/A; check its formula", errors[0].Format(En));
    }

    [Fact]
    public void Convert_WhenDuplicateIdAcrossRows_ThenFirstRowIsTheExcelRow()
    {
        var book = Build(Header
            + Row(3, T("A3", "S1"), T("B3", "E1"), T("C3", "2026-01-05"), T("D3", "suv"), N("E3", "1"), N("F3", "1"))
            + Row(4, T("A4", "多行\n备注"), T("B4", "E1"), T("C4", "2026-01-05"), T("D4", "suv"), N("E4", "1"), N("F4", "1"))
            + Row(6, T("A6", "S1"), T("B6", "E9"), T("C6", "2026-01-05"), T("D6", "suv"), N("E6", "1"), N("F6", "1")));
        var (_, errors) = LoadSales(book);
        Assert.Equal([(6, "A", DataErrorCode.DuplicateId), (6, "B", DataErrorCode.UnknownEmployee)], errors.Select(e => (e.Line, e.ColumnLabel!, e.Code)));
        Assert.Equal("3", errors[0].Arguments[1]);
    }

    [Fact]
    public void Convert_WhenMergedTitleAboveHeader_ThenMergedCellsError()
    {
        var book = Build(Row(1, T("A1", "2026年1月销售")) + Header.Replace("1\"", "2\"", StringComparison.Ordinal), "A1:F1");
        var upload = XlsxUpload.Convert(book, "s.xlsx", TableSchemas.Sales);
        var error = Assert.Single(upload.Errors);
        Assert.Equal("s.xlsx:1:A：合并单元格 A1:F1：请取消合并并填写每个单元格", error.Format(Zh));
    }

    [Fact]
    public void Convert_WhenAFormulaWasSavedWithoutItsValue_ThenFormulaNotCalculatedAtTheCellButCalculatedFormulasAreRead()
    {
        // A program that writes formulas without calculating them leaves <f> without <v>: the cell would read as empty.
        var book = Build(Header
            + Row(2, T("A2", "S1"), T("B2", "E1"), T("C2", "2026-01-05"), T("D2", "suv"), N("E2", "2"), "<c r=\"F2\"><f>E2*100</f></c>")
            + Row(3, T("A3", "S2"), T("B3", "E1"), T("C3", "2026-01-05"), T("D3", "suv"), N("E3", "3"), "<c r=\"F3\"><f>E3*100</f><v>300</v></c>"));

        var upload = XlsxUpload.Convert(book, "销售.xlsx", TableSchemas.Sales);

        var error = Assert.Single(upload.Errors);
        Assert.Equal((DataErrorCode.FormulaNotCalculated, 2, "F"), (error.Code, error.Line, error.ColumnLabel));
        Assert.Equal("销售.xlsx:2:F（金额）：公式 =E2*100 没有计算结果；请在 Excel 中打开并重新保存文件", error.Format(Zh));
        Assert.Equal("销售.xlsx:2:F (金额): the formula =E2*100 has no calculated value; open the file in Excel and save it again", error.Format(En));
        Assert.EndsWith(",300", upload.Csv!.Split('\n')[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_WhenAnotherSheetHasData_ThenRejectedUnlessInstructions()
    {
        var rows = Header + Row(2, T("A2", "S1"), T("B2", "E1"), T("C2", "2026-01-05"), T("D2", "suv"), N("E2", "1"), N("F2", "1"));
        var extra = XlsxUpload.Convert(Build(rows, null, ("二月", Row(1, T("A1", "x")))), "s.xlsx", TableSchemas.Sales);
        Assert.Equal(DataErrorCode.ExtraSheet, Assert.Single(extra.Errors).Code);
        Assert.Equal("s.xlsx：工作簿的另一个工作表 '二月' 也有数据：每个文件只上传一个工作表（只读取第一个）", extra.Errors[0].Format(Zh));

        Assert.Empty(XlsxUpload.Convert(Build(rows, null, ("说明", Row(1, T("A1", "x"))), ("Sheet3", "")), "s.xlsx", TableSchemas.Sales).Errors);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0, 0 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 1, 2, 3 })]
    public void Convert_WhenNotAnXlsx_ThenInvalidWorkbook(byte[] content)
    {
        Assert.True(XlsxUpload.IsWorkbook("upload.bin", content));
        var upload = XlsxUpload.Convert(content, "old.xls", TableSchemas.Sales);
        Assert.Null(upload.Csv);
        Assert.Equal(DataErrorCode.InvalidWorkbook, Assert.Single(upload.Errors).Code);
    }

    [Fact]
    public void Convert_WhenPeriodTypedAsDate_ThenMonth()
    {
        var book = Build(Row(1, T("A1", "对象"), T("B1", "指标"), T("C1", "期间"), T("D1", "值"))
            + Row(2, T("A2", "E1"), T("B2", "sales"), N("C2", "46296", 3), N("D2", "1E+6")));
        var upload = XlsxUpload.Convert(book, "m.xlsx", TableSchemas.Metrics);
        Assert.Equal("对象,指标,期间,值\nE1,sales,2026-10,1000000\n", upload.Csv);
    }

    [Theory]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(1234567.891, "1234567.891")]
    public void NumberText_WhenDouble_ThenAsExcelShowsIt(double value, string expected) =>
        Assert.Equal(expected, XlsxUpload.NumberText(value));
}
