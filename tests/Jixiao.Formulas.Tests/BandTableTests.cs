namespace Jixiao.Formulas.Tests;

public class BandTableTests
{
    [Theory]
    [InlineData("-0.01", false, "0")]
    [InlineData("0", true, "0")]
    [InlineData("0.79", true, "0")]
    [InlineData("0.8", true, "0.5")]
    [InlineData("1.19999", true, "1.0")]
    [InlineData("1.2", true, "1.5")]
    [InlineData("1000000", true, "1.5")]
    public void TryLookup_WhenValueIsGiven_ThenFindsBandFromInclusiveToExclusive(string x, bool found, string value)
    {
        Assert.Equal(found, TestFormulas.Rate.TryLookup(TestFormulas.Parse(x), out var band));
        Assert.Equal(TestFormulas.Parse(value), band);
    }

    [Theory]
    [InlineData("20", false)]
    [InlineData("19.999", true)]
    public void TryLookup_WhenLastBandIsClosed_ThenItsToIsOutside(string x, bool found)
    {
        Assert.Equal(found, TestFormulas.Closed.TryLookup(TestFormulas.Parse(x), out _));
    }

    public static TheoryData<BandRow[], BandTableProblemKind, int> InvalidTables => new()
    {
        { [], BandTableProblemKind.NoRows, 0 },
        { [new(0m, 10m, 1m), new(11m, null, 2m)], BandTableProblemKind.Gap, 1 },
        { [new(0m, 10m, 1m), new(9m, null, 2m)], BandTableProblemKind.Overlap, 1 },
        { [new(10m, 20m, 1m), new(0m, 10m, 2m)], BandTableProblemKind.Overlap, 1 },
        { [new(0m, null, 1m), new(10m, 20m, 2m)], BandTableProblemKind.OpenEndNotLast, 0 },
        { [new(0m, 0m, 1m)], BandTableProblemKind.EmptyBand, 0 },
        { [new(0m, 10m, 1m), null!], BandTableProblemKind.NullRow, 1 },
    };

    [Theory]
    [MemberData(nameof(InvalidTables))]
    public void Validate_WhenRowsAreInvalid_ThenNamesProblemAndRow(BandRow[] rows, BandTableProblemKind kind, int row)
    {
        var problems = BandTable.Validate(rows);

        Assert.Contains(new BandTableProblem(row, kind), problems);
        var ex = Assert.Throws<ArgumentException>(() => new BandTable("t", rows));
        Assert.Contains("'t'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenRowsAreValid_ThenKeepsACopy()
    {
        var rows = new List<BandRow> { new(0m, 1m, 5m), new(1m, null, 6m) };
        var table = new BandTable("t", rows);
        rows.Clear();

        Assert.Equal("t", table.Name);
        Assert.Equal(2, table.Rows.Count);
        Assert.Empty(BandTable.Validate(table.Rows));
    }
}
