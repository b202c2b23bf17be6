using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

internal sealed partial class MetricEngine
{
    private Dictionary<(string Subject, string Metric, string Period), decimal>? _inputs;

    private void Inputs(MetricDefinition m, MetricValues values)
    {
        _inputs ??= BuildInputs();
        var value = values.Value[m.Index];
        var has = values.Has[m.Index];
        for (var e = 0; e < _employees; e++)
        {
            // Same order as targets: the employee's own row first, then (team metrics) the team unit's.
            if (TryInput(_data.Employees[e].Id, m, out var v)
                || (m.Scope == MetricScope.Team && _tree.TeamUnit[e] >= 0 && TryInput(_data.OrgUnits[_tree.TeamUnit[e]].Id, m, out v)))
            {
                value[e] = v;
                has[e] = true;
            }
            else if (m.Default is { } d)
            {
                value[e] = d;
                has[e] = true;
            }
            else
            {
                values.Missing[(m.Index, e)] = m.Code;
            }
        }
    }

    private Dictionary<(string, string, string), decimal> BuildInputs()
    {
        var dict = new Dictionary<(string, string, string), decimal>();
        foreach (var d in _data.DirectValues)
        {
            dict[(d.Subject, d.Metric, d.Period)] = d.Value;
        }

        return dict;
    }

    private bool TryInput(string subject, MetricDefinition m, out decimal value)
    {
        if (_inputs!.TryGetValue((subject, m.Code, _period.ToString()), out value))
        {
            return true;
        }

        if (m.Rollup == PeriodRollup.None || _period.Kind == PeriodKind.Month)
        {
            return false;
        }

        decimal sum = 0, first = 0, last = 0;
        var n = 0;
        foreach (var month in _period.Months())
        {
            if (!_inputs.TryGetValue((subject, m.Code, month.ToString()), out var v))
            {
                return false;
            }

            if (n == 0)
            {
                first = v;
            }

            sum += v;
            last = v;
            n++;
        }

        value = m.Rollup switch
        {
            PeriodRollup.Sum => sum,
            PeriodRollup.First => first,
            PeriodRollup.Last => last,
            _ => sum / n,
        };
        return true;
    }
}
