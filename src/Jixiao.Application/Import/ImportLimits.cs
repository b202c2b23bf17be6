namespace Jixiao.Application.Import;

/// <summary>
/// Bounds on one uploaded file (CSV or .xlsx), so that no upload can take the server's memory or time: documented in
/// docs/data-format.md, configured in the web app's "Import" section (appsettings.json). Each bound passed is a data
/// error in the user's language, where it applies with the line (Excel row) and column, and nothing is imported.
/// </summary>
/// <remarks>
/// Memory per import: the file is streamed to a temporary file, never held in memory; a workbook is converted to CSV
/// row by row; the loader keeps the parsed rows in columns (about 100–200 bytes per row); rows are written to the
/// database in batches of <see cref="BatchRows"/>. Measured peaks are in docs/data-format.md.
/// </remarks>
public sealed record ImportLimits
{
    /// <summary>The defaults.</summary>
    public static ImportLimits Default { get; } = new();

    /// <summary>Largest uploaded file, CSV or .xlsx, in MB.</summary>
    public int MaxFileMegabytes { get; init; } = 50;

    /// <summary>Most data rows in one file (the header not counted).</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Most fields in a line (CSV) or columns in a worksheet.</summary>
    public int MaxColumns { get; init; } = 100;

    /// <summary>Longest value, in characters (the longest text column stored, a rating's comment, holds 4,000).</summary>
    public int MaxFieldChars { get; init; } = 4_000;

    /// <summary>Largest part of a workbook (a worksheet, the shared strings …) once unpacked, in MB; counted while unpacking.</summary>
    public int MaxXlsxPartMegabytes { get; init; } = 300;

    /// <summary>Largest workbook once unpacked (every part read), in MB; counted while unpacking.</summary>
    public int MaxXlsxTotalMegabytes { get; init; } = 600;

    /// <summary>Most text a workbook's shared strings may hold (kept in memory while its worksheet is read), in MB of UTF-8.</summary>
    public int MaxXlsxSharedStringsMegabytes { get; init; } = 64;

    /// <summary>Rows written to the database per batch (the change tracker is cleared after each).</summary>
    public int BatchRows { get; init; } = 5_000;

    internal long MaxFileBytes => MaxFileMegabytes * (1L << 20);
}
