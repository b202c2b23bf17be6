using System.Globalization;
using System.Text;
using Jixiao.Application.Import;
using Jixiao.TestSupport;
using Xunit.Abstractions;

namespace Jixiao.Application.Tests.Import;

/// <summary>The CSV limits of uploads (issue 13): field lengths by column, rows per file; each a located error.</summary>
public sealed class CsvLimitsTests : IDisposable
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static readonly LoadOptions Upload = LoadOptions.Default with { MaxRows = ImportLimits.Default.MaxRows, MaxFieldChars = ImportLimits.Default.MaxFieldChars };

    private readonly DataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<DataError> Errors(LoadOptions? options = null) => DataDirectoryLoader.Load(_dir.Path, options ?? Upload).Errors;

    private static string Sale(string id, string customer = "", string contract = "") => $"{id},E3,2026-01-05,{customer},suv,1,100,,{contract},";

    [Fact]
    public void Load_WhenATextIsLongerThanItsColumnStores_ThenFieldTooLongAtItsLineAndColumn()
    {
        _dir.Write("sales.csv", string.Join('\n', DataDirectory.SalesHeader, Sale("S1", new string('客', 200)), Sale("S2", new string('客', 201))));

        var error = Assert.Single(Errors());

        Assert.Equal(("sales.csv", 3, 4, DataErrorCode.FieldTooLong), (error.File, error.Line, error.Column, error.Code));
        Assert.Equal("sales.csv:3:4 (customer): the value is longer than the 200 characters allowed", error.Format(En));
    }

    [Fact]
    public void Load_WhenAnIdHas100000Characters_ThenFieldTooLongNotStored()
    {
        // Issue 13: a 100,000-character id was stored.
        _dir.Write("sales.csv", string.Join('\n', DataDirectory.SalesHeader, Sale(new string('S', 100_000))));

        var error = Assert.Single(Errors());

        Assert.Equal((2, 1, DataErrorCode.FieldTooLong, "200"), (error.Line, error.Column, error.Code, error.Arguments[0]));
    }

    [Fact]
    public void Load_WhenAPersonsIdIsLongerThan64_ThenFieldTooLongInTheReferenceTable()
    {
        _dir.Write("employees.csv", DataDirectory.Employees + "\n" + new string('E', 65) + ",钱七,ST1,E2,salesperson,B,core,,2025-08-01,");

        var error = Assert.Single(Errors());

        Assert.Equal(("employees.csv", 6, 1, "64"), (error.File, error.Line, error.Column, error.Arguments[0]));
    }

    [Fact]
    public void Load_WhenACommentIsLongerThan4000_ThenFieldTooLong()
    {
        const string Header = "employee,period,indicator,points,rater,comment";
        _dir.Write("ratings.csv", $"{Header}\nE3,2026-01,attitude,90,E2,{new string('好', 4_000)}");
        Assert.Empty(Errors());

        _dir.Write("ratings.csv", $"{Header}\nE3,2026-01,attitude,90,E2,\"{new string('好', 4_001)}\"");
        var error = Assert.Single(Errors());
        Assert.Equal((2, 6, "4000"), (error.Line, error.Column, error.Arguments[0]));
    }

    [Fact]
    public void Load_WhenQuotedTextWithEscapedQuotesIsExactlyTheLimit_ThenAccepted()
    {
        // 200 characters written as 100 pairs of "" and 100 letters: 300 bytes in the file, 200 characters of text.
        var customer = "\"" + string.Concat(Enumerable.Repeat("\"\"a", 100)) + "\"";
        _dir.Write("sales.csv", string.Join('\n', DataDirectory.SalesHeader, Sale("S1", customer)));

        Assert.Empty(Errors());
    }

    [Fact]
    public void Load_WhenLimitsAreOff_ThenTheCliStillReadsLongTexts()
    {
        _dir.Write("sales.csv", string.Join('\n', DataDirectory.SalesHeader, Sale("S1", new string('c', 10_000))));

        Assert.Empty(Errors(LoadOptions.Default));
    }

    [Fact]
    public void Load_WhenMoreRowsThanMaxRows_ThenTooManyRowsAtTheFirstRowBeyond()
    {
        // Blank lines count as lines, not rows.
        _dir.Write("sales.csv", string.Join('\n', DataDirectory.SalesHeader, Sale("S1"), "", Sale("S2"), Sale("S3"), Sale("S4")));

        var error = Assert.Single(Errors(Upload with { MaxRows = 3, MaxRowsFiles = new HashSet<string> { "sales.csv" } }));

        Assert.Equal(("sales.csv", 6, DataErrorCode.TooManyRows), (error.File, error.Line, error.Code));
        Assert.Equal("sales.csv:6: more than 3 rows: upload at most 3 rows per file (split it into several files)", error.Format(En));
        Assert.Empty(Errors(Upload with { MaxRows = 4, MaxRowsFiles = new HashSet<string> { "sales.csv" } }));
    }

    [Fact]
    public void Load_WhenAReferenceTableHasMoreRowsThanMaxRows_ThenTooManyRows()
    {
        _dir.Write("ratings.csv", "employee,period,indicator,points\nE3,2026-01,a,1\nE3,2026-01,b,1\nE3,2026-01,c,1");

        // Without a list of files, every file is limited: employees.csv (4 rows) too.
        var errors = Errors(Upload with { MaxRows = 2 });
        Assert.Equal(["employees.csv", "ratings.csv"], errors.Where(e => e.Code == DataErrorCode.TooManyRows).Select(e => e.File));
        var error = Assert.Single(Errors(Upload with { MaxRows = 2, MaxRowsFiles = new HashSet<string> { "ratings.csv" } }));

        Assert.Equal(("ratings.csv", 4, DataErrorCode.TooManyRows), (error.File, error.Line, error.Code));
    }

    [Fact]
    public void Load_WhenANulByteIsInAText_ThenInvalidEncodingAtTheField()
    {
        // PostgreSQL cannot store NUL in text; a NUL usually means a UTF-16 file.
        _dir.WriteBytes("sales.csv", Encoding.UTF8.GetBytes(DataDirectory.SalesHeader + "\n" + Sale("S1", "a\0b") + "\n"));

        var error = Assert.Single(Errors(LoadOptions.Default));

        Assert.Equal((2, 4, DataErrorCode.InvalidEncoding), (error.Line, error.Column, error.Code));
    }
}

/// <summary>A 50 MB field: refused at its line and column, and the loader's memory stays near the size of one record.</summary>
[Collection(MemoryCollection.Name)]
public sealed class CsvFieldMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Load_WhenAFieldIs50MB_ThenFieldTooLongWithinBoundedMemory()
    {
        using var dir = new DataDirectory();
        using (var f = new StreamWriter(Path.Combine(dir.Path, "sales.csv"), false, new UTF8Encoding(false)))
        {
            f.Write(DataDirectory.SalesHeader + "\nS1,E3,2026-01-05,");
            var block = new string('c', 1 << 20);
            for (var i = 0; i < 50; i++)
            {
                f.Write(block);
            }

            f.Write(",suv,1,100,,,\n");
        }

        IReadOnlyList<DataError> errors = [];
        var options = LoadOptions.Default with { MaxRows = ImportLimits.Default.MaxRows, MaxFieldChars = ImportLimits.Default.MaxFieldChars };
        var (peak, allocated) = PeakMemory.Measure(() =>
        {
            errors = DataDirectoryLoader.Load(dir.Path, options).Errors;
            return Task.CompletedTask;
        });
        output.WriteLine($"50 MB field: peak growth {PeakMemory.Mb(peak)}, allocated {PeakMemory.Mb(allocated)}");

        var error = Assert.Single(errors);
        Assert.Equal((2, 4, DataErrorCode.FieldTooLong), (error.Line, error.Column, error.Code));

        // The reader holds the record being read (50 MB, in a buffer that doubles as it grows): about twice that at most.
        Assert.True(peak < 160L << 20, $"peak growth {PeakMemory.Mb(peak)}");
    }
}
