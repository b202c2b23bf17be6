using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Demo;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// The period reader (docs/decisions/0005-persistence.md): a calculation from the database gives exactly the numbers
/// of the same data calculated from its CSV files, and of the entity-based <see cref="DatasetBuilder"/>.
/// </summary>
public static class PeriodReaderChecks
{
    /// <summary>The demo company's periods and, for the open November, the day of its demo run.</summary>
    public static readonly (string Period, DateOnly? AsOf)[] DemoPeriods =
    [
        ("2026-05", null), ("2026-06", null), ("2026-07", null), ("2026-08", null), ("2026-09", null), ("2026-10", null),
        ("2026-Q3", null), ("2026-11", new DateOnly(2026, 11, 25)), ("2026-11", new DateOnly(2026, 11, 10)),
    ];

    /// <summary>Imports <paramref name="files"/> and the plan, then compares every period's numbers from files and database.</summary>
    public static async Task SameNumbersAsFromFilesAsync(Func<JixiaoDbContext> newContext, string folder, string template, IReadOnlyList<UploadFile> files,
        IEnumerable<(string Period, DateOnly? AsOf)> periods)
    {
        var dir = Path.Combine(folder, "csv-" + template);
        Directory.CreateDirectory(dir);
        foreach (var f in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(dir, f.Source + ".csv"), f.Content);
        }

        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile($"templates/{template}.yaml"));
        var plan = PlanLoader.Load(yaml).Plan!;
        var fromFiles = DataDirectoryLoader.Load(dir, plan);
        Assert.True(fromFiles.Ok, string.Join("\n", fromFiles.Errors));
        using (var db = newContext())
        {
            var imported = await new DataImporter(db, TestClock.New()).ImportAsync(files, "seed", new DateOnly(2026, 1, 1));
            Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
            Assert.NotNull((await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, template + ".yaml", "seed")).Version);
        }

        var computed = 0;
        foreach (var (text, asOf) in periods)
        {
            var period = Period.Parse(text);
            var options = new CalculationOptions { AsOf = asOf };
            var expected = Calculator.Run(plan, fromFiles.Dataset!, period, options);
            using var db = newContext();
            var read = await PeriodReader.ReadAsync(db, period, plan);
            var actual = Calculator.Run(plan, read.Dataset, period, options);
            var legacy = Calculator.Run(plan, (await DatasetBuilder.BuildAsync(db, period)).Dataset, period, options);
            var label = $"{template} {text} as of {asOf}";
            Assert.Equal(label + People(expected.Results), label + People(actual.Results));
            Assert.Equal(label + Json(expected.Errors), label + Json(actual.Errors));
            Assert.Equal(label + Json(Days(expected.Projection)), label + Json(Days(actual.Projection)));
            Assert.Equal(label + People(expected.Projection?.Results.Select(p => p.Projected)), label + People(actual.Projection?.Results.Select(p => p.Projected)));
            Assert.Equal(label + Json(expected.Projection?.Results.Select(p => new { p.Employee, p.Pending }).OrderBy(p => p.Employee, StringComparer.Ordinal)),
                label + Json(actual.Projection?.Results.Select(p => new { p.Employee, p.Pending }).OrderBy(p => p.Employee, StringComparer.Ordinal)));
            Assert.Equal(label + Json(legacy.Results), label + Json(actual.Results));
            Assert.Equal(label + Json(legacy.Projection), label + Json(actual.Projection));
            Assert.Equal(asOf is not null && OpenPeriod.IsOpen(period, asOf), actual.Projection is not null);
            computed += actual.Results.Count;

            // Explanations (with source row ids) equal those from the entity-based builder, ids and all (from files they
            // differ only by naming the line of targets.csv instead of "stored").
            var ids = expected.Results.Select(r => r.Employee).Take(6).ToArray();
            var explainedLegacy = Calculator.Run(plan, (await DatasetBuilder.BuildAsync(db, period)).Dataset, period, options with { Explain = ids });
            var explainedDb = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).ComputeAsync(period, options with { Explain = ids });
            Assert.Equal(ids.Length, explainedDb!.Explanations.Count);
            Assert.Equal(label + Json(explainedLegacy.Explanations.OrderBy(x => x.Key, StringComparer.Ordinal)), label + Json(explainedDb.Explanations.OrderBy(x => x.Key, StringComparer.Ordinal)));
        }

        Assert.True(computed > 0 || !periods.Any());
    }

    /// <summary>Stored rows of a run equal the numbers computed from the files.</summary>
    public static void StoredEqual(CalculationResult expected, CalculationRun run)
    {
        Assert.Equal(expected.Results.Count, run.Results.Count);
        var stored = run.Results.ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);
        foreach (var r in expected.Results)
        {
            var row = stored[r.Employee];
            Assert.Equal((r.Total, r.Grade, r.Coefficient, r.PayTotal, r.OrgUnit), (row.Total, row.Grade, row.Coefficient, row.PayTotal, row.OrgUnitId));
            var details = JsonSerializer.Deserialize<ResultDetails>(row.DetailsJson)!;
            Assert.Equal(Json(r.Indicators), Json(details.Indicators));
            Assert.Equal(Json(r.Pay), Json(details.Pay));
        }
    }

    private static object? Days(ProjectionSummary? p) => p is null ? null : new { p.AsOf, p.DaysElapsed, p.DaysInPeriod, p.Results.Count };

    /// <summary>Every person's numbers, by employee id, without the dense index (files keep file order, the database id order).</summary>
    public static string People(IEnumerable<EmployeeResult>? results)
    {
        if (results is null)
        {
            return "none";
        }

        var list = new System.Text.Json.Nodes.JsonArray();
        foreach (var r in results.OrderBy(r => r.Employee, StringComparer.Ordinal))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(Json(r))!.AsObject();
            node.Remove("EmployeeIndex");
            list.Add(node);
        }

        return list.ToJsonString();
    }

    // Numbers compare by value: SQLite gives 10.0 back for a stored 10.00.
    public static string Json(object? value) => JsonSerializer.Serialize(value, Options);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new NormalisedDecimal() } };

    private sealed class NormalisedDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }

    /// <summary>The files of a bundled template's example data.</summary>
    public static IReadOnlyList<UploadFile> TemplateFiles(string template)
    {
        var dir = DatasetBuilderTests.RepoFile($"templates/{template}/data");
        return [.. DataSources.All.Where(s => File.Exists(Path.Combine(dir, s + ".csv")))
            .Select(s => new UploadFile(s, s + ".csv", File.ReadAllBytes(Path.Combine(dir, s + ".csv"))))];
    }

    public static readonly (string Period, DateOnly? AsOf)[] TemplatePeriods =
        [("2026-10", null), ("2026-11", null), ("2026-12", null), ("2026-Q4", null), ("2026-10", new DateOnly(2026, 10, 12)), ("2026-Q4", new DateOnly(2026, 11, 15))];
}

public sealed class PeriodReaderTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public Task Demo_WhenCalculatedFromDatabase_ThenEveryNumberAsFromItsCsvFiles() =>
        PeriodReaderChecks.SameNumbersAsFromFilesAsync(_db.NewContext, _db.Folder, "4s-dealership", DemoCompany.Files(TestClock.Today), PeriodReaderChecks.DemoPeriods);

    [Theory]
    [InlineData("4s-dealership")]
    [InlineData("logistics-a-to-f")]
    [InlineData("incentive-toolkit")]
    public Task Template_WhenCalculatedFromDatabase_ThenEveryNumberAsFromItsCsvFiles(string template) =>
        PeriodReaderChecks.SameNumbersAsFromFilesAsync(_db.NewContext, _db.Folder, template, PeriodReaderChecks.TemplateFiles(template), PeriodReaderChecks.TemplatePeriods);

    [Fact]
    public async Task Run_WhenStored_ThenRowsAreTheNumbersFromTheFiles()
    {
        await PeriodReaderChecks.SameNumbersAsFromFilesAsync(_db.NewContext, _db.Folder, "4s-dealership", DemoCompany.Files(TestClock.Today), []);
        var plan = PlanLoader.LoadFile(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml")).Plan!;
        var expected = Calculator.Run(plan, DataDirectoryLoader.Load(Path.Combine(_db.Folder, "csv-4s-dealership"), plan).Dataset!, Period.Parse("2026-10"));
        using (var db = _db.NewContext())
        {
            var outcome = await new CalculationService(db, TestClock.At(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero)), CompanyTimeZone.Default).RunAsync(Period.Parse("2026-10"), "hr");
            Assert.Equal(expected.Results.Count, outcome!.Run.Computed);
        }

        using var read = _db.NewContext();
        PeriodReaderChecks.StoredEqual(expected, read.Runs.Include(r => r.Results).Single());
    }

    [Fact]
    public async Task Fingerprint_WhenOnlyRowsTheRunDoesNotReadChange_ThenSame()
    {
        await PeriodReaderChecks.SameNumbersAsFromFilesAsync(_db.NewContext, _db.Folder, "4s-dealership", DemoCompany.Files(TestClock.Today), []);
        var plan = PlanLoader.LoadFile(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml")).Plan!;
        var october = Period.Parse("2026-10");
        async Task<string> Fingerprint(Period p)
        {
            using var db = _db.NewContext();
            return (await PeriodReader.ReadAsync(db, p, plan)).Fingerprint;
        }

        var before = await Fingerprint(october);
        Assert.Equal(before, await Fingerprint(october));
        Assert.NotEqual(before, await Fingerprint(Period.Parse("2026-09")));
        using (var db = _db.NewContext())
        {
            // A September sale and every sale's customer: not read for October.
            var september = await db.Sales.OrderBy(s => s.Id).FirstAsync(s => s.Date.Month == 9);
            september.Amount += 1m;
            foreach (var s in db.Sales)
            {
                s.Customer = "changed";
            }

            await db.SaveChangesAsync();
        }

        Assert.Equal(before, await Fingerprint(october));
        using (var db = _db.NewContext())
        {
            var sale = await db.Sales.OrderBy(s => s.Id).FirstAsync(s => s.Date.Month == 10);
            sale.Amount += 0.01m;
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(before, await Fingerprint(october));
    }

    [Fact]
    public async Task Read_WhenAStoredAmountHasAFractionOfACent_ThenErrorNotTruncated()
    {
        await PeriodReaderChecks.SameNumbersAsFromFilesAsync(_db.NewContext, _db.Folder, "4s-dealership", DemoCompany.Files(TestClock.Today), []);
        var plan = PlanLoader.LoadFile(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml")).Plan!;
        using var db = _db.NewContext();
        var id = (await db.Sales.OrderBy(s => s.Id).FirstAsync(s => s.Date.Month == 10)).Id;
        // SQLite keeps decimals as text: write one that no import would accept.
        await db.Database.ExecuteSqlAsync($"UPDATE sales SET \"Amount\" = '100.005' WHERE \"Id\" = {id}");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PeriodReader.ReadAsync(db, Period.Parse("2026-10"), plan));
        Assert.Contains("100.005", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The same checks on PostgreSQL (numeric columns, date parameters, multi-row result inserts).</summary>
public sealed class PeriodReaderPostgresTests : IDisposable
{
    private readonly string? _admin = PostgresFactAttribute.ConnectionString;
    private readonly string _database = "jixiao_test_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-pg-").FullName;
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
        Directory.Delete(_folder, recursive: true);
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
    public async Task Demo_WhenCalculatedFromPostgres_ThenEveryNumberAsFromItsCsvFilesAndStoredSo()
    {
        await PeriodReaderChecks.SameNumbersAsFromFilesAsync(NewContext, _folder, "4s-dealership", DemoCompany.Files(TestClock.Today),
            [("2026-10", null), ("2026-Q3", null), ("2026-11", new DateOnly(2026, 11, 25))]);
        var plan = PlanLoader.LoadFile(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml")).Plan!;
        var period = Period.Parse("2026-11");
        var options = new CalculationOptions { AsOf = new DateOnly(2026, 11, 25) };
        var expected = Calculator.Run(plan, DataDirectoryLoader.Load(Path.Combine(_folder, "csv-4s-dealership"), plan).Dataset!, period, options);
        using (var db = NewContext())
        {
            // 2026-11-25 01:00 in Shanghai: the open November of the demo.
            var outcome = await new CalculationService(db, TestClock.At(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero)), CompanyTimeZone.Default).RunAsync(period, "hr");
            Assert.Equal(expected.Results.Count, outcome!.Run.Computed);
        }

        using var read = NewContext();
        var run = read.Runs.Include(r => r.Results).Single();
        PeriodReaderChecks.StoredEqual(expected, run);
        Assert.All(run.Results, r => Assert.NotNull(JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)!.Projection));
    }

    [PostgresFact]
    public Task Logistics_WhenCalculatedFromPostgres_ThenEveryNumberAsFromItsCsvFiles() =>
        PeriodReaderChecks.SameNumbersAsFromFilesAsync(NewContext, _folder, "logistics-a-to-f", PeriodReaderChecks.TemplateFiles("logistics-a-to-f"), PeriodReaderChecks.TemplatePeriods);
}
