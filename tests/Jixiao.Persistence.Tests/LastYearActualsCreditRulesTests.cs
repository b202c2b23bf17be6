using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// Last year's actuals credit sales as a run does under the plan's credit rules (docs/plan-format.md "Indirect sales and
/// external referrers"; plan <c>credits: { indirect_rate: 50%, referrer_share: 40% }</c>): on a generated company, one of X's
/// sales of 10,000.00 is credited half to X as an indirect sale (50% × 50% = 25%: 2,500.00) and half to Y with an external
/// referrer (50% × (1 − 40%) = 30%: 3,000.00), the rest to nobody; another of X's sales of 333.33 is credited wholly to X as
/// an indirect sale (50%: 166.665, the tie of the largest remainder to the person: 166.67). The aggregate read, the month by
/// month read and the engine on the whole year (DatasetBuilder) give X and Y exactly their revenue before the credits with
/// those sales replaced by these parts; on SQLite and PostgreSQL.
/// </summary>
public sealed class LastYearActualsCreditRulesTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task LastYear_WhenIndirectAndReferredSalesOnSqlite_ThenCreditedAtThePlansRates()
    {
        await LastYearActualsAggregateTests.SeedAsync(_db.NewContext, _db.Folder, employees: 40, sales: 2_000);
        await AssertCreditRulesAsync(_db.NewContext);
    }

    [PostgresFact]
    public async Task LastYear_WhenIndirectAndReferredSalesOnPostgres_ThenCreditedAtThePlansRates()
    {
        var admin = PostgresFactAttribute.ConnectionString;
        Assert.False(string.IsNullOrWhiteSpace(admin), "JIXIAO_TEST_PG must name a PostgreSQL server under CI (run scripts/postgres.sh).");
        var name = "jixiao_lyc_" + Guid.NewGuid().ToString("N")[..12];
        await Admin(admin, $"CREATE DATABASE {name}");
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            JixiaoDbContext NewContext() => new(Jixiao.Migrations.Postgres.PostgresStore.Options(connectionString));
            using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
            }

            await LastYearActualsAggregateTests.SeedAsync(NewContext, _db.Folder, employees: 40, sales: 2_000);
            await AssertCreditRulesAsync(NewContext);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await Admin(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task AssertCreditRulesAsync(Func<JixiaoDbContext> newContext)
    {
        string x, y, big, odd;
        using (var db = newContext())
        {
            foreach (var v in db.PlanVersions)
            {
                v.Yaml = v.Yaml.TrimEnd() + "\ncredits:\n  indirect_rate: 50%\n  referrer_share: 40%\n";
            }

            // Two of X's sales without credits become 10,000.00 and 333.33; Y is another salesperson.
            var credited = db.Credits.Select(c => c.SaleId);
            var plain = await db.Sales.Where(s => !credited.Contains(s.ExternalId)).OrderBy(s => s.EmployeeId).ThenBy(s => s.ExternalId).ToListAsync();
            x = plain[0].EmployeeId;
            var own = plain.Where(s => s.EmployeeId == x).Take(2).ToList();
            Assert.Equal(2, own.Count);
            (big, odd) = (own[0].ExternalId, own[1].ExternalId);
            (own[0].Amount, own[1].Amount) = (10_000.00m, 333.33m);
            y = plain.First(s => s.EmployeeId != x).EmployeeId;
            await db.SaveChangesAsync();
        }

        var before = await RevenueAsync(newContext, x, y);
        using (var db = newContext())
        {
            var upload = await db.Uploads.Select(u => u.Id).FirstAsync();
            db.Credits.AddRange(
                new CreditRow { ExternalId = "ZZ-1", SaleId = big, EmployeeId = x, Share = 0.5m, Indirect = true, UploadId = upload },
                new CreditRow { ExternalId = "ZZ-2", SaleId = big, EmployeeId = y, Share = 0.5m, Referrer = "外部推荐人 王五", UploadId = upload },
                new CreditRow { ExternalId = "ZZ-3", SaleId = odd, EmployeeId = x, Share = 1m, Indirect = true, UploadId = upload });
            await db.SaveChangesAsync();
        }

        var after = await RevenueAsync(newContext, x, y);
        foreach (var way in after.Keys)
        {
            Assert.Equal(before[way][x] - 10_000.00m - 333.33m + 2_500.00m + 166.67m, after[way][x]);
            Assert.Equal(before[way][y] + 3_000.00m, after[way][y]);
        }
    }

    /// <summary>X's and Y's revenue of 2026 read three ways: the aggregate read, month by month, and the engine on the whole year read at once.</summary>
    private static async Task<Dictionary<string, IReadOnlyDictionary<string, decimal?>>> RevenueAsync(Func<JixiaoDbContext> newContext, string x, string y)
    {
        using var read = newContext();
        var year = Period.Parse("2026");
        var plan = PlanLoader.Load((await CalculationService.PlanVersionForAsync(read, year))!.Yaml).Plan!;
        Assert.NotNull(plan.SaleCredits.IndirectRate);
        var revenue = plan.Metrics.Single(m => m.Code == "revenue");
        string[] subjects = [x, y];
        Assert.NotNull(await LastYearActuals.YearAsync(read, revenue, year, CancellationToken.None));
        var ways = new Dictionary<string, IReadOnlyDictionary<string, decimal?>>
        {
            ["aggregate"] = await LastYearActuals.ForAsync(read, plan, revenue, 2026, subjects),
            ["month by month"] = await LastYearActuals.MonthByMonthAsync(read, plan, revenue, 2026, subjects),
            ["whole year"] = MetricActuals.For(plan, (await DatasetBuilder.BuildAsync(read, year)).Dataset, year, revenue.Code, subjects),
        };
        foreach (var (way, values) in ways)
        {
            Assert.True(values[x] == ways["whole year"][x] && values[y] == ways["whole year"][y], $"{way}: {values[x]}, {values[y]}; whole year {ways["whole year"][x]}, {ways["whole year"][y]}");
        }

        return ways;
    }

    private static async Task Admin(string admin, string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
