namespace Jixiao.Application.DataImports;

/// <summary>
/// An uploaded file: which source it is for, its name, and its bytes: CSV (UTF-8) or an Excel workbook (.xlsx, told
/// by its content or its name), whose first worksheet is read. The bytes are <see cref="Content"/>, or the file at
/// <see cref="StoredAt"/> (the web app streams an upload to a temporary file rather than into memory).
/// </summary>
public sealed record UploadFile(string Source, string FileName, byte[] Content)
{
    /// <summary>Where the bytes are when they are in a file rather than in <see cref="Content"/>.</summary>
    public string? StoredAt { get; init; }

    /// <summary>An upload whose bytes are the file at <paramref name="path"/>.</summary>
    public static UploadFile FromFile(string source, string fileName, string path) => new(source, fileName, []) { StoredAt = path };

    internal long Length => StoredAt is null ? Content.Length : new FileInfo(StoredAt).Length;

    internal Stream OpenRead() => StoredAt is null
        ? new MemoryStream(Content, writable: false)
        : new FileStream(StoredAt, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>The first bytes (enough to tell a ZIP or an old .xls).</summary>
    internal byte[] Start()
    {
        using var s = OpenRead();
        var start = new byte[8];
        return start[..s.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)];
    }
}
