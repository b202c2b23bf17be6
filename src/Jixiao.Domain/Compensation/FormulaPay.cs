using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// <c>formula</c> pay (docs/plan-format.md §10): an expression over metrics, targets, total and coefficient. A pay line is
/// an amount due: a negative result pays 0 (deductions are not expressed as negative pay).
/// </summary>
public static class FormulaPay
{
    /// <summary>The amount due, unrounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Amount(decimal result) => Math.Max(0m, result);
}
