using Jixiao.Testing;
using Npgsql;

namespace Jixiao.Postgres.Tests;

/// <summary>
/// A throw-away PostgreSQL database for one test class: <c>IClassFixture&lt;PostgresDatabase&gt;</c>.
/// Creates a uniquely named database on the server of <c>JIXIAO_TEST_PG</c> (from template0, UTF-8)
/// before the first test and drops it after the last one, so classes can run in parallel and
/// leave nothing behind. Tests must be <c>[SkippableFact]</c>/<c>[SkippableTheory]</c>: without a
/// server, reading <see cref="ConnectionString"/> skips the test (or, under CI=true, the fixture
/// has already failed every test of the class). Self-contained apart from <see cref="TestServices"/>:
/// copy or link it into other test projects (docs/testing.md).
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    /// <summary>Prefix of every database this fixture creates; a leftover one can be dropped by hand.</summary>
    public const string NamePrefix = "jixiao_t_";

    private string? _connectionString;
    private string? _serverConnectionString;
    private string? _unavailable;

    /// <summary>The name of the database, e.g. <c>jixiao_t_3f2a…</c>.</summary>
    public string DatabaseName { get; } = NamePrefix + Guid.NewGuid().ToString("N");

    /// <summary>Connection string of the throw-away database. Skips the test when there is no server.</summary>
    public string ConnectionString
    {
        get
        {
            if (_connectionString is null)
            {
                TestServices.Unavailable(_unavailable ?? "PostgresDatabase was not initialised");
            }

            return _connectionString;
        }
    }

    /// <summary>Opens a new connection to the throw-away database (the caller disposes it).</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        var server = TestServices.PostgresConnectionString;
        if (server is null)
        {
            NotAvailable($"{TestServices.PostgresVariable} is not set, so there is no PostgreSQL server to test against. {TestServices.PostgresHint}");
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Timeout = 10, Pooling = false };
        _serverConnectionString = builder.ConnectionString;
        try
        {
            await using var admin = new NpgsqlConnection(_serverConnectionString);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE {Quote(DatabaseName)} TEMPLATE template0 ENCODING 'UTF8'", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            NotAvailable($"cannot create a database on the PostgreSQL server of {TestServices.PostgresVariable} " +
                $"(Host={builder.Host};Port={builder.Port};Username={builder.Username}): {e.Message}. {TestServices.PostgresHint}");
            return;
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null || _serverConnectionString is null)
        {
            return;
        }

        // Pooled idle connections would keep the database open; FORCE ends any that are left.
        await using (var pooled = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(DatabaseName)} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private void NotAvailable(string reason)
    {
        _unavailable = reason;
        TestServices.FailUnderCi(reason);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
