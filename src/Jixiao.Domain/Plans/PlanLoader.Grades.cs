using Jixiao.Domain.Grades;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §18, `grades`: calibration's forced distribution and the standard below which an improvement plan is due.
    private sealed partial class Reader
    {
        private GradePolicy ReadGrades(YamlNode? node, Dictionary<string, GradeScale> scales)
        {
            var map = y.Map(node, "grades", "forced_distribution", "improvement_below");
            if (map is null)
            {
                return GradePolicy.None;
            }

            var known = scales.Values.SelectMany(s => s.Bands.Select(b => b.Grade)).ToHashSet(StringComparer.Ordinal);
            string Known() => string.Join(", ", known.Order(StringComparer.Ordinal));
            ForcedDistributionRule? forced = null;
            var f = y.Map(YamlNodes.Get(map, "forced_distribution"), "grades.forced_distribution", "per", "max_share");
            if (f is not null)
            {
                const string where = "grades.forced_distribution";
                var per = y.Enum(f, "per", where, ("unit", DistributionScope.Unit), ("company", DistributionScope.Company)) ?? DistributionScope.Unit;
                var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
                var m = y.Map(YamlNodes.Get(f, "max_share"), where + ".max_share");
                if (m is null)
                {
                    y.Error(f, PlanProblemCode.MissingKey, "max_share", where);
                }

                foreach (var k in m?.Children.Keys ?? Enumerable.Empty<YamlNode>())
                {
                    var grade = (k as YamlScalarNode)?.Value ?? "";
                    if (!known.Contains(grade))
                    {
                        y.Error(k, PlanProblemCode.InvalidChoice, "max_share", where, grade, Known());
                        continue;
                    }

                    if (y.Dec(m, grade, where + ".max_share") is { } share)
                    {
                        if (share is < 0m or > 1m)
                        {
                            y.Error(YamlNodes.Get(m, grade), PlanProblemCode.OutOfRange, grade, where + ".max_share", "0–1");
                            continue;
                        }

                        shares[grade] = share;
                    }
                }

                forced = new ForcedDistributionRule(per, shares);
            }

            var below = y.Str(map, "improvement_below", "grades");
            if (below is not null && !known.Contains(below))
            {
                y.Error(YamlNodes.Get(map, "improvement_below"), PlanProblemCode.InvalidChoice, "improvement_below", "grades", below, Known());
                below = null;
            }

            return new GradePolicy(forced, below);
        }
    }
}
