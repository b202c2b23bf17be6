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
        if (string.IsNullOrWhiteSpace(ConnectionString) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "JIXIAO_TEST_PG is not set (scripts/postgres.sh sets it)";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("JIXIAO_TEST_PG");
}
