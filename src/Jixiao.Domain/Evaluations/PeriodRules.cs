using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Evaluations;

/// <summary>Who is acting: their user id and whether they are HR or an administrator.</summary>
public sealed record Actor(string? UserId, bool IsHr, bool IsAdmin);

/// <summary>A period as the rules see it: its key, state and deadlines (null when the calendar does not know it).</summary>
public sealed record PeriodFacts(Period Period, PeriodState State, EvaluationDeadlines? Deadlines);

/// <summary>A pending publication request: the run and who asked.</summary>
public sealed record PublicationRequest(RunFacts Run, string? RequestedBy);

/// <summary>
/// The evaluation cycle's state machine (docs/decisions/0019-evaluation-cycle.md): each move is a list of named rules,
/// checked in order (role, state, then the move's own rule); the first that fails is the refusal. Nothing here reads a
/// clock or a database: the caller passes the time, the counts and the runs.
/// </summary>
public static class PeriodRules
{
    /// <summary>The most characters of a reason (extension, adjustment).</summary>
    public const int MaxReason = 500;

    // ---- the named rules ----

    /// <summary>Only HR moves periods, extends deadlines, requests publication and discards runs.</summary>
    public static EvaluationError? HrOnly(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsHr ? null : new EvaluationError(EvaluationErrorCode.HrOnly);
    }

    /// <summary>HR or an administrator (publication approval).</summary>
    public static EvaluationError? HrOrAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsHr || actor.IsAdmin ? null : new EvaluationError(EvaluationErrorCode.HrOrAdminOnly);
    }

    /// <summary>The period is in <paramref name="needed"/>.</summary>
    public static EvaluationError? InState(PeriodFacts period, PeriodState needed)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.State == needed ? null : new EvaluationError(EvaluationErrorCode.WrongState, period.Period.ToString(), period.State, needed);
    }

    /// <summary>The period's last day is over (company date): evaluation starts the day after.</summary>
    public static EvaluationError? PeriodHasEnded(PeriodFacts period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        return today > period.Period.End ? null : new EvaluationError(EvaluationErrorCode.PeriodNotEnded, period.Period.ToString(), period.Period.End);
    }

    /// <summary>
    /// Every evaluation is submitted, or the manager-scoring deadline (the evaluations' last) has passed: then HR may move on
    /// and the missing steps stay recorded as missed. Verification is its own gate (<see cref="VerificationsDone"/>), so its
    /// later deadline does not hold back evaluations already missed.
    /// </summary>
    public static EvaluationError? EvaluationsDoneOrOverdue(PeriodFacts period, int pending, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        var deadlines = Deadlines(period);
        return pending == 0 || EvaluationDeadlines.IsPast(deadlines.ManagerScoring, now, zone) ? null
            : new EvaluationError(EvaluationErrorCode.EvaluationsPending, period.Period.ToString(), pending, deadlines.ManagerScoring);
    }

    /// <summary>
    /// When the plan turns verification on, finance has confirmed every assessed person (a line sent back is unfinished until
    /// confirmed); <paramref name="unverified"/> are the names of those still pending. No deadline lets HR move on without it:
    /// past the verification deadline HR extends it (docs/decisions/0019-evaluation-cycle.md).
    /// </summary>
    public static EvaluationError? VerificationsDone(PeriodFacts period, IReadOnlyList<string>? unverified)
    {
        ArgumentNullException.ThrowIfNull(period);
        return unverified is not { Count: > 0 } ? null
            : new EvaluationError(EvaluationErrorCode.VerificationPending, period.Period.ToString(), unverified.Count, unverified);
    }

    /// <summary>Nobody approves their own request.</summary>
    public static EvaluationError? SecondApprover(Actor approver, PublicationRequest request, string period)
    {
        ArgumentNullException.ThrowIfNull(approver);
        ArgumentNullException.ThrowIfNull(request);
        return approver.UserId is not null && !string.Equals(approver.UserId, request.RequestedBy, StringComparison.Ordinal) ? null
            : new EvaluationError(EvaluationErrorCode.SelfApproval, period);
    }

    /// <summary>The publication window is over (the end of its last working day, company time).</summary>
    public static EvaluationError? WindowEnded(PeriodFacts period, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        var end = Deadlines(period).PublicationWindowEnd;
        return end is { } last && EvaluationDeadlines.IsPast(last, now, zone) ? null
            : new EvaluationError(EvaluationErrorCode.WindowNotEnded, period.Period.ToString(), (object?)end ?? "—");
    }

    /// <summary>Every appeal of the period is answered.</summary>
    public static EvaluationError? AppealsAnswered(PeriodFacts period, int openAppeals)
    {
        ArgumentNullException.ThrowIfNull(period);
        return openAppeals == 0 ? null : new EvaluationError(EvaluationErrorCode.AppealsOpen, period.Period.ToString(), openAppeals);
    }

    /// <summary>The calendar knows the period, so its deadlines exist.</summary>
    public static EvaluationError? InCalendar(PeriodFacts period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Deadlines is null ? new EvaluationError(EvaluationErrorCode.PeriodOutOfCalendar, period.Period.ToString()) : null;
    }

    // ---- the moves ----

    /// <summary>The move asked for is the next state (one step at a time, never back).</summary>
    public static EvaluationError? NextState(PeriodFacts period, PeriodState to)
    {
        ArgumentNullException.ThrowIfNull(period);
        return PeriodStates.Next(period.State) == to ? null : new EvaluationError(EvaluationErrorCode.NotNextState, period.Period.ToString(), period.State, to);
    }

    /// <summary>open → evaluation: HR, an open period, in the calendar, its last day over.</summary>
    public static EvaluationError? StartEvaluation(PeriodFacts period, Actor actor, DateOnly today) =>
        HrOnly(actor) ?? InState(period, PeriodState.Open) ?? InCalendar(period) ?? PeriodHasEnded(period, today);

    /// <summary>
    /// evaluation → calibration: HR, in evaluation, evaluations done or their deadline passed, and (when the plan has the step)
    /// every person verified — <paramref name="unverified"/> names those pending (null or empty: none, or no verification).
    /// </summary>
    public static EvaluationError? StartCalibration(
        PeriodFacts period, Actor actor, int pendingEvaluations, DateTimeOffset now, TimeZoneInfo zone, IReadOnlyList<string>? unverified = null) =>
        HrOnly(actor) ?? InState(period, PeriodState.Evaluation) ?? InCalendar(period) ?? EvaluationsDoneOrOverdue(period, pendingEvaluations, now, zone)
            ?? VerificationsDone(period, unverified);

    /// <summary>
    /// A publication request: HR, in calibration, no request pending, a publishable run (<see cref="VisibleRuns.Unpublishable"/>
    /// against <paramref name="reference"/>, the provisional run of the period).
    /// </summary>
    public static EvaluationError? RequestPublication(PeriodFacts period, Actor actor, RunFacts run, RunFacts? reference, PublicationRequest? pending)
    {
        ArgumentNullException.ThrowIfNull(period);
        return HrOnly(actor) ?? InState(period, PeriodState.Calibration)
            ?? (pending is null ? null : new EvaluationError(EvaluationErrorCode.PublicationAlreadyRequested, period.Period.ToString(), pending.Run.Id, pending.RequestedBy ?? "?"))
            ?? VisibleRuns.Unpublishable(run, reference);
    }

    /// <summary>calibration → published: HR or an administrator other than the requester approves a pending request for a run still publishable.</summary>
    public static EvaluationError? ApprovePublication(PeriodFacts period, Actor actor, PublicationRequest? request, RunFacts? reference)
    {
        ArgumentNullException.ThrowIfNull(period);
        return HrOrAdmin(actor) ?? InState(period, PeriodState.Calibration) ?? InCalendar(period)
            ?? (request is null ? new EvaluationError(EvaluationErrorCode.PublicationNotRequested, period.Period.ToString()) : null)
            ?? SecondApprover(actor, request!, period.Period.ToString())
            ?? VisibleRuns.Unpublishable(request!.Run, reference);
    }

    /// <summary>Withdrawing (HR) or turning down (HR or an administrator) a pending request.</summary>
    public static EvaluationError? CancelPublication(PeriodFacts period, Actor actor, PublicationRequest? request)
    {
        ArgumentNullException.ThrowIfNull(period);
        return HrOrAdmin(actor) ?? InState(period, PeriodState.Calibration)
            ?? (request is null ? new EvaluationError(EvaluationErrorCode.PublicationNotRequested, period.Period.ToString()) : null);
    }

    /// <summary>published → closed: HR, published, the window over, every appeal answered.</summary>
    public static EvaluationError? Close(PeriodFacts period, Actor actor, int openAppeals, DateTimeOffset now, TimeZoneInfo zone) =>
        HrOnly(actor) ?? InState(period, PeriodState.Published) ?? InCalendar(period) ?? WindowEnded(period, now, zone) ?? AppealsAnswered(period, openAppeals);

    /// <summary>
    /// Extending the deadline of <paramref name="step"/> to <paramref name="due"/>: HR, a reason, the step not over (the
    /// evaluation steps while open or in evaluation, the publication window while published), the step in the plan, and
    /// a date later than the current deadline.
    /// </summary>
    public static EvaluationError? Extend(PeriodFacts period, Actor actor, EvaluationStep step, DateOnly due, string? reason)
    {
        ArgumentNullException.ThrowIfNull(period);
        if ((HrOnly(actor) ?? InCalendar(period)) is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason)
        {
            return new EvaluationError(EvaluationErrorCode.ExtensionReasonRequired);
        }

        var open = step == EvaluationStep.Publication ? period.State == PeriodState.Published : period.State <= PeriodState.Evaluation;
        if (!open)
        {
            return new EvaluationError(EvaluationErrorCode.ExtensionWrongState, step, period.Period.ToString(), period.State);
        }

        var current = period.Deadlines!.Of(step);
        if (current is null)
        {
            return new EvaluationError(EvaluationErrorCode.StepNotInPlan, period.Period.ToString());
        }

        return due > current ? null : new EvaluationError(EvaluationErrorCode.ExtensionNotLater, step, current.Value);
    }

    /// <summary>Discarding a run: HR; never the published run, nor one requested for publication.</summary>
    public static EvaluationError? Discard(Actor actor, RunFacts run, long? requestedRunId)
    {
        ArgumentNullException.ThrowIfNull(run);
        return HrOnly(actor)
            ?? (run.Visibility == RunVisibility.Published ? new EvaluationError(EvaluationErrorCode.RunPublished, run.Id) : null)
            ?? (run.Visibility == RunVisibility.Discarded ? new EvaluationError(EvaluationErrorCode.RunDiscarded, run.Id) : null)
            ?? (run.Id == requestedRunId ? new EvaluationError(EvaluationErrorCode.RunRequested, run.Id) : null);
    }

    /// <summary>A change to the data or results of a period in <paramref name="state"/> (closed is closed).</summary>
    public static EvaluationError? Changeable(string period, PeriodState state) =>
        state == PeriodState.Closed ? new EvaluationError(EvaluationErrorCode.PeriodClosed, period) : null;

    private static EvaluationDeadlines Deadlines(PeriodFacts period) =>
        period.Deadlines ?? throw new InvalidOperationException("The period has no deadlines (check InCalendar first).");
}
