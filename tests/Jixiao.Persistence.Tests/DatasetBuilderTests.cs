using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Import;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Testing;

namespace Jixiao.Persistence.Tests;

public sealed class DatasetBuilderTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    internal static string RepoFile(string relative)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Jixiao.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return Path.Combine(dir, relative);
    }

    [Fact]
    public async Task Calculate_WhenDataCameThroughTheDatabase_ThenSameResultsAsFromTheFiles()
    {
        var dir = Path.Combine(_db.Folder, "data");
        BenchDataGenerator.Write(dir, 40, 600, seed: 7);
        var plan = PlanLoader.LoadFile(RepoFile("templates/4s-dealership.yaml")).Plan!;
        var period = Period.Parse("2026-03");

        var fromFiles = DataDirectoryLoader.Load(dir);
        Assert.True(fromFiles.Ok, string.Join("\n", fromFiles.Errors));
        var expected = Calculator.Run(plan, fromFiles.Dataset!, period);

        var files = DataSources.All
            .Where(s => File.Exists(Path.Combine(dir, s + ".csv")))
            .Select(s => new UploadFile(s, s + ".csv", File.ReadAllBytes(Path.Combine(dir, s + ".csv"))))
            .ToList();
        using (var db = _db.NewContext())
        {
            var outcome = await new DataImporter(db, TestClock.New()).ImportAsync(files, null, new DateOnly(2026, 1, 1));
            Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
        }

        using var read = _db.NewContext();
        var stored = await DatasetBuilder.BuildAsync(read, period);
        var actual = Calculator.Run(plan, stored.Dataset, period);

        Assert.NotEmpty(expected.Results);
        Assert.Equal(Json(expected.Results), Json(actual.Results));
        Assert.Equal(Json(expected.Errors), Json(actual.Errors));

        using var again = _db.NewContext();
        Assert.Equal(stored.Fingerprint, (await DatasetBuilder.BuildAsync(again, period)).Fingerprint);
        Assert.NotEqual(stored.Fingerprint, (await DatasetBuilder.BuildAsync(again, Period.Parse("2026-04"))).Fingerprint);
    }

    // Numbers compare by value: SQLite gives 10.0 back for a stored 10.00.
    private static string Json(object value) => JsonSerializer.Serialize(value, Options);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new NormalisedDecimal() } };

    private sealed class NormalisedDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }
}
