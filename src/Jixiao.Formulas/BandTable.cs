namespace Jixiao.Formulas;

/// <summary>One band of a <see cref="BandTable"/>: values in [From, To) map to Value; To null means no upper end.</summary>
public sealed record BandRow(decimal From, decimal? To, decimal Value);

/// <summary>What is wrong with the rows of a band table.</summary>
public enum BandTableProblemKind
{
    /// <summary>The table has no rows.</summary>
    NoRows,

    /// <summary>A row is null.</summary>
    NullRow,

    /// <summary>A row's To is not above its From.</summary>
    EmptyBand,

    /// <summary>A row starts after the previous one ends.</summary>
    Gap,

    /// <summary>A row starts before the previous one ends (or rows are out of order).</summary>
    Overlap,

    /// <summary>A row other than the last has no upper end.</summary>
    OpenEndNotLast,
}

/// <summary>A problem found by <see cref="BandTable.Validate"/>, at a 0-based row index.</summary>
public sealed record BandTableProblem(int RowIndex, BandTableProblemKind Kind)
{
    /// <summary>An English description, for exceptions and logs.</summary>
    public override string ToString() => Kind switch
    {
        BandTableProblemKind.NoRows => "the table has no rows",
        BandTableProblemKind.NullRow => $"row {RowIndex + 1} is missing",
        BandTableProblemKind.EmptyBand => $"row {RowIndex + 1} ends at or before its start",
        BandTableProblemKind.Gap => $"row {RowIndex + 1} starts after the previous row ends (gap)",
        BandTableProblemKind.Overlap => $"row {RowIndex + 1} starts before the previous row ends (overlap or out of order)",
        _ => $"row {RowIndex + 1} has no upper end but is not the last row",
    };
}

/// <summary>A named step function over contiguous bands [From, To), for <c>lookup(x, table)</c>.</summary>
/// <remarks>Rows must be sorted and contiguous (each From equals the previous To), and only the last may be
/// open-ended. A value below the first From or at/above a closed last To is in no band.</remarks>
public sealed class BandTable
{
    private readonly decimal[] _from;
    private readonly decimal[] _value;
    private readonly decimal? _end;

    /// <summary>Creates a table after checking its rows.</summary>
    /// <exception cref="ArgumentException">The rows are not a valid band table; the message lists every problem.</exception>
    public BandTable(string name, IReadOnlyList<BandRow> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rows);
        var problems = Validate(rows);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Band table '{name}': {string.Join("; ", problems)}.", nameof(rows));
        }

        BandRow[] copy = [.. rows];
        Name = name;
        Rows = Array.AsReadOnly(copy);
        _from = Array.ConvertAll(copy, r => r.From);
        _value = Array.ConvertAll(copy, r => r.Value);
        _end = copy[^1].To;
    }

    /// <summary>The table's name, as used in formulas.</summary>
    public string Name { get; }

    /// <summary>The rows, sorted by From.</summary>
    public IReadOnlyList<BandRow> Rows { get; }

    /// <summary>Lists every problem of a set of rows; empty when they make a valid table.</summary>
    public static IReadOnlyList<BandTableProblem> Validate(IReadOnlyList<BandRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<BandTableProblem>();
        if (rows.Count == 0)
        {
            problems.Add(new BandTableProblem(0, BandTableProblemKind.NoRows));
            return problems;
        }

        BandRow? previous = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null)
            {
                problems.Add(new BandTableProblem(i, BandTableProblemKind.NullRow));
                previous = null;
                continue;
            }

            if (row.To is { } to && to <= row.From)
            {
                problems.Add(new BandTableProblem(i, BandTableProblemKind.EmptyBand));
            }

            if (row.To is null && i != rows.Count - 1)
            {
                problems.Add(new BandTableProblem(i, BandTableProblemKind.OpenEndNotLast));
            }

            if (previous?.To is { } previousTo)
            {
                if (row.From > previousTo)
                {
                    problems.Add(new BandTableProblem(i, BandTableProblemKind.Gap));
                }
                else if (row.From < previousTo)
                {
                    problems.Add(new BandTableProblem(i, BandTableProblemKind.Overlap));
                }
            }

            previous = row;
        }

        return problems;
    }

    /// <summary>Finds the value of the band that contains <paramref name="x"/>; false when none does.</summary>
    public bool TryLookup(decimal x, out decimal value)
    {
        if (x < _from[0] || (_end is { } end && x >= end))
        {
            value = 0m;
            return false;
        }

        // The last band whose From is at or below x; contiguity makes it the one containing x.
        int low = 0, high = _from.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >>> 1;
            if (_from[middle] <= x)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        value = _value[low];
        return true;
    }
}
