using System.Globalization;
using Jixiao.Application.Import;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Tests.Import;

/// <summary>Generated data loads back; the parallel path gives exactly what the sequential one does.</summary>
public sealed partial class DataDirectoryLoaderTests
{
    [Fact]
    public void Load_WhenGeneratedData_ThenCountsAndValuesMatchTheFiles()
    {
        using var dir = new DataDirectory(withBase: false);
        BenchDataGenerator.Write(dir.Path, 45, 3000, seed: 7);
        var data = Ok(dir.Load());

        Assert.Equal(45, data.Employees.Count);
        Assert.Equal(CsvRows(dir, "org_units.csv"), data.OrgUnits.Count);
        Assert.Equal(3000, data.Sales.Count);
        Assert.Equal(CsvRows(dir, "activities.csv"), data.Activities.Count);
        Assert.Equal(CsvRows(dir, "collections.csv"), data.Collections.Count);
        Assert.Equal(CsvRows(dir, "expenses.csv"), data.Expenses.Count);
        Assert.Equal(CsvRows(dir, "credits.csv"), data.Credits.Count);
        Assert.Equal(45 * 16 * 5, data.Targets.Count);
        Assert.Equal(45 * 12, data.DirectValues.Count);
        Assert.Equal(45 * 12 * 2, data.Ratings.Count);

        // Spot checks against the text of the files.
        var first = File.ReadLines(Path.Combine(dir.Path, "sales.csv")).Skip(1).First().Split(',');
        Assert.Equal(first[0], data.Sales.Id[0]);
        Assert.Equal(first[1], data.Employees[data.Sales.Employee[0]].Id);
        Assert.Equal(DateOnly.ParseExact(first[2], "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber, data.Sales.Day[0]);
        Assert.Equal(first[4], data.Sales.Product[0]);
        Assert.Equal((long)(decimal.Parse(first[6], CultureInfo.InvariantCulture) * 100), data.Sales.AmountCents[0]);
        Assert.Equal((long)(decimal.Parse(first[7], CultureInfo.InvariantCulture) * 100), data.Sales.CostCents[0]);
        Assert.Equal(new DateOnly(2026, 12, 31).DayNumber, data.Sales.Day[^1]);
        Assert.Subset(new HashSet<string>(BenchDataGenerator.Products), data.Sales.Product.Values.ToHashSet());
        Assert.Subset(new HashSet<string>(BenchDataGenerator.ActivityKinds), data.Activities.Kind.Values.ToHashSet());
        Assert.Equal("HQ", data.OrgUnits[0].Id);
        Assert.Null(data.OrgUnits[0].ParentId);
        Assert.Contains(data.Employees, e => e.Position == "salesperson" && e.Level == "newcomer");
        Assert.Contains(data.Targets, t => t.Period == "2026-Q4" && t.Metric == "sales_amount");
        Assert.Contains(data.Ratings, r => r.Comment == "按时完成, 表现\"优秀\"");
        Assert.Contains(data.Ratings, r => r.Comment == "需改进\n跟进不及时");
        foreach (var sale in data.Credits.GroupBy(c => c.SaleRow))
        {
            Assert.Equal(1m, sale.Sum(c => c.Share));
        }
    }

    [Fact]
    public void Load_WhenParallelForced_ThenSameAsSequential()
    {
        using var dir = new DataDirectory(withBase: false);
        BenchDataGenerator.Write(dir.Path, 300, 200_000, seed: 3);
        var chunks = new Dictionary<string, int>();
        var sequential = Ok(dir.Load(new LoadOptions { MaxParallelism = 1 }));
        var parallel = Ok(dir.Load(new LoadOptions
        {
            MaxParallelism = 3,
            ParallelThresholdBytes = 1,
            BlockSize = 1 << 16,
            OnChunks = (file, n) => chunks[file] = n,
        }));

        Assert.Equal(3, chunks["sales.csv"]);
        Assert.Equal(3, chunks["activities.csv"]);
        AssertSameSales(sequential.Sales, parallel.Sales);
        AssertSameTransactions(sequential.Activities, parallel.Activities);
        Assert.Equal(sequential.Activities.Value, parallel.Activities.Value);
        Assert.Equal(sequential.Activities.Kind.Values, parallel.Activities.Kind.Values);
        Assert.Equal(sequential.Activities.Kind.Codes, parallel.Activities.Kind.Codes);
        AssertSameTransactions(sequential.Collections, parallel.Collections);
        Assert.Equal(sequential.Collections.AmountCents, parallel.Collections.AmountCents);
        Assert.Equal(sequential.Credits, parallel.Credits);
        Assert.Equal(sequential.Targets, parallel.Targets);
    }

    [Fact]
    public void Load_WhenParallelFileHasErrors_ThenSameErrorsAndLinesAsSequential()
    {
        using var dir = new DataDirectory();
        var rows = Enumerable.Range(1, 20_000).Select(i => i % 997 == 0
            ? $"S{i:D6},E3,2026-01-05,C1,suv,1,1.234,,,"
            : i % 1999 == 0 ? $"S{i:D6},E77,2026-01-05,C1,suv,1,1,,," : $"S{i:D6},E3,2026-01-05,C1,suv,1,1,,,");
        dir.Write("sales.csv", H + "\n" + string.Join('\n', rows));
        var sequential = dir.Load(new LoadOptions { MaxParallelism = 1 });
        var parallel = dir.Load(new LoadOptions { MaxParallelism = 4, ParallelThresholdBytes = 1, BlockSize = 4096 });
        Assert.Equal(30, sequential.Errors.Count);
        Assert.Equal(sequential.Errors.Select(e => e.ToString()), parallel.Errors.Select(e => e.ToString()));
        Assert.Equal(998, sequential.Errors[0].Line);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_WhenParallelOnBomCrlfBlankLinesAndQuotes_ThenSameAsSequential(bool withErrors)
    {
        using var dir = new DataDirectory();
        var text = new System.Text.StringBuilder("\uFEFF" + H + "\r\n");
        for (var i = 1; i <= 30_000; i++)
        {
            if (i % 1000 == 0)
            {
                text.Append("\r\n");
            }

            var amount = withErrors && i % 4999 == 0 ? "12,34" : (i % 7).ToString(CultureInfo.InvariantCulture) + ".5";
            text.Append(CultureInfo.InvariantCulture, $"S{i:D6},E{3 + (i % 2)},2026-01-{1 + (i % 28):D2},\"Customer, {i}\",suv,1,\"{amount}\",,,");
            if (i < 30_000)
            {
                text.Append("\r\n");
            }
        }

        dir.WriteBytes("sales.csv", System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        var chunks = 0;
        var sequential = dir.Load(new LoadOptions { MaxParallelism = 1 });
        var parallel = dir.Load(new LoadOptions { MaxParallelism = 4, ParallelThresholdBytes = 1, BlockSize = 4096, OnChunks = (_, n) => chunks = n });
        Assert.Equal(4, chunks);
        Assert.Equal(sequential.Errors.Select(e => e.ToString()), parallel.Errors.Select(e => e.ToString()));
        if (withErrors)
        {
            Assert.Equal(6, sequential.Errors.Count);

            // Row 4999 is on line 4999 + 1 (header) + 4 (blank lines before it).
            Assert.Equal(5004, sequential.Errors[0].Line);
            return;
        }

        AssertSameSales(Ok(sequential).Sales, Ok(parallel).Sales);
        var sales = parallel.Dataset!.Sales;
        Assert.Equal(30_000, sales.Count);
        var last = Enumerable.Range(0, sales.Count).Single(i => sales.Id[i] == "S030000");
        Assert.Equal("Customer, 30000", sales.Customer[last]);
        Assert.Equal(550, sales.AmountCents[last]);
    }

    [Fact]
    public void Load_WhenQuotedLineBreaksSpanChunkBoundary_ThenFallsBackToSequential()
    {
        using var dir = new DataDirectory();
        var note = string.Join("\n", Enumerable.Repeat("a long note, with commas", 400));
        dir.Write("sales.csv", $"{H}\nS1,E3,2026-01-05,\"{note}\",suv,1,1,,,\nS2,E4,2026-01-06,C2,ev,1,2,,,");
        var chunks = 0;
        var data = Ok(dir.Load(new LoadOptions { MaxParallelism = 2, ParallelThresholdBytes = 1, BlockSize = 4096, OnChunks = (_, n) => chunks = n }));
        Assert.Equal(1, chunks);
        Assert.Equal(note, data.Sales.Customer[0]);
        Assert.Equal("C2", data.Sales.Customer[1]);
    }

    [Fact]
    public void Load_WhenSmallBlocksSplitRecords_ThenSameAsLargeBlocks()
    {
        using var dir = new DataDirectory(withBase: false);
        BenchDataGenerator.Write(dir.Path, 30, 5000, seed: 11);
        var small = Ok(dir.Load(new LoadOptions { BlockSize = 1, MaxParallelism = 1 }));
        var large = Ok(dir.Load());
        AssertSameSales(large.Sales, small.Sales);
        Assert.Equal(large.Ratings, small.Ratings);
    }

    private static int CsvRows(DataDirectory dir, string file) => File.ReadLines(Path.Combine(dir.Path, file)).Count() - 1;

    private static void AssertSameTransactions(TransactionTable expected, TransactionTable actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.Employee, actual.Employee);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected.Id.Utf8(i).SequenceEqual(actual.Id.Utf8(i)), $"id of row {i}");
        }
    }

    private static void AssertSameSales(SalesTable expected, SalesTable actual)
    {
        AssertSameTransactions(expected, actual);
        Assert.Equal(expected.Units, actual.Units);
        Assert.Equal(expected.AmountCents, actual.AmountCents);
        Assert.Equal(expected.CostCents, actual.CostCents);
        Assert.Equal(expected.ContractSignedDay, actual.ContractSignedDay);
        Assert.Equal(expected.Product.Values, actual.Product.Values);
        Assert.Equal(expected.Product.Codes, actual.Product.Codes);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected.Customer.Utf8(i).SequenceEqual(actual.Customer.Utf8(i)), $"customer of row {i}");
            Assert.True(expected.Contract.Utf8(i).SequenceEqual(actual.Contract.Utf8(i)), $"contract of row {i}");
        }
    }
}
