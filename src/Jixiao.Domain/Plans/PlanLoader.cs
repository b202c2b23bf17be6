using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;
using Jixiao.Formulas;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

/// <summary>
/// Reads a plan YAML file into a validated <see cref="Plan"/>. Every problem is reported at once with
/// line and column; a plan with any error is not returned, so nothing is computed from it.
/// The format is documented in docs/plan-format.md.
/// </summary>
public static class PlanLoader
{
    private static readonly (string, MetricSource)[] Sources =
    [
        ("sales", MetricSource.Sales), ("collections", MetricSource.Collections), ("expenses", MetricSource.Expenses),
        ("activities", MetricSource.Activities), ("input", MetricSource.Input), ("formula", MetricSource.Formula),
    ];

    private static readonly (string, Aggregate)[] Aggregates =
        [("sum", Aggregate.Sum), ("count", Aggregate.Count), ("avg", Aggregate.Avg), ("min", Aggregate.Min), ("max", Aggregate.Max)];

    private static readonly (string, MetricField)[] Fields =
        [("units", MetricField.Units), ("amount", MetricField.Amount), ("cost", MetricField.Cost), ("margin", MetricField.Margin), ("value", MetricField.Value)];

    private static readonly (string, MetricScope)[] Scopes = [("self", MetricScope.Self), ("team", MetricScope.Team)];

    private static readonly (string, Direction)[] Directions = [("higher", Direction.Higher), ("lower", Direction.Lower)];

    private static readonly (string, IfUndefined)[] Undefineds = [("error", IfUndefined.Error), ("zero", IfUndefined.Zero), ("full", IfUndefined.Full)];

    private static readonly (string, PeriodRollup)[] Rollups =
        [("none", PeriodRollup.None), ("sum", PeriodRollup.Sum), ("first", PeriodRollup.First), ("last", PeriodRollup.Last), ("average", PeriodRollup.Average)];

    private static readonly (string, IndicatorCategory)[] Categories = [("result", IndicatorCategory.Result), ("process", IndicatorCategory.Process)];

    private static readonly (string, PeriodKind)[] PeriodKinds =
        [("month", PeriodKind.Month), ("quarter", PeriodKind.Quarter), ("half", PeriodKind.Half), ("year", PeriodKind.Year)];

    private static readonly (string, PayKind)[] PayKinds =
    [
        ("bonus", PayKind.Bonus), ("over_target", PayKind.OverTarget), ("over_target_units", PayKind.OverTargetUnits),
        ("commission", PayKind.Commission), ("rate", PayKind.Rate), ("formula", PayKind.Formula),
    ];

    private static readonly string[] RuleNames = ["ratio", "bands", "deduction", "sum_of_parts", "rating", "formula"];

    /// <summary>Reads and validates a plan file.</summary>
    public static PlanLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PlanLoadResult(null, [new PlanProblem(path, 1, 1, "CannotRead", [ex.Message])]);
        }

        return Load(text, Path.GetFileName(path));
    }

    /// <summary>Reads and validates plan YAML text; <paramref name="file"/> names it in problems.</summary>
    public static PlanLoadResult Load(string yaml, string file = "plan.yaml")
    {
        var y = new YamlNodes(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return new PlanLoadResult(null, [new PlanProblem(file, (int)ex.Start.Line, (int)ex.Start.Column, "YamlSyntax", [ex.InnerException?.Message ?? ex.Message])]);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this for some truncated documents (e.g. an unclosed flow collection).
            var lines = yaml.Split('\n');
            return new PlanLoadResult(null, [new PlanProblem(file, lines.Length, lines[^1].Length + 1, "YamlSyntax", [ex.Message])]);
        }

        if (stream.Documents.Count != 1)
        {
            return new PlanLoadResult(null, [new PlanProblem(file, 1, 1, "OneDocument", [])]);
        }

        var root = y.Map(stream.Documents[0].RootNode, "/", "plan", "tables", "metrics", "grade_scales", "scorecards", "pay");
        if (root is null)
        {
            return new PlanLoadResult(null, y.Problems);
        }

        var reader = new Reader(y, yaml.Split('\n'));
        var plan = reader.Read(root);
        var problems = y.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return new PlanLoadResult(y.HasErrors ? null : plan, problems);
    }

    private sealed class Reader(YamlNodes y, string[] lines)
    {
        private readonly List<MetricDefinition> _metrics = [];
        private readonly Dictionary<string, int> _metricIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<string, BandTable> _tables = new(StringComparer.Ordinal);
        private VariableCatalogue _variables = new([]);

        public Plan? Read(YamlMappingNode root)
        {
            var header = y.Map(YamlNodes.Get(root, "plan"), "plan", "code", "name", "name_en", "version", "effective_from", "description", "currency");
            if (header is null)
            {
                y.Error(root, "MissingKey", "plan", "/");
            }

            var code = y.Str(header, "code", "plan", required: true);
            if (code is not null && !IsPlanCode(code))
            {
                y.Error(YamlNodes.Get(header, "code"), "InvalidPlanCode", code);
                code = null;
            }

            var name = y.Str(header, "name", "plan", required: true);
            var version = y.Int(header, "version", "plan") ?? 1;
            if (version < 1)
            {
                y.Error(YamlNodes.Get(header, "version"), "OutOfRange", "version", "plan", "1");
            }

            var effective = y.Date(header, "effective_from", "plan") ?? new DateOnly(2000, 1, 1);
            var currency = y.Str(header, "currency", "plan");
            if (currency is not null && currency != "CNY")
            {
                y.Error(YamlNodes.Get(header, "currency"), "UnsupportedCurrency", currency);
            }

            ReadTables(YamlNodes.Get(root, "tables"));
            var metricsNode = y.Map(YamlNodes.Get(root, "metrics"), "metrics");
            if (metricsNode is null)
            {
                y.Error(root, "MissingKey", "metrics", "/");
            }

            var metricNodes = DeclareMetrics(metricsNode);
            BuildCatalogue();
            var metrics = ReadMetrics(metricNodes);
            _metrics.AddRange(metrics);
            CheckFormulaMetricCycles(metrics, metricNodes);
            var scales = ReadGradeScales(YamlNodes.Get(root, "grade_scales"));
            var scorecards = ReadScorecards(YamlNodes.Get(root, "scorecards"), scales);
            var pay = ReadPay(YamlNodes.Get(root, "pay"), scorecards);

            if (code is null || name is null)
            {
                return null;
            }

            return new Plan
            {
                Code = code,
                Name = name,
                NameEn = y.Str(header, "name_en", "plan"),
                Version = version,
                EffectiveFrom = effective,
                Description = y.Str(header, "description", "plan"),
                Metrics = metrics,
                Scorecards = scorecards,
                GradeScales = scales,
                Pay = pay,
                Variables = _variables,
            };
        }

        /// <summary>Plan codes also name files, so hyphens are allowed: lowercase letters, digits, '-' and '_'.</summary>
        private static bool IsPlanCode(string s) =>
            s.Length is > 0 and <= 64 && (char.IsAsciiLetterLower(s[0]) || char.IsAsciiDigit(s[0]))
            && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

        private void ReadTables(YamlNode? node)
        {
            var map = y.Map(node, "tables");
            if (map is null)
            {
                return;
            }

            foreach (var (k, v) in map.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                var where = "tables." + name;
                if (!YamlNodes.IsCode(name))
                {
                    y.Error(k, "InvalidCode", name, "tables");
                    continue;
                }

                var seq = y.Seq(v, where);
                if (seq is null)
                {
                    continue;
                }

                var rows = new List<BandRow>();
                var ok = true;
                foreach (var item in seq)
                {
                    var row = y.Map(item, where, "from", "to", "value");
                    var from = y.Dec(row, "from", where, required: true);
                    var to = y.Dec(row, "to", where);
                    var value = y.Dec(row, "value", where, required: true);
                    if (from is null || value is null)
                    {
                        ok = false;
                        continue;
                    }

                    rows.Add(new BandRow(from.Value, to, value.Value));
                }

                if (!ok)
                {
                    continue;
                }

                if (!CheckContiguous(v, where, rows.Select(r => (r.From, r.To)).ToList(), requireZeroStart: false))
                {
                    continue;
                }

                try
                {
                    _tables[name] = new BandTable(name, rows);
                }
                catch (FormulaException ex)
                {
                    y.Error(v, "InvalidTable", where, ex.Message);
                }
            }
        }

        /// <summary>Checks [from, to) ranges for order, gaps and overlaps; only the last may be open.</summary>
        private bool CheckContiguous(YamlNode node, string where, List<(decimal From, decimal? To)> ranges, bool requireZeroStart)
        {
            var ok = true;
            if (ranges.Count == 0)
            {
                y.Error(node, "EmptyList", where);
                return false;
            }

            if (requireZeroStart && ranges[0].From != 0m)
            {
                y.Error(node, "BandsMustStartAtZero", where, Num(ranges[0].From));
                ok = false;
            }

            for (var i = 0; i < ranges.Count; i++)
            {
                var (from, to) = ranges[i];
                if (to is { } t && t <= from)
                {
                    y.Error(node, "BandEmpty", where, (i + 1).ToString(CultureInfo.InvariantCulture), Num(from), Num(t));
                    ok = false;
                }

                if (i + 1 < ranges.Count)
                {
                    var next = ranges[i + 1].From;
                    if (to is null)
                    {
                        y.Error(node, "BandOpenNotLast", where, (i + 1).ToString(CultureInfo.InvariantCulture));
                        ok = false;
                    }
                    else if (to < next)
                    {
                        y.Error(node, "BandGap", where, Num(to.Value), Num(next));
                        ok = false;
                    }
                    else if (to > next)
                    {
                        y.Error(node, "BandOverlap", where, Num(next), Num(to.Value));
                        ok = false;
                    }
                }
            }

            return ok;
        }

        private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

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
                    y.Error(k, "InvalidCode", code, "metrics");
                    continue;
                }

                if (code.EndsWith("_target", StringComparison.Ordinal) || code.EndsWith("_challenge", StringComparison.Ordinal)
                    || code is "total" or "coefficient" or "base" or "achievement")
                {
                    y.Error(k, "ReservedName", code);
                    continue;
                }

                _metricIndex[code] = list.Count;
                list.Add((code, k, y.Map(v, "metrics." + code, MetricAllKeys)));
            }

            return list;
        }

        private void BuildCatalogue()
        {
            var codes = _metricIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToList();
            var names = new List<string>(codes);
            names.AddRange(codes.Select(c => c + "_target"));
            names.AddRange(codes.Select(c => c + "_challenge"));
            names.AddRange(["total", "coefficient"]);
            _variables = new VariableCatalogue(names);
        }

        private CompiledFormula? Compile(YamlMappingNode? map, string key, string where, string name, bool pay = false)
        {
            var node = YamlNodes.Get(map, key);
            var source = y.Str(map, key, where, required: true);
            if (source is null)
            {
                return null;
            }

            if (FormulaCompiler.TryCompile(name, source, _variables, _tables, null, out var formula, out var errors))
            {
                var payOnly = 3 * _metricIndex.Count;
                if (!pay && formula!.ReferencedSlots.Any(slot => slot >= payOnly))
                {
                    y.Error(node, "VariableOnlyInPay", where);
                    return null;
                }

                return formula;
            }

            foreach (var e in errors)
            {
                var (line, column) = PositionInFile(node, e.Line, e.Column);
                y.Problems.Add(new PlanProblem(y.File, line, column, "Formula", [where, e.Format(CultureInfo.InvariantCulture)]) { FormulaError = e });
            }

            return null;
        }

        private static readonly string[] MetricAllKeys =
        [
            "name", "name_en", "description", "source", "aggregate", "field", "scope", "kinds", "products", "categories",
            "contract_age_rates", "formula", "rollup", "default", "direction", "unit",
        ];

        private static readonly string[] MetricCommonKeys = ["name", "name_en", "description", "source", "scope", "direction", "unit"];

        private static string[] MetricKeys(MetricSource source) => source switch
        {
            MetricSource.Sales => [.. MetricCommonKeys, "aggregate", "field", "products", "contract_age_rates"],
            MetricSource.Collections => [.. MetricCommonKeys, "aggregate", "field", "contract_age_rates"],
            MetricSource.Expenses => [.. MetricCommonKeys, "aggregate", "field", "categories"],
            MetricSource.Activities => [.. MetricCommonKeys, "aggregate", "field", "kinds"],
            MetricSource.Input => [.. MetricCommonKeys, "rollup", "default"],
            _ => [.. MetricCommonKeys, "formula"],
        };

        /// <summary>Reports keys that the chosen rule, kind or source would silently ignore.</summary>
        private void CheckKeys(YamlMappingNode? map, string where, string code, string what, string[] allowed, string[] known)
        {
            if (map is null)
            {
                return;
            }

            foreach (var key in map.Children.Keys)
            {
                var k = (key as YamlScalarNode)?.Value ?? "";
                // Keys unknown everywhere were already reported as UnknownKey.
                if (Array.IndexOf(allowed, k) < 0 && Array.IndexOf(known, k) >= 0)
                {
                    y.Error(key, code, k, where, what);
                }
            }
        }

        /// <summary>Maps a line/column inside a formula to the plan file, for inline, quoted and block scalars.</summary>
        private (int Line, int Column) PositionInFile(YamlNode? node, int line, int column)
        {
            var start = YamlNodes.MarkOf(node);
            if (node is YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded })
            {
                // Block scalar: the text starts on the line after the '|' or '>' indicator, indented.
                var fileLine = start.Line + line;
                var first = start.Line < lines.Length ? lines[start.Line] : "";
                var indent = first.Length - first.TrimStart(' ').Length;
                return (fileLine, indent + column);
            }

            var quoted = node is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } ? 1 : 0;
            return line <= 1 ? (start.Line, start.Column + quoted + column - 1) : (start.Line + line - 1, column);
        }

        private List<MetricDefinition> ReadMetrics(List<(string Code, YamlNode Key, YamlMappingNode? Node)> nodes)
        {
            var result = new List<MetricDefinition>();
            foreach (var (code, key, m) in nodes)
            {
                var where = "metrics." + code;
                var source = y.Enum(m, "source", where, Sources);
                if (source is null && m is not null && YamlNodes.Get(m, "source") is null)
                {
                    y.Error(m, "MissingKey", "source", where);
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
                    y.Error(YamlNodes.Get(m, "field"), "FieldNotForSource", field.ToString().ToLowerInvariant(), where, src.ToString().ToLowerInvariant());
                }

                if (source is not null)
                {
                    CheckKeys(m, where, "KeyNotForSource", src.ToString().ToLowerInvariant(), MetricKeys(src), MetricAllKeys);
                }

                if (src is not (MetricSource.Input or MetricSource.Formula) && aggregate != Aggregate.Count && field == MetricField.None)
                {
                    y.Error(m, "AggregateNeedsField", where, aggregate.ToString().ToLowerInvariant());
                }

                var rates = ReadContractAgeRates(m, where, src, field);
                if (rates is not null && aggregate != Aggregate.Sum)
                {
                    y.Error(YamlNodes.Get(m, "contract_age_rates"), "ContractAgeNeedsSum", where);
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
                y.Error(node, "ContractAgeNeedsAmount", where);
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
                        y.Error(item, "MissingKey", "from_month", w);
                    }

                    return null;
                }

                if (rate < 0m || rate > 1m)
                {
                    y.Error(YamlNodes.Get(r, "rate"), "OutOfRange", "rate", w, "0–1");
                }

                list.Add(new ContractAgeRate(from.Value, to, rate.Value));
            }

            var ranges = list.Select(r => ((decimal)r.FromMonth, r.ToMonth is { } t ? (decimal?)(t + 1) : null)).ToList();
            if (list.Count > 0 && list[0].FromMonth != 1)
            {
                y.Error(node, "ContractAgeStart", w);
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
                    y.Error(nodes[i].Key, "MetricCycle", metrics[i].Code);
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
                            y.Error(nodes[i].Key, "MetricFormulaVariable", metrics[i].Code, _variables.NameOf(slot));
                        }
                    }
                }

                state[i] = 2;
                return false;
            }
        }

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
                    y.Error(k, "InvalidCode", code, "grade_scales");
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
                        y.Error(item, "MissingKey", "coefficient", where);
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
                        y.Error(raw[i].Node, "OverNeedsRange", where);
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
                    y.Error(v, "DuplicateCode", dup.Key, where);
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
                    y.Error(node, "OutOfRange", "coefficient", where, "≥ 0");
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
                    y.Error(over, "OverNeedsTwo", where);
                    return null;
                }
            }

            if (from is null || to is null)
            {
                return null;
            }

            if (from < 0m || to < 0m)
            {
                y.Error(node, "OutOfRange", "coefficient", where, "≥ 0");
                return null;
            }

            return new RawCoefficient(from.Value, to.Value, overFrom, overTo);
        }

        private List<Scorecard> ReadScorecards(YamlNode? node, Dictionary<string, GradeScale> scales)
        {
            var result = new List<Scorecard>();
            var map = y.Map(node, "scorecards");
            if (map is null)
            {
                y.Error(node, "MissingKey", "scorecards", "/");
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                var code = (k as YamlScalarNode)?.Value ?? "";
                var where = "scorecards." + code;
                if (!YamlNodes.IsCode(code))
                {
                    y.Error(k, "InvalidCode", code, "scorecards");
                    continue;
                }

                var s = y.Map(v, where, "name", "name_en", "match", "periods", "grade_scale", "indicators", "description");
                if (s is null)
                {
                    continue;
                }

                var match = ReadMatch(YamlNodes.Get(s, "match"), where);
                var periods = ReadPeriods(s, where);
                var scale = y.Str(s, "grade_scale", where);
                if (scale is not null && !scales.ContainsKey(scale))
                {
                    y.Error(YamlNodes.Get(s, "grade_scale"), "UnknownGradeScale", scale, where);
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
                    y.Error(s, "MissingKey", "grade_scale", where);
                }

                var indicators = new List<Indicator>();
                var seq = y.Seq(YamlNodes.Get(s, "indicators"), where + ".indicators");
                if (seq is null)
                {
                    y.Error(s, "MissingKey", "indicators", where);
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
                        y.Error(item, "DuplicateCode", ind.Code, where);
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
                    y.Error(seq, "WeightsNot100", where, Num(declared));
                }

                result.Add(new Scorecard
                {
                    Code = code,
                    Name = y.Str(s, "name", where) ?? code,
                    NameEn = y.Str(s, "name_en", where),
                    Match = match,
                    Periods = periods,
                    Indicators = indicators,
                    GradeScale = scale,
                    Mark = YamlNodes.MarkOf(k),
                });
            }

            if (map.Children.Count == 0)
            {
                y.Error(map, "EmptyList", "scorecards");
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
                y.Error(node, "WeightsNot100", where, Num(total));
                return;
            }

            // Seed 002: result indicators 70–80 points, process 20–30 — advice, not a rule.
            if (result < 70m || result > 80m)
            {
                y.Warning(node, "ResultWeightAdvice", where, Num(result), Num(process));
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
                    y.Error(YamlNodes.Get(m, key), "EmptyList", where + ".match." + key);
                }
            }

            return new EmployeeMatch(position, category, level);
        }

        private List<PeriodKind> ReadPeriods(YamlMappingNode map, string where)
        {
            var names = y.StrList(map, "periods", where);
            if (names is null)
            {
                y.Error(map, "MissingKey", "periods", where);
                return [];
            }

            if (names.Count == 0)
            {
                y.Error(YamlNodes.Get(map, "periods"), "EmptyList", where + ".periods");
            }

            var list = new List<PeriodKind>();
            foreach (var n in names)
            {
                var found = PeriodKinds.Where(p => p.Item1 == n).Select(p => (PeriodKind?)p.Item2).FirstOrDefault();
                if (found is null)
                {
                    y.Error(YamlNodes.Get(map, "periods"), "InvalidChoice", "periods", where, n, "month, quarter, half, year");
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
                Category = category,
                Rule = rule,
                Comment = y.Str(m, "comment", where),
            };
        }

        private static readonly string[] IndicatorKeys =
        [
            "code", "name", "name_en", "category", "comment", "points", "rule", "metric", "target", "target_from", "denominator",
            "cap", "direction", "if_undefined", "bands", "per_event", "parts", "rubric", "formula",
        ];

        private static readonly string[] PartKeys =
        [
            "name", "comment", "points", "rule", "metric", "target", "target_from", "denominator",
            "cap", "direction", "if_undefined", "bands", "per_event", "parts", "rubric", "formula",
        ];

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
                y.Error(ruleNode, "InvalidChoice", "rule", where, rule, string.Join(", ", RuleNames));
                return null;
            }

            string[] common = isPart ? ["name", "comment", "points", "rule"] : ["code", "name", "name_en", "category", "comment", "points", "rule"];
            string[] specific = rule switch
            {
                "ratio" => ["metric", "target", "target_from", "denominator", "cap", "direction", "if_undefined"],
                "bands" => ["metric", "target", "target_from", "denominator", "direction", "if_undefined", "bands"],
                "deduction" => ["metric", "per_event"],
                "sum_of_parts" => ["parts"],
                "rating" => ["rubric"],
                _ => ["formula", "cap"],
            };
            CheckKeys(m, where, "KeyNotForRule", rule, [.. common, .. specific], isPart ? PartKeys : IndicatorKeys);

            var points = y.Dec(m, "points", where);
            if (points is null && rule != "sum_of_parts")
            {
                if (YamlNodes.Get(m, "points") is null)
                {
                    y.Error(m, "MissingKey", "points", where);
                }

                return null;
            }

            if (points is { } p && p <= 0m)
            {
                y.Error(YamlNodes.Get(m, "points"), "OutOfRange", "points", where, "> 0");
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
                            y.Error(YamlNodes.Get(m, "cap"), "OutOfRange", "cap", where, "0 < cap ≤ 10");
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
                            y.Error(YamlNodes.Get(m, "per_event"), "OutOfRange", "per_event", where, "> 0");
                            return null;
                        }

                        return metric < 0 || per is null ? null : new DeductionRule(points!.Value, metric, per.Value);
                    }

                case "sum_of_parts":
                    {
                        var seq = y.Seq(YamlNodes.Get(m, "parts"), where + ".parts");
                        if (seq is null)
                        {
                            y.Error(m, "MissingKey", "parts", where);
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
                                parts.Add(new ScoringPart(name, sub));
                            }
                        }

                        if (parts.Count != seq.Children.Count)
                        {
                            return null;
                        }

                        var sum = parts.Sum(x => x.Rule.Points);
                        if (points is { } declared && declared != sum)
                        {
                            y.Error(YamlNodes.Get(m, "points"), "PartsNotSumming", where, Num(sum), Num(declared));
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
                                    y.Error(item, "RubricOutOfRange", where, level, Num(min.Value), Num(max.Value), Num(points!.Value));
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
                            y.Error(YamlNodes.Get(m, "cap"), "OutOfRange", "cap", where, "0 < cap ≤ 10");
                        }

                        return formula is null ? null : new FormulaRule(points!.Value, formula, cap);
                    }
            }
        }

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

            y.Error(YamlNodes.Get(m, key), "UnknownMetric", code, where);
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
                        y.Error(YamlNodes.Get(m, "target"), "OutOfRange", "target", where, "> 0");
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
                y.Error(m, "OneTargetSource", where);
                return null;
            }

            if (given == 0 && metric >= 0)
            {
                return new TargetSource.FromTargets(CodeOf(metric));
            }

            return target;
        }

        private string CodeOf(int index) => _metricIndex.First(kv => kv.Value == index).Key;

        private List<ScoreBand>? ReadBands(YamlMappingNode m, string where, decimal points)
        {
            var node = YamlNodes.Get(m, "bands");
            var seq = y.Seq(node, where + ".bands");
            if (seq is null)
            {
                y.Error(m, "MissingKey", "bands", where);
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
                    y.Error(item, "BandPointsInvalid", where, Num(min.Value), Num(max.Value));
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
                    y.Error(node, "BandAboveCap", where, Num(b.Max), Num(points * cap));
                    return null;
                }
            }

            return bands;
        }

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
                    y.Error(item, "DuplicateCode", code, "pay");
                }

                var kind = y.Enum(m, "kind", where, PayKinds);
                if (kind is null)
                {
                    if (YamlNodes.Get(m, "kind") is null)
                    {
                        y.Error(m, "MissingKey", "kind", where);
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
                CheckKeys(m, where, "KeyNotForKind", PayKinds.First(k => k.Item2 == kind).Item1, [.. PayCommonKeys, .. specific], PayAllKeys);

                var names = y.StrList(m, "scorecards", where);
                if (names is not null)
                {
                    foreach (var n in names.Where(n => !scorecards.Exists(s => s.Code == n)))
                    {
                        y.Error(YamlNodes.Get(m, "scorecards"), "UnknownScorecard", n, where);
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
                                    y.Error(YamlNodes.Get(a, "cap"), "OutOfRange", "cap", where, "> 0");
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
                            y.Error(YamlNodes.Get(m, "metric"), "OverTargetUnitsMetric", where);
                        }

                        if (amounts is { Fixed: null, By: not "product" })
                        {
                            y.Error(YamlNodes.Get(m, "amounts"), "AmountsByProduct", where);
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
                    y.Error(YamlNodes.Get(m, "threshold"), "OutOfRange", "threshold", where, "≥ 0");
                }

                var periods = ReadPeriods(m, where);
                var targetPeriod = PeriodKind.Year;
                if (y.Str(m, "target_period", where) is { } tp)
                {
                    var found = PeriodKinds.Where(p => p.Item1 == tp).Select(p => (PeriodKind?)p.Item2).FirstOrDefault();
                    if (found is null)
                    {
                        y.Error(YamlNodes.Get(m, "target_period"), "InvalidChoice", "target_period", where, tp, "month, quarter, half, year");
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
                        y.Error(item, "BonusNeedsGradeScale", where, card.Code);
                    }
                }

                if (kind != PayKind.OverTargetUnits)
                {
                    foreach (var (key, table) in new[] { ("base", baseTable), ("rate", rate), ("target_commission", rate), ("period_target_commission", periodCommission) })
                    {
                        if (table is { By: "product" } && YamlNodes.Get(m, key) is { } n)
                        {
                            y.Error(n, "ProductOnlyForAmounts", where + "." + key);
                        }
                    }
                }

                result.Add(new PayComponent
                {
                    Code = code,
                    Name = y.Str(m, "name", where) ?? code,
                    NameEn = y.Str(m, "name_en", where),
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

        private static readonly string[] PayCommonKeys = ["code", "name", "name_en", "kind", "periods", "match", "scorecards", "forfeit_on_leave", "comment"];

        private static readonly string[] PayAllKeys =
        [
            "code", "name", "name_en", "kind", "periods", "match", "scorecards", "metric", "target", "target_from",
            "base", "achievement", "threshold", "rate", "target_commission", "period_target_commission", "amounts", "target_period", "formula",
            "forfeit_on_leave", "comment",
        ];

        private ValueTable? ReadValueTable(YamlNode? node, string where, bool required, YamlMappingNode parent)
        {
            if (node is null)
            {
                if (required)
                {
                    y.Error(parent, "MissingKey", where[(where.LastIndexOf('.') + 1)..], where[..where.LastIndexOf('.')]);
                }

                return null;
            }

            if (node is YamlScalarNode)
            {
                var d = y.Dec(node, where, where);
                if (d is < 0m)
                {
                    y.Error(node, "OutOfRange", where, where, "≥ 0");
                }

                return d is null ? null : ValueTable.Of(d.Value);
            }

            var m = y.Map(node, where, "by", "values", "default");
            var by = y.Str(m, "by", where, required: true);
            if (by is not null && by is not ("level" or "tier" or "category" or "position" or "product"))
            {
                y.Error(YamlNodes.Get(m, "by"), "InvalidChoice", "by", where, by, "level, tier, category, position, product");
            }

            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var vm = y.Map(YamlNodes.Get(m, "values"), where + ".values");
            if (vm is null)
            {
                y.Error(m, "MissingKey", "values", where);
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
                        y.Error(v, "OutOfRange", key, where, "≥ 0");
                    }

                    values[key] = dv;
                }
            }

            return new ValueTable(by, null, values, y.Dec(m, "default", where));
        }
    }
}
