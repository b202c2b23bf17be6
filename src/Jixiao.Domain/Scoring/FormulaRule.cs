using Jixiao.Formulas;

namespace Jixiao.Domain.Scoring;

/// <summary>An expression over metrics, clamped to [0, weight × cap].</summary>
public sealed record FormulaRule(decimal Points, CompiledFormula Formula, decimal Cap) : ScoringRule(Points)
{
    public override decimal MaxPoints => Points * Cap;
}
