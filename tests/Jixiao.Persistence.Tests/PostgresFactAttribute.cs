namespace Jixiao.Persistence.Tests;

/// <summary>
/// A test against the PostgreSQL server named by JIXIAO_TEST_PG (a connection string whose user may create
/// databases). Without it the test is skipped on a developer machine but runs, and fails, under CI=true:
/// CI must never pass by skipping PostgreSQL.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        var underCi = string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        if (string.IsNullOrWhiteSpace(ConnectionString) && !underCi)
        {
            Skip = "JIXIAO_TEST_PG is not set (scripts/postgres.sh sets it)";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("JIXIAO_TEST_PG");
}
