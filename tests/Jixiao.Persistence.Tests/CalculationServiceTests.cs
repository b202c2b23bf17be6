using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

public sealed class CalculationServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task SeedDemo()
    {
        using var db = _db.NewContext();
        var imported = await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "seed", new DateOnly(2026, 1, 1));
        Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
        var (version, problems) = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed");
        Assert.NotNull(version);
    }

    [Fact]
    public void DemoCompany_WhenGenerated_ThenThreeStoresAboutFortyPeopleAndDeterministic()
    {
        var people = DemoCompany.People();
        Assert.InRange(people.Count, 35, 45);
        Assert.Equal(3, people.Count(p => p.Position == "manager"));
        Assert.Equal(
            DemoCompany.Files(TestClock.Today).Select(f => Convert.ToBase64String(f.Content)),
            DemoCompany.Files(TestClock.Today).Select(f => Convert.ToBase64String(f.Content)));
    }

    [Theory]
    [InlineData("2026-10")]
    [InlineData("2026-05")]
    [InlineData("2026-Q3")]
    public async Task Run_WhenDemoCompany_ThenEveryoneWithAScorecardComputedAndStored(string period)
    {
        await SeedDemo();
        using var db = _db.NewContext();
        var outcome = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).RunAsync(Period.Parse(period), "hr");
        Assert.NotNull(outcome);
        // The general manager is outside the 4S plan (not assessed): nobody fails, and he is listed as not assessed.
        Assert.Empty(outcome.Result.Errors);
        Assert.Equal(["G01"], outcome.Result.NotAssessed);
        Assert.NotEmpty(outcome.Result.Results);
        Assert.Contains(outcome.Result.Results, r => r.PayTotal > 0 || period.Contains('Q', StringComparison.Ordinal));

        using var read = _db.NewContext();
        var run = read.Runs.Include(r => r.Results).Single();
        Assert.Equal(outcome.Result.Results.Count, run.Results.Count);
        Assert.Equal(64, run.InputFingerprint.Length);
        Assert.Equal(outcome.Result.Results.Sum(r => r.PayTotal), run.Results.Sum(r => r.PayTotal));
    }

    [Fact]
    public async Task Run_WhenRepeatedOnSameData_ThenSameFingerprintAndNumbers()
    {
        await SeedDemo();
        using var db = _db.NewContext();
        var service = new CalculationService(db, TestClock.New(), CompanyTimeZone.Default);
        var a = await service.RunAsync(Period.Parse("2026-09"), null);
        var b = await service.RunAsync(Period.Parse("2026-09"), null);
        Assert.Equal(a!.Run.InputFingerprint, b!.Run.InputFingerprint);
        // A whole-company run streams its rows into the store: they are read back, not carried by the outcome.
        Assert.Empty(a.Run.Results);
        using var read = _db.NewContext();
        List<(string, decimal, decimal)> Stored(long run) => [.. read.Results.Where(r => r.RunId == run).OrderBy(r => r.EmployeeId).AsEnumerable().Select(r => (r.EmployeeId, r.Total, r.PayTotal))];
        var first = Stored(a.Run.Id);
        Assert.Equal(a.Run.Computed, first.Count);
        Assert.NotEmpty(first);
        Assert.Equal(first, Stored(b.Run.Id));
    }
}
