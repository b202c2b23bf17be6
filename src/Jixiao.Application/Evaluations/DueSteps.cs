using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>What a step due is: one's own self-assessment, the scorings one owes, or one's people late with theirs.</summary>
public enum DueKind
{
    /// <summary>The person's own self-assessment (自评).</summary>
    SelfAssessment,

    /// <summary>The manager scorings (上级评分) the person owes their direct reports; <see cref="DueStep.Count"/> of them.</summary>
    ManagerScoring,

    /// <summary>Direct reports whose self-assessment is overdue (shown to their manager); <see cref="DueStep.Count"/> of them.</summary>
    TeamSelfAssessmentOverdue,
}

/// <summary>One step a person owes (or one their people owe) in a period in evaluation: its deadline, whether it has passed, how many.</summary>
public sealed record DueStep(string Period, DueKind Kind, DateOnly Due, bool Overdue, int Count);

/// <summary>
/// The steps each person owes now (docs/decisions/0019-evaluation-cycle.md): in every period in evaluation, their own
/// self-assessment while not submitted, the manager scorings of their direct reports not submitted, and, for their
/// manager, their direct reports overdue with their self-assessment. The home page lists them; the daily reminder job
/// notifies from them.
/// </summary>
public static class DueSteps
{
    /// <summary>The steps <paramref name="employee"/> owes, the earliest deadline first (one person's part of <see cref="AllAsync"/>).</summary>
    public static async Task<IReadOnlyList<DueStep>> ForAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, string employee, CancellationToken ct = default)
    {
        // Finding one person's scorings owed needs every assessed person's direct manager anyway: the pass for everyone
        // costs about the same, and the home page and the reminders cannot disagree.
        var all = await AllAsync(db, time, zone, ct).ConfigureAwait(false);
        return all.TryGetValue(employee, out var steps) ? steps : [];
    }

    /// <summary>
    /// The steps every person owes, by employee id (the home page's card takes one person's, the daily reminder job all),
    /// computed with one pass over each period in evaluation.
    /// </summary>
    public static async Task<Dictionary<string, List<DueStep>>> AllAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var keys = await db.EvaluationPeriods.AsNoTracking().Where(p => p.State == "evaluation" && p.BasisRunId != null).Select(p => p.Key).ToListAsync(ct).ConfigureAwait(false);
        var now = (time ?? throw new ArgumentNullException(nameof(time))).GetUtcNow();
        var all = new Dictionary<string, List<DueStep>>(StringComparer.Ordinal);
        void Add(string employee, DueStep step)
        {
            if (!all.TryGetValue(employee, out var list))
            {
                all[employee] = list = [];
            }

            list.Add(step);
        }

        var catalog = new PeriodCatalog(db, time, zone);
        foreach (var key in keys)
        {
            if (!Period.TryParse(key, out var period) || (await catalog.GetAsync(period, ct).ConfigureAwait(false)) is not { Deadlines: { } deadlines } view)
            {
                continue;
            }

            var assessed = await EvaluationPeople.AssessedAsync(db, view.BasisRunId, ct).ConfigureAwait(false);
            var selfDone = (await db.SelfAssessments.AsNoTracking().Where(s => s.Period == key && s.SubmittedAt != null).Select(s => s.EmployeeId)
                .ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var scored = (await db.ManagerReviews.AsNoTracking().Where(r => r.Period == key && r.SubmittedAt != null).Select(r => r.EmployeeId)
                .ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var selfOverdue = EvaluationDeadlines.IsPast(deadlines.SelfAssessment, now, zone.Zone);
            var scoringOverdue = EvaluationDeadlines.IsPast(deadlines.ManagerScoring, now, zone.Zone);
            foreach (var employee in assessed.Where(e => !selfDone.Contains(e)))
            {
                Add(employee, new DueStep(key, DueKind.SelfAssessment, deadlines.SelfAssessment, selfOverdue, 1));
            }

            var managers = await EvaluationPeople.DirectManagersAsync(db, period, assessed, ct).ConfigureAwait(false);
            foreach (var team in managers.Where(m => m.Value is not null).GroupBy(m => m.Value!, m => m.Key, StringComparer.Ordinal))
            {
                var owed = team.Count(r => !scored.Contains(r));
                if (owed > 0)
                {
                    Add(team.Key, new DueStep(key, DueKind.ManagerScoring, deadlines.ManagerScoring, scoringOverdue, owed));
                }

                var late = team.Count(r => !selfDone.Contains(r));
                if (selfOverdue && late > 0)
                {
                    Add(team.Key, new DueStep(key, DueKind.TeamSelfAssessmentOverdue, deadlines.SelfAssessment, true, late));
                }
            }
        }

        foreach (var list in all.Values)
        {
            list.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Period, b.Period));
        }

        return all;
    }
}
