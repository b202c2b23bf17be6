using System.Security.Cryptography;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// Where evidence files are kept (configuration <c>Evaluations:EvidenceFolder</c>, <c>Evaluations:EvidenceMaxBytes</c>):
/// in the database by default, or as files in a folder every instance can read; the size limit of one file
/// (<see cref="EvidenceRules.DefaultMaxBytes"/> unless configured).
/// </summary>
public sealed class EvidenceOptions
{
    /// <summary>A folder for the files' bytes; null or empty keeps them in the database.</summary>
    public string? Folder { get; init; }

    /// <summary>The most bytes of one file.</summary>
    public long MaxBytes { get; init; } = EvidenceRules.DefaultMaxBytes;
}

/// <summary>Writes and reads the bytes of <see cref="EvidenceFileRecord"/>s as <see cref="EvidenceOptions"/> say.</summary>
public sealed class EvidenceStore(EvidenceOptions options)
{
    public EvidenceOptions Options { get; } = options ?? new EvidenceOptions();

    /// <summary>Puts <paramref name="content"/> where it is kept and fills the record's hash, size and storage fields.</summary>
    public async Task StoreAsync(EvidenceFileRecord record, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(content);
        record.Size = content.LongLength;
        record.Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        if (string.IsNullOrWhiteSpace(Options.Folder))
        {
            record.Content = content;
            return;
        }

        Directory.CreateDirectory(Options.Folder);
        record.StoredName = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(Options.Folder, record.StoredName), content, ct).ConfigureAwait(false);
    }

    /// <summary>Removes a stored file whose record was not saved (or was deleted); nothing for bytes in the database.</summary>
    public void Forget(EvidenceFileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.StoredName is { } name && !string.IsNullOrWhiteSpace(Options.Folder))
        {
            File.Delete(Path.Combine(Options.Folder, name));
        }
    }

    /// <summary>The file's bytes; null when a folder file is missing or does not match its hash.</summary>
    public async Task<byte[]?> ReadAsync(EvidenceFileRecord record, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Content is { } bytes)
        {
            return bytes;
        }

        if (record.StoredName is not { } name || string.IsNullOrWhiteSpace(Options.Folder))
        {
            return null;
        }

        var path = Path.Combine(Options.Folder, name);
        if (!File.Exists(path))
        {
            return null;
        }

        var content = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(SHA256.HashData(content)) == record.Sha256 ? content : null;
    }
}
