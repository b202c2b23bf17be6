using System.Globalization;
using Jixiao.Application.DataImports;
using Jixiao.Application.Excel;
using Jixiao.Testing;

namespace Jixiao.Persistence.Tests;

public sealed class XlsxImportTests : IDisposable
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static UploadFile Template(string source, bool xlsx)
    {
        using var ms = new MemoryStream();
        if (xlsx)
        {
            UploadTemplates.WriteXlsx(source, ms);
        }
        else
        {
            UploadTemplates.WriteCsv(source, ms);
        }

        return new UploadFile(source, UploadTemplates.FileName(source, xlsx), ms.ToArray());
    }

    private async Task<ImportOutcome> Import(params UploadFile[] files)
    {
        using var db = _db.NewContext();
        return await new DataImporter(db, TestClock.New()).ImportAsync(files, "hr", Jan1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Templates_WhenUploadedUnchanged_ThenEachExampleRowImportsOnceAndAgainChangesNothing(bool xlsx)
    {
        // Into an empty company, units and employees come together (they refer to each other).
        var org = await Import(Template(DataSources.OrgUnits, xlsx), Template(DataSources.Employees, xlsx));
        Assert.True(org.Ok, string.Join("\n", org.Errors));
        Assert.All(org.Uploads, u => Assert.Equal((1, 1), (u.Rows, u.Inserted)));
        foreach (var source in DataSources.All.Skip(2))
        {
            var outcome = await Import(Template(source, xlsx));
            Assert.True(outcome.Ok, source + ": " + string.Join("\n", outcome.Errors));
            var upload = Assert.Single(outcome.Uploads);
            Assert.Equal((1, 1), (upload.Rows, upload.Inserted));
        }

        foreach (var source in DataSources.All)
        {
            var again = Assert.Single((await Import(Template(source, xlsx))).Uploads);
            Assert.Equal((1, 0, 1), (again.Rows, again.Inserted, again.Unchanged));
        }

        using var db = _db.NewContext();
        var sale = Assert.Single(db.Sales);
        Assert.Equal(("SO-2026-0001", 123_456.78m, new DateOnly(2026, 1, 15)), (sale.ExternalId, sale.Amount, sale.Date));
        Assert.Equal(1_200_000m, Assert.Single(db.Targets).Value);
    }

    [Fact]
    public async Task Xlsx_WhenOneBadRow_ThenNothingStoredAndErrorNamesExcelRowAndColumn()
    {
        Assert.True((await Import(Template(DataSources.OrgUnits, true), Template(DataSources.Employees, true))).Ok);
        var columns = UploadTemplates.Headers(DataSources.Expenses).Select(h => new ExportColumn(h, h)).ToArray();
        using var ms = new MemoryStream();
        ExcelExport.Write(ms, "费用", columns,
        [
            ["FY-1", "E001", new DateOnly(2026, 1, 2), "差旅", 100m],
            ["FY-2", "E001", new DateOnly(2026, 1, 3), "差旅", "-５"],
        ]);

        var outcome = await Import(new UploadFile(DataSources.Expenses, "费用.xlsx", ms.ToArray()));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("费用.xlsx:3:E（费用金额 amount）：'-５' 不能为负数", error.Format(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Empty(outcome.Uploads);
        using var db = _db.NewContext();
        Assert.Empty(db.Expenses);
        Assert.Empty(db.Uploads.Where(u => u.Source == DataSources.Expenses));
    }

    [Fact]
    public async Task Upload_WhenXlsxExtensionButNotAWorkbook_ThenInvalidWorkbook()
    {
        var outcome = await Import(new UploadFile(DataSources.Sales, "sales.xlsx", "id,employee\n"u8.ToArray()));
        Assert.Equal("sales.xlsx: the file is not a readable Excel workbook (.xlsx); save it as .xlsx or as CSV (UTF-8)",
            Assert.Single(outcome.Errors).Format(CultureInfo.GetCultureInfo("en")));
    }
}
