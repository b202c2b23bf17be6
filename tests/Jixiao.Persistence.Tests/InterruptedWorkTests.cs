using Jixiao.Application.Persistence;
using Jixiao.Migrations.Sqlite;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>SQLite: an interrupted upload or calculation leaves nothing half-written (see <see cref="InterruptedWork"/>).</summary>
public sealed class InterruptedWorkTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private JixiaoDbContext NewContext(FailingInserts? crash)
    {
        var options = SqliteStore.Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), _db.ConnectionString);
        if (crash is not null)
        {
            options.AddInterceptors(crash);
        }

        return new JixiaoDbContext((DbContextOptions<JixiaoDbContext>)options.Options);
    }

    [Fact]
    public Task Upload_WhenInterruptedAfterSomeRows_ThenNothingStoredAndTheRetrySucceeds() => InterruptedWork.UploadAsync(NewContext);

    [Fact]
    public Task Calculation_WhenInterruptedAfterTheRunRow_ThenNoRunStoredAndTheRetrySucceeds() =>
        // The result rows go through SQLite's own statement interface (ResultRows), which no command interceptor sees: the
        // database itself refuses them, after the run row.
        InterruptedWork.CalculationAsync(
            NewContext,
            db => db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_result_rows BEFORE INSERT ON person_results BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;"),
            db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_result_rows;"));
}
