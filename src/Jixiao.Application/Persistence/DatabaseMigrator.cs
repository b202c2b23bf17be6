using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Jixiao.Application.Persistence;

/// <summary>
/// Applies the pending migrations of a <see cref="JixiaoDbContext"/> under <see cref="StartupLock"/>: the same code
/// for the web host at start-up and for `jixiao migrate`. The context decides the provider and the migrations
/// assembly (SqliteStore / PostgresStore).
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Whether the context talks to PostgreSQL (Npgsql).</summary>
    public static bool IsPostgres(JixiaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
    }

    /// <summary>Applies every pending migration, in order; returns their names (empty when the database was up to date).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var startupLock = await StartupLock.AcquireAsync(db, ct).ConfigureAwait(false);
        return await MigrateLockedAsync(db, ct).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="MigrateAsync"/> for a caller that already holds <see cref="StartupLock"/>.</summary>
    public static async Task<IReadOnlyList<string>> MigrateLockedAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // PostgreSQL's provider finds out that the history table is missing by querying it and catching the error,
        // which EF logs as a failed command: a first start would log failures. Creating it first (IF NOT EXISTS, under
        // the start-up lock) keeps a healthy start free of them; Migrate would create it anyway.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).ToList();
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
        return pending;
    }
}
