namespace Jixiao.Domain.Grades;

/// <summary>
/// The plan's <c>grades:</c> section (docs/plan-format.md §18): calibration's forced distribution (null: none) and the
/// grade below which a person gets an improvement plan (改进计划), e.g. <c>B</c> for "C and below" (null: none).
/// </summary>
public sealed record GradePolicy(ForcedDistributionRule? ForcedDistribution, string? ImprovementBelow)
{
    public static GradePolicy None { get; } = new(null, null);

    /// <summary>Whether <paramref name="grade"/> of <paramref name="scale"/> is below the standard (a band lower than <see cref="ImprovementBelow"/>'s).</summary>
    public bool BelowStandard(GradeScale scale, string? grade)
    {
        ArgumentNullException.ThrowIfNull(scale);
        if (ImprovementBelow is null || grade is null)
        {
            return false;
        }

        var standard = scale.Bands.ToList().FindIndex(b => b.Grade == ImprovementBelow);
        var at = scale.Bands.ToList().FindIndex(b => b.Grade == grade);
        return standard >= 0 && at >= 0 && at < standard;
    }
}
