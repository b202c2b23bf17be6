using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: the same effective-dated manager change as on SQLite (see <see cref="ManagerHistoryRoundTrip"/>).</summary>
public sealed class ManagerHistoryTests
{
    [SkippableFact]
    public async Task ManagerChange_WhenStoredAndReadBack_ThenEachPeriodBelongsToTheManagerOfItsLastDay()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await Instance.MigrateAsync(database.ConnectionString);
            await ManagerHistoryRoundTrip.RunAsync(() => new JixiaoDbContext((DbContextOptions<JixiaoDbContext>)PostgresStore.Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), database.ConnectionString).Options));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
