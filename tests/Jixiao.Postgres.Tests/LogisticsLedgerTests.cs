using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: the year-long logistics ledger as on SQLite (see <see cref="LogisticsLedgerScenario"/>), every line as worked out by hand.</summary>
public sealed class LogisticsLedgerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Ledger_WhenLogisticsYearStoredInPostgres_ThenEveryLineAsByHandAndTheRefundClawedBackInMay()
    {
        await Instance.MigrateAsync(database.ConnectionString);
        var work = Directory.CreateTempSubdirectory("jixiao-logistics-");
        try
        {
            await LogisticsLedgerScenario.RunAsync(
                () => new JixiaoDbContext((DbContextOptions<JixiaoDbContext>)PostgresStore.Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), database.ConnectionString).Options),
                Path.Combine(AppContext.BaseDirectory, "templates", "logistics-a-to-f.yaml"), work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
