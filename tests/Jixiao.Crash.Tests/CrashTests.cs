using Jixiao.Postgres.Tests;
using Jixiao.Testing;
using Xunit.Abstractions;

namespace Jixiao.Crash.Tests;

/// <summary>The crash suite on a SQLite file: the killed process is the one writing the file.</summary>
public sealed class SqliteCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-crash-").FullName;

    [Fact]
    public async Task KillsDuringUploadsAndRunsLeaveNothingHalfWritten()
    {
        var file = Path.Combine(_folder, "jixiao.db");
        var store = Store.Sqlite(file);
        await new CrashSuite(store, () => AppProcess.Start(Settings.For(store)), Report.To(output)).RunAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The crash suite on PostgreSQL: the killed process's sessions end and the server rolls back their transactions.</summary>
public sealed class PostgresCrashTests(ITestOutputHelper output, PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task KillsDuringUploadsAndRunsLeaveNothingHalfWritten()
    {
        var store = Store.Postgres(database.ConnectionString);
        await new CrashSuite(store, () => AppProcess.Start(Settings.For(store)), Report.To(output)).RunAsync();
    }
}

/// <summary>The app's settings for a store (scheduler and daily refresh on, as in production).</summary>
internal static class Settings
{
    public static Dictionary<string, string?> For(Store store) => new()
    {
        ["Database__Provider"] = store.Provider == "SQLite" ? "Sqlite" : "Postgres",
        ["ConnectionStrings__Jixiao"] = store.ConnectionString,
    };
}

/// <summary>Where the suites' figures go: the test's output (in the TRX file and on failure) and the console (CI's log).</summary>
internal static class Report
{
    public static Action<string> To(ITestOutputHelper output) => line =>
    {
        output.WriteLine(line);
        Console.WriteLine("[crash] " + line);
    };
}
