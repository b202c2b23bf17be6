using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>One person in calibration: their result in the run calibrated, the grade their total falls in, a recorded grade.</summary>
public sealed record CalibrationPerson(
    string EmployeeId, string Name, string Unit, string UnitName, decimal Total, string? Grade, string? ScaleGrade, decimal? Coefficient, decimal PayTotal,
    IReadOnlyList<string> Grades, string? RecordedGrade, string? RecordedSource, string? RecordedReason);

/// <summary>How many people of a unit have each grade (top grade first, as <see cref="CalibrationView.Grades"/>).</summary>
public sealed record UnitDistribution(string Unit, string UnitName, int Headcount, IReadOnlyList<int> Counts);

/// <summary>A move the forced distribution would make, with names.</summary>
public sealed record CalibrationMove(GradeMove Move, string Name, string UnitName);

/// <summary>
/// The calibration page and API: the run calibrated (the period's latest run that can be shown), the grades (top first), the
/// distribution per unit, every person, the plan's forced distribution and the moves it would make now.
/// </summary>
public sealed record CalibrationView(
    string Period, PeriodState State, long? RunId, IReadOnlyList<string> Grades, IReadOnlyList<UnitDistribution> Units,
    IReadOnlyList<CalibrationPerson> People, ForcedDistributionRule? Rule, IReadOnlyList<CalibrationMove> Preview);

/// <summary>How a calibration step ended: the view after it and the run it computed, or the refusal (nothing changed).</summary>
public sealed record CalibrationOutcome(CalibrationView? View, long? RunId, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static CalibrationOutcome Refused(EvaluationError error) => new(null, null, error);
}

/// <summary>
/// HR's aggregation and calibration (汇总与校准, docs/decisions/0019-evaluation-cycle.md): the grade distribution per unit of
/// the period's latest run, the plan's forced distribution with a preview of who would move and why (rule in
/// <see cref="ForcedDistribution"/>), applied on HR's confirmation, and single grade adjustments with a mandatory reason
/// (<see cref="CalibrationRules"/>). Each is recorded as a grade (<see cref="ResultCorrectionRecord"/>) that the calculation
/// reads, audited with before and after, and the period is recomputed at once (a new draft run): coefficients and bonuses
/// follow through the engine.
/// </summary>
public sealed class Calibration(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>
    /// The calibration of <paramref name="period"/> as it stands, of the people <paramref name="covers"/> lets the reader see
    /// (null: everyone; HR covering one unit: that unit's — distribution, people and forced-distribution preview alike).
    /// </summary>
    public async Task<CalibrationView> GetAsync(Period period, Func<string, bool>? covers = null, CancellationToken ct = default)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var plan = (await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false)).For(period);
        return await BuildAsync(view, plan, covers, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the plan's forced distribution to the current grades of the people <paramref name="covers"/> lets HR see (null:
    /// everyone; HR covering one unit ranks and moves only that unit's people): records each move and recomputes the period.
    /// </summary>
    public async Task<CalibrationOutcome> DistributeAsync(Period period, Actor actor, Func<string, bool>? covers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var plan = (await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false)).For(period);
        if (CalibrationRules.Distribute(view.Facts, actor, plan?.Grades.ForcedDistribution is not null) is { } error)
        {
            return CalibrationOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var current = await BuildAsync(view, plan, covers, ct).ConfigureAwait(false);
        if (current.RunId is null)
        {
            return CalibrationOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.CalibrationNoRun, view.Key), ct).ConfigureAwait(false));
        }

        var at = time.GetUtcNow().UtcDateTime;
        foreach (var m in current.Preview.Select(p => p.Move))
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"rank {m.Rank} of {m.Headcount} in {(m.Unit.Length == 0 ? "the company" : m.Unit)}; at most {m.Cap} ({m.MaxShare:0.##%}) may have {m.From}");
            db.ResultCorrections.Add(new ResultCorrectionRecord
            {
                Period = view.Key,
                EmployeeId = m.Employee,
                Kind = CorrectionKinds.Grade,
                Grade = m.To,
                Source = CorrectionKinds.ForcedDistribution,
                Reason = reason,
                Before = m.From,
                CreatedBy = actor.UserId,
                CreatedAt = at,
            });
            db.Audit(at, actor.UserId, "calibration.forced", view.Key, reason, view.Key, m.Employee, m.From, m.To);
        }

        db.Audit(at, actor.UserId, "calibration.forced_distribution", view.Key,
            string.Create(CultureInfo.InvariantCulture, $"run {current.RunId}: {current.Preview.Count} moved"), view.Key, null, null, null);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await RecomputeAsync(period, actor, current.Preview.Count > 0, covers, ct).ConfigureAwait(false);
    }

    /// <summary>Sets <paramref name="employee"/>'s grade to <paramref name="grade"/> with <paramref name="reason"/> and recomputes the period.</summary>
    public async Task<CalibrationOutcome> AdjustAsync(
        Period period, string employee, string grade, string? reason, Actor actor, string? actorEmployee, Func<string, bool>? covers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(grade);
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var plan = (await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false)).For(period);
        var current = await BuildAsync(view, plan, null, ct).ConfigureAwait(false);
        var person = current.People.FirstOrDefault(p => p.EmployeeId == employee);
        var error = PeriodRules.HrOnly(actor) ?? CalibrationRules.NotOwn(actorEmployee, employee) ?? PeriodRules.InState(view.Facts, PeriodState.Calibration)
            ?? (current.RunId is null ? new EvaluationError(EvaluationErrorCode.CalibrationNoRun, view.Key) : null)
            ?? (person is null ? new EvaluationError(EvaluationErrorCode.CalibrationNotAssessed, employee, view.Key) : null)
            ?? CalibrationRules.Adjust(view.Facts, actor, actorEmployee, employee, grade, person!.Grades, reason);
        if (error is not null)
        {
            return CalibrationOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var at = time.GetUtcNow().UtcDateTime;
        // Back to the grade the total falls in: the recorded grade is lifted (a row without a grade).
        db.ResultCorrections.Add(new ResultCorrectionRecord
        {
            Period = view.Key,
            EmployeeId = employee,
            Kind = CorrectionKinds.Grade,
            Grade = grade == person!.ScaleGrade ? null : grade,
            Source = CorrectionKinds.Calibration,
            Reason = reason!.Trim(),
            Before = person.Grade,
            CreatedBy = actor.UserId,
            CreatedAt = at,
        });
        db.Audit(at, actor.UserId, "calibration.grade", view.Key, reason.Trim(), view.Key, employee, person.Grade, grade);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await RecomputeAsync(period, actor, person.Grade != grade, covers, ct).ConfigureAwait(false);
    }

    private async Task<CalibrationOutcome> RecomputeAsync(Period period, Actor actor, bool changed, Func<string, bool>? covers, CancellationToken ct)
    {
        long? run = null;
        if (changed)
        {
            run = (await new CalculationService(db, time, zone).RunAsync(period, actor.UserId, ct).ConfigureAwait(false))?.Run.Id;
        }

        return new CalibrationOutcome(await GetAsync(period, covers, ct).ConfigureAwait(false), run, null);
    }

    private async Task<CalibrationView> BuildAsync(PeriodView view, Plan? plan, Func<string, bool>? covers, CancellationToken ct)
    {
        var rule = plan?.Grades.ForcedDistribution;
        var run = view.Runs.Where(r => VisibleRuns.Shows(r) && r.Visibility != RunVisibility.Discarded).MaxBy(r => r.Id);
        if (run is null || plan is null)
        {
            return new CalibrationView(view.Key, view.State, null, [], [], [], rule, []);
        }

        var rows = await db.Results.AsNoTracking().Where(r => r.RunId == run.Id)
            .Select(r => new { r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal }).ToListAsync(ct).ConfigureAwait(false);
        if (covers is not null)
        {
            rows = [.. rows.Where(r => covers(r.EmployeeId))];
        }

        var ids = rows.Select(r => r.EmployeeId).ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        // Teams of different stores share names (销售一组): a unit below a unit below the top is shown with its parent's name.
        var tree = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Name, u.ParentId }).ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var units = tree.Values.ToDictionary(u => u.Id, u => u.ParentId is { } parent && tree.TryGetValue(parent, out var up) && up.ParentId is not null
            ? $"{up.Name} {u.Name}" : u.Name, StringComparer.Ordinal);
        var recorded = (await db.ResultCorrections.AsNoTracking().Where(c => c.Period == view.Key && c.Kind == CorrectionKinds.Grade).OrderBy(c => c.Id)
            .ToListAsync(ct).ConfigureAwait(false)).GroupBy(c => c.EmployeeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var people = new List<CalibrationPerson>();
        var ranked = new List<RankedPerson>();
        foreach (var r in rows.OrderBy(r => r.EmployeeId, StringComparer.Ordinal))
        {
            var card = plan.Scorecards.FirstOrDefault(c => c.Code == r.Scorecard);
            var scale = card?.GradeScale is { } code && plan.GradeScales.TryGetValue(code, out var s) ? s : null;
            if (scale is null || r.Grade is null)
            {
                continue;
            }

            var mark = recorded.GetValueOrDefault(r.EmployeeId);
            people.Add(new CalibrationPerson(r.EmployeeId, names.GetValueOrDefault(r.EmployeeId, r.EmployeeId), r.OrgUnitId, units.GetValueOrDefault(r.OrgUnitId, r.OrgUnitId),
                r.Total, r.Grade, scale.Find(r.Total)?.Grade, r.Coefficient, r.PayTotal, [.. scale.Bands.Reverse().Select(b => b.Grade)],
                mark?.Grade, mark?.Grade is null ? null : mark.Source, mark?.Grade is null ? null : mark.Reason));
            ranked.Add(new RankedPerson(r.EmployeeId, r.OrgUnitId, r.Total, r.Grade, scale));
        }

        var grades = plan.GradeScales.Values.SelectMany(s => s.Bands.Select((b, i) => (b.Grade, i))).GroupBy(x => x.Grade, StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(x => x.i)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var distribution = people.GroupBy(p => p.Unit, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnitDistribution(g.Key, g.First().UnitName, g.Count(), [.. grades.Select(x => g.Count(p => p.Grade == x))])).ToList();
        var preview = rule is null ? [] : ForcedDistribution.Moves(rule, ranked).Select(m => new CalibrationMove(m, names.GetValueOrDefault(m.Employee, m.Employee),
            m.Unit.Length == 0 ? "" : units.GetValueOrDefault(m.Unit, m.Unit))).ToList();
        return new CalibrationView(view.Key, view.State, run.Id, grades, distribution, people, rule, preview);
    }
}
