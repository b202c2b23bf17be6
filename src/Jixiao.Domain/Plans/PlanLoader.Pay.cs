using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;
using Jixiao.Formulas;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §10, `pay`: pay components and value tables.
    private sealed partial class Reader
    {
        private List<PayComponent> ReadPay(YamlNode? node, List<Scorecard> scorecards)
        {
            var result = new List<PayComponent>();
            var seq = y.Seq(node, "pay");
            if (seq is null)
            {
                return result;
            }

            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in seq)
            {
                var m = y.Map(item, "pay", PayAllKeys);
                if (m is null)
                {
                    continue;
                }

                var code = y.Code(m, "code", "pay");
                if (code is null)
                {
                    continue;
                }

                var where = "pay." + code;
                if (!codes.Add(code))
                {
                    y.Error(item, PlanProblemCode.DuplicateCode, code, "pay");
                }

                var kind = y.Enum(m, "kind", where, PayKinds);
                if (kind is null)
                {
                    if (YamlNodes.Get(m, "kind") is null)
                    {
                        y.Error(m, PlanProblemCode.MissingKey, "kind", where);
                    }

                    continue;
                }

                string[] specific = kind switch
                {
                    PayKind.Bonus => ["base", "achievement"],
                    PayKind.OverTarget => ["metric", "target", "target_from", "threshold", "rate"],
                    PayKind.OverTargetUnits => ["metric", "target", "target_from", "amounts"],
                    PayKind.Commission => ["metric", "target", "target_from", "target_commission", "period_target_commission", "target_period"],
                    PayKind.Rate => ["metric", "rate"],
                    _ => ["formula"],
                };
                CheckKeys(m, where, PlanProblemCode.KeyNotForKind, PayKinds.First(k => k.Item2 == kind).Item1, [.. PayCommonKeys, .. specific], PayAllKeys);

                var names = y.StrList(m, "scorecards", where);
                if (names is not null)
                {
                    foreach (var n in names.Where(n => !scorecards.Exists(s => s.Code == n)))
                    {
                        y.Error(YamlNodes.Get(m, "scorecards"), PlanProblemCode.UnknownScorecard, n, where);
                    }
                }

                var metric = -1;
                TargetSource? target = null;
                if (kind is PayKind.OverTarget or PayKind.OverTargetUnits or PayKind.Commission or PayKind.Rate)
                {
                    metric = MetricRef(m, "metric", where, required: true);
                    if (kind != PayKind.Rate)
                    {
                        target = ReadTarget(m, where, metric);
                    }
                }

                ValueTable? baseTable = null, rate = null, amounts = null, periodCommission = null;
                int achMetric = -1;
                TargetSource? achTarget = null;
                decimal achCap = 1m;
                CompiledFormula? formula = null;
                switch (kind)
                {
                    case PayKind.Bonus:
                        baseTable = ReadValueTable(YamlNodes.Get(m, "base"), where + ".base", required: true, m);
                        if (YamlNodes.Get(m, "achievement") is { } an)
                        {
                            var a = y.Map(an, where + ".achievement", "metric", "cap", "target", "target_from", "denominator");
                            if (a is not null)
                            {
                                achMetric = MetricRef(a, "metric", where + ".achievement", required: true);
                                achTarget = ReadTarget(a, where + ".achievement", achMetric);
                                achCap = y.Dec(a, "cap", where + ".achievement") ?? 1m;
                                if (achCap <= 0m)
                                {
                                    y.Error(YamlNodes.Get(a, "cap"), PlanProblemCode.OutOfRange, "cap", where, "> 0");
                                }
                            }
                        }

                        break;
                    case PayKind.OverTarget:
                        rate = ReadValueTable(YamlNodes.Get(m, "rate"), where + ".rate", required: true, m);
                        break;
                    case PayKind.OverTargetUnits:
                        amounts = ReadValueTable(YamlNodes.Get(m, "amounts"), where + ".amounts", required: true, m);
                        if (metric >= 0 && (_metrics.Count <= metric || _metrics[metric].Source != MetricSource.Sales || _metrics[metric].Field != MetricField.Units
                            || _metrics[metric].Aggregate != Aggregate.Sum || _metrics[metric].Scope != MetricScope.Self || _metrics[metric].ContractAgeRates is not null))
                        {
                            y.Error(YamlNodes.Get(m, "metric"), PlanProblemCode.OverTargetUnitsMetric, where);
                        }

                        if (amounts is { Fixed: null, By: not "product" })
                        {
                            y.Error(YamlNodes.Get(m, "amounts"), PlanProblemCode.AmountsByProduct, where);
                        }

                        break;
                    case PayKind.Commission:
                        rate = ReadValueTable(YamlNodes.Get(m, "target_commission"), where + ".target_commission", required: true, m);
                        periodCommission = ReadValueTable(YamlNodes.Get(m, "period_target_commission"), where + ".period_target_commission", required: false, m);
                        break;
                    case PayKind.Rate:
                        rate = ReadValueTable(YamlNodes.Get(m, "rate"), where + ".rate", required: true, m);
                        break;
                    default:
                        formula = Compile(m, "formula", where, code, pay: true);
                        break;
                }

                var threshold = y.Dec(m, "threshold", where) ?? 0m;
                if (threshold < 0m)
                {
                    y.Error(YamlNodes.Get(m, "threshold"), PlanProblemCode.OutOfRange, "threshold", where, "≥ 0");
                }

                var periods = ReadPeriods(m, where);
                var targetPeriod = PeriodKind.Year;
                if (y.Str(m, "target_period", where) is { } tp)
                {
                    var found = PeriodKinds.Where(p => p.Item1 == tp).Select(p => (PeriodKind?)p.Item2).FirstOrDefault();
                    if (found is null)
                    {
                        y.Error(YamlNodes.Get(m, "target_period"), PlanProblemCode.InvalidChoice, "target_period", where, tp, "month, quarter, half, year");
                    }
                    else
                    {
                        targetPeriod = found.Value;
                    }
                }

                if (kind == PayKind.Bonus)
                {
                    foreach (var card in scorecards.Where(c => c.GradeScale is null && (names is null || names.Contains(c.Code))))
                    {
                        y.Error(item, PlanProblemCode.BonusNeedsGradeScale, where, card.Code);
                    }
                }

                if (kind != PayKind.OverTargetUnits)
                {
                    foreach (var (key, table) in new[] { ("base", baseTable), ("rate", rate), ("target_commission", rate), ("period_target_commission", periodCommission) })
                    {
                        if (table is { By: "product" } && YamlNodes.Get(m, key) is { } n)
                        {
                            y.Error(n, PlanProblemCode.ProductOnlyForAmounts, where + "." + key);
                        }
                    }
                }

                result.Add(new PayComponent
                {
                    Code = code,
                    Name = y.Str(m, "name", where) ?? code,
                    NameEn = y.Str(m, "name_en", where),
                    NameZhTw = y.Str(m, "name_zh_tw", where),
                    Kind = kind.Value,
                    Periods = periods,
                    Match = ReadMatch(YamlNodes.Get(m, "match"), where),
                    Scorecards = names,
                    Metric = metric,
                    Target = target,
                    Base = baseTable,
                    AchievementMetric = achMetric,
                    AchievementTarget = achTarget,
                    AchievementCap = achCap,
                    Threshold = threshold,
                    Rate = rate,
                    Amounts = amounts,
                    PeriodTargetCommission = periodCommission,
                    TargetPeriod = targetPeriod,
                    Formula = formula,
                    ForfeitOnLeave = y.Bool(m, "forfeit_on_leave", where) ?? true,
                    Comment = y.Str(m, "comment", where),
                });
            }

            return result;
        }

        private static readonly string[] PayCommonKeys = ["code", "name", "name_en", "name_zh_tw", "kind", "periods", "match", "scorecards", "forfeit_on_leave", "comment"];

        private static readonly string[] PayAllKeys =
        [
            "code", "name", "name_en", "name_zh_tw", "kind", "periods", "match", "scorecards", "metric", "target", "target_from",
            "base", "achievement", "threshold", "rate", "target_commission", "period_target_commission", "amounts", "target_period", "formula",
            "forfeit_on_leave", "comment",
        ];

        private ValueTable? ReadValueTable(YamlNode? node, string where, bool required, YamlMappingNode parent)
        {
            if (node is null)
            {
                if (required)
                {
                    y.Error(parent, PlanProblemCode.MissingKey, where[(where.LastIndexOf('.') + 1)..], where[..where.LastIndexOf('.')]);
                }

                return null;
            }

            if (node is YamlScalarNode)
            {
                var d = y.Dec(node, where, where);
                if (d is < 0m)
                {
                    y.Error(node, PlanProblemCode.OutOfRange, where, where, "≥ 0");
                }

                return d is null ? null : ValueTable.Of(d.Value);
            }

            var m = y.Map(node, where, "by", "values", "default");
            var by = y.Str(m, "by", where, required: true);
            if (by is not null && by is not ("level" or "tier" or "category" or "position" or "product"))
            {
                y.Error(YamlNodes.Get(m, "by"), PlanProblemCode.InvalidChoice, "by", where, by, "level, tier, category, position, product");
            }

            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var vm = y.Map(YamlNodes.Get(m, "values"), where + ".values");
            if (vm is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "values", where);
                return null;
            }

            foreach (var (k, v) in vm.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                var d = y.Dec(v, key, where);
                if (d is { } dv)
                {
                    if (dv < 0m)
                    {
                        y.Error(v, PlanProblemCode.OutOfRange, key, where, "≥ 0");
                    }

                    values[key] = dv;
                }
            }

            return new ValueTable(by, null, values, y.Dec(m, "default", where));
        }
    }
}
