using System.Globalization;
using System.Text;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Datasets;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// One person's explanation read through the run's period reader restricted to what it needs
/// (<see cref="PeriodReader.ReadForAsync"/>) is identical to the one from the entity-based builder
/// (<see cref="DatasetBuilder.BuildForAsync"/>, the previous way) and to the one of a run of the whole period, on a
/// generated company with split credits and people who moved, for a month and a quarter.
/// </summary>
public sealed class ExplanationReadTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Explanation_WhenReadThroughThePeriodReader_ThenIdenticalToTheBuilderAndToTheWholeRun()
    {
        await LastYearActualsAggregateTests.SeedAsync(_db.NewContext, _db.Folder, employees: 120, sales: 12_000);
        using var db = _db.NewContext();
        var version = await CalculationService.PlanVersionForAsync(db, Period.Parse("2026-10"));
        var plan = PlanLoader.Load(version!.Yaml).Plan!;
        var team = plan.Metrics.Any(m => m.Scope == MetricScope.Team);
        var ids = await db.Employees.Select(e => e.Id).OrderBy(e => e).ToListAsync();
        var credited = await db.Credits.Select(c => c.EmployeeId).Distinct().ToListAsync();
        var managers = await db.OrgUnits.Where(u => u.ManagerId != null).Select(u => u.ManagerId!).Distinct().ToListAsync();
        var moved = await db.Assignments.Where(a => a.ValidTo != null).Select(a => a.EmployeeId).ToListAsync();
        // Every third person, plus people with split credits, heads (team metrics) and people who moved.
        var sample = ids.Where((_, i) => i % 3 == 0).Concat(credited.Take(8)).Concat(managers.Take(8)).Concat(moved.Take(8)).Distinct().ToList();
        Assert.True(sample.Count >= 30, $"{sample.Count} people");
        var compared = 0;
        foreach (var text in new[] { "2026-10", "2026-Q3" })
        {
            var period = Period.Parse(text);
            var options = new CalculationOptions { Explain = ids, AsOf = new DateOnly(2026, 12, 31) };
            var whole = Calculator.Run(plan, (await PeriodReader.ReadAsync(db, period, plan, keepIds: true)).Dataset, period, options);
            foreach (var id in sample)
            {
                var one = options with { Explain = [id] };
                var before = Calculator.Run(plan, (await DatasetBuilder.BuildForAsync(db, period, id, team)).Dataset, period, one).Explanations.GetValueOrDefault(id);
                var scope = await PeriodReader.ExplanationScopeAsync(db, period, id, team);
                var now = Calculator.Run(plan, (await PeriodReader.ReadForAsync(db, period, plan, scope)).Dataset, period, one).Explanations.GetValueOrDefault(id);
                var run = whole.Explanations.GetValueOrDefault(id);
                Assert.Equal(before is null, now is null);
                Assert.Equal(run is null, now is null);
                if (now is null)
                {
                    continue;
                }

                Assert.Equal(Flatten(before!), Flatten(now));
                Assert.Equal(Flatten(run!), Flatten(now));
                compared++;
            }
        }

        Assert.True(compared >= 50, $"{compared} explanations compared");
    }

    [Fact]
    public async Task RestrictedRead_WhenOnePerson_ThenReadsTheirRowsAndTheSalesTheyShareOnly()
    {
        await LastYearActualsAggregateTests.SeedAsync(_db.NewContext, _db.Folder, employees: 60, sales: 4_000);
        using var db = _db.NewContext();
        var period = Period.Parse("2026-10");
        var version = await CalculationService.PlanVersionForAsync(db, period);
        var plan = PlanLoader.Load(version!.Yaml).Plan!;
        var sharer = await db.Credits.Where(c => db.Sales.Any(s => s.ExternalId == c.SaleId && s.Date >= period.Start && s.Date <= period.End && s.EmployeeId != c.EmployeeId))
            .Select(c => c.EmployeeId).FirstAsync();
        var data = (await PeriodReader.ReadForAsync(db, period, plan, new Scope([sharer], [sharer]))).Dataset;
        var whole = (await PeriodReader.ReadAsync(db, period, plan)).Dataset;
        Assert.True(data.Employees.Count < whole.Employees.Count / 4, $"{data.Employees.Count} of {whole.Employees.Count} people");
        Assert.Contains(data.Employees, e => e.Id == sharer);
        Assert.True(data.Sales.Count < whole.Sales.Count / 4 && data.Credits.Count > 0, $"{data.Sales.Count} of {whole.Sales.Count} sales");
        Assert.All(Enumerable.Range(0, data.Activities.Count), r => Assert.Equal(sharer, data.Employees[data.Activities.Employee[r]].Id));
        Assert.All(data.TargetColumns.Subjects, s => Assert.Equal(sharer, s));
    }

    private static string Flatten(Explanation node)
    {
        var text = new StringBuilder();
        Walk(node, 0);
        return text.ToString();

        void Walk(Explanation n, int depth)
        {
            text.Append(CultureInfo.InvariantCulture, $"{depth}|{n.Kind}|{n.Label}|{n.Value}|{ExplanationText.Detail(n, CultureInfo.InvariantCulture)}|{n.SourceCount}|{string.Join(",", n.Sources)}\n");
            foreach (var child in n.Children)
            {
                Walk(child, depth + 1);
            }
        }
    }
}
