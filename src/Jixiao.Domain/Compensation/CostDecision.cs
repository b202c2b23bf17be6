namespace Jixiao.Domain.Compensation;

/// <summary>HR's choice for a period whose variable pay exceeds the plan's pool (seed 002 "成本控制").</summary>
public enum CostDecisionKind
{
    /// <summary>Every capped line × pool ÷ total, split from the pool by the largest-remainder method.</summary>
    Scale,

    /// <summary>The computed amounts are paid as they are; the excess is approved with a reason.</summary>
    ApproveExcess,
}

/// <summary>Why a cost decision is refused (messages: the web app's CompensationText <c>Cost_Problem_{code}</c>).</summary>
public enum CostDecisionProblem
{
    /// <summary>The period's plan has no cost control.</summary>
    NoCap,

    /// <summary>The period has no payable result to decide on.</summary>
    NoResult,

    /// <summary>{0}: the total {1} is within the pool {2}; there is nothing to decide.</summary>
    NotExceeded,

    /// <summary>Approving the excess needs a reason.</summary>
    ReasonRequired,

    /// <summary>{0}: this result of the period is decided already.</summary>
    AlreadyDecided,
}

/// <summary>One capped pay line of a decided period: the amount computed and the amount decided (equal when the excess was approved).</summary>
public sealed record ScaledPay(string Employee, string Component, decimal Original, decimal Scaled);

/// <summary>
/// The cost decision rule (docs/plan-format.md §10c): a decision is taken only for a period whose capped total exceeds
/// the pool; approving the excess needs a reason; scaling pays <see cref="BonusPoolCapRule.Scale"/>'s amounts, which
/// sum to the pool to the cent. Nothing is scaled without the decision.
/// </summary>
public static class CostDecisionRule
{
    /// <summary>Why <paramref name="kind"/> cannot be decided for <paramref name="review"/> (null: it can).</summary>
    public static CostDecisionProblem? Check(CostReview review, CostDecisionKind kind, string? reason)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (!review.Check.Exceeded)
        {
            return CostDecisionProblem.NotExceeded;
        }

        return kind == CostDecisionKind.ApproveExcess && string.IsNullOrWhiteSpace(reason) ? CostDecisionProblem.ReasonRequired : null;
    }

    /// <summary>The capped lines with the amounts the decision pays, in the review's order.</summary>
    public static IReadOnlyList<ScaledPay> Lines(CostReview review, CostDecisionKind kind)
    {
        ArgumentNullException.ThrowIfNull(review);
        return [.. review.Lines.Select((l, i) => new ScaledPay(l.Employee, l.Component, l.Amount, kind == CostDecisionKind.Scale ? review.Scaled[i] : l.Amount))];
    }
}
