using Jixiao.Postgres.Tests;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jixiao.Cli.Tests;

/// <summary>`jixiao migrate` on a real SQLite file: applies every migration once, then finds nothing to do.</summary>
public class MigrateSqliteTests
{
    private static readonly string[] Migrations = MigrationIds.Of("Jixiao.Migrations.Sqlite");

    [Fact]
    public void Migrate_WhenNewSqliteFile_ThenAppliesEveryMigrationAndCreatesTheTables()
    {
        using var dir = new TempDir();
        var path = dir.File("jixiao.db");

        var run = CliRunner.Run("migrate", "--sqlite", path, "--lang", "en");

        Assert.True(run.ExitCode == 0, run.Err);
        foreach (var name in Migrations)
        {
            Assert.Contains("applied " + name, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains($"{Migrations.Length} migration(s) applied; the database is up to date.", run.Out, StringComparison.Ordinal);
        Assert.Equal(Migrations, History(path));
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM calculation_runs"));
    }

    [Fact]
    public void Migrate_WhenRunTwice_ThenSecondRunAppliesNothingAndSaysUpToDate()
    {
        using var dir = new TempDir();
        var path = dir.File("twice.db");
        Assert.Equal(0, CliRunner.Run("migrate", "--sqlite", path).ExitCode);

        var again = CliRunner.Run("migrate", "--sqlite", "Data Source=" + path);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("没有需要应用的迁移，数据库已是最新版本。", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("已应用", again.Out, StringComparison.Ordinal);
        Assert.Equal(Migrations, History(path));
    }

    [Fact]
    public void Migrate_WhenFolderMissing_ThenExit2WithReasonAndNoFile()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "missing", "jixiao.db");

        var run = CliRunner.Run("migrate", "--sqlite", path, "--lang", "en");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot migrate Data Source=" + path, run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData]
    [InlineData("--sqlite", "a.db", "--postgres", "Host=127.0.0.1")]
    public void Migrate_WhenNotExactlyOneDatabase_ThenExit2(params string[] options)
    {
        var run = CliRunner.Run(["migrate", .. options, "--lang", "zh-TW"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("請指定 --sqlite 路徑 或 --postgres", run.Err, StringComparison.Ordinal);
    }

    private static List<string> History(string path)
    {
        using var connection = new SqliteConnection("Data Source=" + path);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + path);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}

/// <summary>`jixiao migrate --postgres` against the server of JIXIAO_TEST_PG (skipped locally without it, fails under CI).</summary>
public class MigratePostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Migrate_WhenEmptyPostgresDatabase_ThenAppliesEveryMigrationOnceAndHidesThePassword()
    {
        var connectionString = database.ConnectionString;

        var run = CliRunner.Run("migrate", "--postgres", connectionString, "--lang", "en");

        Assert.True(run.ExitCode == 0, run.Err);
        var migrations = MigrationIds.Of("Jixiao.Migrations.Postgres");
        Assert.Contains("applied 20261126114227_Initial", run.Out, StringComparison.Ordinal);
        foreach (var name in migrations)
        {
            Assert.Contains("applied " + name, run.Out, StringComparison.Ordinal);
        }
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        if (!string.IsNullOrEmpty(password))
        {
            Assert.DoesNotContain("Password=" + password, run.Out, StringComparison.OrdinalIgnoreCase);
        }

        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"__EFMigrationsHistory\"", connection);
            Assert.Equal((long)migrations.Length, (long)(await command.ExecuteScalarAsync())!);
            await using var runs = new NpgsqlCommand("SELECT COUNT(*) FROM calculation_runs", connection);
            Assert.Equal(0L, (long)(await runs.ExecuteScalarAsync())!);
        }

        var again = CliRunner.Run("migrate", "--postgres", connectionString, "--lang", "en");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("No migration to apply", again.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Migrate_WhenServerRefuses_ThenExit2WithReason()
    {
        _ = database.ConnectionString; // same service requirement as the other test
        var refused = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;

        var run = CliRunner.Run("migrate", "--postgres", refused, "--lang", "en");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot migrate", run.Err, StringComparison.Ordinal);
    }
}

/// <summary>The ids of the migrations compiled into a migrations assembly, in the order EF applies them.</summary>
internal static class MigrationIds
{
    public static string[] Of(string assembly) =>
        [.. System.Reflection.Assembly.Load(assembly).GetTypes()
            .Select(t => System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>(t)?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];
}
