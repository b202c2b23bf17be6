using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: an interrupted upload or calculation leaves nothing half-written (see <see cref="InterruptedWork"/>).</summary>
public sealed class InterruptedWorkTests
{
    [SkippableFact]
    public async Task Upload_WhenInterruptedAfterSomeRows_ThenNothingStoredAndTheRetrySucceeds()
    {
        var database = await FreshAsync();
        try
        {
            await InterruptedWork.UploadAsync(crash => NewContext(database.ConnectionString, crash));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Calculation_WhenInterruptedAfterTheRunRow_ThenNoRunStoredAndTheRetrySucceeds()
    {
        var database = await FreshAsync();
        try
        {
            await InterruptedWork.CalculationAsync(crash => NewContext(database.ConnectionString, crash));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task<PostgresDatabase> FreshAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        await Instance.MigrateAsync(database.ConnectionString);
        return database;
    }

    private static JixiaoDbContext NewContext(string connectionString, FailingInserts? crash)
    {
        var options = PostgresStore.Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), connectionString);
        if (crash is not null)
        {
            options.AddInterceptors(crash);
        }

        return new JixiaoDbContext((DbContextOptions<JixiaoDbContext>)options.Options);
    }
}
