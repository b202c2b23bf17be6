using System.Data.Common;
using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Migrations.Sqlite;

namespace Jixiao.Cli;

/// <summary>
/// The database `jixiao migrate` works on: SQLite (a file path or a connection string) or PostgreSQL, configured by
/// the same <see cref="SqliteStore"/> / <see cref="PostgresStore"/> the web host uses, migrated by the same
/// <see cref="DatabaseMigrator"/>.
/// </summary>
internal sealed record DatabaseTarget(string Provider, string ConnectionString, string Display)
{
    public static DatabaseTarget From(string? sqlite, string? postgres)
    {
        if (postgres is not null)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = postgres };
            // Never echo a password.
            builder.Remove("Password");
            builder.Remove("pwd");
            return new DatabaseTarget("PostgreSQL", postgres, builder.ConnectionString);
        }

        var value = sqlite!;
        var connection = value.Contains('=', StringComparison.Ordinal) ? value : "Data Source=" + value;
        return new DatabaseTarget("SQLite", connection, connection);
    }

    public async Task<IReadOnlyList<string>> MigrateAsync()
    {
        if (Provider == "PostgreSQL")
        {
            // A missing database is created when the role may (CREATEDB), as the web host does.
            await PostgresPreflight.EnsureDatabaseAsync(ConnectionString).ConfigureAwait(false);
        }

        var options = Provider == "PostgreSQL" ? PostgresStore.Options(ConnectionString) : SqliteStore.Options(ConnectionString);
        await using var db = new JixiaoDbContext(options);
        return await DatabaseMigrator.MigrateAsync(db).ConfigureAwait(false);
    }

    /// <summary>Failures to report as "could not migrate" (exit 2) rather than crash: connection, SQL, bad connection string.</summary>
    public static bool IsDatabaseError(Exception ex) =>
        ex is DbException or DatabaseUnavailableException or InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException
            or TimeoutException or System.Net.Sockets.SocketException;
}
