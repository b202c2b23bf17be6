namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Evidence attached to a self-assessment or an appeal (docs/decisions/0019-evaluation-cycle.md): at most
/// <see cref="MaxFiles"/> files per self-assessment, each not empty and at most the configured size
/// (<see cref="DefaultMaxBytes"/> unless configured), of a type the name says and the content confirms: PDF, PNG, JPEG,
/// or an Office Open XML workbook or document (.xlsx, .docx). The content type stored and served is the one the checked
/// type gives, never the one the browser sent.
/// </summary>
public static class EvidenceRules
{
    /// <summary>The default size limit of one file: 5 MiB.</summary>
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>The most files on one self-assessment.</summary>
    public const int MaxFiles = 5;

    /// <summary>The most characters of a file name.</summary>
    public const int MaxName = 200;

    /// <summary>How many first bytes of a file the content check reads.</summary>
    public const int HeadBytes = 8;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The allowed types by extension: the content type and the bytes the file starts with.</summary>
    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".png"] = ("image/png", Png),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
    };

    /// <summary>The extensions allowed, as users see them: .pdf, .png, .jpg, .jpeg, .xlsx, .docx.</summary>
    public static string Allowed { get; } = string.Join(", ", Types.Keys);

    /// <summary>
    /// Checks one file about to be attached next to <paramref name="attached"/> others: its content type, or the refusal.
    /// In order: how many, the name, empty, too large, the extension, the content.
    /// </summary>
    public static (string? ContentType, EvaluationError? Error) Check(string? fileName, ReadOnlySpan<byte> content, int attached, long maxBytes = DefaultMaxBytes) =>
        Check(fileName, content.Length, content, attached, maxBytes);

    /// <summary>
    /// The same check from the file's <paramref name="length"/> and its first bytes (<paramref name="head"/>, at least
    /// <see cref="HeadBytes"/> of them when the file is that long): a file over the limit is refused before it is read.
    /// </summary>
    public static (string? ContentType, EvaluationError? Error) Check(string? fileName, long length, ReadOnlySpan<byte> head, int attached, long maxBytes = DefaultMaxBytes)
    {
        var name = fileName?.Trim() ?? "";
        if (attached >= MaxFiles)
        {
            return (null, new EvaluationError(EvaluationErrorCode.EvidenceTooMany, MaxFiles));
        }

        if (name.Length == 0 || name.Length > MaxName || name.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            return (null, new EvaluationError(EvaluationErrorCode.EvidenceNameInvalid, MaxName));
        }

        if (length == 0)
        {
            return (null, new EvaluationError(EvaluationErrorCode.EvidenceEmpty, name));
        }

        if (length > maxBytes)
        {
            return (null, new EvaluationError(EvaluationErrorCode.EvidenceTooLarge, name, Megabytes(length), Megabytes(maxBytes)));
        }

        if (!Types.TryGetValue(Path.GetExtension(name), out var type))
        {
            return (null, new EvaluationError(EvaluationErrorCode.EvidenceTypeNotAllowed, name, Allowed));
        }

        return head.StartsWith(type.Magic) ? (type.ContentType, null)
            : (null, new EvaluationError(EvaluationErrorCode.EvidenceContentMismatch, name, Path.GetExtension(name).ToLowerInvariant()));
    }

    /// <summary>A size in MiB to one decimal, rounded up so a file just over the limit never reads as equal to it.</summary>
    private static decimal Megabytes(long bytes) => Math.Ceiling(bytes * 10m / (1024 * 1024)) / 10m;
}
