namespace Jixiao.Formulas;

/// <summary>Bounds on what a formula may cost to parse and evaluate.</summary>
public sealed record FormulaLimits(int MaxLength = 4000, int MaxDepth = 64, int MaxSteps = 10_000)
{
    /// <summary>The limits used when a caller gives none.</summary>
    public static FormulaLimits Default { get; } = new();
}
