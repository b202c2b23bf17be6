using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>
/// The web read paths on PostgreSQL: the recursive subtree scope, the team list sorted and paged by the database
/// (numeric ordering here), and an explanation from one person's rows, on the demo company.
/// </summary>
public sealed class WebReadPathTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Subtree_scope_sorted_team_list_and_one_person_explanation_work_on_PostgreSQL()
    {
        await using var db = new JixiaoDbContext(PostgresStore.Options(database.ConnectionString));
        await db.Database.MigrateAsync();
        var imported = await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "test", new DateOnly(2026, 1, 1));
        Assert.True(imported.Ok, string.Join("; ", imported.Errors));
        var calc = new CalculationService(db, TestClock.New(), CompanyTimeZone.Default);
        var yaml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "4s-dealership.yaml"));
        Assert.NotNull((await calc.AddPlanVersionAsync(yaml, "4s-dealership.yaml", "test")).Version);
        var period = Period.Parse("2026-10");
        var run = (await calc.RunAsync(period, "test"))!.Run;

        // M01's scope: the units they manage and below, and everyone assigned there today, computed here in memory.
        var asOf = new DateOnly(2026, 11, 26);
        var scope = await AccessScope.ForAsync(db, "M01", ScopeKind.Subtree, true, asOf);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync();
        var expectedUnits = new HashSet<string>(units.Where(u => u.ManagerId == "M01").Select(u => u.Id), StringComparer.Ordinal);
        for (var added = true; added;)
        {
            added = false;
            foreach (var u in units.Where(u => u.ParentId is not null && expectedUnits.Contains(u.ParentId) && !expectedUnits.Contains(u.Id)))
            {
                added = expectedUnits.Add(u.Id);
            }
        }

        var assignments = await db.Assignments.AsNoTracking().ToListAsync();
        var expectedPeople = assignments.Where(a => expectedUnits.Contains(a.OrgUnitId) && a.ValidFrom <= asOf && (a.ValidTo is null || a.ValidTo > asOf))
            .Select(a => a.EmployeeId).Append("M01").ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(expectedUnits);
        Assert.Equal(expectedUnits.Order(StringComparer.Ordinal), scope.Units.Order(StringComparer.Ordinal));
        Assert.Equal(expectedPeople.Order(StringComparer.Ordinal), scope.Employees.Order(StringComparer.Ordinal));
        // The units M01 heads himself (his own targets): only those whose manager he is, not the ones below.
        Assert.Equal(["ST1"], scope.Headed);
        var linkedHr = await AccessScope.ForAsync(db, "M01", ScopeKind.Everyone, true, asOf);
        Assert.Equal(["ST1"], linkedHr.Headed);
        Assert.Equal("M01", linkedHr.Self);

        var all = await db.Results.AsNoTracking().Where(r => r.RunId == run.Id).ToListAsync();
        var visible = all.Where(r => scope.CanSee(r.EmployeeId)).ToList();
        var page1 = await ResultQueries.ListAsync(db, scope, run.Id, null, null, "-total", 1, 3, default);
        var page2 = await ResultQueries.ListAsync(db, scope, run.Id, null, null, "-total", 2, 3, default);
        Assert.Equal(visible.Count, page1.Total);
        var expected = visible.OrderByDescending(r => r.Total).ThenBy(r => r.EmployeeId, StringComparer.Ordinal).Select(r => r.EmployeeId).Take(6);
        Assert.Equal(expected, page1.Items.Concat(page2.Items).Select(r => r.EmployeeId));
        var byPay = await ResultQueries.ListAsync(db, scope, run.Id, null, "p0", "pay", 1, 100, default);
        Assert.All(byPay.Items, r => Assert.Contains("P0", r.EmployeeId, StringComparison.Ordinal));
        Assert.Equal(byPay.Items.Select(r => r.PayTotal).Order(), byPay.Items.Select(r => r.PayTotal));

        // Everyone in M01's scope who is computed monthly (M01 itself is assessed by quarter in this template).
        var full = await calc.ComputeAsync(period, new CalculationOptions { Explain = [.. scope.Employees] });
        Assert.NotNull(full);
        Assert.Contains("S11", full.Explanations.Keys);
        foreach (var id in scope.Employees)
        {
            var one = await calc.ExplainAsync(period, id);
            if (!full.Explanations.TryGetValue(id, out var wanted))
            {
                Assert.Null(one);
                continue;
            }

            Assert.NotNull(one);
            Assert.Equal(wanted.Value, one.Value);
            Assert.Equal(wanted.Children.Select(c => (c.Label, c.Value)), one.Children.Select(c => (c.Label, c.Value)));
        }
    }
}
