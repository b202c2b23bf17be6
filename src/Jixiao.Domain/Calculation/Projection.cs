using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// One person's projected outcome for an open period: the same rules applied to metric values extrapolated to
/// the period's end, and the rating indicators scored 0 because they are not rated yet (待评分).
/// </summary>
public sealed record ProjectedResult(string Employee, EmployeeResult Projected, IReadOnlyList<string> Pending);

/// <summary>
/// A calculation "as of" a day inside its period (docs/decisions/0018-projection.md): the run's results are the
/// points so far; <see cref="Results"/> holds the projected totals, grades and pay.
/// </summary>
public sealed record ProjectionSummary(DateOnly AsOf, int DaysElapsed, int DaysInPeriod, IReadOnlyList<ProjectedResult> Results)
{
    private Dictionary<string, ProjectedResult>? _byEmployee;

    /// <summary>The projected result of one employee, or null.</summary>
    public ProjectedResult? Of(string employee)
    {
        _byEmployee ??= Results.ToDictionary(r => r.Employee, StringComparer.Ordinal);
        return _byEmployee.GetValueOrDefault(employee);
    }
}

/// <summary>
/// Linear projection of a period that is still open. Additive transaction metrics (sum and count over sales,
/// collections, expenses and activities, per person or team) are scaled by days in period ÷ days elapsed
/// (calendar days, the as-of day included); averages, minimum/maximum, input values (metrics.csv) and ratings are
/// not. Formula metrics are evaluated again from the scaled values, so a ratio of two projected sums is unchanged.
/// </summary>
public static class Projection
{
    /// <summary>Whether a metric is scaled: a sum or count over transaction rows.</summary>
    public static bool IsAdditive(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Source is MetricSource.Sales or MetricSource.Collections or MetricSource.Expenses or MetricSource.Activities
            && metric.Aggregate is Aggregate.Sum or Aggregate.Count;
    }

    /// <summary>Scales the additive metrics in place and evaluates the formula metrics again from the scaled values.</summary>
    internal static void Scale(Plan plan, MetricValues values, MetricEngine engine, (int Elapsed, int Days) days)
    {
        foreach (var m in plan.Metrics)
        {
            if (!IsAdditive(m))
            {
                continue;
            }

            var value = values.Value[m.Index];
            var has = values.Has[m.Index];
            for (var e = 0; e < value.Length; e++)
            {
                if (has[e])
                {
                    value[e] = OpenPeriod.Project(value[e], days.Elapsed, days.Days);
                }
            }
        }

        engine.Formulas(values);
    }

    /// <summary>
    /// For a run as of a day inside the period: runs the period again on projected metric values and attaches the
    /// projected results (explanations are of the points so far only).
    /// </summary>
    internal static CalculationResult Attach(CalculationResult result, Plan plan, Dataset data, Period period, CalculationOptions options)
    {
        if (options.Projecting is not null || !OpenPeriod.IsOpen(period, options.AsOf))
        {
            return result;
        }

        var asOf = options.AsOf!.Value;
        var days = OpenPeriod.DaysOf(period, asOf);
        var projected = Calculator.Run(plan, data, period, options with { Projecting = days, Explain = [], Progress = null });
        var byId = projected.Results.ToDictionary(r => r.Employee, StringComparer.Ordinal);
        var rated = new HashSet<(string Employee, string Indicator)>();
        foreach (var row in data.RatingRowsOf(period.ToString()))
        {
            rated.Add((data.Ratings[row].Employee, data.Ratings[row].Indicator));
        }

        var cards = plan.Scorecards.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var partCodes = new PartCodes(plan);
        var list = new List<ProjectedResult>(result.Results.Count);
        foreach (var r in result.Results)
        {
            if (!byId.TryGetValue(r.Employee, out var p))
            {
                continue;
            }

            var pending = new List<string>();
            if (cards.TryGetValue(r.Scorecard, out var card))
            {
                foreach (var ind in card.Indicators)
                {
                    Pending(ind.Code, ind.Rule);
                }
            }

            list.Add(new ProjectedResult(r.Employee, p, pending));

            void Pending(string code, ScoringRule rule)
            {
                if (rule is RatingRule && !rated.Contains((r.Employee, code)))
                {
                    pending.Add(code);
                }
                else if (rule is SumOfPartsRule sum)
                {
                    foreach (var part in sum.Parts)
                    {
                        Pending(partCodes.Of(code, part), part.Rule);
                    }
                }
            }
        }

        return result with { Projection = new ProjectionSummary(asOf, days.Elapsed, days.Days, list) };
    }
}
