using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>The 评分 sheet's storage: version tokens on ratings, conflicts, all-or-nothing batches, and uploads that meet page edits.</summary>
public sealed class RatingServiceTests : IDisposable
{
    private static readonly Period October = Period.Parse("2026-10");
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task SeedDemo()
    {
        using var db = _db.NewContext();
        var imported = await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "seed", new DateOnly(2026, 1, 1));
        Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
        var (version, _) = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed");
        Assert.NotNull(version);
    }

    private static async Task<AccessScope> ManagerAsync(JixiaoDbContext db) =>
        await AccessScope.ForAsync(db, "M01", ScopeKind.Subtree, ratingComments: true, new DateOnly(2026, 11, 1));

    private static async Task<RatingEntry> EntryAsync(JixiaoDbContext db, AccessScope scope, string employee, string indicator) =>
        (await new RatingService(db, TestClock.New()).LoadAsync(scope, October))!.Single(p => p.EmployeeId == employee).Entries.Single(e => e.Indicator == indicator);

    [Fact]
    public async Task Save_WhenSomeoneSavedMeanwhile_ThenConflictAndTheirValueStays()
    {
        await SeedDemo();
        using var mine = _db.NewContext();
        using var theirs = _db.NewContext();
        var scope = await ManagerAsync(mine);
        var read = await EntryAsync(mine, scope, "S11", "team_management");

        var first = await new RatingService(theirs, TestClock.New()).SaveAsync(AccessScope.All(true), October, "hr", null,
            [new RatingInput("S11", "team_management", 29m, "HR", read.Version)]);
        Assert.True(first.Ok);
        Assert.Equal(read.Version + 1, first.Saved[0].Version);

        var second = await new RatingService(mine, TestClock.New()).SaveAsync(scope, October, "M01", null,
            [new RatingInput("S11", "sales_analysis", 10m, null, (await EntryAsync(mine, scope, "S11", "sales_analysis")).Version),
             new RatingInput("S11", "team_management", 1m, "mine", read.Version)]);
        Assert.Equal(RatingSaveStatus.Conflict, second.Status);
        Assert.Equal(1, Assert.Single(second.Errors).Index);

        using var check = _db.NewContext();
        var stored = await check.Ratings.AsNoTracking().Where(r => r.EmployeeId == "S11" && r.Period == "2026-10").ToDictionaryAsync(r => r.Indicator);
        Assert.Equal(29m, stored["team_management"].Points);
        Assert.NotEqual(10m, stored["sales_analysis"].Points);
    }

    [Fact]
    public async Task Version_WhenTrackedRowChangedByAnotherContext_ThenConcurrencyException()
    {
        await SeedDemo();
        using var a = _db.NewContext();
        using var b = _db.NewContext();
        var rowA = await a.Ratings.FirstAsync(r => r.EmployeeId == "S12" && r.Period == "2026-10");
        var rowB = await b.Ratings.FirstAsync(r => r.Id == rowA.Id);
        rowB.Points = 1m;
        await b.SaveChangesAsync();
        rowA.Points = 2m;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => a.SaveChangesAsync());
    }

    [Fact]
    public async Task Upload_WhenSameRatingsFileAfterAPageEdit_ThenFileWinsAndVersionMovesSoStalePagesConflict()
    {
        await SeedDemo();
        using var db = _db.NewContext();
        var scope = await ManagerAsync(db);
        var before = await EntryAsync(db, scope, "S11", "team_management");
        var ratings = DemoCompany.Files(TestClock.Today).Single(f => f.Source == DataSources.Ratings);

        // The same file again: nothing changes, versions included.
        var again = await new DataImporter(db, TestClock.New()).ImportAsync(ratings, "hr", new DateOnly(2026, 11, 1));
        Assert.True(again.Ok);
        Assert.Equal(0, again.Uploads[0].Updated);
        Assert.Equal(before.Version, (await EntryAsync(db, scope, "S11", "team_management")).Version);

        var saved = await new RatingService(db, TestClock.New()).SaveAsync(scope, October, "M01", null,
            [new RatingInput("S11", "team_management", before.Points == 30m ? 29m : 30m, "page", before.Version)]);
        Assert.True(saved.Ok);
        var afterPage = await EntryAsync(db, scope, "S11", "team_management");

        var upload = await new DataImporter(db, TestClock.New()).ImportAsync(ratings, "hr", new DateOnly(2026, 11, 1));
        Assert.True(upload.Ok);
        Assert.Equal(1, upload.Uploads[0].Updated);
        var afterUpload = await EntryAsync(db, scope, "S11", "team_management");
        Assert.Equal(before.Points, afterUpload.Points);
        Assert.Equal(afterPage.Version + 1, afterUpload.Version);

        var stale = await new RatingService(db, TestClock.New()).SaveAsync(scope, October, "M01", null,
            [new RatingInput("S11", "team_management", 5m, null, afterPage.Version)]);
        Assert.Equal(RatingSaveStatus.Conflict, stale.Status);
    }

    [Fact]
    public async Task Save_WhenNewRatingForAnUnratedIndicator_ThenKeyedByRaterAndUsedByTheEngine()
    {
        await SeedDemo();
        using var db = _db.NewContext();
        db.Ratings.RemoveRange(db.Ratings.Where(r => r.EmployeeId == "S12" && r.Period == "2026-10" && r.Indicator == "sales_analysis"));
        await db.SaveChangesAsync();
        var scope = await ManagerAsync(db);
        Assert.Null((await EntryAsync(db, scope, "S12", "sales_analysis")).Version);

        var saved = await new RatingService(db, TestClock.New()).SaveAsync(scope, October, "M01", "user-1",
            [new RatingInput("S12", "sales_analysis", 13.25m, " 按时 ", null)]);
        Assert.True(saved.Ok);
        var row = await db.Ratings.AsNoTracking().SingleAsync(r => r.EmployeeId == "S12" && r.Period == "2026-10" && r.Indicator == "sales_analysis");
        Assert.Equal("S12|2026-10|sales_analysis|M01", row.ExternalId);
        Assert.Equal("按时", row.Comment);
        Assert.Contains(await db.AuditLog.AsNoTracking().Where(a => a.Action == "ratings.save").Select(a => a.Detail).ToListAsync(),
            d => d!.Contains("S12 sales_analysis = 13.25", StringComparison.Ordinal));

        var result = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).ComputeAsync(October, null);
        var s12 = result!.Results.Single(r => r.Employee == "S12");
        Assert.Equal(13.25m, s12.Indicators.Single(i => i.Code == "sales_analysis").Points);
    }
}
