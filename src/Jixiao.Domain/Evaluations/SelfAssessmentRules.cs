namespace Jixiao.Domain.Evaluations;

/// <summary>One line of a self-assessment as the employee sends it: an indicator of their result, confirmed or commented on.</summary>
public sealed record SelfAssessmentLine(string Indicator, bool Confirmed, string? Comment);

/// <summary>
/// Self-assessment (自评, docs/decisions/0019-evaluation-cycle.md): while the period is in evaluation, the employee sees
/// each line (indicator) of their evaluation-basis result, confirms it or comments on it, attaches evidence
/// (<see cref="EvidenceRules"/>) and submits, before the end of the self-assessment deadline (period end +
/// <see cref="EvaluationSettings.SelfAssessmentDays"/> working days, or the date HR extended it to) in the company's zone.
/// Only the employee themself; a submitted self-assessment is final. Rules are checked in this order: who, state,
/// submitted, deadline, lines; the first that fails is the refusal.
/// </summary>
public static class SelfAssessmentRules
{
    /// <summary>The most characters of a line's comment.</summary>
    public const int MaxComment = 2000;

    /// <summary>Nobody writes another person's self-assessment: not their manager, not HR.</summary>
    public static EvaluationError? OwnOnly(string? actorEmployee, string employee) =>
        actorEmployee is not null && string.Equals(actorEmployee, employee, StringComparison.Ordinal)
            ? null : new EvaluationError(EvaluationErrorCode.SelfAssessmentNotYours, employee);

    /// <summary>Not submitted yet: a submitted self-assessment is not changed.</summary>
    public static EvaluationError? NotSubmitted(string period, bool submitted) =>
        submitted ? new EvaluationError(EvaluationErrorCode.SelfAssessmentSubmitted, period) : null;

    /// <summary>Before the end of the deadline's day in the company's zone.</summary>
    public static EvaluationError? BeforeDeadline(string period, DateOnly due, DateTimeOffset now, TimeZoneInfo zone) =>
        EvaluationDeadlines.IsPast(due, now, zone) ? new EvaluationError(EvaluationErrorCode.SelfAssessmentPastDeadline, period, due) : null;

    /// <summary>
    /// The lines: each names an indicator of the result once; a line not confirmed says why in a comment; comments at most
    /// <see cref="MaxComment"/> characters. With <paramref name="complete"/> (submitting), every indicator has its line.
    /// </summary>
    public static EvaluationError? Lines(IReadOnlyCollection<string> indicators, IReadOnlyList<SelfAssessmentLine> lines, bool complete)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(lines);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!indicators.Contains(line.Indicator, StringComparer.Ordinal))
            {
                return new EvaluationError(EvaluationErrorCode.SelfAssessmentLineUnknown, line.Indicator);
            }

            if (!seen.Add(line.Indicator))
            {
                return new EvaluationError(EvaluationErrorCode.SelfAssessmentLineTwice, line.Indicator);
            }

            var comment = line.Comment?.Trim() ?? "";
            if (comment.Length > MaxComment)
            {
                return new EvaluationError(EvaluationErrorCode.SelfAssessmentCommentTooLong, line.Indicator, MaxComment);
            }

            if (!line.Confirmed && comment.Length == 0)
            {
                return new EvaluationError(EvaluationErrorCode.SelfAssessmentCommentRequired, line.Indicator);
            }
        }

        var missing = complete ? indicators.Where(i => !seen.Contains(i)).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return missing is null ? null : new EvaluationError(EvaluationErrorCode.SelfAssessmentLineMissing, missing);
    }

    /// <summary>
    /// Any change (saving lines, attaching or removing evidence): the employee themself, the period in evaluation and in
    /// the calendar, not submitted, before the deadline's end.
    /// </summary>
    public static EvaluationError? Change(PeriodFacts period, string? actorEmployee, string employee, bool submitted, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        var key = period.Period.ToString();
        return OwnOnly(actorEmployee, employee)
            ?? PeriodRules.InState(period, PeriodState.Evaluation)
            ?? PeriodRules.InCalendar(period)
            ?? NotSubmitted(key, submitted)
            ?? BeforeDeadline(key, period.Deadlines!.SelfAssessment, now, zone);
    }

    /// <summary>Saving (a draft, or submitting with <paramref name="submit"/>): every rule above in order.</summary>
    public static EvaluationError? Save(
        PeriodFacts period, string? actorEmployee, string employee, bool submitted, DateTimeOffset now, TimeZoneInfo zone,
        IReadOnlyCollection<string> indicators, IReadOnlyList<SelfAssessmentLine> lines, bool submit) =>
        Change(period, actorEmployee, employee, submitted, now, zone) ?? Lines(indicators, lines, complete: submit);
}
