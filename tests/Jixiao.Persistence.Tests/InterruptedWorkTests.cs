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
    public Task Calculation_WhenInterruptedAfterTheRunRow_ThenNoRunStoredAndTheRetrySucceeds() => InterruptedWork.CalculationAsync(NewContext);
}
