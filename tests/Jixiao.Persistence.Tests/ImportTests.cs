using System.Globalization;
using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

public sealed class ImportTests : IDisposable
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    private const string OrgUnits = """
        id,name,parent,manager
        HQ,总部,,E1
        S1,一店,HQ,E2
        S2,二店,HQ,
        """;

    private const string Employees = """
        id,name,org_unit,manager,position,hire_date
        E1,王总,HQ,,manager,2020-01-01
        E2,李经理,S1,E1,manager,2021-01-01
        E3,张三,S1,E2,salesperson,2025-06-01
        """;

    private const string Sales = """
        id,employee,date,product,units,amount,cost
        A1,E3,2026-02-03,suv,1,"200,000.10",180000
        A2,E3,2026-01-15,sedan,2,１２万,100000
        """;

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static UploadFile File(string source, string text) => new(source, source + ".csv", Encoding.UTF8.GetBytes(text + "\n"));

    private async Task<ImportOutcome> Import(DateOnly effective, params UploadFile[] files)
    {
        using var db = _db.NewContext();
        return await new DataImporter(db, TestClock.New()).ImportAsync(files, "tester", effective);
    }

    private async Task SeedOrg()
    {
        var outcome = await Import(Jan1, File(DataSources.OrgUnits, OrgUnits), File(DataSources.Employees, Employees));
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
    }

    [Fact]
    public async Task Import_WhenOrgAndSales_ThenStoredExactly()
    {
        await SeedOrg();
        var outcome = await Import(Jan1, File(DataSources.Sales, Sales));
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
        var upload = Assert.Single(outcome.Uploads);
        Assert.Equal((2, 2, 0, 0), (upload.Rows, upload.Inserted, upload.Updated, upload.Unchanged));

        using var db = _db.NewContext();
        var a1 = db.Sales.Single(s => s.ExternalId == "A1");
        Assert.Equal(200_000.10m, a1.Amount);
        Assert.Equal(new DateOnly(2026, 2, 3), a1.Date);
        Assert.Equal(120_000m, db.Sales.Single(s => s.ExternalId == "A2").Amount);
        Assert.Equal(3, db.Employees.Count());
        Assert.Equal(3, db.AuditLog.Count());
    }

    [Fact]
    public async Task Import_WhenSameFileAgain_ThenNothingChanges()
    {
        await SeedOrg();
        await Import(Jan1, File(DataSources.Sales, Sales));
        var again = await Import(Jan1, File(DataSources.Sales, Sales));
        var upload = Assert.Single(again.Uploads);
        Assert.Equal((2, 0, 0, 2), (upload.Rows, upload.Inserted, upload.Updated, upload.Unchanged));

        var org = await Import(Jan1, File(DataSources.OrgUnits, OrgUnits), File(DataSources.Employees, Employees));
        Assert.All(org.Uploads, u => Assert.Equal(u.Rows, u.Unchanged));

        using var db = _db.NewContext();
        Assert.Equal(2, db.Sales.Count());
        Assert.Equal(3, db.Assignments.Count());
    }

    [Fact]
    public async Task Import_WhenRowChangedUnderSameId_ThenUpdatedInPlace()
    {
        await SeedOrg();
        await Import(Jan1, File(DataSources.Sales, Sales));
        var changed = Sales.Replace("\"200,000.10\"", "199000", StringComparison.Ordinal);
        var outcome = await Import(Jan1, File(DataSources.Sales, changed));
        var upload = Assert.Single(outcome.Uploads);
        Assert.Equal((0, 1, 1), (upload.Inserted, upload.Updated, upload.Unchanged));

        using var db = _db.NewContext();
        var a1 = db.Sales.Single(s => s.ExternalId == "A1");
        Assert.Equal(199_000m, a1.Amount);
        Assert.Equal(upload.Id, a1.UploadId);
        Assert.Equal(2, db.Sales.Count());
    }

    [Fact]
    public async Task Import_WhenOneRowBad_ThenNothingWrittenAndErrorByRowAndColumnInChinese()
    {
        await SeedOrg();
        var bad = Sales + "\nA3,E9,2026-02-30,suv,1,abc,0";
        var outcome = await Import(Jan1, File(DataSources.Sales, bad));
        Assert.False(outcome.Ok);
        Assert.Empty(outcome.Uploads);
        Assert.Contains(outcome.Errors, e => e.File == "sales.csv" && e.Line == 4 && e.ColumnName == "amount");
        var zh = string.Join("\n", outcome.Errors.Select(e => e.Format(CultureInfo.GetCultureInfo("zh-CN"))));
        Assert.Matches("[\u4e00-\u9fff]", zh);

        using var db = _db.NewContext();
        Assert.Equal(0, db.Sales.Count());
        Assert.Equal(1, db.Uploads.Count(u => u.Source == DataSources.OrgUnits));
        Assert.Equal(0, db.Uploads.Count(u => u.Source == DataSources.Sales));
    }

    [Fact]
    public async Task Import_WhenSalesBeforeOrganisation_ThenErrorNotCrash()
    {
        var outcome = await Import(Jan1, File(DataSources.Sales, Sales));
        Assert.False(outcome.Ok);
    }

    [Fact]
    public async Task Import_WhenEmployeeTransferred_ThenHistoryKeepsOldUnitBeforeTheTransfer()
    {
        await SeedOrg();
        var moved = Employees.Replace("E3,张三,S1,E2", "E3,张三,S2,E1", StringComparison.Ordinal);
        var outcome = await Import(new DateOnly(2026, 3, 16), File(DataSources.Employees, moved));
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
        Assert.Equal(1, outcome.Uploads[0].Updated);

        using var db = _db.NewContext();
        var history = db.Assignments.Where(a => a.EmployeeId == "E3").OrderBy(a => a.ValidFrom).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(("S1", new DateOnly(2026, 3, 16)), (history[0].OrgUnitId, history[0].ValidTo!.Value));
        Assert.Equal(("S2", (DateOnly?)null), (history[1].OrgUnitId, history[1].ValidTo));

        var feb = await DatasetBuilder.BuildAsync(db, Period.Parse("2026-02"));
        var apr = await DatasetBuilder.BuildAsync(db, Period.Parse("2026-04"));
        Assert.Equal("S1", feb.Dataset.Employees[feb.Dataset.EmployeeIndex("E3")].OrgUnitId);
        Assert.Equal("S2", apr.Dataset.Employees[apr.Dataset.EmployeeIndex("E3")].OrgUnitId);
    }

    [Fact]
    public async Task Import_WhenTargetsRatingsMetricsCredits_ThenKeyedByTheirColumns()
    {
        await SeedOrg();
        await Import(Jan1, File(DataSources.Sales, Sales));
        var outcome = await Import(Jan1,
            File(DataSources.Credits, "sale,employee,share\nA1,E3,60%\nA1,E2,0.4"),
            File(DataSources.Targets, "subject,metric,period,value\nE3,revenue,2026-02,30万\nS1,revenue,2026-Q1,100万"),
            File(DataSources.Ratings, "employee,period,indicator,points,rater,comment\nE3,2026-02,teamwork,8,E2,好"),
            File(DataSources.Metrics, "subject,metric,period,value\nS1,opening_customers,2026-02,120"));
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));

        using var db = _db.NewContext();
        Assert.Equal(0.6m, db.Credits.Single(c => c.ExternalId == "A1|E3").Share);
        Assert.Equal(300_000m, db.Targets.Single(t => t.ExternalId == "E3|revenue|2026-02").Value);
        Assert.Equal("好", db.Ratings.Single(r => r.ExternalId == "E3|2026-02|teamwork|E2").Comment);
        Assert.Equal(120m, db.MetricValues.Single().Value);

        var data = (await DatasetBuilder.BuildAsync(db, Period.Parse("2026-02"))).Dataset;
        Assert.Equal(2, data.Credits.Count);
        Assert.Equal(["A2", "A1"], [data.Sales.Id[0], data.Sales.Id[1]]); // sorted by day
    }
}
