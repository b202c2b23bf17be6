using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Targets;

/// <summary>
/// A stored target of a calculated period that a decomposition would change: <see cref="Period"/> is the row's
/// period ("2026-05" or "2026"), <see cref="RunPeriods"/> the calculated periods that read it (to be re-run).
/// </summary>
public sealed record LockedChange(
    string Subject, string Period, decimal OldValue, decimal? OldChallenge, decimal NewValue, decimal? NewChallenge, IReadOnlyList<string> RunPeriods,
    string? Metric = null)
{
    /// <summary>The calculated periods to re-run once <paramref name="locked"/> are overwritten, in order.</summary>
    public static IReadOnlyList<string> RerunPeriodsOf(IEnumerable<LockedChange> locked) =>
        [.. locked.SelectMany(l => l.RunPeriods).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>
/// The lock on targets of calculated periods (docs/targets.md, "Calculated periods"): a write changes a locked row when
/// the stored row exists, its value or challenge differs, and a calculation run is stored for a period overlapping the
/// row's period (the month itself, its quarter, half-year or year; for an annual row any period of the year). New rows
/// and unchanged rows are never locked.
/// </summary>
public static class TargetLocking
{
    /// <summary>The calculated periods (of <paramref name="runPeriods"/>) that may have read a target row of <paramref name="period"/>: they overlap it.</summary>
    public static IReadOnlyList<string> RunsReading(IReadOnlyList<Period> runPeriods, Period period)
    {
        ArgumentNullException.ThrowIfNull(runPeriods);
        return [.. runPeriods.Where(r => r.Start <= period.End && period.Start <= r.End).Select(r => r.ToString()).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The writes that change a locked row: those whose stored row (looked up in <paramref name="stored"/> by
    /// <paramref name="key"/>) exists, differs in value or challenge, and is read by a period of <paramref name="runPeriods"/>.
    /// <paramref name="withMetric"/>: whether each change names its metric (a save of many metrics).
    /// </summary>
    public static IReadOnlyList<LockedChange> Changes(IEnumerable<TargetWrite> writes, IReadOnlyList<Period> runPeriods,
        IReadOnlyDictionary<string, (decimal Value, decimal? Challenge)> stored, Func<TargetWrite, string> key, bool withMetric)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(key);
        var result = new List<LockedChange>();
        foreach (var w in writes)
        {
            if (!stored.TryGetValue(key(w), out var old) || (old.Value == w.Value && old.Challenge == w.Challenge) || !Period.TryParse(w.Period, out var period))
            {
                continue;
            }

            var runs = RunsReading(runPeriods, period);
            if (runs.Count > 0)
            {
                result.Add(new LockedChange(w.Subject, w.Period, old.Value, old.Challenge, w.Value, w.Challenge, runs, withMetric ? w.Metric : null));
            }
        }

        return result;
    }
}
