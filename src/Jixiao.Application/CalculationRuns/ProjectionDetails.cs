using Jixiao.Domain.Calculation;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// A person's projected outcome for an open period as stored in <c>PersonResult.DetailsJson</c>
/// (docs/decisions/0018-projection.md): the day it was made on, days elapsed and in the period, and the
/// projected total, grade, coefficient, pay, indicators (projected actuals) and pending ratings.
/// </summary>
public sealed record ProjectionDetails(
    DateOnly AsOf,
    int DaysElapsed,
    int DaysInPeriod,
    decimal Total,
    string? Grade,
    decimal? Coefficient,
    decimal PayTotal,
    IReadOnlyList<IndicatorResult> Indicators,
    IReadOnlyList<PayLine> Pay,
    IReadOnlyList<string> Pending)
{
    /// <summary>The stored form of one person's projection, or null when the run has none for them.</summary>
    public static ProjectionDetails? Of(ProjectionSummary? summary, string employee)
    {
        if (summary?.Of(employee) is not { } p)
        {
            return null;
        }

        var r = p.Projected;
        return new ProjectionDetails(summary.AsOf, summary.DaysElapsed, summary.DaysInPeriod, r.Total, r.Grade, r.Coefficient, r.PayTotal, r.Indicators, r.Pay, p.Pending);
    }
}
