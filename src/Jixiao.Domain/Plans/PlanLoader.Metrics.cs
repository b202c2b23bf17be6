using Jixiao.Domain.Compensation;
using Jixiao.Formulas;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §5, `metrics`: sources, fields, scope, contract-age weighting, input and formula metrics.
    private sealed partial class Reader
    {
        private List<(string Code, YamlNode Key, YamlMappingNode? Node)> DeclareMetrics(YamlMappingNode? map)
        {
            var list = new List<(string, YamlNode, YamlMappingNode?)>();
            if (map is null)
            {
                return list;
            }

            foreach (var (k, v) in map.Children)
            {
                var code = (k as YamlScalarNode)?.Value ?? "";
                if (!YamlNodes.IsCode(code))
                {
                    y.Error(k, PlanProblemCode.InvalidCode, code, "metrics");
                    continue;
                }

                if (code.EndsWith("_target", StringComparison.Ordinal) || code.EndsWith("_challenge", StringComparison.Ordinal)
                    || code is "total" or "coefficient" or "base" or "achievement")
                {
                    y.Error(k, PlanProblemCode.ReservedName, code);
                    continue;
                }

                _metricIndex[code] = list.Count;
                list.Add((code, k, y.Map(v, "metrics." + code, MetricAllKeys)));
            }

            return list;
        }

        private static readonly string[] MetricAllKeys =
        [
            "name", "name_en", "name_zh_tw", "description", "source", "aggregate", "field", "scope", "kinds", "products", "categories",
            "contract_age_rates", "formula", "rollup", "default", "direction", "unit",
        ];

        private static readonly string[] MetricCommonKeys = ["name", "name_en", "name_zh_tw", "description", "source", "scope", "direction", "unit"];

        private static string[] MetricKeys(MetricSource source) => source switch
        {
            MetricSource.Sales => [.. MetricCommonKeys, "aggregate", "field", "products", "contract_age_rates"],
            MetricSource.Collections => [.. MetricCommonKeys, "aggregate", "field", "contract_age_rates"],
            MetricSource.Expenses => [.. MetricCommonKeys, "aggregate", "field", "categories"],
            MetricSource.Activities => [.. MetricCommonKeys, "aggregate", "field", "kinds"],
            MetricSource.Input => [.. MetricCommonKeys, "rollup", "default"],
            _ => [.. MetricCommonKeys, "formula"],
        };

        private List<MetricDefinition> ReadMetrics(List<(string Code, YamlNode Key, YamlMappingNode? Node)> nodes)
        {
            var result = new List<MetricDefinition>();
            foreach (var (code, key, m) in nodes)
            {
                var where = "metrics." + code;
                var source = y.Enum(m, "source", where, Sources);
                if (source is null && m is not null && YamlNodes.Get(m, "source") is null)
                {
                    y.Error(m, PlanProblemCode.MissingKey, "source", where);
                }

                var field = y.Enum(m, "field", where, Fields) ?? MetricField.None;
                var aggregate = y.Enum(m, "aggregate", where, Aggregates)
                    ?? (field == MetricField.None ? Aggregate.Count : Aggregate.Sum);
                var kinds = y.StrList(m, "kinds", where);
                var products = y.StrList(m, "products", where);
                var categories = y.StrList(m, "categories", where);
                var src = source ?? MetricSource.Input;

                MetricField[] allowedFields = src switch
                {
                    MetricSource.Sales => [MetricField.Units, MetricField.Amount, MetricField.Cost, MetricField.Margin],
                    MetricSource.Collections or MetricSource.Expenses => [MetricField.Amount],
                    MetricSource.Activities => [MetricField.Value],
                    _ => [],
                };
                if (field != MetricField.None && Array.IndexOf(allowedFields, field) < 0)
                {
                    y.Error(YamlNodes.Get(m, "field"), PlanProblemCode.FieldNotForSource, field.ToString().ToLowerInvariant(), where, src.ToString().ToLowerInvariant());
                }

                if (source is not null)
                {
                    CheckKeys(m, where, PlanProblemCode.KeyNotForSource, src.ToString().ToLowerInvariant(), MetricKeys(src), MetricAllKeys);
                }

                if (src is not (MetricSource.Input or MetricSource.Formula) && aggregate != Aggregate.Count && field == MetricField.None)
                {
                    y.Error(m, PlanProblemCode.AggregateNeedsField, where, aggregate.ToString().ToLowerInvariant());
                }

                var rates = ReadContractAgeRates(m, where, src, field);
                if (rates is not null && aggregate != Aggregate.Sum)
                {
                    y.Error(YamlNodes.Get(m, "contract_age_rates"), PlanProblemCode.ContractAgeNeedsSum, where);
                }

                CompiledFormula? formula = null;
                if (src == MetricSource.Formula)
                {
                    formula = Compile(m, "formula", where, code);
                }

                var rollup = y.Enum(m, "rollup", where, Rollups) ?? PeriodRollup.None;

                result.Add(new MetricDefinition
                {
                    Code = code,
                    Index = result.Count,
                    Name = y.Str(m, "name", where) ?? code,
                    NameEn = y.Str(m, "name_en", where),
                    NameZhTw = y.Str(m, "name_zh_tw", where),
                    Source = src,
                    Aggregate = aggregate,
                    Field = field,
                    Scope = y.Enum(m, "scope", where, Scopes) ?? MetricScope.Self,
                    Kinds = kinds,
                    Products = products,
                    Categories = categories,
                    ContractAgeRates = rates,
                    Formula = formula,
                    Rollup = rollup,
                    Default = y.Dec(m, "default", where),
                    Direction = y.Enum(m, "direction", where, Directions) ?? Direction.Higher,
                    Unit = y.Str(m, "unit", where),
                    Mark = YamlNodes.MarkOf(key),
                });
            }

            return result;
        }

        private List<ContractAgeRate>? ReadContractAgeRates(YamlMappingNode? m, string where, MetricSource src, MetricField field)
        {
            var node = YamlNodes.Get(m, "contract_age_rates");
            if (node is null)
            {
                return null;
            }

            var w = where + ".contract_age_rates";
            if (src is not (MetricSource.Sales or MetricSource.Collections) || field != MetricField.Amount)
            {
                y.Error(node, PlanProblemCode.ContractAgeNeedsAmount, where);
                return null;
            }

            var seq = y.Seq(node, w);
            if (seq is null)
            {
                return null;
            }

            var list = new List<ContractAgeRate>();
            foreach (var item in seq)
            {
                var r = y.Map(item, w, "from_month", "to_month", "rate");
                var from = y.Int(r, "from_month", w);
                var to = y.Int(r, "to_month", w);
                var rate = y.Dec(r, "rate", w, required: true);
                if (from is null || rate is null)
                {
                    if (from is null)
                    {
                        y.Error(item, PlanProblemCode.MissingKey, "from_month", w);
                    }

                    return null;
                }

                if (rate < 0m || rate > 1m)
                {
                    y.Error(YamlNodes.Get(r, "rate"), PlanProblemCode.OutOfRange, "rate", w, "0–1");
                }

                list.Add(new ContractAgeRate(from.Value, to, rate.Value));
            }

            var ranges = list.Select(r => ((decimal)r.FromMonth, r.ToMonth is { } t ? (decimal?)(t + 1) : null)).ToList();
            if (list.Count > 0 && list[0].FromMonth != 1)
            {
                y.Error(node, PlanProblemCode.ContractAgeStart, w);
                return null;
            }

            return CheckContiguous(node, w, ranges, requireZeroStart: false) ? list : null;
        }

        private void CheckFormulaMetricCycles(List<MetricDefinition> metrics, List<(string Code, YamlNode Key, YamlMappingNode? Node)> nodes)
        {
            var count = metrics.Count;
            var state = new int[count];
            for (var i = 0; i < count; i++)
            {
                if (Visit(i))
                {
                    y.Error(nodes[i].Key, PlanProblemCode.MetricCycle, metrics[i].Code);
                    return;
                }
            }

            bool Visit(int i)
            {
                if (state[i] == 2)
                {
                    return false;
                }

                if (state[i] == 1)
                {
                    return true;
                }

                state[i] = 1;
                if (metrics[i].Formula is { } f)
                {
                    foreach (var slot in f.ReferencedSlots)
                    {
                        if (slot < count && Visit(slot))
                        {
                            return true;
                        }

                        if (slot >= count)
                        {
                            y.Error(nodes[i].Key, PlanProblemCode.MetricFormulaVariable, metrics[i].Code, _variables.NameOf(slot));
                        }
                    }
                }

                state[i] = 2;
                return false;
            }
        }
    }
}
