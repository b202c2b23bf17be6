using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: the same company calendar days as on SQLite (see <see cref="CalendarRoundTrip"/>).</summary>
public sealed class CalendarDaysTests
{
    [SkippableFact]
    public async Task CalendarDays_WhenStoredChangedAndRemoved_ThenReadBackVersionedAndAudited()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await Instance.MigrateAsync(database.ConnectionString);
            await CalendarRoundTrip.RunAsync(() => new JixiaoDbContext((DbContextOptions<JixiaoDbContext>)PostgresStore.Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), database.ConnectionString).Options));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
