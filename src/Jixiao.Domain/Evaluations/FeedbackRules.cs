namespace Jixiao.Domain.Evaluations;

/// <summary>
/// The feedback talk after publication (反馈面谈, seeds 000 and 004; docs/decisions/0019-evaluation-cycle.md): once a
/// period's results are published, the person's direct manager on the period's last day records the day they went through
/// the result with the person, and a note. Nobody records their own. The talk is a record of a conversation, not a result:
/// it can be recorded while the period is published or after it closed. Checked in order: who, state, the text, the date
/// (not before publication, not after today).
/// </summary>
public static class FeedbackRules
{
    /// <summary>The most characters of the note.</summary>
    public const int MaxNote = 2000;

    /// <summary>Whether <paramref name="actorEmployee"/> may record the talk with <paramref name="employee"/> held on <paramref name="on"/>.</summary>
    public static EvaluationError? Record(
        PeriodFacts period, string? actorEmployee, string employee, string? directManager, DateOnly? on, string? note, DateOnly? publishedOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        var self = actorEmployee is not null && string.Equals(actorEmployee, employee, StringComparison.Ordinal);
        if (self || actorEmployee is null || !string.Equals(actorEmployee, directManager, StringComparison.Ordinal))
        {
            return new EvaluationError(EvaluationErrorCode.FeedbackNotAllowed);
        }

        if (period.State is not (PeriodState.Published or PeriodState.Closed))
        {
            return new EvaluationError(EvaluationErrorCode.WrongState, period.Period.ToString(), period.State, PeriodState.Published);
        }

        if (on is not { } day || (note?.Trim().Length ?? 0) > MaxNote)
        {
            return new EvaluationError(EvaluationErrorCode.FeedbackNoteInvalid, MaxNote);
        }

        return (publishedOn is { } published && day < published) || day > today ? new EvaluationError(EvaluationErrorCode.FeedbackDateInvalid, day) : null;
    }
}
