using Jixiao.Domain.Data;
using Jixiao.Domain.Organisation;
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
        var metric = MetricOf(plan, metricCode);
        var tree = new OrgTree(data);
        var values = new MetricEngine(plan, data, period, tree).Compute();
        return Resolve(data, tree, metric, values.Has[metric.Index], values.Value[metric.Index], subjects);
    }

    private static MetricDefinition MetricOf(Plan plan, string metricCode) =>
        plan.Metrics.FirstOrDefault(m => string.Equals(m.Code, metricCode, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The plan has no metric '{metricCode}'.", nameof(metricCode));

    /// <summary>Each subject's value from the people's values (<paramref name="has"/>, <paramref name="value"/> by employee index), as <see cref="For"/> documents.</summary>
    private static Dictionary<string, decimal?> Resolve(Dataset data, OrgTree tree, MetricDefinition metric, bool[] has, decimal[] value, IEnumerable<string> subjects)
    {
        var additive = IsAdditive(metric);
        decimal[]? subtree = null;
        int[]? teamOf = null;
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
                // A team metric's per-person value is already the roll-up of their team unit: take it from someone whose team it is
                // (the first such person in employee order).
                teamOf ??= FirstOfTeam(tree, has, data.Employees.Count);
                result[subject] = teamOf[u] >= 0 ? value[teamOf[u]] : null;
                continue;
            }

            // The sum over the people placed in the unit's subtree, in employee order.
            subtree ??= SubtreeSums(tree, has, value, data.Employees.Count);
            result[subject] = subtree[u];
        }

        return result;
    }

    private static int[] FirstOfTeam(OrgTree tree, bool[] has, int employees)
    {
        var first = new int[tree.UnitCount];
        Array.Fill(first, -1);
        for (var i = 0; i < employees; i++)
        {
            var u = tree.TeamUnit[i];
            if (u >= 0 && has[i] && first[u] < 0)
            {
                first[u] = i;
            }
        }

        return first;
    }

    /// <summary>For every unit the sum over the people placed in its subtree: each person's value added to their unit and its ancestors.</summary>
    private static decimal[] SubtreeSums(OrgTree tree, bool[] has, decimal[] value, int employees)
    {
        var sums = new decimal[tree.UnitCount];
        for (var i = 0; i < employees; i++)
        {
            if (!has[i])
            {
                continue;
            }

            for (int u = tree.EmployeeUnit[i], guard = 0; u >= 0 && guard <= tree.UnitCount; u = tree.Parent[u], guard++)
            {
                sums[u] += value[i];
            }
        }

        return sums;
    }

    /// <summary>
    /// The actuals of one additive metric over a long period fed month by month (<see cref="Add"/>), so that a year of rows
    /// never has to be in memory at once: every month's <see cref="Dataset"/> must hold the same organisation and people
    /// (placed as on the long period's last day, with the assignment history) and that month's rows. A person's value is
    /// the sum of their months (exact for sums and counts: every row counts in its month); units are then resolved once,
    /// exactly as <see cref="For"/> resolves them over the whole period.
    /// </summary>
    public sealed class Accumulator
    {
        private readonly Plan _plan;
        private readonly MetricDefinition _metric;
        private Dataset? _structure;
        private OrgTree? _tree;
        private bool[] _has = [];
        private decimal[] _value = [];

        public Accumulator(Plan plan, string metricCode)
        {
            ArgumentNullException.ThrowIfNull(plan);
            _plan = plan;
            _metric = MetricOf(plan, metricCode);
            if (!IsAdditive(_metric))
            {
                throw new ArgumentException($"Metric '{metricCode}' is not a sum or count of transaction rows.", nameof(metricCode));
            }
        }

        /// <summary>Computes <paramref name="month"/> from <paramref name="data"/> (that month's rows) through the engine and adds each person's value.</summary>
        public void Add(Dataset data, Period month)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (_structure is null)
            {
                _structure = data;
                _tree = new OrgTree(data);
                _has = new bool[data.Employees.Count];
                _value = new decimal[data.Employees.Count];
            }
            else if (data.Employees.Count != _has.Length || data.OrgUnits.Count != _structure.OrgUnits.Count)
            {
                throw new ArgumentException("Every month must hold the same organisation and people.", nameof(data));
            }

            var values = new MetricEngine(_plan, data, month, new OrgTree(data)).Compute();
            var has = values.Has[_metric.Index];
            var value = values.Value[_metric.Index];
            for (var e = 0; e < _has.Length; e++)
            {
                if (has[e])
                {
                    _value[e] += value[e];
                    _has[e] = true;
                }
            }
        }

        /// <summary>Each subject's value over the months added, as <see cref="For"/> over the whole period.</summary>
        public IReadOnlyDictionary<string, decimal?> Result(IEnumerable<string> subjects)
        {
            ArgumentNullException.ThrowIfNull(subjects);
            return _structure is null
                ? subjects.Distinct(StringComparer.Ordinal).ToDictionary(s => s, _ => (decimal?)null, StringComparer.Ordinal)
                : Resolve(_structure, _tree!, _metric, _has, _value, subjects);
        }
    }
}
