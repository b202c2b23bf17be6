using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// Last year's actuals streamed month by month (<see cref="LastYearActuals"/>) equal, exactly, what the engine computes
/// from the whole year read at once (<see cref="DatasetBuilder"/> + <see cref="MetricActuals.For"/>, the previous way),
/// for every additive metric of the demo plan and every unit and person, including split credits and a transfer.
/// </summary>
public sealed class LastYearActualsTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Streamed_WhenDemoWithSplitCreditsAndATransfer_ThenExactlyTheWholeYearsActuals()
    {
        using (var db = _db.NewContext())
        {
            var imported = await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "seed", new DateOnly(2026, 1, 1));
            Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
            var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
            var (version, _) = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed");
            Assert.NotNull(version);

            // Split credits on three sales of different months (one split 3 ways, odd cents), and P01 moving to the other team on 2026-08-20.
            var upload = await db.Uploads.Select(u => u.Id).FirstAsync();
            var sales = await db.Sales.Where(s => s.EmployeeId == "P01").OrderBy(s => s.Date).ThenBy(s => s.ExternalId).ToListAsync();
            Assert.True(sales.Count >= 3);
            var picked = new[] { sales[0], sales[sales.Count / 2], sales[^1] };
            var n = 0;
            foreach (var (sale, people) in picked.Zip(new[] { new[] { "P01", "P02" }, ["P01", "P02", "P03"], ["P02", "P06"] }))
            {
                foreach (var p in people)
                {
                    db.Credits.Add(new CreditRow { ExternalId = "TC" + n++, SaleId = sale.ExternalId, EmployeeId = p, Share = 1m / people.Length, UploadId = upload });
                }
            }

            var current = await db.Assignments.SingleAsync(a => a.EmployeeId == "P01" && a.ValidTo == null);
            var otherTeam = await db.Assignments.Where(a => a.OrgUnitId != current.OrgUnitId && a.ValidTo == null && a.Position == current.Position).Select(a => new { a.OrgUnitId, a.ManagerId }).FirstAsync();
            current.ValidTo = new DateOnly(2026, 8, 20);
            db.Assignments.Add(new Assignment
            {
                EmployeeId = "P01",
                OrgUnitId = otherTeam.OrgUnitId,
                ManagerId = otherTeam.ManagerId,
                Position = current.Position,
                Category = current.Category,
                Level = current.Level,
                Tier = current.Tier,
                ValidFrom = new DateOnly(2026, 8, 20),
            });
            await db.SaveChangesAsync();
        }

        using var read = _db.NewContext();
        var planVersion = await CalculationService.PlanVersionForAsync(read, Period.Parse("2026"));
        var plan = PlanLoader.Load(planVersion!.Yaml).Plan!;
        var subjects = (await read.OrgUnits.Select(u => u.Id).ToListAsync()).Concat(await read.Employees.Select(e => e.Id).ToListAsync()).Append("NOBODY").ToList();
        var year = Period.Parse("2026");
        var whole = (await DatasetBuilder.BuildAsync(read, year)).Dataset;
        var additive = plan.Metrics.Where(MetricActuals.IsAdditive).ToList();
        Assert.Contains(additive, m => m.Scope == MetricScope.Team);
        Assert.Contains(additive, m => m.Source == MetricSource.Sales && m.Scope == MetricScope.Self);
        foreach (var metric in additive)
        {
            var expected = MetricActuals.For(plan, whole, year, metric.Code, subjects);
            var streamed = await LastYearActuals.ForAsync(read, plan, metric, 2026, subjects);
            Assert.Equal(expected.Count, streamed.Count);
            foreach (var (subject, value) in expected)
            {
                Assert.True(value == streamed[subject], $"{metric.Code} {subject}: whole year {value}, streamed {streamed[subject]}");
            }

            Assert.Contains(expected.Values, v => v is > 0m);
        }
    }
}
