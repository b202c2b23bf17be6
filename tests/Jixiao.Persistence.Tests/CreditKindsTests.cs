using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Import;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// credits.csv's kind and referrer (seed 003 §五.1/§五.4) through an upload into SQLite: stored, read back by both
/// readers (the entity builder and the period reader) and computed exactly as from the files.
/// </summary>
public sealed class CreditKindsTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Calculate_WhenIndirectAndReferredCreditsUploaded_ThenSameResultsAsFromTheFilesAndTheRulesApplied()
    {
        var dir = Path.Combine(_db.Folder, "data");
        BenchDataGenerator.Write(dir, 40, 3000, seed: 7);

        // Every second credit row indirect, every third referred by an outside person.
        var lines = File.ReadAllLines(Path.Combine(dir, "credits.csv"));
        var rewritten = new StringBuilder(lines[0] + ",kind,referrer\n");
        for (var i = 1; i < lines.Length; i++)
        {
            rewritten.Append(lines[i]).Append(i % 2 == 0 ? ",间接," : ",,").Append(i % 3 == 0 ? "外部 " + i : "").Append('\n');
        }

        Assert.True(lines.Length > 30, $"{lines.Length} credit lines");
        await File.WriteAllTextAsync(Path.Combine(dir, "credits.csv"), rewritten.ToString());
        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
        var plan = PlanLoader.Load(yaml + "\ncredits:\n  indirect_rate: 50%\n  referrer_share: 30%\n").Plan!;
        var without = PlanLoader.Load(yaml).Plan!;
        var period = Period.Parse("2026-03");

        var fromFiles = DataDirectoryLoader.Load(dir);
        Assert.True(fromFiles.Ok, string.Join("\n", fromFiles.Errors));
        Assert.Contains(fromFiles.Dataset!.Credits, c => c.Indirect);
        Assert.Contains(fromFiles.Dataset.Credits, c => c.Referrer is not null);
        var expected = Calculator.Run(plan, fromFiles.Dataset, period);

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
        Assert.Equal(fromFiles.Dataset.Credits.Count(c => c.Indirect), await read.Credits.CountAsync(c => c.Indirect));
        Assert.Equal(fromFiles.Dataset.Credits.Count(c => c.Referrer != null), await read.Credits.CountAsync(c => c.Referrer != null));

        var built = await DatasetBuilder.BuildAsync(read, period);
        var viaReader = await PeriodReader.ReadAsync(read, period, plan);
        var a = Calculator.Run(plan, built.Dataset, period);
        var b = Calculator.Run(plan, viaReader.Dataset, period);
        Assert.NotEmpty(expected.Results);
        Assert.Equal(Describe(expected), Describe(a));
        Assert.Equal(Describe(expected), Describe(b));

        // The rules change the money: the same data under the plan without them pays more.
        var full = Calculator.Run(without, built.Dataset, period);
        Assert.True(Total(full) > Total(a), $"{Total(full)} ≤ {Total(a)}");

        // The rows' kinds are part of the data's fingerprint (a stale run is seen as stale).
        using (var db = _db.NewContext())
        {
            var (first, last) = (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
            var one = await db.Credits.FirstAsync(c => c.Indirect && db.Sales.Any(s => s.ExternalId == c.SaleId && s.Date >= first && s.Date <= last));
            one.Indirect = false;
            await db.SaveChangesAsync();
        }

        using var again = _db.NewContext();
        Assert.NotEqual(built.Fingerprint, (await DatasetBuilder.BuildAsync(again, period)).Fingerprint);
    }

    private static decimal Total(CalculationResult r) => r.Results.Sum(x => x.Pay.Sum(p => p.Amount));

    private static List<string> Describe(CalculationResult r) =>
        [.. r.Results.OrderBy(x => x.Employee, StringComparer.Ordinal).Select(x => x.Employee + ":" + string.Join(",", x.Pay.Select(p => p.Component + "=" + p.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))))];
}
