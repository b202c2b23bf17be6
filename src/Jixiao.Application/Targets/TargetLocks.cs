using System.Globalization;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Targets;

/// <summary>
/// What is locked for a decomposition of one metric in one year: the calculated periods (a calculation run is stored
/// for them) and the stored target rows of the subjects, by period key ("subject|period").
/// </summary>
public sealed record TargetLockState(int Year, IReadOnlyList<Period> RunPeriods, IReadOnlyDictionary<string, (decimal Value, decimal? Challenge)> Stored)
{
    public static TargetLockState None(int year) => new(year, [], new Dictionary<string, (decimal, decimal?)>(StringComparer.Ordinal));

    /// <summary>The calculated periods that may have read a target row of <paramref name="period"/> (they overlap it).</summary>
    public IReadOnlyList<string> RunsReading(Period period) => TargetLocking.RunsReading(RunPeriods, period);

    /// <summary>
    /// The rows of <paramref name="plan"/> that would change a stored target of a calculated period, by the rule of
    /// <see cref="TargetLocking"/>: the stored row exists, its value or challenge differs, and a calculation run is
    /// stored for a period overlapping it.
    /// </summary>
    public IReadOnlyList<LockedChange> Changes(TargetPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (RunPeriods.Count == 0 || plan.Year != Year)
        {
            return [];
        }

        return TargetLocking.Changes(TargetDecomposer.Writes(plan), RunPeriods, Stored, w => w.Subject + "|" + w.Period, withMetric: false);
    }

    /// <summary>
    /// Reads the lock state for <paramref name="metric"/> in <paramref name="year"/>: the periods of the year with a
    /// calculation run that did not fail (running or succeeded), and the stored targets of <paramref name="subjects"/>.
    /// </summary>
    public static async Task<TargetLockState> ReadAsync(JixiaoDbContext db, int year, string metric, IReadOnlyCollection<string> subjects, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subjects);
        var prefix = year.ToString(CultureInfo.InvariantCulture);
        var runs = (await CalculatedPeriodsAsync(db, prefix, ct).ConfigureAwait(false)).Where(p => p.Year == year).ToList();
        var stored = new Dictionary<string, (decimal, decimal?)>(StringComparer.Ordinal);
        if (runs.Count > 0)
        {
            foreach (var chunk in subjects.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                var list = chunk.ToList();
                var rows = await db.Targets.AsNoTracking()
                    .Where(t => t.Metric == metric && list.Contains(t.Subject) && t.Period.StartsWith(prefix))
                    .Select(t => new { t.Subject, t.Period, t.Value, t.Challenge })
                    .ToListAsync(ct).ConfigureAwait(false);
                foreach (var r in rows)
                {
                    stored[r.Subject + "|" + r.Period] = (r.Value, r.Challenge);
                }
            }
        }

        return new TargetLockState(year, runs, stored);
    }

    /// <summary>
    /// The writes of a direct save (PUT /api/v1/targets: any subjects, metrics and periods) that would change a stored
    /// target of a calculated period, by the same rule as a decomposition (<see cref="Changes"/>): the stored row
    /// exists, its value or challenge differs, and a run that did not fail is stored for an overlapping period.
    /// </summary>
    public static async Task<IReadOnlyList<LockedChange>> ChangesOfAsync(JixiaoDbContext db, IReadOnlyList<TargetWrite> writes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(writes);
        var runs = await CalculatedPeriodsAsync(db, "", ct).ConfigureAwait(false);
        if (runs.Count == 0 || writes.Count == 0)
        {
            return [];
        }

        var stored = new Dictionary<string, (decimal Value, decimal? Challenge)>(StringComparer.Ordinal);
        foreach (var chunk in writes.Select(w => TargetStore.Key(w.Subject, w.Metric, w.Period)).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var keys = chunk.ToList();
            var rows = await db.Targets.AsNoTracking().Where(t => keys.Contains(t.ExternalId))
                .Select(t => new { t.ExternalId, t.Value, t.Challenge })
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var r in rows)
            {
                stored[r.ExternalId] = (r.Value, r.Challenge);
            }
        }

        return TargetLocking.Changes(writes, runs, stored, w => TargetStore.Key(w.Subject, w.Metric, w.Period), withMetric: true);
    }

    /// <summary>The calculated periods (a run that did not fail is stored for them) whose text starts with <paramref name="prefix"/>.</summary>
    private static async Task<List<Period>> CalculatedPeriodsAsync(JixiaoDbContext db, string prefix, CancellationToken ct) =>
        (await db.Runs.AsNoTracking().Where(r => r.Status != RunStatus.Failed && r.Period.StartsWith(prefix)).Select(r => r.Period).Distinct()
            .ToListAsync(ct).ConfigureAwait(false))
        .Select(p => Period.TryParse(p, out var period) ? period : (Period?)null)
        .OfType<Period>()
        .Distinct()
        .ToList();
}
