using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Targets;

/// <summary>
/// Closed is closed for a decomposition (docs/decisions/0019, docs/targets.md "Closed months"): in a column of the year
/// whose targets a closed period read (the annual column or a month), a plan may only show what is stored. A value equal
/// to the stored row, or, where no row is stored, to what the grid shows (the sum of stored parts, or nothing = 0), is
/// kept: it is not written at all. Any other value is a <see cref="ClosedChange"/>, and the plan cannot be applied.
/// </summary>
public static class ClosedTargets
{
    /// <summary>
    /// <paramref name="plan"/> with its kept rows and closed changes. <paramref name="closed"/>: the closed columns
    /// (0 annual, 1–12 months) with the closed period that read them; <paramref name="stored"/>: the grid of stored
    /// targets (<see cref="StoredTargetGrid"/>).
    /// </summary>
    public static TargetPlan Apply(TargetPlan plan, IReadOnlyDictionary<int, string> closed, IReadOnlyDictionary<string, GridValue?[]> stored)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(stored);
        if (closed.Count == 0 || plan.Rows.Count == 0)
        {
            return plan;
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<ClosedChange>();
        foreach (var row in plan.Rows)
        {
            var cells = stored.GetValueOrDefault(row.Subject);
            foreach (var (column, by) in closed.OrderBy(c => c.Key))
            {
                var value = column == 0 ? row.Annual : row.Months[column - 1];
                var challenge = column == 0 ? row.Challenge : row.MonthChallenges[column - 1];
                if (value is not { } v)
                {
                    continue;
                }

                var period = column == 0
                    ? plan.Year.ToString(CultureInfo.InvariantCulture)
                    : new Period(PeriodKind.Month, plan.Year, column).ToString();
                var was = cells?[column];
                var same = was is { Derived: false } s
                    ? s.Value == v && s.Challenge == challenge
                    : v == (was?.Value ?? 0m);
                if (same)
                {
                    kept.Add(row.Subject + "|" + period);
                }
                else
                {
                    changes.Add(new ClosedChange(row.Subject, period, was is { Derived: false } w ? w.Value : null, v, by));
                }
            }
        }

        return plan with { Kept = kept, ClosedChanges = changes };
    }
}
