using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

internal sealed partial class MetricEngine
{
    internal void Formulas(MetricValues values)
    {
        var order = FormulaOrder();
        if (order.Count == 0)
        {
            return;
        }

        var slots = new decimal[_plan.Variables.Count];
        for (var e = 0; e < _employees; e++)
        {
            foreach (var m in order)
            {
                var f = m.Formula!;
                var ok = true;
                foreach (var s in f.ReferencedSlots)
                {
                    if (!values.Has[s][e])
                    {
                        if (values.Missing.TryGetValue((s, e), out var input))
                        {
                            values.Missing[(m.Index, e)] = input;
                        }

                        ok = false;
                        break;
                    }

                    slots[s] = values.Value[s][e];
                }

                if (!ok)
                {
                    continue;
                }

                if (f.TryEvaluate(slots, out var result, out var error))
                {
                    values.Value[m.Index][e] = result;
                    values.Has[m.Index][e] = true;
                }
                else if (error is not null)
                {
                    values.Failures[(m.Index, e)] = error.Format(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }

    private List<MetricDefinition> FormulaOrder()
    {
        var result = new List<MetricDefinition>();
        var done = new bool[_plan.Metrics.Count];
        foreach (var m in _plan.Metrics)
        {
            Visit(m);
        }

        return result;

        void Visit(MetricDefinition m)
        {
            if (done[m.Index] || m.Source != MetricSource.Formula)
            {
                return;
            }

            done[m.Index] = true;
            foreach (var s in m.Formula!.ReferencedSlots)
            {
                if (s < _plan.Metrics.Count)
                {
                    Visit(_plan.Metrics[s]);
                }
            }

            result.Add(m);
        }
    }
}
