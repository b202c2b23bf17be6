namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Appeals (申诉, docs/decisions/0019-evaluation-cycle.md). The employee — only for themself — appeals specific lines
/// (indicators) of their published result in writing, until the end of the publication window (company time). HR answers
/// each appeal, never their own, upheld or rejected with a written answer; an upheld appeal gives the corrected points of
/// appealed lines, recorded and recomputed. The answer is due <see cref="EvaluationSettings.AppealAnswerDays"/> working days
/// after the day of filing: a later answer is still taken and shows as late.
/// </summary>
public static class AppealRules
{
    /// <summary>The most characters of an appeal's text and of an answer.</summary>
    public const int MaxText = 4000;

    /// <summary>Filing: published, before the window's end, at least one line, each a line of the result, a text.</summary>
    public static EvaluationError? File(PeriodFacts period, IReadOnlyCollection<string> lines, IReadOnlyCollection<string> resultLines, string? text, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(resultLines);
        if (PeriodRules.InState(period, PeriodState.Published) is { } state)
        {
            return state;
        }

        if (period.Deadlines?.PublicationWindowEnd is not { } end || EvaluationDeadlines.IsPast(end, now, zone))
        {
            return new EvaluationError(EvaluationErrorCode.AppealWindowClosed, period.Period.ToString(), period.Deadlines?.PublicationWindowEnd);
        }

        if (lines.Count == 0)
        {
            return new EvaluationError(EvaluationErrorCode.AppealLinesRequired);
        }

        if (lines.FirstOrDefault(l => !resultLines.Contains(l)) is { } unknown)
        {
            return new EvaluationError(EvaluationErrorCode.AppealLineUnknown, unknown);
        }

        return string.IsNullOrWhiteSpace(text) ? new EvaluationError(EvaluationErrorCode.AppealTextRequired)
            : text.Trim().Length > MaxText ? new EvaluationError(EvaluationErrorCode.AppealTextTooLong, MaxText) : null;
    }

    /// <summary>
    /// Answering: HR, not their own appeal, published, not answered yet, an answer; upheld needs corrected points of appealed
    /// lines (each within 0 and the line's maximum); rejected gives none.
    /// </summary>
    public static EvaluationError? Answer(
        PeriodFacts period, Actor actor, string? actorEmployee, string appellant, bool answered, bool upheld, string? answer,
        IReadOnlyDictionary<string, decimal> corrections, IReadOnlyCollection<string> appealed, IReadOnlyDictionary<string, decimal> maxPoints)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(corrections);
        ArgumentNullException.ThrowIfNull(appealed);
        ArgumentNullException.ThrowIfNull(maxPoints);
        var error = PeriodRules.HrOnly(actor)
            ?? (actorEmployee is not null && string.Equals(actorEmployee, appellant, StringComparison.Ordinal) ? new EvaluationError(EvaluationErrorCode.AppealOwn) : null)
            ?? PeriodRules.InState(period, PeriodState.Published)
            ?? (answered ? new EvaluationError(EvaluationErrorCode.AppealAnswered) : null)
            ?? (string.IsNullOrWhiteSpace(answer) ? new EvaluationError(EvaluationErrorCode.AppealAnswerRequired)
                : answer.Trim().Length > MaxText ? new EvaluationError(EvaluationErrorCode.AppealTextTooLong, MaxText) : null);
        if (error is not null)
        {
            return error;
        }

        if (!upheld)
        {
            return corrections.Count > 0 ? new EvaluationError(EvaluationErrorCode.AppealCorrectionNotUpheld) : null;
        }

        if (corrections.Count == 0)
        {
            return new EvaluationError(EvaluationErrorCode.AppealCorrectionRequired);
        }

        foreach (var (line, points) in corrections)
        {
            if (!appealed.Contains(line))
            {
                return new EvaluationError(EvaluationErrorCode.AppealLineUnknown, line);
            }

            var max = maxPoints.GetValueOrDefault(line);
            if (points < 0m || points > max || points * 100m % 1m != 0m)
            {
                return new EvaluationError(EvaluationErrorCode.AppealPointsInvalid, line, points, max);
            }
        }

        return null;
    }
}
