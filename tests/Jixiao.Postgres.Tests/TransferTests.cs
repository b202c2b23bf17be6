using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: the same transfer round-trip as on SQLite (see <see cref="TransferRoundTrip"/>).</summary>
public sealed class TransferTests
{
    [SkippableFact]
    public async Task Transfer_WhenStoredAndReadBack_ThenHistoryVersionAndTeamTotalsSplitByDate()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await Instance.MigrateAsync(database.ConnectionString);
            await TransferRoundTrip.RunAsync(() => new JixiaoDbContext((DbContextOptions<JixiaoDbContext>)PostgresStore.Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), database.ConnectionString).Options));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
