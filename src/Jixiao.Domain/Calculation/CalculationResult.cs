using System.Text.Json.Serialization;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// A computed part of a sum_of_parts indicator (unrounded points). <paramref name="Unit"/>: the unit of the actual and
/// target (the plan's unit of the metric scored, e.g. 元, 台; 元 for money fields without one), null when there is none.
/// </summary>
public sealed record PartResult(
    string Name,
    decimal Points,
    decimal? Actual,
    decimal? Target,
    decimal? Achievement,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit = null);

/// <summary>
/// One indicator's outcome for one person. <paramref name="Unit"/>: the unit of the actual and target (see
/// <see cref="PartResult"/>); null for ratings, formulas and sums of parts (their parts carry their own).
/// </summary>
public sealed record IndicatorResult(
    string Code,
    string Name,
    string Rule,
    decimal Weight,
    decimal Points,
    decimal? Actual,
    decimal? Target,
    decimal? Achievement,
    IReadOnlyList<PartResult>? Parts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit = null);

/// <summary>A pay line (发放明细) of one component for one person and period, rounded to the cent.</summary>
public sealed record PayLine(string Component, string Name, decimal Amount, bool Forfeited = false);

/// <summary>Everything computed for one person in one period.</summary>
public sealed record EmployeeResult(
    int EmployeeIndex,
    string Employee,
    string Name,
    string OrgUnit,
    string Scorecard,
    IReadOnlyList<IndicatorResult> Indicators,
    decimal Total,
    string? Grade,
    decimal? Coefficient,
    IReadOnlyList<PayLine> Pay)
{
    /// <summary>Sum of pay lines.</summary>
    public decimal PayTotal => Pay.Sum(p => p.Amount);
}

/// <summary>The outcome of computing one period with one plan version.</summary>
public sealed record CalculationResult(
    Period Period,
    string Plan,
    int PlanVersion,
    IReadOnlyList<EmployeeResult> Results,
    IReadOnlyList<CalculationError> Errors,
    int Skipped,
    IReadOnlyDictionary<string, Explanation> Explanations)
{
    /// <summary>
    /// The ids of people employed in the period whose position the plan marks not assessed (<c>assessed: false</c>,
    /// docs/plan-format.md §4a): no result, no error, not counted in <see cref="Skipped"/>.
    /// </summary>
    public IReadOnlyList<string> NotAssessed { get; init; } = [];

    /// <summary>For a run as of a day inside an open period: the projected results (docs/decisions/0018); else null.</summary>
    public ProjectionSummary? Projection { get; init; }
}
