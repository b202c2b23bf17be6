using System.Data.Common;
using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// The bulk store of a run's person rows (<see cref="ResultRows"/>: SQLite's prepared statement, PostgreSQL's binary COPY)
/// writes exactly what EF Core writes for the same rows as tracked entities: every column of every row compared as the
/// database holds it (SQLite: storage class and bytes; PostgreSQL: the value's text), on the 4S demo and the logistics
/// template, with Chinese names, empty grades and coefficients, and an open period's projection.
/// </summary>
public static class ResultRowsChecks
{
    /// <summary>Imports the template, runs <paramref name="period"/> through <see cref="CalculationService.RunAsync(Period, string?, CancellationToken)"/>,
    /// stores the same result again as EF entities, and compares the two runs' rows.</summary>
    public static async Task SameAsEntitiesAsync(Func<JixiaoDbContext> newContext, string template, string period, DateTimeOffset now)
    {
        var files = template == "4s-dealership" ? DemoCompany.Files(TestClock.Today) : PeriodReaderChecks.TemplateFiles(template);
        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile($"templates/{template}.yaml"));
        long bulk, entities;
        using (var db = newContext())
        {
            var imported = await new DataImporter(db, TestClock.New()).ImportAsync(files, "seed", new DateOnly(2026, 1, 1));
            Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
            var version = (await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, template + ".yaml", "seed")).Version!;
            var outcome = await new CalculationService(db, TestClock.At(now), CompanyTimeZone.Default).RunAsync(Period.Parse(period), "hr");
            Assert.NotNull(outcome);
            Assert.True(outcome.Run.Computed > 0);
            bulk = outcome.Run.Id;

            // The same result as tracked entities, written by EF Core's own INSERTs.
            var run = new CalculationRun
            {
                Period = period,
                PlanVersionId = version.Id,
                InputFingerprint = "entities",
                CodeVersion = "test",
                StartedAt = now.UtcDateTime,
                Status = RunStatus.Succeeded,
                Computed = outcome.Run.Computed,
            };
            run.Results.AddRange(CalculationService.Rows(outcome.Result));
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            entities = run.Id;
        }

        using var read = newContext();
        var stored = await RowsAsync(read, bulk);
        var expected = await RowsAsync(read, entities);
        Assert.Equal(expected.Count, stored.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], stored[i]);
        }

        // What the comparison covered (so it could have failed): every stored row, with letters outside ASCII in the details.
        Assert.Equal(await read.Results.CountAsync(r => r.RunId == bulk), stored.Count);
        Assert.Contains(stored, r => r[^1].Any(ch => ch > 0x7F));
    }

    /// <summary>Every column of the run's rows as the database holds it, one list per row in employee order.</summary>
    private static async Task<List<string[]>> RowsAsync(JixiaoDbContext db, long runId)
    {
        var sqlite = db.Database.IsSqlite();
        string[] columns = ["EmployeeId", "OrgUnitId", "Scorecard", "Total", "Grade", "Coefficient", "PayTotal", "DetailsJson"];
        // SQLite: the storage class and the bytes (hex of a TEXT value is its UTF-8); PostgreSQL: the value as text (numeric keeps its scale).
        var select = string.Join(", ", columns.Select(c => sqlite ? $"typeof(\"{c}\") || ':' || hex(\"{c}\")" : $"coalesce(\"{c}\"::text, '<null>')"));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM person_results WHERE \"RunId\" = {runId.ToString(CultureInfo.InvariantCulture)} ORDER BY \"EmployeeId\"";
        var rows = new List<string[]>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var row = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var value = r.GetString(c);
                if (sqlite && c == columns.Length - 1)
                {
                    // The details as text again (for a readable failure and the check for letters above), from the stored bytes.
                    var hex = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
                    value = value[..(value.IndexOf(':', StringComparison.Ordinal) + 1)] + System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex));
                }

                row[c] = columns[c] + "=" + value;
            }

            rows.Add(row);
        }

        return rows;
    }
}

public sealed class ResultRowsTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("4s-dealership", "2026-10")]
    [InlineData("4s-dealership", "2026-11")]
    [InlineData("logistics-a-to-f", "2026-10")]
    public Task Run_WhenStoredThroughTheStatement_ThenEveryByteAsEntitiesStoreIt(string template, string period) =>
        ResultRowsChecks.SameAsEntitiesAsync(_db.NewContext, template, period, new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
}

public sealed class ResultRowsPostgresTests : IDisposable
{
    private readonly string? _admin = PostgresFactAttribute.ConnectionString;
    private readonly string _database = "jixiao_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;

    private JixiaoDbContext NewContext()
    {
        if (_connectionString is null)
        {
            Assert.False(string.IsNullOrWhiteSpace(_admin), "JIXIAO_TEST_PG must name a PostgreSQL server under CI (run scripts/postgres.sh).");
            using (var conn = new Npgsql.NpgsqlConnection(_admin))
            {
                conn.Open();
                using var cmd = conn.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {_database}";
                cmd.ExecuteNonQuery();
            }

            _connectionString = new Npgsql.NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
            using var db = new JixiaoDbContext(Jixiao.Migrations.Postgres.PostgresStore.Options(_connectionString));
            db.Database.Migrate();
        }

        return new JixiaoDbContext(Jixiao.Migrations.Postgres.PostgresStore.Options(_connectionString));
    }

    public void Dispose()
    {
        if (_connectionString is null)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        using var conn = new Npgsql.NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }

    [PostgresFact]
    public Task Demo_WhenStoredThroughCopy_ThenEveryValueAsEntitiesStoreIt() =>
        ResultRowsChecks.SameAsEntitiesAsync(NewContext, "4s-dealership", "2026-11", new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));

    [PostgresFact]
    public Task Logistics_WhenStoredThroughCopy_ThenEveryValueAsEntitiesStoreIt() =>
        ResultRowsChecks.SameAsEntitiesAsync(NewContext, "logistics-a-to-f", "2026-10", new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
}
