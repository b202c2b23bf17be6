using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Persistence;

/// <summary>
/// Serialises start-up work (migrations, roles, the administrator, the demo seed, the first data-protection key)
/// between instances that start at the same time against one PostgreSQL database: a session-level advisory lock
/// on the context's connection, released on dispose or when the process dies (the session ends).
/// On SQLite it does nothing: several instances need PostgreSQL (docs/deployment.md).
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock key ("jixiao" in ASCII, then 1); advisory locks are per database.</summary>
    public const long Key = 0x6A6978616F_0001;

    private readonly JixiaoDbContext? _db;

    private StartupLock(JixiaoDbContext? db) => _db = db;

    public static async Task<StartupLock> AcquireAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!DatabaseMigrator.IsPostgres(db))
        {
            return new StartupLock(null);
        }

        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);

        // The other instance may hold the lock for as long as its migration and demo seed take, which is
        // longer than the default command timeout on a busy machine: wait without a client-side timeout
        // (the caller's token still cancels the wait).
        var previous = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Key})", ct).ConfigureAwait(false);
        }
        finally
        {
            db.Database.SetCommandTimeout(previous);
        }

        return new StartupLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})").ConfigureAwait(false);
        await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
