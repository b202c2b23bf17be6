namespace Jixiao.Domain.Data;

/// <summary>
/// A grade recorded for one person and period by calibration (汇总与校准) or an upheld appeal (docs/decisions/0019): the
/// engine gives the person this grade, and the coefficient of that grade at their total (clamped to the grade's range),
/// instead of the grade their total falls in.
/// </summary>
public sealed record GradeOverride(string Employee, string Period, string Grade);

/// <summary>
/// The points of one indicator recorded for one person and period by an upheld appeal (申诉): the engine uses them instead of
/// the points it computes; the total, grade, coefficient and pay follow.
/// </summary>
public sealed record PointsCorrection(string Employee, string Period, string Indicator, decimal Points);

public sealed partial class Dataset
{
    /// <summary>Grades recorded by calibration or an appeal (any order; at most one per person and period).</summary>
    public IReadOnlyList<GradeOverride> GradeOverrides { get; init; } = [];

    /// <summary>Indicator points recorded by an upheld appeal (any order; at most one per person, period and indicator).</summary>
    public IReadOnlyList<PointsCorrection> PointsCorrections { get; init; } = [];
}
