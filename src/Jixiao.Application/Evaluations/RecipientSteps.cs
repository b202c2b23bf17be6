using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// The people's steps of <see cref="DueSteps"/> for a few recipients (one home card), read with queries about them only: their
/// own self-assessment, their direct reports (<see cref="DirectManagers.MayReportToAsync"/>: found through the assignments that name
/// them and the units they head, by index, then each checked with the same rule as the whole company's pass), and finance's
/// count of people not verified as a <c>COUNT</c>. Each step is the one <see cref="DueSteps.AllAsync"/> gives the recipient.
/// </summary>
internal sealed class RecipientSteps(JixiaoDbContext db, IReadOnlySet<string> recipients)
{
    /// <summary>How many ids one query carries at most.</summary>
    private const int Chunk = 500;

    private readonly Dictionary<string, List<string>> _candidates = new(StringComparer.Ordinal);
    private DirectManagers? _chart;
    private PlanVersions? _plans;

    /// <summary>Each recipient's self-assessment, the scorings they owe and their reports overdue with theirs, in a period in evaluation.</summary>
    public async Task EvaluationAsync(
        PeriodView view, long basis, EvaluationDeadlines deadlines, DateTimeOffset now, CompanyTimeZone zone, Action<string, DueStep> add, CancellationToken ct)
    {
        var key = view.Key;
        var ids = recipients.ToList();
        var assessed = await InRunAsync(basis, ids, ct).ConfigureAwait(false);
        var selfDone = await SelfAssessedAsync(key, assessed, ct).ConfigureAwait(false);
        var selfOverdue = EvaluationDeadlines.IsPast(deadlines.SelfAssessment, now, zone.Zone);
        var scoringOverdue = EvaluationDeadlines.IsPast(deadlines.ManagerScoring, now, zone.Zone);
        foreach (var employee in assessed.Where(e => !selfDone.Contains(e)))
        {
            add(employee, new DueStep(key, DueKind.SelfAssessment, deadlines.SelfAssessment, selfOverdue, 1));
        }

        foreach (var manager in ids)
        {
            var team = await ReportsAsync(manager, view.Period, basis, ct).ConfigureAwait(false);
            if (team.Count == 0)
            {
                continue;
            }

            var scored = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in team.Chunk(Chunk))
            {
                scored.UnionWith(await db.ManagerReviews.AsNoTracking().Where(r => r.Period == key && r.SubmittedAt != null && chunk.Contains(r.EmployeeId))
                    .Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
            }

            var owed = team.Count(r => !scored.Contains(r));
            if (owed > 0)
            {
                add(manager, new DueStep(key, DueKind.ManagerScoring, deadlines.ManagerScoring, scoringOverdue, owed));
            }

            if (selfOverdue)
            {
                var teamSelfDone = await SelfAssessedAsync(key, team, ct).ConfigureAwait(false);
                var late = team.Count(r => !teamSelfDone.Contains(r));
                if (late > 0)
                {
                    add(manager, new DueStep(key, DueKind.TeamSelfAssessmentOverdue, deadlines.SelfAssessment, true, late));
                }
            }
        }
    }

    /// <summary>Each recipient's feedback talks not recorded and improvement plans not written for their direct reports of a published period.</summary>
    public async Task AfterPublicationAsync(PeriodView view, DateOnly windowEnd, DateTimeOffset now, CompanyTimeZone zone, Action<string, DueStep> add, CancellationToken ct)
    {
        // As FeedbackTalks and ImprovementPlans list them: the people of the published run.
        if (view.PublishedRunId is not { } run || view.State is not (PeriodState.Published or PeriodState.Closed))
        {
            return;
        }

        var key = view.Key;
        var overdue = EvaluationDeadlines.IsPast(windowEnd, now, zone.Zone);
        _plans ??= await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false);
        var plan = _plans.For(view.Period);
        foreach (var manager in recipients)
        {
            var team = await ReportsAsync(manager, view.Period, run, ct).ConfigureAwait(false);
            if (team.Count == 0)
            {
                continue;
            }

            var held = new HashSet<string>(StringComparer.Ordinal);
            var below = new List<string>();
            var planned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in team.Chunk(Chunk))
            {
                held.UnionWith(await db.ManagerReviews.AsNoTracking().Where(r => r.Period == key && r.FeedbackOn != null && chunk.Contains(r.EmployeeId))
                    .Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
                if (plan is not null)
                {
                    var grades = await db.Results.AsNoTracking().Where(r => r.RunId == run && chunk.Contains(r.EmployeeId))
                        .Select(r => new { r.EmployeeId, r.Scorecard, r.Grade }).ToListAsync(ct).ConfigureAwait(false);
                    below.AddRange(grades.Where(g => ImprovementPlans.IsBelowStandard(plan, g.Scorecard, g.Grade)).Select(g => g.EmployeeId));
                    planned.UnionWith(await db.ImprovementPlans.AsNoTracking().Where(p => p.Period == key && chunk.Contains(p.EmployeeId))
                        .Select(p => p.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
                }
            }

            var talks = team.Count(e => !held.Contains(e));
            if (talks > 0)
            {
                add(manager, new DueStep(key, DueKind.FeedbackTalk, windowEnd, overdue, talks));
            }

            var plans = below.Count(e => !planned.Contains(e));
            if (plans > 0)
            {
                add(manager, new DueStep(key, DueKind.ImprovementPlan, windowEnd, overdue, plans));
            }
        }
    }

    /// <summary>
    /// How many people of the evaluation basis finance has not confirmed (none yet, or a line sent back), as
    /// <see cref="PendingEvaluations.UnverifiedIdsAsync"/> lists them: all of them, or those <paramref name="covered"/> (an
    /// account covering one unit) sees.
    /// </summary>
    public static async Task<int> UnverifiedCountAsync(JixiaoDbContext db, PeriodView view, long basis, AccessScope? covered, CancellationToken ct)
    {
        var key = view.Key;
        var people = db.Results.AsNoTracking().Where(r => r.RunId == basis
            && !db.Verifications.Any(v => v.Period == key && v.Outcome == "confirmed" && v.EmployeeId == r.EmployeeId));
        if (covered is null)
        {
            return await people.CountAsync(ct).ConfigureAwait(false);
        }

        var count = 0;
        foreach (var chunk in covered.Employees.Chunk(Chunk))
        {
            count += await people.Where(r => chunk.Contains(r.EmployeeId)).CountAsync(ct).ConfigureAwait(false);
        }

        return count;
    }

    /// <summary>
    /// The direct reports of <paramref name="manager"/> among the people of <paramref name="run"/>, on the period's last day:
    /// the people who may report to them (by index), those in the run, each one's manager by the company-wide rule.
    /// </summary>
    private async Task<List<string>> ReportsAsync(string manager, Period period, long run, CancellationToken ct)
    {
        if (!_candidates.TryGetValue(manager, out var candidates))
        {
            _candidates[manager] = candidates = await CandidatesAsync(manager, ct).ConfigureAwait(false);
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var inRun = await InRunAsync(run, candidates, ct).ConfigureAwait(false);
        var managers = await EvaluationPeople.DirectManagersAsync(db, period, inRun, _chart, ct).ConfigureAwait(false);
        return [.. managers.Where(m => m.Value == manager).Select(m => m.Key)];
    }

    /// <summary>Everyone who may have <paramref name="manager"/> as their direct manager on some day (a superset).</summary>
    private async Task<List<string>> CandidatesAsync(string manager, CancellationToken ct)
    {
        if (!await DirectManagers.MayHaveReportsAsync(db, manager, ct).ConfigureAwait(false))
        {
            return [];
        }

        // Only the units the walk needs are read: those they head, the units below them, the candidates' units and those above.
        _chart ??= DirectManagers.Partial(db);
        var reach = await _chart.MayReportToAsync(manager, ct).ConfigureAwait(false);
        var people = new HashSet<string>(reach.Heads, StringComparer.Ordinal);
        people.UnionWith(await db.Assignments.AsNoTracking().Where(a => a.ManagerId == manager).Select(a => a.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
        foreach (var chunk in reach.Units.Chunk(Chunk))
        {
            people.UnionWith(await db.Assignments.AsNoTracking().Where(a => chunk.Contains(a.OrgUnitId)).Select(a => a.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
        }

        people.Remove(manager);
        return [.. people.Order(StringComparer.Ordinal)];
    }

    /// <summary>Those of <paramref name="employees"/> with a result in <paramref name="run"/>.</summary>
    private async Task<List<string>> InRunAsync(long run, IReadOnlyCollection<string> employees, CancellationToken ct)
    {
        var found = new List<string>();
        foreach (var chunk in employees.Chunk(Chunk))
        {
            found.AddRange(await db.Results.AsNoTracking().Where(r => r.RunId == run && chunk.Contains(r.EmployeeId)).Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>Those of <paramref name="employees"/> whose self-assessment of <paramref name="period"/> is submitted.</summary>
    private async Task<HashSet<string>> SelfAssessedAsync(string period, IReadOnlyCollection<string> employees, CancellationToken ct)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in employees.Chunk(Chunk))
        {
            done.UnionWith(await db.SelfAssessments.AsNoTracking().Where(s => s.Period == period && s.SubmittedAt != null && chunk.Contains(s.EmployeeId))
                .Select(s => s.EmployeeId).ToListAsync(ct).ConfigureAwait(false));
        }

        return done;
    }
}
