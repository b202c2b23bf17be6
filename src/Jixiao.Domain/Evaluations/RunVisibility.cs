namespace Jixiao.Domain.Evaluations;

/// <summary>Whether a calculation run can be seen by employees and managers: a draft until published (docs/decisions/0019).</summary>
public enum RunVisibility
{
    /// <summary>Seen by HR only; in an open period it may be shown as provisional figures (<see cref="VisibleRuns.Provisional"/>).</summary>
    Draft,

    /// <summary>The period's results, approved by a second person.</summary>
    Published,

    /// <summary>Put aside by HR: never shown, never published, never a reference.</summary>
    Discarded,
}

/// <summary>What the visibility rules need to know of a run.</summary>
/// <param name="Id">Runs of a period in increasing id are in the order they were stored.</param>
/// <param name="Succeeded">The run finished and stored its results (a failed run did not compute anyone).</param>
/// <param name="Computed">How many people it computed.</param>
/// <param name="Failed">How many people it could not compute.</param>
/// <param name="Visibility">Draft, published or discarded.</param>
public sealed record RunFacts(long Id, bool Succeeded, int Computed, int Failed, RunVisibility Visibility);

/// <summary>
/// Which run of a period employees and managers see (docs/decisions/0019-evaluation-cycle.md): in an open period the
/// provisional run; in evaluation and calibration none (no final figures); once published the published run; never a draft
/// otherwise, never a failed or discarded one.
/// </summary>
public static class VisibleRuns
{
    /// <summary>The run employees and managers see in a period in <paramref name="state"/>, or null.</summary>
    public static RunFacts? Visible(PeriodState state, IEnumerable<RunFacts> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return state switch
        {
            PeriodState.Open => Provisional(runs),
            PeriodState.Published or PeriodState.Closed => runs.Where(r => r.Visibility == RunVisibility.Published).MaxBy(r => r.Id),
            _ => null,
        };
    }

    /// <summary>
    /// The provisional run: going through the runs in the order they were stored, a run that succeeded, computed someone
    /// and was not discarded replaces the one before it unless it computed fewer people. So a failed run, an empty one or
    /// one that lost people never replaces what people see; HR discards a run to step back to the one before it.
    /// </summary>
    public static RunFacts? Provisional(IEnumerable<RunFacts> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        RunFacts? shown = null;
        foreach (var run in runs.OrderBy(r => r.Id))
        {
            if (Shows(run) && (shown is null || run.Computed >= shown.Computed))
            {
                shown = run;
            }
        }

        return shown;
    }

    /// <summary>Whether a run can be shown at all: succeeded, computed someone, not discarded.</summary>
    public static bool Shows(RunFacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Succeeded && run.Computed > 0 && run.Visibility != RunVisibility.Discarded;
    }

    /// <summary>
    /// Why <paramref name="run"/> cannot be published against <paramref name="reference"/> (the provisional run of the
    /// period), or null when it can: it must have succeeded, computed someone, not be discarded, and compute at least
    /// as many people as the reference.
    /// </summary>
    public static EvaluationError? Unpublishable(RunFacts run, RunFacts? reference)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Visibility == RunVisibility.Discarded)
        {
            return new EvaluationError(EvaluationErrorCode.RunDiscarded, run.Id);
        }

        if (!run.Succeeded)
        {
            return new EvaluationError(EvaluationErrorCode.RunFailed, run.Id, run.Failed);
        }

        if (run.Computed == 0)
        {
            return new EvaluationError(EvaluationErrorCode.RunEmpty, run.Id);
        }

        return reference is not null && reference.Id != run.Id && run.Computed < reference.Computed
            ? new EvaluationError(EvaluationErrorCode.RunSmaller, run.Id, run.Computed, reference.Id, reference.Computed)
            : null;
    }
}
