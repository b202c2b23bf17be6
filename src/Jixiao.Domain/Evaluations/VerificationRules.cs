namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Cross-department verification (跨部门复核, docs/decisions/0019-evaluation-cycle.md), when the plan turns it on
/// (<c>evaluation: verification: true</c>): while the period is in evaluation and before the verification deadline (manager
/// scoring due + <see cref="EvaluationSettings.VerificationDays"/> working days, or HR's extension), finance — or HR standing
/// in — confirms the sales and collections behind each assessed person's result, or sends one line back with a reason.
/// Checked in order: role, state, the plan has the step, the deadline, then (sending back) the line and the reason.
/// </summary>
public static class VerificationRules
{
    /// <summary>The most characters of a reason.</summary>
    public const int MaxReason = 1000;

    /// <summary>Whether the verification of one person may be recorded as given.</summary>
    public static EvaluationError? Verify(
        PeriodFacts period, bool isFinance, bool isHr, bool planHasIt, string employee, bool returned, string? indicator, string? reason,
        IReadOnlyCollection<string> lines, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(lines);
        if (!isFinance && !isHr)
        {
            return new EvaluationError(EvaluationErrorCode.VerificationFinanceOnly);
        }

        if (PeriodRules.InState(period, PeriodState.Evaluation) is { } state)
        {
            return state;
        }

        if (!planHasIt)
        {
            return new EvaluationError(EvaluationErrorCode.VerificationOff, period.Period.ToString());
        }

        if (period.Deadlines?.Verification is { } due && EvaluationDeadlines.IsPast(due, now, zone))
        {
            return new EvaluationError(EvaluationErrorCode.VerificationPastDeadline, period.Period.ToString(), due);
        }

        return returned && (indicator is null || !lines.Contains(indicator) || string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason)
            ? new EvaluationError(EvaluationErrorCode.VerificationReasonRequired, employee) : null;
    }
}
