using Jixiao.Formulas;

namespace Jixiao.Domain.Scoring;

/// <summary><c>formula</c>: an expression over metrics and targets, kept within [0, weight × cap].</summary>
public sealed record FormulaRule(decimal Points, CompiledFormula Formula, decimal Cap) : ScoringRule(Points)
{
    public override decimal MaxPoints => Points * Cap;

    /// <summary>The points for the formula's <paramref name="result"/>.</summary>
    public decimal Score(decimal result) => Math.Clamp(result, 0m, Points * Cap);
}
