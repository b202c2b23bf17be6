using Jixiao.Domain.Grades;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §7, `scorecards` and indicators: matching, periods, weights.
    private sealed partial class Reader
    {
        private List<Scorecard> ReadScorecards(YamlNode? node, Dictionary<string, GradeScale> scales)
        {
            var result = new List<Scorecard>();
            var map = y.Map(node, "scorecards");
            if (map is null)
            {
                y.Error(node, PlanProblemCode.MissingKey, "scorecards", "/");
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                var code = (k as YamlScalarNode)?.Value ?? "";
                var where = "scorecards." + code;
                if (!YamlNodes.IsCode(code))
                {
                    y.Error(k, PlanProblemCode.InvalidCode, code, "scorecards");
                    continue;
                }

                var s = y.Map(v, where, "name", "name_en", "name_zh_tw", "match", "periods", "grade_scale", "indicators", "description");
                if (s is null)
                {
                    continue;
                }

                var match = ReadMatch(YamlNodes.Get(s, "match"), where);
                var periods = ReadPeriods(s, where);
                var scale = y.Str(s, "grade_scale", where);
                if (scale is not null && !scales.ContainsKey(scale))
                {
                    y.Error(YamlNodes.Get(s, "grade_scale"), PlanProblemCode.UnknownGradeScale, scale, where);
                }

                // `indicators: []` is a pay-only card (e.g. seed 003's part-time sellers, who have no
                // targets and no assessed indicators): no score, no grade, only pay components.
                var payOnly = YamlNodes.Get(s, "indicators") is YamlSequenceNode { Children.Count: 0 };
                if (payOnly)
                {
                    scale = null;
                }
                else if (scale is null && scales.Count == 1)
                {
                    scale = scales.Keys.First();
                }
                else if (scale is null && scales.Count > 1)
                {
                    y.Error(s, PlanProblemCode.MissingKey, "grade_scale", where);
                }

                var indicators = new List<Indicator>();
                var seq = y.Seq(YamlNodes.Get(s, "indicators"), where + ".indicators");
                if (seq is null)
                {
                    y.Error(s, PlanProblemCode.MissingKey, "indicators", where);
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in seq)
                {
                    var ind = ReadIndicator(item, where);
                    if (ind is null)
                    {
                        continue;
                    }

                    if (!seen.Add(ind.Code))
                    {
                        y.Error(item, PlanProblemCode.DuplicateCode, ind.Code, where);
                    }

                    indicators.Add(ind);
                }

                if (indicators.Count == seq.Children.Count && !payOnly)
                {
                    CheckWeights(seq, where, indicators);
                }
                else if (!payOnly && DeclaredPoints(seq) is { } declared && declared != 100m)
                {
                    // Some indicators have errors of their own; the weights can still be checked from what is written.
                    y.Error(seq, PlanProblemCode.WeightsNot100, where, Num(declared));
                }

                result.Add(new Scorecard
                {
                    Code = code,
                    Name = y.Str(s, "name", where) ?? code,
                    NameEn = y.Str(s, "name_en", where),
                    NameZhTw = y.Str(s, "name_zh_tw", where),
                    Match = match,
                    Periods = periods,
                    Indicators = indicators,
                    GradeScale = scale,
                    Mark = YamlNodes.MarkOf(k),
                });
            }

            if (map.Children.Count == 0)
            {
                y.Error(map, PlanProblemCode.EmptyList, "scorecards");
            }

            return result;
        }

        /// <summary>The sum of the points written for each indicator (parts summed when absent), or null when unreadable.</summary>
        private static decimal? DeclaredPoints(YamlSequenceNode seq)
        {
            decimal total = 0;
            foreach (var item in seq)
            {
                if (PointsOf(item as YamlMappingNode) is not { } p)
                {
                    return null;
                }

                total += p;
            }

            return total;

            static decimal? PointsOf(YamlMappingNode? m)
            {
                if (YamlNodes.Get(m, "points") is YamlScalarNode { Value: { } text })
                {
                    return YamlNodes.TryParseDecimal(text, out var d) ? d : null;
                }

                if (YamlNodes.Get(m, "parts") is YamlSequenceNode parts)
                {
                    decimal sum = 0;
                    foreach (var part in parts)
                    {
                        if (PointsOf(part as YamlMappingNode) is not { } p)
                        {
                            return null;
                        }

                        sum += p;
                    }

                    return sum;
                }

                return null;
            }
        }

        private void CheckWeights(YamlNode node, string where, List<Indicator> indicators)
        {
            decimal total = 0, result = 0, process = 0;
            foreach (var i in indicators)
            {
                total += i.Points;
                if (i.Category == IndicatorCategory.Result)
                {
                    result += i.Points;
                }
                else
                {
                    process += i.Points;
                }
            }

            if (total != 100m)
            {
                y.Error(node, PlanProblemCode.WeightsNot100, where, Num(total));
                return;
            }

            // Seed 002: result indicators 70–80 points, process 20–30 — advice, not a rule.
            if (result < 70m || result > 80m)
            {
                y.Warning(node, PlanProblemCode.ResultWeightAdvice, where, Num(result), Num(process));
            }
        }

        private EmployeeMatch ReadMatch(YamlNode? node, string where)
        {
            var m = y.Map(node, where + ".match", "position", "category", "level");
            if (m is null)
            {
                return EmployeeMatch.Any;
            }

            var position = y.StrList(m, "position", where);
            var category = y.StrList(m, "category", where);
            var level = y.StrList(m, "level", where);
            foreach (var (key, list) in new[] { ("position", position), ("category", category), ("level", level) })
            {
                if (list is { Count: 0 })
                {
                    y.Error(YamlNodes.Get(m, key), PlanProblemCode.EmptyList, where + ".match." + key);
                }
            }

            return new EmployeeMatch(position, category, level);
        }

        private List<PeriodKind> ReadPeriods(YamlMappingNode map, string where)
        {
            var names = y.StrList(map, "periods", where);
            if (names is null)
            {
                y.Error(map, PlanProblemCode.MissingKey, "periods", where);
                return [];
            }

            if (names.Count == 0)
            {
                y.Error(YamlNodes.Get(map, "periods"), PlanProblemCode.EmptyList, where + ".periods");
            }

            var list = new List<PeriodKind>();
            foreach (var n in names)
            {
                var found = PeriodKinds.Where(p => p.Item1 == n).Select(p => (PeriodKind?)p.Item2).FirstOrDefault();
                if (found is null)
                {
                    y.Error(YamlNodes.Get(map, "periods"), PlanProblemCode.InvalidChoice, "periods", where, n, "month, quarter, half, year");
                }
                else if (!list.Contains(found.Value))
                {
                    list.Add(found.Value);
                }
            }

            return list;
        }

        private Indicator? ReadIndicator(YamlNode item, string scorecardWhere)
        {
            var m = y.Map(item, scorecardWhere + ".indicators", IndicatorKeys);
            if (m is null)
            {
                return null;
            }

            var code = y.Code(m, "code", scorecardWhere + ".indicators");
            if (code is null)
            {
                return null;
            }

            var where = scorecardWhere + "." + code;
            var rule = ReadRule(m, where, isPart: false);
            if (rule is null)
            {
                return null;
            }

            var category = y.Enum(m, "category", where, Categories)
                ?? (rule is RatingRule ? IndicatorCategory.Process : IndicatorCategory.Result);
            return new Indicator
            {
                Code = code,
                Name = y.Str(m, "name", where) ?? code,
                NameEn = y.Str(m, "name_en", where),
                NameZhTw = y.Str(m, "name_zh_tw", where),
                Category = category,
                Rule = rule,
                Comment = y.Str(m, "comment", where),
            };
        }

        private static readonly string[] IndicatorKeys =
        [
            "code", "name", "name_en", "name_zh_tw", "category", "comment", "points", "rule", "metric", "target", "target_from", "denominator",
            "cap", "direction", "if_undefined", "bands", "per_event", "parts", "rubric", "formula",
        ];

        private static readonly string[] PartKeys =
        [
            "name", "name_en", "name_zh_tw", "comment", "points", "rule", "metric", "target", "target_from", "denominator",
            "cap", "direction", "if_undefined", "bands", "per_event", "parts", "rubric", "formula",
        ];
    }
}
