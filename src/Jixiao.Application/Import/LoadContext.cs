namespace Jixiao.Application.Import;

/// <summary>State of one load: the directory, options and the errors committed so far (capped).</summary>
internal sealed class LoadContext(string directory, LoadOptions options)
{
    public LoadOptions Options { get; } = options;

    public List<DataError> Errors { get; } = [];

    /// <summary>The error limit was passed; nothing more is read.</summary>
    public bool Stopped { get; private set; }

    public string PathOf(TableSpec spec) => Path.Combine(directory, spec.FileName);

    /// <summary>Whether <paramref name="spec"/>'s file is to be read: it exists and is not skipped.</summary>
    public bool Reads(TableSpec spec) => !Options.Skip.Contains(spec.FileName) && File.Exists(PathOf(spec));

    /// <summary>An error list for one file, big enough to tell whether the limit will be passed.</summary>
    public ErrorList NewErrors(TableSpec spec) => new(spec.FileName, Math.Max(1, Options.MaxErrors - Errors.Count) + 1);

    /// <summary>Adds a file's errors in line and column order, stopping at the limit.</summary>
    public void Commit(ErrorList list)
    {
        if (Stopped || list.Items.Count == 0)
        {
            return;
        }

        var ordered = list.Items
            .Select((e, i) => (Error: e, Index: i))
            .OrderBy(x => x.Error.Line)
            .ThenBy(x => x.Error.Column)
            .ThenBy(x => x.Index);
        foreach (var (error, _) in ordered)
        {
            if (Errors.Count >= Options.MaxErrors)
            {
                Errors.Add(new DataError(string.Empty, 0, 0, null, DataErrorCode.TooManyErrors,
                    [ErrorList.Number(Options.MaxErrors)]));
                Stopped = true;
                return;
            }

            Errors.Add(error);
        }
    }
}
