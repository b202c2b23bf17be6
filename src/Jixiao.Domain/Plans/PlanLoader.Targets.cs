using Jixiao.Domain.Targets;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §6, targets: where the denominator of an achievement ratio comes from.
    private sealed partial class Reader
    {
        private Direction DirectionOf(YamlMappingNode m, string where, int metric) =>
            y.Enum(m, "direction", where, Directions)
            ?? (metric >= 0 && metric < _metrics.Count ? _metrics[metric].Direction : Direction.Higher);

        private int MetricRef(YamlMappingNode m, string key, string where, bool required)
        {
            var code = y.Str(m, key, where, required);
            if (code is null)
            {
                return -1;
            }

            if (_metricIndex.TryGetValue(code, out var index))
            {
                return index;
            }

            y.Error(YamlNodes.Get(m, key), PlanProblemCode.UnknownMetric, code, where);
            return -1;
        }

        private TargetSource? ReadTarget(YamlMappingNode m, string where, int metric)
        {
            var given = 0;
            TargetSource? target = null;
            if (YamlNodes.Get(m, "target") is not null)
            {
                given++;
                var v = y.Dec(m, "target", where);
                if (v is { } c)
                {
                    if (c <= 0m)
                    {
                        y.Error(YamlNodes.Get(m, "target"), PlanProblemCode.OutOfRange, "target", where, "> 0");
                    }

                    target = new TargetSource.Constant(c);
                }
            }

            if (YamlNodes.Get(m, "target_from") is not null)
            {
                given++;
                var i = MetricRef(m, "target_from", where, required: true);
                if (i >= 0)
                {
                    target = new TargetSource.FromTargets(CodeOf(i));
                }
            }

            if (YamlNodes.Get(m, "denominator") is not null)
            {
                given++;
                var i = MetricRef(m, "denominator", where, required: true);
                if (i >= 0)
                {
                    target = new TargetSource.OtherMetric(i, CodeOf(i));
                }
            }

            if (given > 1)
            {
                y.Error(m, PlanProblemCode.OneTargetSource, where);
                return null;
            }

            if (given == 0 && metric >= 0)
            {
                return new TargetSource.FromTargets(CodeOf(metric));
            }

            return target;
        }

        private string CodeOf(int index) => _metricIndex.First(kv => kv.Value == index).Key;
    }
}
