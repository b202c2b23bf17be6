using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Application.Synthetic;
using Jixiao.Application.Targets;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// Last year's actuals in one aggregate pass (<see cref="LastYearActuals.ForAsync"/>) equal, exactly, those of the engine
/// month by month (<see cref="LastYearActuals.MonthByMonthAsync"/>, the previous way) on a generated company (split
/// credits, contract dates, every source), for every additive metric of a plan that filters by product, kind and category,
/// weights by contract age and rolls teams up, with people who moved during the year; on SQLite and PostgreSQL.
/// </summary>
public sealed class LastYearActualsAggregateTests : IDisposable
{
    /// <summary>Additive metrics of every shape the aggregate read must group by, added to the 4S template's.</summary>
    internal const string ExtraMetrics = """
          lya_suv_deals: { source: sales, aggregate: count, products: [suv, ev] }
          lya_margin: { source: sales, aggregate: sum, field: margin }
          lya_aged_revenue: { source: sales, aggregate: sum, field: amount, contract_age_rates: [ { from_month: 1, to_month: 6, rate: 1 }, { from_month: 7, to_month: 12, rate: 37% }, { from_month: 13, rate: 0 } ] }
          lya_team_aged: { source: sales, aggregate: sum, field: amount, products: [sedan], scope: team, contract_age_rates: [ { from_month: 1, to_month: 3, rate: 1 }, { from_month: 4, rate: 12.5% } ] }
          lya_team_deals: { source: sales, aggregate: count, scope: team }
          lya_collections: { source: collections, aggregate: sum, field: amount }
          lya_aged_collections: { source: collections, aggregate: sum, field: amount, contract_age_rates: [ { from_month: 1, to_month: 12, rate: 1 }, { from_month: 13, to_month: 24, rate: 50% }, { from_month: 25, rate: 0 } ] }
          lya_team_collections: { source: collections, aggregate: count, scope: team }
          lya_travel: { source: expenses, aggregate: sum, field: amount, categories: [travel, training] }
          lya_expense_count: { source: expenses, aggregate: count }
          lya_survey_total: { source: activities, aggregate: sum, field: value, kinds: [survey] }
          lya_activities: { source: activities, aggregate: count }
          lya_team_visits: { source: activities, kinds: [visit, lead], scope: team }

        """;

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Aggregate_WhenGeneratedCompanyOnSqlite_ThenExactlyTheMonthByMonthActuals()
    {
        await SeedAsync(_db.NewContext, _db.Folder, employees: 240, sales: 24_000);
        using var read = _db.NewContext();
        await AssertSameAsMonthByMonthAsync(read);
    }

    [Fact]
    public async Task Aggregate_WhenAStoredAmountHasAFractionOfACent_ThenReadTheMonthByMonthWayWithTheSameNumbers()
    {
        await SeedAsync(_db.NewContext, _db.Folder, employees: 40, sales: 2_000);
        using (var db = _db.NewContext())
        {
            var sale = await db.Sales.OrderBy(s => s.Id).FirstAsync();
            sale.Amount += 0.005m;
            await db.SaveChangesAsync();
        }

        using var read = _db.NewContext();
        var (plan, _) = await PlanAsync(read);
        var revenue = plan.Metrics.Single(m => m.Code == "revenue");
        Assert.Null(await LastYearActuals.YearAsync(read, revenue, Period.Parse("2026"), CancellationToken.None));
        var subjects = await SubjectsAsync(read);
        var expected = await LastYearActuals.MonthByMonthAsync(read, plan, revenue, 2026, subjects);
        var actual = await LastYearActuals.ForAsync(read, plan, revenue, 2026, subjects);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains(actual.Values, v => v is > 0m);
    }

    [PostgresFact]
    public async Task Aggregate_WhenGeneratedCompanyOnPostgres_ThenExactlyTheMonthByMonthActuals()
    {
        var admin = PostgresFactAttribute.ConnectionString;
        Assert.False(string.IsNullOrWhiteSpace(admin), "JIXIAO_TEST_PG must name a PostgreSQL server under CI (run scripts/postgres.sh).");
        var name = "jixiao_lya_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new Npgsql.NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            await cmd.ExecuteNonQueryAsync();
        }

        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            JixiaoDbContext NewContext() => new(Jixiao.Migrations.Postgres.PostgresStore.Options(connectionString));
            using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
            }

            await SeedAsync(NewContext, _db.Folder, employees: 100, sales: 6_000);
            using var read = NewContext();
            await AssertSameAsMonthByMonthAsync(read);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var conn = new Npgsql.NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A generated company (seed 11) bulk-written into the database, a few people moved mid-year, and the 4S plan with <see cref="ExtraMetrics"/>.</summary>
    internal static async Task SeedAsync(Func<JixiaoDbContext> newContext, string folder, int employees, long sales)
    {
        var dir = Path.Combine(folder, "data");
        BenchDataGenerator.Write(dir, employees, sales, seed: 11);
        var loaded = DataDirectoryLoader.Load(dir);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        using (var db = newContext())
        {
            await BulkSeeder.SeedAsync(db, loaded.Dataset!, null, TestClock.Now.UtcDateTime);
            var yaml = (await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml")))
                .Replace("\nmetrics:\n", "\nmetrics:\n" + ExtraMetrics, StringComparison.Ordinal);
            var (version, problems) = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-lya.yaml", "seed");
            Assert.True(version is not null, string.Join("\n", problems));
        }

        using (var db = newContext())
        {
            // Every seventh person moves to another unit: one on a month's first day, the others mid-month.
            var current = await db.Assignments.OrderBy(a => a.EmployeeId).ToListAsync();
            var units = current.Select(a => a.OrgUnitId).Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < current.Count; i += 7)
            {
                var a = current[i];
                var day = new DateOnly(2026, 3 + (i % 9), i % 2 == 0 ? 1 : 17);
                if (a.ValidFrom >= day)
                {
                    continue;
                }

                a.ValidTo = day;
                db.Assignments.Add(new Assignment
                {
                    EmployeeId = a.EmployeeId,
                    OrgUnitId = units[(units.IndexOf(a.OrgUnitId) + 1) % units.Count],
                    ManagerId = null,
                    Position = a.Position,
                    Category = a.Category,
                    Level = a.Level,
                    Tier = a.Tier,
                    ValidFrom = day,
                });
            }

            await db.SaveChangesAsync();
        }
    }

    internal static async Task AssertSameAsMonthByMonthAsync(JixiaoDbContext read)
    {
        var (plan, year) = await PlanAsync(read);
        Assert.True(await read.Credits.CountAsync() > 10, "the generated company has split credits");
        Assert.True(await read.Assignments.CountAsync(a => a.ValidTo != null) > 3, "some people moved");
        var subjects = await SubjectsAsync(read);
        var additive = plan.Metrics.Where(MetricActuals.IsAdditive).ToList();
        Assert.True(additive.Count >= 20, $"{additive.Count} additive metrics");
        foreach (var metric in additive)
        {
            // The aggregate read itself (no fallback): weights summing to the stored rows, far fewer rows than stored.
            var data = await LastYearActuals.YearAsync(read, metric, year, CancellationToken.None);
            Assert.NotNull(data);
            var (table, stored) = metric.Source switch
            {
                MetricSource.Sales => ((TransactionTable)data.Sales, await read.Sales.CountAsync()),
                MetricSource.Collections => (data.Collections, await read.Collections.CountAsync()),
                MetricSource.Expenses => (data.Expenses, await read.Expenses.CountAsync()),
                _ => ((TransactionTable)data.Activities, await read.Activities.CountAsync()),
            };
            // Contract-age weighting keeps each row's day and contract date (the rate depends on both): little to group there.
            Assert.True(metric.ContractAgeRates is not null || table.Count < stored / 2, $"{metric.Code}: {table.Count} rows for {stored} stored");
            Assert.Equal(stored, table.Weight!.Sum());
            var expected = await LastYearActuals.MonthByMonthAsync(read, plan, metric, 2026, subjects);
            var actual = await LastYearActuals.ForAsync(read, plan, metric, 2026, subjects);
            Assert.Equal(expected.Count, actual.Count);
            foreach (var (subject, value) in expected)
            {
                Assert.True(value == actual[subject], string.Create(CultureInfo.InvariantCulture, $"{metric.Code} {subject}: month by month {value}, aggregate {actual[subject]}"));
            }

            Assert.Contains(expected.Values, v => v is > 0m);
        }
    }

    private static async Task<(Plan Plan, Period Year)> PlanAsync(JixiaoDbContext read)
    {
        var year = Period.Parse("2026");
        var version = await CalculationService.PlanVersionForAsync(read, year);
        return (PlanLoader.Load(version!.Yaml).Plan!, year);
    }

    private static async Task<List<string>> SubjectsAsync(JixiaoDbContext read) =>
        (await read.OrgUnits.Select(u => u.Id).ToListAsync()).Concat(await read.Employees.Select(e => e.Id).ToListAsync()).Append("NOBODY").ToList();
}
