namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Manager scoring (上级评分, docs/decisions/0019-evaluation-cycle.md): while the period is in evaluation, the direct manager
/// of a person on the period's last day — nobody else, and never the person themself — scores the rating indicators of
/// the person's scorecard with their rubric (the points are ratings), writes a comment, records the day the result was
/// discussed with the person (沟通确认) and submits, before the end of the manager-scoring deadline (self-assessment due +
/// <see cref="EvaluationSettings.ManagerScoringDays"/> working days, or HR's extension) in the company's zone. A submitted
/// scoring is final. Checked in order: self, direct manager, state, calendar, submitted, deadline, comment, talk date,
/// then (submitting) every rating indicator scored and the talk recorded.
/// </summary>
public static class ManagerScoringRules
{
    /// <summary>The most characters of the manager's comment and talk note.</summary>
    public const int MaxComment = 2000;

    /// <summary>Nobody scores themselves.</summary>
    public static EvaluationError? NotSelf(string? actorEmployee, string employee) =>
        actorEmployee is not null && string.Equals(actorEmployee, employee, StringComparison.Ordinal)
            ? new EvaluationError(EvaluationErrorCode.ManagerScoringSelf) : null;

    /// <summary>The actor is the person's direct manager on the period's last day.</summary>
    public static EvaluationError? DirectManager(string? actorEmployee, string employee, string? directManager, string period) =>
        actorEmployee is not null && string.Equals(actorEmployee, directManager, StringComparison.Ordinal)
            ? null : new EvaluationError(EvaluationErrorCode.ManagerScoringNotDirectManager, employee, period);

    /// <summary>A submitted scoring is not changed.</summary>
    public static EvaluationError? NotSubmitted(string employee, string period, bool submitted) =>
        submitted ? new EvaluationError(EvaluationErrorCode.ManagerScoringSubmitted, employee, period) : null;

    /// <summary>Before the end of the manager-scoring deadline's day in the company's zone.</summary>
    public static EvaluationError? BeforeDeadline(string period, DateOnly due, DateTimeOffset now, TimeZoneInfo zone) =>
        EvaluationDeadlines.IsPast(due, now, zone) ? new EvaluationError(EvaluationErrorCode.ManagerScoringPastDeadline, period, due) : null;

    /// <summary>The talk happened after the period's last day and not after today (company dates).</summary>
    public static EvaluationError? TalkDate(DateOnly? talkOn, DateOnly periodEnd, DateOnly today) =>
        talkOn is { } day && (day <= periodEnd || day > today)
            ? new EvaluationError(EvaluationErrorCode.ManagerScoringTalkDateInvalid, day, periodEnd) : null;

    /// <summary>Submitting: every rating indicator scored (the first unscored in code order is named), the talk recorded.</summary>
    public static EvaluationError? Complete(string employee, IReadOnlyCollection<string> unscored, DateOnly? talkOn)
    {
        ArgumentNullException.ThrowIfNull(unscored);
        var missing = unscored.Order(StringComparer.Ordinal).FirstOrDefault();
        return missing is not null ? new EvaluationError(EvaluationErrorCode.ManagerScoringRatingMissing, employee, missing)
            : talkOn is null ? new EvaluationError(EvaluationErrorCode.ManagerScoringTalkMissing, employee)
            : null;
    }

    /// <summary>
    /// Any change of the scoring of <paramref name="employee"/> by <paramref name="actorEmployee"/> (their comment, talk, the
    /// ratings on the scoring page): self, direct manager, state, calendar, submitted, deadline.
    /// </summary>
    public static EvaluationError? Change(
        PeriodFacts period, string? actorEmployee, string employee, string? directManager, bool submitted, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        var key = period.Period.ToString();
        return NotSelf(actorEmployee, employee)
            ?? DirectManager(actorEmployee, employee, directManager, key)
            ?? PeriodRules.InState(period, PeriodState.Evaluation)
            ?? PeriodRules.InCalendar(period)
            ?? NotSubmitted(employee, key, submitted)
            ?? BeforeDeadline(key, period.Deadlines!.ManagerScoring, now, zone);
    }

    /// <summary>Saving the comment and talk (a draft, or submitting with <paramref name="submit"/>): every rule above in order.</summary>
    public static EvaluationError? Save(
        PeriodFacts period, string? actorEmployee, string employee, string? directManager, bool submitted, DateTimeOffset now, TimeZoneInfo zone,
        DateOnly today, string? comment, DateOnly? talkOn, IReadOnlyCollection<string> unscored, bool submit)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Change(period, actorEmployee, employee, directManager, submitted, now, zone)
            ?? ((comment?.Trim().Length ?? 0) > MaxComment ? new EvaluationError(EvaluationErrorCode.ManagerScoringCommentTooLong, MaxComment) : null)
            ?? TalkDate(talkOn, period.Period.End, today)
            ?? (submit ? Complete(employee, unscored, talkOn) : null);
    }
}
