using Jixiao.Application.Import;
using Jixiao.Application.Persistence;

namespace Jixiao.Application.DataImports;

/// <summary>
/// The outcome of an import: the upload records when it succeeded, otherwise every error found. <see cref="Warnings"/>:
/// stored rows (not in the upload) that break the rules (<see cref="DataErrorCode.StoredRowInvalid"/>), reported
/// beside the outcome and never blocking it.
/// </summary>
public sealed record ImportOutcome(IReadOnlyList<Upload> Uploads, IReadOnlyList<DataError> Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>Stored rows that break the rules (the uploader's file was fine): shown, so someone corrects them.</summary>
    public IReadOnlyList<DataError> Warnings { get; init; } = [];
}
