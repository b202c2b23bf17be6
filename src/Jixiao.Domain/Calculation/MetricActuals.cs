using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// "What was the actual of this metric for this subject over this period" — through the same
/// <see cref="MetricEngine"/> a calculation uses, so the plan's aggregation rules (products, kinds, split
/// credits, contract age, team roll-ups) apply unchanged. Used e.g. to split next year's target by last
/// year's shares.
/// </summary>
public static class MetricActuals
{
    /// <summary>
    /// Whether values of <paramref name="metric"/> add up over people and over months (a sum or count of
    /// transaction rows): only such metrics have a unit actual and can be split.
    /// </summary>
    public static bool IsAdditive(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Source is MetricSource.Sales or MetricSource.Collections or MetricSource.Expenses or MetricSource.Activities
            && metric.Aggregate is Aggregate.Sum or Aggregate.Count;
    }

    /// <summary>
    /// The actual of <paramref name="metricCode"/> over <paramref name="period"/> for each subject: an employee
    /// id gets the engine's value for that person; an org unit id gets, for an additive individual metric, the sum
    /// over the employees placed in its subtree, and for an additive team metric the team value of the unit
    /// (the value of anyone whose team it is: its head, or a member of a unit nobody manages; null when there is nobody). Null where the engine has no value
    /// (a non-additive metric for a unit, an unknown id, an average over no rows).
    /// </summary>
    public static IReadOnlyDictionary<string, decimal?> For(Plan plan, Dataset data, Period period, string metricCode, IEnumerable<string> subjects)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(subjects);
        var metric = plan.Metrics.FirstOrDefault(m => string.Equals(m.Code, metricCode, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The plan has no metric '{metricCode}'.", nameof(metricCode));
        var tree = new OrgTree(data);
        var values = new MetricEngine(plan, data, period, tree).Compute();
        var value = values.Value[metric.Index];
        var has = values.Has[metric.Index];
        var additive = IsAdditive(metric);
        var result = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            var e = data.EmployeeIndex(subject);
            if (e >= 0)
            {
                result[subject] = has[e] ? value[e] : null;
                continue;
            }

            var u = data.OrgUnitIndex(subject);
            if (u < 0 || !additive)
            {
                result[subject] = null;
                continue;
            }

            if (metric.Scope == MetricScope.Team)
            {
                // A team metric's per-person value is already the roll-up of their team unit: take it from someone whose team it is.
                result[subject] = null;
                for (var i = 0; i < data.Employees.Count; i++)
                {
                    if (tree.TeamUnit[i] == u && has[i])
                    {
                        result[subject] = value[i];
                        break;
                    }
                }

                continue;
            }

            decimal sum = 0m;
            for (var i = 0; i < data.Employees.Count; i++)
            {
                if (has[i] && tree.InSubtree(u, tree.EmployeeUnit[i]))
                {
                    sum += value[i];
                }
            }

            result[subject] = sum;
        }

        return result;
    }
}
