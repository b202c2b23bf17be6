using System.Globalization;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §8, the six scoring rules and their bands.
    private sealed partial class Reader
    {
        private ScoringRule? ReadRule(YamlMappingNode m, string where, bool isPart)
        {
            var ruleNode = YamlNodes.Get(m, "rule");
            var rule = y.Str(m, "rule", where, required: true);
            if (rule is null)
            {
                return null;
            }

            if (Array.IndexOf(RuleNames, rule) < 0)
            {
                y.Error(ruleNode, PlanProblemCode.InvalidChoice, "rule", where, rule, string.Join(", ", RuleNames));
                return null;
            }

            string[] common = isPart ? ["name", "name_en", "name_zh_tw", "comment", "points", "rule"] : ["code", "name", "name_en", "name_zh_tw", "category", "comment", "points", "rule"];
            string[] specific = rule switch
            {
                "ratio" => ["metric", "target", "target_from", "denominator", "cap", "direction", "if_undefined"],
                "bands" => ["metric", "target", "target_from", "denominator", "direction", "if_undefined", "bands"],
                "deduction" => ["metric", "per_event"],
                "sum_of_parts" => ["parts"],
                "rating" => ["rubric"],
                _ => ["formula", "cap"],
            };
            CheckKeys(m, where, PlanProblemCode.KeyNotForRule, rule, [.. common, .. specific], isPart ? PartKeys : IndicatorKeys);

            var points = y.Dec(m, "points", where);
            if (points is null && rule != "sum_of_parts")
            {
                if (YamlNodes.Get(m, "points") is null)
                {
                    y.Error(m, PlanProblemCode.MissingKey, "points", where);
                }

                return null;
            }

            if (points is { } p && p <= 0m)
            {
                y.Error(YamlNodes.Get(m, "points"), PlanProblemCode.OutOfRange, "points", where, "> 0");
                return null;
            }

            switch (rule)
            {
                case "ratio":
                    {
                        var metric = MetricRef(m, "metric", where, required: true);
                        var target = ReadTarget(m, where, metric);
                        var cap = y.Dec(m, "cap", where) ?? 1m;
                        if (cap <= 0m || cap > 10m)
                        {
                            y.Error(YamlNodes.Get(m, "cap"), PlanProblemCode.OutOfRange, "cap", where, "0 < cap ≤ 10");
                        }

                        return metric < 0 || target is null ? null
                            : new RatioRule(points!.Value, metric, target, cap, DirectionOf(m, where, metric), y.Enum(m, "if_undefined", where, Undefineds) ?? IfUndefined.Error);
                    }

                case "bands":
                    {
                        var metric = MetricRef(m, "metric", where, required: true);
                        var target = ReadTarget(m, where, metric);
                        var bands = ReadBands(m, where, points!.Value);
                        return metric < 0 || target is null || bands is null ? null
                            : new BandsRule(points.Value, metric, target, bands, DirectionOf(m, where, metric), y.Enum(m, "if_undefined", where, Undefineds) ?? IfUndefined.Error);
                    }

                case "deduction":
                    {
                        var metric = MetricRef(m, "metric", where, required: true);
                        var per = y.Dec(m, "per_event", where, required: true);
                        if (per is { } pe && pe <= 0m)
                        {
                            y.Error(YamlNodes.Get(m, "per_event"), PlanProblemCode.OutOfRange, "per_event", where, "> 0");
                            return null;
                        }

                        return metric < 0 || per is null ? null : new DeductionRule(points!.Value, metric, per.Value);
                    }

                case "sum_of_parts":
                    {
                        var seq = y.Seq(YamlNodes.Get(m, "parts"), where + ".parts");
                        if (seq is null)
                        {
                            y.Error(m, PlanProblemCode.MissingKey, "parts", where);
                            return null;
                        }

                        var parts = new List<ScoringPart>();
                        var i = 0;
                        foreach (var item in seq)
                        {
                            i++;
                            var pm = y.Map(item, where + ".parts", PartKeys);
                            if (pm is null)
                            {
                                continue;
                            }

                            var name = y.Str(pm, "name", where) ?? i.ToString(CultureInfo.InvariantCulture);
                            var sub = ReadRule(pm, where + ".parts[" + i.ToString(CultureInfo.InvariantCulture) + "]", isPart: true);
                            if (sub is not null)
                            {
                                parts.Add(new ScoringPart(name, sub) { NameEn = y.Str(pm, "name_en", where), NameZhTw = y.Str(pm, "name_zh_tw", where) });
                            }
                        }

                        if (parts.Count != seq.Children.Count)
                        {
                            return null;
                        }

                        var sum = parts.Sum(x => x.Rule.Points);
                        if (points is { } declared && declared != sum)
                        {
                            y.Error(YamlNodes.Get(m, "points"), PlanProblemCode.PartsNotSumming, where, Num(sum), Num(declared));
                            return null;
                        }

                        return new SumOfPartsRule(points ?? sum, parts);
                    }

                case "rating":
                    {
                        var rubric = new List<RubricLevel>();
                        if (YamlNodes.Get(m, "rubric") is { } rn && y.Seq(rn, where + ".rubric") is { } seq)
                        {
                            foreach (var item in seq)
                            {
                                var r = y.Map(item, where + ".rubric", "level", "min", "max", "description");
                                var level = y.Str(r, "level", where, required: true);
                                var min = y.Dec(r, "min", where, required: true);
                                var max = y.Dec(r, "max", where, required: true);
                                if (level is null || min is null || max is null)
                                {
                                    continue;
                                }

                                if (min < 0m || max > points || min > max)
                                {
                                    y.Error(item, PlanProblemCode.RubricOutOfRange, where, level, Num(min.Value), Num(max.Value), Num(points!.Value));
                                    continue;
                                }

                                rubric.Add(new RubricLevel(level, min.Value, max.Value, y.Str(r, "description", where)));
                            }
                        }

                        return new RatingRule(points!.Value, rubric);
                    }

                default:
                    {
                        var formula = Compile(m, "formula", where, where);
                        var cap = y.Dec(m, "cap", where) ?? 1m;
                        if (cap <= 0m || cap > 10m)
                        {
                            y.Error(YamlNodes.Get(m, "cap"), PlanProblemCode.OutOfRange, "cap", where, "0 < cap ≤ 10");
                        }

                        return formula is null ? null : new FormulaRule(points!.Value, formula, cap);
                    }
            }
        }

        private List<ScoreBand>? ReadBands(YamlMappingNode m, string where, decimal points)
        {
            var node = YamlNodes.Get(m, "bands");
            var seq = y.Seq(node, where + ".bands");
            if (seq is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "bands", where);
                return null;
            }

            var bands = new List<ScoreBand>();
            foreach (var item in seq)
            {
                var b = y.Map(item, where + ".bands", "from", "to", "min", "max");
                var from = y.Dec(b, "from", where, required: true);
                var to = y.Dec(b, "to", where, required: true);
                var min = y.Dec(b, "min", where, required: true);
                var max = y.Dec(b, "max", where, required: true);
                if (from is null || to is null || min is null || max is null)
                {
                    return null;
                }

                if (min < 0m || max < min)
                {
                    y.Error(item, PlanProblemCode.BandPointsInvalid, where, Num(min.Value), Num(max.Value));
                    return null;
                }

                bands.Add(new ScoreBand(from.Value, to.Value, min.Value, max.Value));
            }

            if (!CheckContiguous(node!, where + ".bands", bands.Select(b => (b.From, (decimal?)b.To)).ToList(), requireZeroStart: true))
            {
                return null;
            }

            var cap = bands[^1].To;
            foreach (var b in bands)
            {
                if (b.Max > points * cap)
                {
                    y.Error(node, PlanProblemCode.BandAboveCap, where, Num(b.Max), Num(points * cap));
                    return null;
                }
            }

            return bands;
        }
    }
}
