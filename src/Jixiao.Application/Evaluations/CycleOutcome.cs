using Jixiao.Domain.Evaluations;

namespace Jixiao.Application.Evaluations;

/// <summary>How a step of the cycle ended: the period as it is now, or the refusal (nothing changed).</summary>
public sealed record CycleOutcome(PeriodView? Period, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static CycleOutcome Refused(EvaluationError error) => new(null, error);
}

/// <summary>A step refused by a rule of the cycle, thrown where a method cannot return the refusal (e.g. a calculation of a closed period).</summary>
public sealed class EvaluationException : Exception
{
    public EvaluationException(EvaluationError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public EvaluationError Error { get; }
}
