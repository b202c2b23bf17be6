using System.Globalization;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>An open period's run stores the projection in the details JSON (docs/decisions/0018-projection.md).</summary>
public sealed class ProjectionPersistenceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task SeedDemo()
    {
        using var db = _db.NewContext();
        var imported = await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "seed", new DateOnly(2026, 1, 1));
        Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
        Assert.NotNull((await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed")).Version);
    }

    [Fact]
    public async Task Run_WhenPeriodOpen_ThenDetailsHoldProjectionAndPendingRating()
    {
        await SeedDemo();
        using (var db = _db.NewContext())
        {
            // S11's team management rating for October is not in yet.
            db.Ratings.Remove(await db.Ratings.SingleAsync(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management"));
            await db.SaveChangesAsync();
        }

        // 2026-10-10 17:30 UTC is already 2026-10-11 01:30 in Shanghai: the as-of date is the company date.
        var clock = TestClock.At(new DateTimeOffset(2026, 10, 10, 17, 30, 0, TimeSpan.Zero));
        using (var db = _db.NewContext())
        {
            var outcome = await new CalculationService(db, clock, CompanyTimeZone.Default).RunAsync(Period.Parse("2026-10"), "hr");
            // The general manager is not assessed by the 4S plan (positions.general_manager.assessed: false): no error.
            Assert.Empty(outcome!.Result.Errors);
            Assert.Equal(["G01"], outcome.Result.NotAssessed);
            Assert.Equal(new DateOnly(2026, 10, 11), outcome.Result.Projection!.AsOf);
        }

        using var read = _db.NewContext();
        var run = read.Runs.Include(r => r.Results).Single();
        Assert.Equal(new DateTime(2026, 10, 10, 17, 30, 0), run.StartedAt);
        foreach (var row in run.Results)
        {
            var details = JsonSerializer.Deserialize<ResultDetails>(row.DetailsJson)!;
            var p = details.Projection!;
            Assert.Equal((new DateOnly(2026, 10, 11), 11, 31), (p.AsOf, p.DaysElapsed, p.DaysInPeriod));
            Assert.Equal(p.Pay.Sum(l => l.Amount), p.PayTotal);
            Assert.Equal(p.Indicators.Sum(i => i.Points), p.Total);
        }

        // A salesperson: revenue (a sum) × 31/11, satisfaction (an average) unchanged.
        var sales = JsonSerializer.Deserialize<ResultDetails>(run.Results.Single(r => r.EmployeeId == "P01").DetailsJson)!;
        var soFar = sales.Indicators.Single(i => i.Code == "gross_margin").Actual!.Value;
        Assert.Equal(soFar * 31 / 11, sales.Projection!.Indicators.Single(i => i.Code == "gross_margin").Actual);
        Assert.Equal(sales.Indicators.Single(i => i.Code == "satisfaction").Actual, sales.Projection.Indicators.Single(i => i.Code == "satisfaction").Actual);
        Assert.Empty(sales.Projection.Pending);

        // The supervisor without a rating is computed (0 points) and the rating listed as pending.
        var supervisor = JsonSerializer.Deserialize<ResultDetails>(run.Results.Single(r => r.EmployeeId == "S11").DetailsJson)!;
        Assert.Equal(["team_management"], supervisor.Projection!.Pending);
        Assert.Equal(0m, supervisor.Indicators.Single(i => i.Code == "team_management").Points);

        // An explanation recomputed later uses the run's as-of date, so the pending rating explains instead of failing.
        using var explainDb = _db.NewContext();
        var later = TestClock.At(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var explained = await new CalculationService(explainDb, later, CompanyTimeZone.Default).ComputeAsync(Period.Parse("2026-10"), new CalculationOptions { Explain = ["S11"] });
        Assert.Equal(run.Results.Single(r => r.EmployeeId == "S11").Total, explained!.Results.Single(r => r.Employee == "S11").Total);
        Assert.True(explained.Explanations.ContainsKey("S11"));
    }

    [Fact]
    public async Task DemoNovember_WhenRunOnTheTwentySixth_ThenOpenWithOnePendingRating()
    {
        var calendar = new DemoCalendar(TestClock.Today);
        Assert.Equal(("2026-11", new DateOnly(2026, 11, 25)), (calendar.CurrentMonth, calendar.DataThrough));
        Assert.All(DemoCompany.Files(TestClock.Today).Where(f => f.Source is DataSources.Sales or DataSources.Activities or DataSources.Expenses), f =>
            Assert.DoesNotContain(System.Text.Encoding.UTF8.GetString(f.Content).Split('\n').Skip(1).Where(l => l.Length > 0),
                l => string.CompareOrdinal(l.Split(',')[2], "2026-11-25") > 0));
        await SeedDemo();
        using var db = _db.NewContext();
        var outcome = await new CalculationService(db, TestClock.At(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero)), CompanyTimeZone.Default).RunAsync(Period.Parse(calendar.CurrentMonth), "seed");
        Assert.Empty(outcome!.Result.Errors);
        Assert.Equal(["G01"], outcome.Result.NotAssessed);
        var projection = outcome.Result.Projection!;
        Assert.Equal((new DateOnly(2026, 11, 26), 26, 30), (projection.AsOf, projection.DaysElapsed, projection.DaysInPeriod));
        Assert.Equal(["S32"], projection.Results.Where(r => r.Pending.Count > 0).Select(r => r.Employee));
        Assert.Equal(["sales_analysis"], projection.Of("S32")!.Pending);

        // After the month's last day the same data is a closed month: S32's missing rating is an error again.
        var closed = await new CalculationService(db, TestClock.At(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero)), CompanyTimeZone.Default).RunAsync(Period.Parse(calendar.CurrentMonth), "seed");
        Assert.Null(closed!.Result.Projection);
        Assert.Equal(["S32"], closed.Result.Errors.Select(e => e.Employee));
    }

    [Fact]
    public async Task Run_WhenPeriodClosed_ThenNoProjectionAndMissingRatingIsAnError()
    {
        await SeedDemo();
        using (var db = _db.NewContext())
        {
            db.Ratings.Remove(await db.Ratings.SingleAsync(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management"));
            await db.SaveChangesAsync();
        }

        // 2026-10-30 16:00 UTC is 2026-10-31 in Shanghai: the last day, closed.
        using var run = _db.NewContext();
        var outcome = await new CalculationService(run, TestClock.At(new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.Zero)), CompanyTimeZone.Default).RunAsync(Period.Parse("2026-10"), "hr");
        Assert.Null(outcome!.Result.Projection);
        Assert.Contains(outcome.Result.Errors, e => e.Employee == "S11" && e.Code == CalculationErrorCode.MissingRating);
        var stored = run.Results.AsNoTracking().Where(r => r.RunId == outcome.Run.Id).ToList();
        Assert.Equal(outcome.Run.Computed, stored.Count);
        Assert.All(stored, r => Assert.Null(JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)!.Projection));
        Assert.DoesNotContain("Projection\":{", stored.First().DetailsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenCompanyZoneIsLosAngeles_ThenTheSameInstantIsTheDayBeforeAndProjects()
    {
        await SeedDemo();
        using (var db = _db.NewContext())
        {
            db.Ratings.Remove(await db.Ratings.SingleAsync(r => r.EmployeeId == "S11" && r.Period == "2026-10" && r.Indicator == "team_management"));
            await db.SaveChangesAsync();
        }

        // 2026-10-30 16:00 UTC is 2026-10-31 in Shanghai (closed, see above) but 2026-10-30 09:00 in Los Angeles: still open.
        using var run = _db.NewContext();
        var zone = CompanyTimeZone.FromId("America/Los_Angeles");
        var outcome = await new CalculationService(run, TestClock.At(new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.Zero)), zone).RunAsync(Period.Parse("2026-10"), "hr");
        Assert.Equal(new DateOnly(2026, 10, 30), outcome!.Result.Projection!.AsOf);
        Assert.DoesNotContain(outcome.Result.Errors, e => e.Employee == "S11");
        Assert.Equal(["team_management"], outcome.Result.Projection.Of("S11")!.Pending);
    }
}
