using System.Globalization;
using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// The SQLite reader through SQLite's statement interface (PeriodReader.Sqlite.cs) gives the same <see cref="Dataset"/>,
/// column by column (decimals with their scale, codes in the same order), and the same fingerprint as the ADO.NET path it
/// replaces on SQLite; and it was used (each source it read natively is recorded).
/// </summary>
public sealed class PeriodReaderSqliteTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("4s-dealership", "2026-10", "sales,credits,expenses,activities,targets,ratings")]
    [InlineData("4s-dealership", "2026-11", "sales,credits,expenses,activities,targets,ratings")]
    [InlineData("4s-dealership", "2026-Q3", "sales,credits,expenses,activities,targets,ratings")]
    [InlineData("logistics-a-to-f", "2026-10", "sales,credits,collections,expenses,targets,ratings")]
    [InlineData("logistics-a-to-f", "2026-Q4", "sales,credits,collections,expenses,targets,ratings")]
    public async Task Read_WhenNative_ThenTheDatasetAndFingerprintOfTheAdoNetRead(string template, string period, string native)
    {
        await ImportAsync(template == "4s-dealership" ? DemoCompany.Files(TestClock.Today) : PeriodReaderChecks.TemplateFiles(template));
        var plan = PlanLoader.LoadFile(DatasetBuilderTests.RepoFile($"templates/{template}.yaml")).Plan!;
        var (viaAdo, viaNative) = await BothAsync(plan, Period.Parse(period), native.Split(','));
        Assert.True(viaNative.Dataset.Sales.Count > 0 && viaNative.Dataset.TargetColumns.Count > 0, "sales and targets read");
    }

    [Fact]
    public async Task Read_WhenCreditKindsCorrectionsAndIdsBeyondTheBasicPlane_ThenTheDatasetAndFingerprintOfTheAdoNetRead()
    {
        var dir = Path.Combine(_db.Folder, "data");
        BenchDataGenerator.Write(dir, 40, 3000, seed: 7);
        var lines = File.ReadAllLines(Path.Combine(dir, "credits.csv"));
        var rewritten = new StringBuilder(lines[0] + ",kind,referrer\n");
        for (var i = 1; i < lines.Length; i++)
        {
            rewritten.Append(lines[i]).Append(i % 2 == 0 ? ",间接," : ",,").Append(i % 3 == 0 ? "外部 " + i : "").Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "credits.csv"), rewritten.ToString());
        await ImportAsync([.. DataSources.All.Where(s => File.Exists(Path.Combine(dir, s + ".csv")))
            .Select(s => new UploadFile(s, s + ".csv", File.ReadAllBytes(Path.Combine(dir, s + ".csv"))))]);
        var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
        var plan = PlanLoader.Load(yaml + "\ncredits:\n  indirect_rate: 50%\n  referrer_share: 30%\n").Plan!;
        var period = Period.Parse("2026-03");
        using (var db = _db.NewContext())
        {
            // Corrections (read through EF either way, part of the dataset and the fingerprint).
            var people = await db.Employees.OrderBy(e => e.Id).Select(e => e.Id).Take(3).ToListAsync();
            var now = new DateTime(2026, 4, 2, 1, 0, 0, DateTimeKind.Utc);
            db.ResultCorrections.AddRange(
                new ResultCorrectionRecord { Period = "2026-03", EmployeeId = people[0], Kind = CorrectionKinds.Grade, Grade = "A", Source = CorrectionKinds.Calibration, Reason = "t", CreatedAt = now },
                new ResultCorrectionRecord { Period = "2026-03", EmployeeId = people[1], Kind = CorrectionKinds.Points, Indicator = "sales", Points = 87.50m, Source = CorrectionKinds.Calibration, Reason = "t", CreatedAt = now });
            await db.SaveChangesAsync();

            // External ids whose UTF-8 order is not their UTF-16 order: a letter above U+FFFF (a surrogate pair in .NET's
            // strings) sorts before U+E000–U+FFFF ordinally, after them by bytes. Targets and ratings are ordered by external id.
            await db.Database.OpenConnectionAsync();
            foreach (var table in new[] { "targets", "ratings" })
            {
                foreach (var (letter, rows) in new[] { ("char(128512)", "% 3 = 0"), ("char(57344)", "% 3 = 1"), ("char(65500)", "% 5 = 2") })
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = $"UPDATE {table} SET \"ExternalId\" = {letter} || \"ExternalId\" WHERE \"Id\" {rows}";
                    Assert.True(await command.ExecuteNonQueryAsync() > 0, command.CommandText);
                }
            }
        }

        var (_, read) = await BothAsync(plan, period, ["sales", "credits", "expenses", "activities", "targets", "ratings"]);
        var data = read.Dataset;
        Assert.Contains(data.Credits, c => c.Indirect);
        Assert.Contains(data.Credits, c => c.Referrer is not null);
        Assert.Single(data.GradeOverrides);
        Assert.Single(data.PointsCorrections);
        Assert.True(data.TargetColumns.Count > 0 && data.RatingColumns.Count > 0, "targets and ratings read");
    }

    [Fact]
    public async Task Read_WhenAStoredValueIsNotInTheModelsForm_ThenThatSourceIsReadThroughAdoNetAndTheSame()
    {
        await ImportAsync(DemoCompany.Files(TestClock.Today));
        var plan = PlanLoader.LoadFile(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml")).Plan!;
        using (var db = _db.NewContext())
        {
            // 150 with an exponent: Microsoft.Data.Sqlite's decimal.Parse reads it, the native reader leaves the sales (and their
            // credits) to that path.
            var id = (await db.Sales.OrderBy(s => s.Id).FirstAsync(s => s.Date.Month == 10)).Id;
            await db.Database.ExecuteSqlAsync($"UPDATE sales SET \"Amount\" = '1.5e2' WHERE \"Id\" = {id}");
        }

        var (_, read) = await BothAsync(plan, Period.Parse("2026-10"), ["expenses", "activities", "targets", "ratings"]);
        Assert.Contains(15000L, read.Dataset.Sales.AmountCents);
    }

    [Fact]
    public void Utf16Order_WhenTextsOfEveryPlane_ThenAsStringCompareOrdinal()
    {
        string[] letters = ["a", "z", "é", "中", "\uD7FF", "\uE000", "\uFFDC", "\U0001F600", "\U00010000", "\U0010FFFF", "0", ""];
        var texts = new List<string>();
        foreach (var a in letters)
        {
            foreach (var b in letters)
            {
                texts.Add(a + b);
                texts.Add(a + "x" + b);
            }
        }

        var compared = 0;
        foreach (var x in texts)
        {
            foreach (var y in texts)
            {
                var expected = Math.Sign(string.CompareOrdinal(x, y));
                Assert.True(expected == Math.Sign(PeriodReader.Utf16Order(Encoding.UTF8.GetBytes(x), Encoding.UTF8.GetBytes(y))), $"{x} vs {y}");
                compared++;
            }
        }

        // Could have failed: byte order disagrees with the string order for some of these pairs.
        Assert.Contains(texts, x => texts.Any(y => Math.Sign(string.CompareOrdinal(x, y)) != Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)))));
        Assert.Equal(texts.Count * texts.Count, compared);
    }

    private async Task ImportAsync(IReadOnlyList<UploadFile> files)
    {
        using var db = _db.NewContext();
        var imported = await new DataImporter(db, TestClock.New()).ImportAsync(files, "seed", new DateOnly(2026, 1, 1));
        Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
    }

    /// <summary>Reads the period through ADO.NET and natively (inside a transaction, as a run reads), compares the two reads and
    /// checks which sources the native read took.</summary>
    private async Task<(StoredDataset ViaAdoNet, StoredDataset Native)> BothAsync(Plan plan, Period period, string[] native)
    {
        var ado = new SqliteProbe { ThroughAdoNet = true };
        var own = new SqliteProbe();
        StoredDataset viaAdo, viaNative;
        using (var db = _db.NewContext())
        {
            PeriodReader.SqliteRead.Value = ado;
            viaAdo = await PeriodReader.ReadAsync(db, period, plan, keepIds: true);
            PeriodReader.SqliteRead.Value = own;
            await using var transaction = await db.Database.BeginTransactionAsync();
            viaNative = await PeriodReader.ReadAsync(db, period, plan, keepIds: true);
            PeriodReader.SqliteRead.Value = null;
        }

        Assert.Empty(ado.Sources);
        Assert.True(PeriodReader.SqliteDirectCalls, "e_sqlite3 called directly on the statements");
        Assert.Equal(native.Order(StringComparer.Ordinal), own.Sources.Order(StringComparer.Ordinal));
        Assert.Equal(viaAdo.Fingerprint, viaNative.Fingerprint);
        var expected = Describe(viaAdo.Dataset);
        var actual = Describe(viaNative.Dataset);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }

        return (viaAdo, viaNative);
    }

    /// <summary>Every column of the dataset as text: decimals with their scale, texts as their codes and values, in order.</summary>
    private static List<string> Describe(Dataset d)
    {
        var lines = new List<string>();
        lines.AddRange(d.OrgUnits.Select(u => "unit " + u));
        lines.AddRange(d.Employees.Select(e => "employee " + e));
        lines.AddRange(d.Assignments.Select(a => "history " + a));
        void Rows(string name, TransactionTable t, Func<int, string> more)
        {
            lines.Add($"{name} {t.Count} rows");
            for (var i = 0; i < t.Count; i++)
            {
                lines.Add($"{name} {Convert.ToHexString(t.Id.Utf8(i))} {t.Employee[i]} {t.Day[i]} {more(i)}");
            }
        }

        string Codes(CategoryColumn c) => string.Join("|", c.Values);
        var s = d.Sales;
        lines.Add("products " + Codes(s.Product));
        Rows("sale", s, i => $"{s.Product.Codes[i]} {s.Units[i]} {s.AmountCents[i]} {s.CostCents[i]} {s.ContractSignedDay[i]} {s.Customer.Utf8(i).Length} {s.Contract.Utf8(i).Length}");
        var k = d.Collections;
        Rows("collection", k, i => $"{k.ContractSignedDay[i]} {k.AmountCents[i]} {k.Contract.Utf8(i).Length}");
        var x = d.Expenses;
        lines.Add("categories " + Codes(x.Category));
        Rows("expense", x, i => $"{x.Category.Codes[i]} {x.AmountCents[i]}");
        var a = d.Activities;
        lines.Add("kinds " + Codes(a.Kind));
        Rows("activity", a, i => $"{a.Kind.Codes[i]} {a.Value[i]} {a.Customer.Utf8(i).Length}");
        lines.AddRange(d.Credits.Select(c => "credit " + c));
        var t = d.TargetColumns;
        lines.Add($"targets {string.Join("|", t.Subjects)} / {string.Join("|", t.Metrics)} / {string.Join("|", t.Periods)}");
        for (var i = 0; i < t.Count; i++)
        {
            lines.Add($"target {t.Subject[i]} {t.Metric[i]} {t.Period[i]} {D(t.Value[i])} {D(t.Challenge[i])} {t.HasChallenge[i]} {t.Line[i]}");
        }

        var r = d.RatingColumns;
        lines.Add($"ratings {string.Join("|", r.Employees)} / {string.Join("|", r.Periods)} / {string.Join("|", r.Indicators)} / {string.Join("|", r.Raters)} / {string.Join("|", r.Comments)}");
        for (var i = 0; i < r.Count; i++)
        {
            lines.Add($"rating {r.Employee[i]} {r.Period[i]} {r.Indicator[i]} {D(r.Points[i])} {r.Rater[i]} {r.Comment[i]} {r.Line[i]}");
        }

        lines.AddRange(d.DirectValues.Select(v => "value " + v));
        lines.AddRange(d.GradeOverrides.Select(g => "grade " + g));
        lines.AddRange(d.PointsCorrections.Select(p => "points " + p));
        return lines;
    }

    // The decimal's bits, scale included (10.0 and 10.00 differ here).
    private static string D(decimal value) => string.Join(",", decimal.GetBits(value));
}
