using System.Data.Common;
using System.Runtime.CompilerServices;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jixiao.Migrations.Sqlite;

/// <summary>Configures <see cref="JixiaoDbContext"/> for a SQLite file with this assembly's migrations.</summary>
public static class SqliteStore
{
    /// <summary>Uses SQLite at <paramref name="connectionString"/> (e.g. "Data Source=jixiao.db").</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteStore).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance);
    }

    /// <summary>Options for a context on the given SQLite connection string.</summary>
    public static DbContextOptions<JixiaoDbContext> Options(string connectionString) =>
        (DbContextOptions<JixiaoDbContext>)Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), connectionString).Options;
}

/// <summary>
/// Every connection runs in WAL mode with synchronous=FULL (a committed transaction survives a power cut),
/// enforces foreign keys and waits for a writer instead of failing at once. synchronous, foreign_keys and
/// busy_timeout belong to the native connection, so they are set once per native connection: Microsoft.Data.Sqlite
/// pools native connections, and EF opens and closes one for every query (4 statements per query were ~0.1 ms
/// of CPU per query before).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    // Native connections already configured (weak: a handle closed by the pool drops out).
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    private static readonly object Done = new();

    private static SQLitePCL.sqlite3? NativeHandle(DbConnection connection) => (connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        var handle = NativeHandle(connection);
        if (handle is not null && Configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        if (handle is not null)
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var handle = NativeHandle(connection);
        if (handle is not null && Configured.TryGetValue(handle, out _))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (handle is not null)
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}

/// <summary>Lets `dotnet ef` build the context when adding SQLite migrations.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<JixiaoDbContext>
{
    public JixiaoDbContext CreateDbContext(string[] args) => new(SqliteStore.Options("Data Source=design-time.db"));
}
