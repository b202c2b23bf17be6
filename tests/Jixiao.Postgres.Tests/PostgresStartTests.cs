using System.Net;
using Jixiao.Testing;
using Npgsql;

namespace Jixiao.Postgres.Tests;

/// <summary>
/// The app started as an operator starts it (its own process, Kestrel on 127.0.0.1) on the PostgreSQL server of
/// JIXIAO_TEST_PG (docs/deployment.md, "First start on PostgreSQL"): a missing database is created when the role may,
/// else the start stops with one line saying what to create and how; a first start logs no failure; <c>/readyz</c>
/// fails when the database goes away while <c>/healthz</c> stays alive.
/// </summary>
public sealed class PostgresStartTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>scripts/postgres.sh gives the role without CREATEDB the test role's password followed by this.</summary>
    public const string NoCreateDbPasswordSuffix = "-nocreatedb-Q7";

    [SkippableFact]
    public async Task FirstStart_WhenDatabaseIsEmpty_ThenMigratesAndLogsNoFailure()
    {
        using var app = AppProcess.Start(Settings(database.ConnectionString));

        await app.WaitReadyAsync();

        Assert.True(app.FailureLines().Count == 0, "a first start logged failures:\n" + string.Join('\n', app.FailureLines()));
        Assert.DoesNotContain(app.Lines, l => l.StartsWith("stderr: ", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains("Created the PostgreSQL database", StringComparison.Ordinal));
        await using var connection = await database.OpenConnectionAsync();
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0);
    }

    [SkippableFact]
    public async Task FirstStart_WhenDatabaseMissingAndRoleMayCreate_ThenCreatesItAndReadyzFailsWhenItIsDropped()
    {
        var name = PostgresDatabase.NamePrefix + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = name }.ConnectionString;
        try
        {
            using var app = AppProcess.Start(Settings(connectionString));

            await app.WaitReadyAsync();

            Assert.True(app.FailureLines().Count == 0, "a first start logged failures:\n" + string.Join('\n', app.FailureLines()));
            Assert.Single(app.Lines, l => l.Contains("Created the PostgreSQL database of ConnectionStrings:Jixiao (it did not exist).", StringComparison.Ordinal));
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0);
                Assert.Equal(1, await ScalarAsync(connection, "SELECT count(*) FROM pg_database WHERE datname = current_database() AND pg_encoding_to_char(encoding) = 'UTF8'"));
            }

            using var anonymous = new HttpClient { BaseAddress = app.Address };
            await AssertProbe(anonymous, "/healthz", HttpStatusCode.OK, "Healthy");
            await AssertProbe(anonymous, "/readyz", HttpStatusCode.OK, "Healthy");

            // The database goes away under the running app (its sessions are ended): not ready, still alive.
            await DropAsync(name);
            await AssertProbe(anonymous, "/readyz", HttpStatusCode.ServiceUnavailable, "Unhealthy");
            await AssertProbe(anonymous, "/healthz", HttpStatusCode.OK, "Healthy");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(name);
        }
    }

    [SkippableFact]
    public async Task FirstStart_WhenDatabaseMissingAndRoleMayNotCreate_ThenExits1WithOneLineSayingHowToCreateIt()
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var password = server.Password + NoCreateDbPasswordSuffix;
        var name = PostgresDatabase.NamePrefix + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Username = "jixiao_nocreatedb",
            Password = password,
            Database = name,
        }.ConnectionString;
        await RequireRoleAsync(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);

        using var app = AppProcess.Start(Settings(connectionString));
        var code = await app.WaitExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, code);
        var error = Assert.Single(app.Lines, l => l.StartsWith("stderr: ", StringComparison.Ordinal));
        Assert.Equal(
            $"stderr: PostgreSQL database \"{name}\" does not exist on {server.Host}:{server.Port} and cannot be created (role \"jixiao_nocreatedb\" may not create databases): " +
            $"create it as a superuser with CREATE DATABASE \"{name}\" OWNER \"jixiao_nocreatedb\"; (or let the role create it: ALTER ROLE \"jixiao_nocreatedb\" CREATEDB;) and start again.",
            error);
        Assert.DoesNotContain(app.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        Assert.Empty(app.FailureLines());
        await using var admin = new NpgsqlConnection(database.ConnectionString);
        await admin.OpenAsync();
        Assert.Equal(0, await ScalarAsync(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    private static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Jixiao"] = connectionString,
        ["Projection__RefreshEnabled"] = "false",
    };

    private static async Task AssertProbe(HttpClient client, string path, HttpStatusCode status, string body)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The role without CREATEDB comes from scripts/postgres.sh; a server set up before it existed lacks it.</summary>
    private static async Task RequireRoleAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            TestServices.Unavailable($"the role jixiao_nocreatedb cannot sign in ({e.SqlState}): run scripts/postgres.sh again, it creates the role. {TestServices.PostgresHint}");
        }
    }

    private async Task DropAsync(string name)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
