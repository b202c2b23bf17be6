using Jixiao.Application.DataImports;
using Jixiao.Application.Excel;
using Jixiao.Application.Import;
using MiniExcelLibs;

namespace Jixiao.Application.Tests.Excel;

public sealed class UploadTemplatesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("jixiao-templates-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Templates_WhenConvertedUnchanged_ThenEveryExampleRowLoads()
    {
        foreach (var source in DataSources.All)
        {
            var path = Path.Combine(_dir.FullName, UploadTemplates.FileName(source, xlsx: true));
            using (var file = File.Create(path))
            {
                UploadTemplates.WriteXlsx(source, file);
            }

            var upload = XlsxUpload.Convert(File.ReadAllBytes(path), Path.GetFileName(path), TableSchemas.ForSource(source));
            Assert.Empty(upload.Errors);
            File.WriteAllText(Path.Combine(_dir.FullName, source + ".csv"), upload.Csv);
        }

        var loaded = DataDirectoryLoader.Load(_dir.FullName);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var d = loaded.Dataset!;
        Assert.Equal((1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
            (d.OrgUnits.Count, d.Employees.Count, d.Sales.Count, d.Credits.Count, d.Collections.Count, d.Expenses.Count, d.Activities.Count,
                d.Targets.Count, d.Ratings.Count, d.DirectValues.Count));
        Assert.Equal(12_345_678L, d.Sales.AmountCents[0]);
    }

    [Fact]
    public void CsvTemplates_WhenUnchanged_ThenEveryExampleRowLoads()
    {
        foreach (var source in DataSources.All)
        {
            using var file = File.Create(Path.Combine(_dir.FullName, source + ".csv"));
            UploadTemplates.WriteCsv(source, file);
        }

        var loaded = DataDirectoryLoader.Load(_dir.FullName);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Single(loaded.Dataset!.Ratings);
    }

    [Fact]
    public void XlsxTemplate_WhenOpenedWithMiniExcel_ThenBilingualHeaderExampleAndChineseDescriptions()
    {
        var path = Path.Combine(_dir.FullName, "sales_template.xlsx");
        using (var file = File.Create(path))
        {
            UploadTemplates.WriteXlsx(DataSources.Sales, file);
        }

        Assert.Equal(["sales", "说明"], MiniExcel.GetSheetNames(path));
        var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var example = Assert.Single(rows);
        Assert.Equal("SO-2026-0001", example["订单号 id"]);
        Assert.Equal("E001", example["员工编号 employee"]);
        Assert.Equal(123_456.78, example["销售金额 amount"]);
        Assert.Equal(new DateTime(2026, 1, 15), example["销售日期 date"]);

        var help = MiniExcel.Query(path, useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object?>>().ToList();
        var amount = help.Single(r => (string?)r["列名"] == "销售金额 amount");
        Assert.Equal("必填", amount["必填"]);
        Assert.Contains("万", (string)amount["格式"]!, StringComparison.Ordinal);
        Assert.Equal("选填", help.Single(r => (string?)r["列名"] == "成本 cost")["必填"]);
    }

    [Theory]
    [InlineData("员工编号 employee", 1)]
    [InlineData("  金额\tamount ", 6)]
    [InlineData("金额 employee", -1)]
    [InlineData("销售日期 date", 2)]
    public void Match_WhenBilingualHeader_ThenBothNamesMustAgree(string header, int expected) =>
        Assert.Equal(expected, TableSchemas.Sales.Match(header));
}
