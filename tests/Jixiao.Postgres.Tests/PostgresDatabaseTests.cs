using Jixiao.Testing;
using Npgsql;

namespace Jixiao.Postgres.Tests;

/// <summary>The fixture itself: a fresh UTF-8 database of its own, reachable with the connection string it exposes.</summary>
public sealed class PostgresDatabaseTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task ConnectionString_PointsAtAFreshUtf8Database()
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_database(), pg_encoding_to_char(encoding), (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') " +
            "FROM pg_database WHERE datname = current_database()",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(db.DatabaseName, reader.GetString(0));
        Assert.StartsWith(PostgresDatabase.NamePrefix, db.DatabaseName, StringComparison.Ordinal);
        Assert.Equal("UTF8", reader.GetString(1));
        Assert.Equal(0L, reader.GetInt64(2));
    }

    [SkippableFact]
    public async Task ChineseText_RoundTrips()
    {
        const string name = "绩效考核：销售一部（华东）";
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT $1::text, length($1::text)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(name, reader.GetString(0));
        Assert.Equal(name.Length, reader.GetInt32(1));
    }

    [SkippableFact]
    public async Task DisposeAsync_DropsTheDatabase()
    {
        var server = TestServices.PostgresConnectionString;
        var other = new PostgresDatabase();
        await other.InitializeAsync();
        var name = other.DatabaseName;
        await using (var connection = await other.OpenConnectionAsync())
        {
            await using var create = new NpgsqlCommand("CREATE TABLE t (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }

        Assert.True(await DatabaseExistsAsync(server!, name));
        await other.DisposeAsync();
        Assert.False(await DatabaseExistsAsync(server!, name));
    }

    private static async Task<bool> DatabaseExistsAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
