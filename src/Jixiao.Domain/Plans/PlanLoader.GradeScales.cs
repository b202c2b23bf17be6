using Jixiao.Domain.Grades;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §9, `grade_scales`: grades and coefficients.
    private sealed partial class Reader
    {
        private Dictionary<string, GradeScale> ReadGradeScales(YamlNode? node)
        {
            var result = new Dictionary<string, GradeScale>(StringComparer.Ordinal);
            var map = y.Map(node, "grade_scales");
            if (map is null)
            {
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                var code = (k as YamlScalarNode)?.Value ?? "";
                var where = "grade_scales." + code;
                if (!YamlNodes.IsCode(code))
                {
                    y.Error(k, PlanProblemCode.InvalidCode, code, "grade_scales");
                    continue;
                }

                var seq = y.Seq(v, where);
                if (seq is null)
                {
                    continue;
                }

                var raw = new List<(YamlNode Node, string Grade, decimal From, decimal? To, RawCoefficient Coef, string? Advice)>();
                foreach (var item in seq)
                {
                    var b = y.Map(item, where, "grade", "from", "to", "coefficient", "advice");
                    var grade = y.Str(b, "grade", where, required: true);
                    var from = y.Dec(b, "from", where, required: true);
                    var to = y.Dec(b, "to", where);
                    var coefNode = YamlNodes.Get(b, "coefficient");
                    if (coefNode is null)
                    {
                        y.Error(item, PlanProblemCode.MissingKey, "coefficient", where);
                    }

                    var coef = ReadCoefficient(coefNode, where);
                    if (grade is null || from is null || coef is null)
                    {
                        continue;
                    }

                    raw.Add((item, grade, from.Value, to, coef, y.Str(b, "advice", where)));
                }

                raw.Sort((a, b) => a.From.CompareTo(b.From));

                // An omitted upper bound means "up to the next grade"; an interpolated coefficient without
                // 'over' interpolates over the grade's own [from, to].
                var bands = new List<GradeBand>();
                for (var i = 0; i < raw.Count; i++)
                {
                    var to = raw[i].To ?? (i + 1 < raw.Count ? raw[i + 1].From : null);
                    var c = raw[i].Coef;
                    var overFrom = c.OverFrom ?? raw[i].From;
                    var overTo = c.OverTo ?? to;
                    if (c.From != c.To && (overTo is null || overTo <= overFrom))
                    {
                        y.Error(raw[i].Node, PlanProblemCode.OverNeedsRange, where);
                        continue;
                    }

                    var spec = c.From == c.To ? new CoefficientSpec(c.From, c.From, 0, 0) : new CoefficientSpec(c.From, c.To, overFrom, overTo!.Value);
                    bands.Add(new GradeBand(raw[i].Grade, raw[i].From, to, spec, raw[i].Advice));
                }

                if (bands.Count != raw.Count)
                {
                    continue;
                }

                var dup = bands.GroupBy(b => b.Grade, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (dup is not null)
                {
                    y.Error(v, PlanProblemCode.DuplicateCode, dup.Key, where);
                }

                if (CheckContiguous(v, where, bands.Select(b => (b.From, b.To)).ToList(), requireZeroStart: true))
                {
                    result[code] = new GradeScale(code, bands);
                }
            }

            return result;
        }

        private sealed record RawCoefficient(decimal From, decimal To, decimal? OverFrom, decimal? OverTo);

        private RawCoefficient? ReadCoefficient(YamlNode? node, string where)
        {
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode)
            {
                var d = y.Dec(node, "coefficient", where);
                if (d is null)
                {
                    return null;
                }

                if (d < 0m)
                {
                    y.Error(node, PlanProblemCode.OutOfRange, "coefficient", where, "≥ 0");
                    return null;
                }

                return new RawCoefficient(d.Value, d.Value, null, null);
            }

            var m = y.Map(node, where + ".coefficient", "from", "to", "over");
            var from = y.Dec(m, "from", where, required: true);
            var to = y.Dec(m, "to", where, required: true);
            decimal? overFrom = null, overTo = null;
            if (YamlNodes.Get(m, "over") is { } over)
            {
                var seq = y.Seq(over, where + ".coefficient.over");
                if (seq is { Children.Count: 2 })
                {
                    overFrom = y.Dec(seq.Children[0], "over", where);
                    overTo = y.Dec(seq.Children[1], "over", where);
                    if (overFrom is null || overTo is null)
                    {
                        return null;
                    }
                }
                else
                {
                    y.Error(over, PlanProblemCode.OverNeedsTwo, where);
                    return null;
                }
            }

            if (from is null || to is null)
            {
                return null;
            }

            if (from < 0m || to < 0m)
            {
                y.Error(node, PlanProblemCode.OutOfRange, "coefficient", where, "≥ 0");
                return null;
            }

            return new RawCoefficient(from.Value, to.Value, overFrom, overTo);
        }
    }
}
