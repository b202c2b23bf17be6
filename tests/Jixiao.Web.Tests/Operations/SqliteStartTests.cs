using System.Net;
using Jixiao.Testing;
using Microsoft.Data.Sqlite;

namespace Jixiao.Web.Tests.Operations;

/// <summary>
/// The app as an operator starts it (its own process, Kestrel on 127.0.0.1) on a SQLite file that does not exist yet:
/// the first start logs no failure, <c>/healthz</c> and <c>/readyz</c> answer anonymously without details, and
/// <c>/readyz</c> turns unhealthy when a migration is missing (docs/deployment.md, "Health checks").
/// </summary>
public sealed class SqliteStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-start-").FullName;

    [Fact]
    public async Task FirstStart_WhenSqliteFileIsNew_ThenNoFailureIsLoggedAndTheProbesAnswer()
    {
        var file = Path.Combine(_folder, "jixiao.db");
        using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Jixiao"] = "Data Source=" + file,
        });

        await app.WaitReadyAsync();

        Assert.True(app.FailureLines().Count == 0, "a first start logged failures:\n" + string.Join('\n', app.FailureLines()));
        Assert.DoesNotContain(app.Lines, l => l.StartsWith("stderr: ", StringComparison.Ordinal));
        // Development: no warning about unencrypted data-protection keys (that is for Production).
        Assert.DoesNotContain(app.Lines, l => l.Contains("Data-protection keys (they protect sign-in cookies)", StringComparison.Ordinal));
        using var anonymous = new HttpClient { BaseAddress = app.Address };
        await AssertProbe(anonymous, "/healthz", HttpStatusCode.OK, "Healthy");
        await AssertProbe(anonymous, "/readyz", HttpStatusCode.OK, "Healthy");

        // One migration "not applied": not ready (an instance of a newer version has not migrated), still alive.
        Execute(file, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT max("MigrationId") FROM "__EFMigrationsHistory")""");
        await AssertProbe(anonymous, "/readyz", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        await AssertProbe(anonymous, "/healthz", HttpStatusCode.OK, "Healthy");
    }

    /// <summary>The probe answers with the status alone: no JSON, no check names, no exception text.</summary>
    internal static async Task AssertProbe(HttpClient client, string path, HttpStatusCode status, string body)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.Location);
    }

    private static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
