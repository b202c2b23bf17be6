using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>A person below the standard in a published period, and their improvement plan (null while none is written).</summary>
public sealed record ImprovementView(string Period, string EmployeeId, string Name, string? Grade, string? OwnerId, ImprovementPlanRecord? Plan);

/// <summary>How a step ended: the plan as it is now, or the refusal (nothing changed).</summary>
public sealed record ImprovementOutcome(ImprovementView? View, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static ImprovementOutcome Refused(EvaluationError error) => new(null, error);
}

/// <summary>
/// Improvement plans (改进计划, <see cref="ImprovementRules"/>): who is below the plan's standard in the published run, their plan
/// (goals, actions, owner, due date) written by their direct manager or HR with an optimistic-concurrency check, and
/// follow-up notes (append-only); every change audited.
/// </summary>
public sealed class ImprovementPlans(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>Everyone below the standard in <paramref name="period"/>'s published run (of <paramref name="only"/> when given), by employee id.</summary>
    public async Task<IReadOnlyList<ImprovementView>> ListAsync(Period period, IReadOnlyCollection<string>? only, CancellationToken ct = default)
    {
        var (view, below) = await BelowAsync(period, only, ct).ConfigureAwait(false);
        var ids = below.Keys.Where(id => only is null || only.Contains(id)).ToList();
        var managers = await EvaluationPeople.DirectManagersAsync(db, period, ids, ct).ConfigureAwait(false);
        var plans = await db.ImprovementPlans.AsNoTracking().Include(p => p.Notes).Where(p => p.Period == view.Key && ids.Contains(p.EmployeeId))
            .ToDictionaryAsync(p => p.EmployeeId, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return [.. ids.Order(StringComparer.Ordinal).Select(id => new ImprovementView(view.Key, id, names.GetValueOrDefault(id, id), below[id],
            plans.GetValueOrDefault(id)?.OwnerId ?? managers.GetValueOrDefault(id), plans.GetValueOrDefault(id)))];
    }

    /// <summary>Writes (creates or changes) <paramref name="employee"/>'s plan.</summary>
    public async Task<ImprovementOutcome> SaveAsync(
        Period period, string employee, string? goals, string? actions, DateOnly? dueOn, long? version, Actor actor, string? actorEmployee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (view, below) = await BelowAsync(period, [employee], ct).ConfigureAwait(false);
        var manager = (await EvaluationPeople.DirectManagersAsync(db, period, [employee], ct).ConfigureAwait(false)).GetValueOrDefault(employee);
        var record = await db.ImprovementPlans.SingleOrDefaultAsync(p => p.Period == view.Key && p.EmployeeId == employee, ct).ConfigureAwait(false);
        var error = ImprovementRules.Write(view.Facts, actor, actorEmployee, employee, manager, below.ContainsKey(employee), below.GetValueOrDefault(employee), goals, actions)
            ?? (version is { } seen && seen != (record?.Version ?? 0) ? new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Publication, employee) : null);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return ImprovementOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = record is null ? null : $"{record.Goals} | {record.Actions} | {record.DueOn:yyyy-MM-dd}";
        if (record is null)
        {
            record = new ImprovementPlanRecord { Period = view.Key, EmployeeId = employee, Grade = below[employee], OwnerId = manager, Version = 1 };
            db.ImprovementPlans.Add(record);
        }

        record.Goals = goals!.Trim();
        record.Actions = actions!.Trim();
        record.DueOn = dueOn;
        record.UpdatedAt = now;
        record.UpdatedBy = actor.UserId;
        db.Audit(now, actor.UserId, "improvement.save", view.Key, null, view.Key, employee, before, $"{record.Goals} | {record.Actions} | {record.DueOn:yyyy-MM-dd}");
        return await SaveChangesAsync(period, employee, ct).ConfigureAwait(false);
    }

    /// <summary>Adds a follow-up note to <paramref name="employee"/>'s plan.</summary>
    public async Task<ImprovementOutcome> NoteAsync(Period period, string employee, string? note, Actor actor, string? actorEmployee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (view, below) = await BelowAsync(period, [employee], ct).ConfigureAwait(false);
        var manager = (await EvaluationPeople.DirectManagersAsync(db, period, [employee], ct).ConfigureAwait(false)).GetValueOrDefault(employee);
        var record = await db.ImprovementPlans.SingleOrDefaultAsync(p => p.Period == view.Key && p.EmployeeId == employee, ct).ConfigureAwait(false);
        var error = ImprovementRules.Write(view.Facts, actor, actorEmployee, employee, manager, below.ContainsKey(employee), below.GetValueOrDefault(employee), note)
            ?? (record is null ? new EvaluationError(EvaluationErrorCode.ImprovementTextRequired) : null);
        if (error is not null)
        {
            return ImprovementOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.ImprovementNotes.Add(new ImprovementNoteRecord { PlanId = record!.Id, Note = note!.Trim(), At = now, By = actor.UserId });
        db.Audit(now, actor.UserId, "improvement.note", view.Key, null, view.Key, employee, null, note.Trim());
        return await SaveChangesAsync(period, employee, ct).ConfigureAwait(false);
    }

    private async Task<ImprovementOutcome> SaveChangesAsync(Period period, string employee, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ImprovementOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Publication, employee), ct).ConfigureAwait(false));
        }

        var views = await ListAsync(period, [employee], ct).ConfigureAwait(false);
        return new ImprovementOutcome(views.Count > 0 ? views[0] : null, null);
    }

    /// <summary>
    /// The period and the people of its published run (for a short <paramref name="only"/> list, only theirs, read in SQL rather than the whole run)
    /// whose grade is below the plan's standard, with their grade.
    /// </summary>
    private async Task<(PeriodView View, Dictionary<string, string?> Below)> BelowAsync(Period period, IReadOnlyCollection<string>? only, CancellationToken ct)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var plan = (await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false)).For(period);
        var below = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (plan is null || view.PublishedRunId is not { } run || !ExistIn(view.State))
        {
            return (view, below);
        }

        var results = db.Results.AsNoTracking().Where(r => r.RunId == run);
        if (only is { Count: <= 1000 })
        {
            // A few people (one person's /me): their rows only; a larger list reads the run once and filters in ListAsync.
            var ids = only.Distinct(StringComparer.Ordinal).ToList();
            results = results.Where(r => ids.Contains(r.EmployeeId));
        }

        var rows = await results.Select(r => new { r.EmployeeId, r.Scorecard, r.Grade }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var r in rows.Where(r => IsBelowStandard(plan, r.Scorecard, r.Grade)))
        {
            below[r.EmployeeId] = r.Grade;
        }

        return (view, below);
    }

    /// <summary>Whether a period in <paramref name="state"/> can have improvement plans: only its published run's results (公示中, 已关闭) are graded for them.</summary>
    public static bool ExistIn(PeriodState state) => state is PeriodState.Published or PeriodState.Closed;

    /// <summary>Whether <paramref name="grade"/> on <paramref name="scorecard"/> is below <paramref name="plan"/>'s standard (an improvement plan is due).</summary>
    internal static bool IsBelowStandard(Plan plan, string scorecard, string? grade)
    {
        var card = plan.Scorecards.FirstOrDefault(c => c.Code == scorecard);
        return card?.GradeScale is { } code && plan.GradeScales.TryGetValue(code, out var scale) && plan.Grades.BelowStandard(scale, grade);
    }
}
