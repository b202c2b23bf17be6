namespace Jixiao.Application.Persistence;

/// <summary>
/// One plan period's place in the evaluation cycle (table <c>evaluation_periods</c>, docs/decisions/0019): created on its
/// first move; a period without a row is open. Saved with an optimistic-concurrency check on <see cref="Version"/>.
/// Instants are UTC; dates are company dates.
/// </summary>
public sealed class EvaluationPeriod : IVersioned
{
    /// <summary>The period key: 2026-10, 2026-Q3, 2026-H2 or 2026.</summary>
    public required string Key { get; set; }

    /// <summary>open, evaluation, calibration, published or closed (<see cref="Domain.Evaluations.PeriodStates"/>).</summary>
    public required string State { get; set; }

    /// <summary>The run whose figures are the evaluation's basis: the provisional run when evaluation started.</summary>
    public long? BasisRunId { get; set; }

    /// <summary>The published run (set when the publication is approved).</summary>
    public long? PublishedRunId { get; set; }

    /// <summary>A pending publication request: the run, who asked and when (cleared on approval or cancellation).</summary>
    public long? RequestedRunId { get; set; }

    public string? RequestedBy { get; set; }

    public DateTime? RequestedAt { get; set; }

    public DateTime? EvaluationStartedAt { get; set; }

    public DateTime? CalibrationStartedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Who approved the publication.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>The company date of publication: the window's working days count from it.</summary>
    public DateOnly? PublishedOn { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The company date the results were confirmed: the later of the window's end and the last appeal's answer.</summary>
    public DateOnly? ConfirmedOn { get; set; }

    public long Version { get; set; }
}

/// <summary>HR's extension of one step's deadline (table <c>deadline_extensions</c>); the latest per step applies.</summary>
public sealed class DeadlineExtension
{
    public long Id { get; set; }

    public required string Period { get; set; }

    /// <summary>self_assessment, manager_scoring, verification or publication.</summary>
    public required string Step { get; set; }

    /// <summary>The deadline before the extension.</summary>
    public DateOnly PreviousDue { get; set; }

    /// <summary>The new deadline (the end of this working day, company time).</summary>
    public DateOnly Due { get; set; }

    public required string Reason { get; set; }

    public string? ExtendedBy { get; set; }

    public DateTime ExtendedAt { get; set; }
}

/// <summary>
/// An employee's appeal (申诉) against a published result (table <c>appeals</c>): the minimal record the cycle needs
/// (a period closes only when every appeal is answered); the appeal workflow builds on it.
/// </summary>
public sealed class Appeal : IVersioned
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The lines appealed: indicator codes of the published result, comma-separated.</summary>
    public string Indicators { get; set; } = "";

    /// <summary>The published run the appeal is about.</summary>
    public long? RunId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime FiledAt { get; set; }

    /// <summary>The company date it was filed: the answer is due 5 working days after it (plan data).</summary>
    public DateOnly? FiledOn { get; set; }

    public string? FiledBy { get; set; }

    /// <summary>When HR answered (UTC), or null while open.</summary>
    public DateTime? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>upheld or rejected once answered.</summary>
    public string? Outcome { get; set; }

    public string? Answer { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// A late correction (table <c>adjustments</c>): an amount recorded in an open period, linked to the result of a closed
/// period it corrects (the person, the run, optionally the indicator or pay line), shown in both. Never edited.
/// </summary>
public sealed class Adjustment
{
    public long Id { get; set; }

    /// <summary>The open period it is recorded (and paid) in.</summary>
    public required string Period { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The closed period it corrects.</summary>
    public required string CorrectsPeriod { get; set; }

    /// <summary>The published run of <see cref="CorrectsPeriod"/> whose result is corrected.</summary>
    public long CorrectsRunId { get; set; }

    /// <summary>The indicator or pay component code corrected, or null for the result as a whole.</summary>
    public string? Item { get; set; }

    /// <summary>CNY, to the cent; positive pays more, negative claws back.</summary>
    public decimal Amount { get; set; }

    public required string Reason { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}
