namespace Jixiao.Application.Import;

/// <summary>Tuning knobs of the loader; tests use them to force the parallel path on small files.</summary>
internal sealed record LoadOptions
{
    public static LoadOptions Default { get; } = new();

    /// <summary>Files with at least this many data bytes are parsed in parallel chunks.</summary>
    public long ParallelThresholdBytes { get; init; } = 16L << 20;

    /// <summary>Most chunks parsed at once.</summary>
    public int MaxParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Bytes per read.</summary>
    public int BlockSize { get; init; } = 1 << 20;

    /// <summary>Errors reported before the loader gives up with a "too many errors" entry.</summary>
    public int MaxErrors { get; init; } = 1000;

    /// <summary>Told the file name and how many chunks were parsed in parallel (1 = sequential).</summary>
    public Action<string, int>? OnChunks { get; init; }

    /// <summary>
    /// Files (e.g. "expenses.csv") not read at all, as if absent: a calculation whose plan never reads them
    /// does not pay for them. Files that are read are still checked in full.
    /// </summary>
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();

    /// <summary>
    /// Texts the engine never reads are left empty in the dataset: row ids (after their duplicate check and the
    /// credits' look-up), customers and contracts. For a calculation, not for storing the data.
    /// </summary>
    public bool DropTexts { get; init; }

    /// <summary>Most data rows per file: the first row beyond is <see cref="DataErrorCode.TooManyRows"/> (uploads: <see cref="ImportLimits.MaxRows"/>).</summary>
    public int MaxRows { get; init; } = int.MaxValue;

    /// <summary>The files <see cref="MaxRows"/> applies to (uploads: the uploaded ones, not those the database provides); null: all.</summary>
    public IReadOnlySet<string>? MaxRowsFiles { get; init; }

    /// <summary>The row limit of <paramref name="file"/>.</summary>
    public int MaxRowsOf(string file) => MaxRowsFiles is null || MaxRowsFiles.Contains(file) ? MaxRows : int.MaxValue;

    /// <summary>Longest field in characters (uploads: <see cref="ImportLimits.MaxFieldChars"/>).</summary>
    public int MaxFieldChars { get; init; } = int.MaxValue;

    /// <summary>Told when a phase of the load ends (for timing in benchmarks).</summary>
    public Action<string>? Phase { get; init; }
}
