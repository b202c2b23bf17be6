namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Improvement plans (改进计划, seeds 000 and 004; docs/decisions/0019-evaluation-cycle.md): once a period's results are
/// published, anyone whose published grade is below the plan's standard (<c>grades: improvement_below</c>) gets a plan —
/// goals, actions, the owner (their direct manager), a due date and follow-up notes — written by their direct manager or HR,
/// never by themself; the employee, their managers and HR read it. Checked in order: who, state, below the standard, text.
/// </summary>
public static class ImprovementRules
{
    /// <summary>The most characters of goals, actions and a note.</summary>
    public const int MaxText = 2000;

    /// <summary>Writing a plan or a note.</summary>
    public static EvaluationError? Write(PeriodFacts period, Actor actor, string? actorEmployee, string employee, string? directManager, bool belowStandard, string? grade, params string?[] texts)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(texts);
        var self = actorEmployee is not null && string.Equals(actorEmployee, employee, StringComparison.Ordinal);
        var manager = actorEmployee is not null && string.Equals(actorEmployee, directManager, StringComparison.Ordinal);
        if (self || !(actor.IsHr || manager))
        {
            return new EvaluationError(EvaluationErrorCode.ImprovementNotAllowed);
        }

        if (period.State is not (PeriodState.Published or PeriodState.Closed))
        {
            return new EvaluationError(EvaluationErrorCode.WrongState, period.Period.ToString(), period.State, PeriodState.Published);
        }

        if (!belowStandard)
        {
            return new EvaluationError(EvaluationErrorCode.ImprovementNotNeeded, employee, period.Period.ToString(), grade ?? "—");
        }

        return texts.Any(string.IsNullOrWhiteSpace) ? new EvaluationError(EvaluationErrorCode.ImprovementTextRequired)
            : texts.Any(t => t!.Trim().Length > MaxText) ? new EvaluationError(EvaluationErrorCode.AppealTextTooLong, MaxText) : null;
    }
}
