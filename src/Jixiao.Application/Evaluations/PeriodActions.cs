using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// A step of the cycle a person could take now on a period: <c>advance</c> (to <see cref="To"/>), <c>extend</c> (the
/// deadline of <see cref="Step"/>), <c>request</c>, <c>approve</c> or <c>cancel</c> (publication); allowed when
/// <see cref="Refusal"/> is null, otherwise the reason it would be refused.
/// </summary>
public sealed record PeriodAction(string Action, EvaluationError? Refusal, PeriodState? To = null, EvaluationStep? Step = null)
{
    public bool Allowed => Refusal is null;
}

/// <summary>The steps of the cycle that apply to a period in its state, each checked by <see cref="PeriodRules"/> for one person now.</summary>
public static class PeriodActions
{
    /// <summary>The steps for <paramref name="view"/>: empty for a closed period; each with its refusal when <paramref name="actor"/> cannot take it now.</summary>
    public static async Task<IReadOnlyList<PeriodAction>> ForAsync(
        JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, PeriodView view, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(view);
        var facts = view.Facts;
        var now = time.GetUtcNow();
        var actions = new List<PeriodAction>();
        switch (view.State)
        {
            case PeriodState.Open:
                actions.Add(new("advance", PeriodRules.StartEvaluation(facts, actor, zone.Today(time)), PeriodState.Evaluation));
                break;
            case PeriodState.Evaluation:
                actions.Add(new("advance", await PendingEvaluations.StartCalibrationAsync(db, time, zone, view, actor, ct).ConfigureAwait(false), PeriodState.Calibration));
                break;
            case PeriodState.Calibration:
                if (view.Request is null)
                {
                    var publishable = view.Runs.LastOrDefault(r => VisibleRuns.Unpublishable(r, view.Provisional) is null);
                    var candidate = publishable ?? (view.Runs.Count > 0 ? view.Runs[^1] : null);
                    actions.Add(new("request", candidate is null
                        ? PeriodRules.HrOnly(actor) ?? new EvaluationError(EvaluationErrorCode.RunNotFound, "—", view.Key)
                        : PeriodRules.RequestPublication(facts, actor, candidate, view.Provisional, null)));
                }
                else
                {
                    actions.Add(new("approve", PeriodRules.ApprovePublication(facts, actor, view.Request, view.Provisional), PeriodState.Published));
                    actions.Add(new("cancel", PeriodRules.CancelPublication(facts, actor, view.Request)));
                }

                break;
            case PeriodState.Published:
                actions.Add(new("advance", PeriodRules.Close(facts, actor, view.OpenAppeals, now, zone.Zone), PeriodState.Closed));
                break;
        }

        if (view.State != PeriodState.Closed && view.Deadlines is { } deadlines)
        {
            foreach (var step in Enum.GetValues<EvaluationStep>())
            {
                // The rule without the new date and reason: whether this step's deadline can be extended now at all.
                var current = deadlines.Of(step);
                if (current is null)
                {
                    continue;
                }

                var refusal = PeriodRules.Extend(facts, actor, step, current.Value.AddDays(1), "-");
                if (refusal?.Code != EvaluationErrorCode.ExtensionWrongState)
                {
                    actions.Add(new("extend", refusal, Step: step));
                }
            }
        }

        return actions;
    }
}
