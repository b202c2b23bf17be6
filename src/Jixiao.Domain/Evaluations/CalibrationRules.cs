namespace Jixiao.Domain.Evaluations;

/// <summary>
/// HR's calibration (汇总与校准, docs/decisions/0019-evaluation-cycle.md): while the period is in calibration, HR — only HR,
/// and never on their own grade — applies the plan's forced distribution (after a preview of who moves and why) and
/// adjusts single grades with a mandatory reason. Both are recorded grades the calculation reads; the period is then
/// recomputed. Checked in order: role, own grade, state, then the step's own rule.
/// </summary>
public static class CalibrationRules
{
    /// <summary>The most characters of a calibration reason.</summary>
    public const int MaxReason = 500;

    /// <summary>Nobody calibrates their own grade.</summary>
    public static EvaluationError? NotOwn(string? actorEmployee, string employee) =>
        actorEmployee is not null && string.Equals(actorEmployee, employee, StringComparison.Ordinal)
            ? new EvaluationError(EvaluationErrorCode.CalibrationOwnGrade) : null;

    /// <summary>A grade adjustment: HR, not their own, in calibration, with a reason, to a grade of the person's scale.</summary>
    public static EvaluationError? Adjust(PeriodFacts period, Actor actor, string? actorEmployee, string employee, string grade, IReadOnlyCollection<string> grades, string? reason) =>
        PeriodRules.HrOnly(actor) ?? NotOwn(actorEmployee, employee) ?? PeriodRules.InState(period, PeriodState.Calibration)
        ?? (string.IsNullOrWhiteSpace(reason) ? new EvaluationError(EvaluationErrorCode.CalibrationReasonRequired, employee) : null)
        ?? (reason!.Trim().Length > MaxReason ? new EvaluationError(EvaluationErrorCode.CalibrationReasonTooLong, MaxReason) : null)
        ?? (grades.Contains(grade) ? null : new EvaluationError(EvaluationErrorCode.CalibrationGradeUnknown, grade, employee, string.Join(", ", grades)));

    /// <summary>Applying the forced distribution: HR, in calibration, the plan has one.</summary>
    public static EvaluationError? Distribute(PeriodFacts period, Actor actor, bool planHasOne)
    {
        ArgumentNullException.ThrowIfNull(period);
        return PeriodRules.HrOnly(actor) ?? PeriodRules.InState(period, PeriodState.Calibration)
            ?? (planHasOne ? null : new EvaluationError(EvaluationErrorCode.NoForcedDistribution, period.Period.ToString()));
    }
}
