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
            // The result rows go in one binary COPY (ResultRows): the database itself refuses them, after the run row.
            await InterruptedWork.CalculationAsync(
                crash => NewContext(database.ConnectionString, crash),
                db => db.Database.ExecuteSqlRawAsync("""
                    CREATE FUNCTION refuse_result_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
                    CREATE TRIGGER refuse_result_rows BEFORE INSERT ON person_results FOR EACH ROW EXECUTE FUNCTION refuse_result_rows();
                    """),
                db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_result_rows ON person_results; DROP FUNCTION refuse_result_rows();"));
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
