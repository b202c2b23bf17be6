namespace Jixiao.Application.Persistence;

/// <summary>
/// A recorded correction of one person's result in one period (table <c>result_corrections</c>, docs/decisions/0019): a grade
/// set by calibration (HR's adjustment or the forced distribution), or an indicator's points set by an upheld appeal. The
/// calculation reads them (<c>PeriodReader</c>): the latest row per person, period, kind and indicator applies; a grade row
/// without a grade lifts an earlier one (the grade follows the total again). Append-only: rows are never changed or removed.
/// </summary>
public sealed class ResultCorrectionRecord
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary><c>grade</c> or <c>points</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The indicator whose points are corrected (kind points).</summary>
    public string? Indicator { get; set; }

    /// <summary>The grade given (kind grade); null lifts an earlier grade.</summary>
    public string? Grade { get; set; }

    /// <summary>The points given (kind points).</summary>
    public decimal? Points { get; set; }

    /// <summary><c>calibration</c> (HR's adjustment), <c>forced_distribution</c> or <c>appeal</c>.</summary>
    public required string Source { get; set; }

    /// <summary>The upheld appeal it comes from (source appeal).</summary>
    public long? AppealId { get; set; }

    public required string Reason { get; set; }

    /// <summary>The grade (or points) before, as the run it was recorded against had it.</summary>
    public string? Before { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Finance's cross-department verification (跨部门复核) of one person's result in one period (table <c>verifications</c>): the
/// sales and collections behind the result confirmed, or a line sent back with a reason. One per person and period.
/// </summary>
public sealed class VerificationRecord : IVersioned
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary><c>confirmed</c> or <c>returned</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The indicator sent back (outcome returned).</summary>
    public string? Indicator { get; set; }

    public string? Reason { get; set; }

    public string? VerifiedBy { get; set; }

    public DateTime VerifiedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// An improvement plan (改进计划, table <c>improvement_plans</c>) for someone whose published grade is below the plan's standard:
/// goals, actions, the owner (their manager), the due date, and follow-up notes (<see cref="ImprovementNoteRecord"/>).
/// </summary>
public sealed class ImprovementPlanRecord : IVersioned
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The grade that called for it.</summary>
    public string? Grade { get; set; }

    /// <summary>Who follows it up: an employee id (the manager).</summary>
    public string? OwnerId { get; set; }

    public string Goals { get; set; } = "";

    public string Actions { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public List<ImprovementNoteRecord> Notes { get; } = [];

    public long Version { get; set; }
}

/// <summary>A follow-up note of an improvement plan (table <c>improvement_notes</c>): append-only.</summary>
public sealed class ImprovementNoteRecord
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public required string Note { get; set; }

    public DateTime At { get; set; }

    public string? By { get; set; }
}

/// <summary>The kinds and sources of <see cref="ResultCorrectionRecord"/>.</summary>
public static class CorrectionKinds
{
    public const string Grade = "grade";

    public const string Points = "points";

    public const string Calibration = "calibration";

    public const string ForcedDistribution = "forced_distribution";

    public const string Appeal = "appeal";
}
