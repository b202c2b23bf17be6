using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// The stored plan versions, read once, each loaded at most once: which plan is in force for a period (the same choice as
/// <see cref="CalculationRuns.CalculationService.PlanVersionForAsync"/>) and what the evaluation cycle takes from it.
/// </summary>
internal sealed class PlanVersions
{
    private readonly List<PlanVersionEntity> _versions;
    private readonly Dictionary<long, Plan?> _loaded = [];

    private PlanVersions(List<PlanVersionEntity> versions) => _versions = versions;

    public static async Task<PlanVersions> ReadAsync(JixiaoDbContext db, CancellationToken ct) =>
        new(await db.PlanVersions.AsNoTracking().ToListAsync(ct).ConfigureAwait(false));

    /// <summary>Whether any plan is stored.</summary>
    public bool Any => _versions.Count > 0;

    /// <summary>The plan in force for <paramref name="period"/>: the latest effective on or before its first day, else the earliest.</summary>
    public Plan? For(Period period)
    {
        var version = _versions.Where(v => v.EffectiveFrom <= period.Start).MaxBy(v => (v.EffectiveFrom, v.Number))
            ?? _versions.MinBy(v => (v.EffectiveFrom, v.Number));
        return version is null ? null : Load(version);
    }

    /// <summary>The evaluation settings of the plan in force (the defaults without a plan).</summary>
    public EvaluationSettings SettingsFor(Period period) => For(period)?.Evaluation ?? EvaluationSettings.Default;

    /// <summary>The period kinds any stored plan's scorecards are assessed on (every kind when no plan loads).</summary>
    public IReadOnlySet<PeriodKind> AssessedKinds()
    {
        var kinds = new HashSet<PeriodKind>();
        foreach (var v in _versions)
        {
            foreach (var card in Load(v)?.Scorecards ?? [])
            {
                kinds.UnionWith(card.Periods);
            }
        }

        return kinds.Count == 0 ? Enum.GetValues<PeriodKind>().ToHashSet() : kinds;
    }

    private Plan? Load(PlanVersionEntity version)
    {
        if (!_loaded.TryGetValue(version.Id, out var plan))
        {
            plan = Plans.StoredPlans.Of(version);
            _loaded[version.Id] = plan;
        }

        return plan;
    }
}
