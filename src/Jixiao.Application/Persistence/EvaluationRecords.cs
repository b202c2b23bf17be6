namespace Jixiao.Application.Persistence;

/// <summary>
/// One person's self-assessment (自评) of one period (table <c>self_assessments</c>, docs/decisions/0019): a draft until
/// submitted, its lines (<see cref="SelfAssessmentLineRecord"/>) about the indicators of the evaluation-basis result, its
/// evidence (<see cref="EvidenceFileRecord"/>). Saved with an optimistic-concurrency check on <see cref="Version"/>.
/// </summary>
public sealed class SelfAssessmentRecord : IVersioned
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The run whose result the lines are about (the period's evaluation basis when first saved).</summary>
    public long? BasisRunId { get; set; }

    /// <summary>When it was submitted (UTC), or null while a draft.</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>The last save (UTC) and who saved it (user id).</summary>
    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public List<SelfAssessmentLineRecord> Lines { get; } = [];

    public long Version { get; set; }
}

/// <summary>One line of a self-assessment: an indicator confirmed, or commented on (table <c>self_assessment_lines</c>).</summary>
public sealed class SelfAssessmentLineRecord
{
    public long Id { get; set; }

    public long SelfAssessmentId { get; set; }

    /// <summary>The indicator's code in the result.</summary>
    public required string Indicator { get; set; }

    public bool Confirmed { get; set; }

    public string? Comment { get; set; }
}

/// <summary>
/// A file attached as evidence to a self-assessment or an appeal (table <c>evidence_files</c>): checked by
/// <c>EvidenceRules</c> (size, type by extension and content), its bytes in <see cref="Content"/> or, when a folder is
/// configured, in the file <see cref="StoredName"/> there. The content type is the checked type's, never the browser's.
/// </summary>
public sealed class EvidenceFileRecord
{
    public long Id { get; set; }

    public required string Period { get; set; }

    /// <summary>Whose evaluation it belongs to.</summary>
    public required string EmployeeId { get; set; }

    /// <summary>The self-assessment it is attached to, or null.</summary>
    public long? SelfAssessmentId { get; set; }

    /// <summary>The appeal it is attached to, or null.</summary>
    public long? AppealId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, hex (checked when a file stored in a folder is read back).</summary>
    public required string Sha256 { get; set; }

    /// <summary>The bytes, when stored in the database.</summary>
    public byte[]? Content { get; set; }

    /// <summary>The file's name in the configured evidence folder, when stored there.</summary>
    public string? StoredName { get; set; }

    public DateTime UploadedAt { get; set; }

    public string? UploadedBy { get; set; }
}

/// <summary>
/// The direct manager's scoring of one person for one period (上级评分, table <c>manager_reviews</c>): the comment, the
/// day the result was discussed with the person (沟通确认) and a note of it, submitted or a draft. The points of the
/// rating indicators are ratings (table <c>ratings</c>), entered on the same page.
/// </summary>
public sealed class ManagerReviewRecord : IVersioned
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The reviewer's employee id (the direct manager on the period's last day).</summary>
    public required string ManagerId { get; set; }

    public string? Comment { get; set; }

    /// <summary>The company date of the talk with the person, or null while not recorded.</summary>
    public DateOnly? TalkOn { get; set; }

    public string? TalkNote { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>The company date of the feedback talk after publication (seeds 000, 004), or null while not held.</summary>
    public DateOnly? FeedbackOn { get; set; }

    public string? FeedbackNote { get; set; }

    public long Version { get; set; }
}
