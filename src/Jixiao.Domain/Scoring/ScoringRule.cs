using Jixiao.Domain.Compensation;

namespace Jixiao.Domain.Scoring;

/// <summary>
/// A scoring rule (评分规则, docs/plan-format.md §8): how an indicator's points are earned. The six rules are
/// <see cref="RatioRule"/>, <see cref="BandsRule"/>, <see cref="DeductionRule"/>, <see cref="SumOfPartsRule"/>,
/// <see cref="RatingRule"/> and <see cref="FormulaRule"/>, one file each with its arithmetic.
/// </summary>
public abstract record ScoringRule(decimal Points)
{
    /// <summary>The points of the best possible result.</summary>
    public virtual decimal MaxPoints => Points;

    /// <summary>
    /// An indicator's points as they count: rounded half away from zero to 0.01 once, after the rule (parts of a
    /// sum_of_parts are not rounded on their own). The scorecard's total is the sum of these rounded points.
    /// </summary>
    public static decimal Rounded(decimal points) => Money.Round(points);
}
