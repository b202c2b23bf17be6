using System.Globalization;
using Npgsql;

namespace Jixiao.Postgres.Tests;

/// <summary>
/// What PostgreSQL really does with money in <c>numeric(18,2)</c> (amounts) and <c>numeric(18,4)</c>
/// (rates, quantities): exact round trips, rounding half away from zero on assignment (as
/// <c>Money.Round</c> does, not banker's rounding), and an error instead of a silent wrap on overflow.
/// </summary>
public sealed class MoneyColumnTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [SkippableTheory]
    [InlineData("12345678901234.56", "12345678901234.56")]
    [InlineData("9999999999999999.99", "9999999999999999.99")]
    [InlineData("-9999999999999999.99", "-9999999999999999.99")]
    [InlineData("0.01", "0.01")]
    [InlineData("1", "1.00")]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("0.015", "0.02")]
    [InlineData("0.025", "0.03")]
    [InlineData("2.675", "2.68")]
    [InlineData("0.0049999", "0.00")]
    [InlineData("-0.004", "0.00")]
    public async Task Numeric18_2_StoresExactlyAndRoundsHalfAwayFromZero(string written, string stored)
    {
        var (text, value) = await RoundTripAsync("numeric(18,2)", Parse(written));

        Assert.Equal(stored, text);
        Assert.Equal(Parse(stored), value);
        Assert.Equal(stored, value.ToString(CultureInfo.InvariantCulture));
    }

    [SkippableTheory]
    [InlineData("12345678901234.5678", "12345678901234.5678")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.01", "0.0100")]
    [InlineData("0.00005", "0.0001")]
    [InlineData("-0.00005", "-0.0001")]
    [InlineData("0.12345", "0.1235")]
    [InlineData("-0.005", "-0.0050")]
    public async Task Numeric18_4_StoresExactlyAndRoundsHalfAwayFromZero(string written, string stored)
    {
        var (text, value) = await RoundTripAsync("numeric(18,4)", Parse(written));

        Assert.Equal(stored, text);
        Assert.Equal(Parse(stored), value);
        Assert.Equal(stored, value.ToString(CultureInfo.InvariantCulture));
    }

    [SkippableTheory]
    [InlineData("numeric(18,2)", "10000000000000000")]
    [InlineData("numeric(18,2)", "9999999999999999.995")]
    [InlineData("numeric(18,2)", "-10000000000000000.00")]
    [InlineData("numeric(18,4)", "100000000000000")]
    [InlineData("numeric(18,4)", "99999999999999.99995")]
    public async Task TooLargeForTheColumn_IsRejected(string type, string written)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => RoundTripAsync(type, Parse(written)));

        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, error.SqlState);
    }

    [SkippableFact]
    public async Task Sum_OfCents_IsExact()
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TEMP TABLE cents (amount numeric(18,2) NOT NULL);
            INSERT INTO cents SELECT 0.01 FROM generate_series(1, 100000);
            INSERT INTO cents VALUES (0.10), (0.20);
            SELECT sum(amount) FROM cents;
            """,
            connection);

        var sum = (decimal)(await command.ExecuteScalarAsync())!;

        Assert.Equal(1000.30m, sum);
    }

    private async Task<(string Text, decimal Value)> RoundTripAsync(string type, decimal written)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE amounts (amount {type})", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO amounts (amount) VALUES ($1)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = written });
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = new NpgsqlCommand("SELECT amount::text, amount FROM amounts", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetDecimal(1));
    }

    private static decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
