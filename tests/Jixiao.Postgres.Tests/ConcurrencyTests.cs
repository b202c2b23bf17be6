using Npgsql;

namespace Jixiao.Postgres.Tests;

/// <summary>Two connections are two sessions: neither sees the other's uncommitted rows, both see committed ones.</summary>
public sealed class ConcurrencyTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task SecondConnection_SeesRowsOnlyAfterCommit()
    {
        await using var writer = await db.OpenConnectionAsync();
        await using var reader = await db.OpenConnectionAsync();
        await ExecuteAsync(writer, "CREATE TABLE payouts (id int PRIMARY KEY, employee text NOT NULL, amount numeric(18,2) NOT NULL)");
        Assert.NotEqual(await ScalarAsync<int>(writer, "SELECT pg_backend_pid()"), await ScalarAsync<int>(reader, "SELECT pg_backend_pid()"));

        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await using var insert = new NpgsqlCommand("INSERT INTO payouts VALUES (1, '张伟', 12345678901234.56)", writer, transaction);
            await insert.ExecuteNonQueryAsync();

            Assert.Equal(0L, await ScalarAsync<long>(reader, "SELECT count(*) FROM payouts"));

            await transaction.CommitAsync();
        }

        Assert.Equal(1L, await ScalarAsync<long>(reader, "SELECT count(*) FROM payouts"));
        Assert.Equal("张伟", await ScalarAsync<string>(reader, "SELECT employee FROM payouts WHERE id = 1"));
        Assert.Equal(12345678901234.56m, await ScalarAsync<decimal>(reader, "SELECT amount FROM payouts WHERE id = 1"));
    }

    [SkippableFact]
    public async Task RolledBackRows_AreNeverSeen()
    {
        await using var writer = await db.OpenConnectionAsync();
        await using var reader = await db.OpenConnectionAsync();
        await ExecuteAsync(writer, "CREATE TABLE drafts (id int PRIMARY KEY)");

        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await using var insert = new NpgsqlCommand("INSERT INTO drafts VALUES (1)", writer, transaction);
            await insert.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(0L, await ScalarAsync<long>(reader, "SELECT count(*) FROM drafts"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
