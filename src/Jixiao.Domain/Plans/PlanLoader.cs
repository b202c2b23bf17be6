using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;
using Jixiao.Formulas;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

/// <summary>
/// Reads a plan YAML file into a validated <see cref="Plan"/>. Every problem is reported at once with
/// line and column; a plan with any error is not returned, so nothing is computed from it.
/// The format is documented in docs/plan-format.md.
/// </summary>
public static partial class PlanLoader
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
            text = YamlLimits.ReadFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PlanLoadResult(null, [new PlanProblem(path, 1, 1, PlanProblemCode.CannotRead, [ex.Message])]);
        }

        return Load(text, Path.GetFileName(path));
    }

    /// <summary>Reads and validates plan YAML text; <paramref name="file"/> names it in problems.</summary>
    public static PlanLoadResult Load(string yaml, string file = "plan.yaml")
    {
        if (YamlLimits.Check(yaml, file) is { } beyond) return new PlanLoadResult(null, [beyond]);
        var y = new YamlNodes(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return new PlanLoadResult(null, [new PlanProblem(file, (int)ex.Start.Line, (int)ex.Start.Column, PlanProblemCode.YamlSyntax, [ex.InnerException?.Message ?? ex.Message])]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some truncated documents; YamlLimits.Check, reading the same events,
            // reports them where they begin, so this is only a safety net (never the exception's own English text).
            var lines = yaml.Split('\n');
            return new PlanLoadResult(null, [new PlanProblem(file, lines.Length, lines[^1].Length + 1, PlanProblemCode.YamlUnreadable, [])]);
        }

        if (stream.Documents.Count != 1)
        {
            return new PlanLoadResult(null, [new PlanProblem(file, 1, 1, PlanProblemCode.OneDocument, [])]);
        }

        var root = y.Map(stream.Documents[0].RootNode, "/", "plan", "tables", "metrics", "grade_scales", "scorecards", "pay", "payment", "careers", "cost_control", "credits", "awards", "team_rewards", "year_end_bonus", "evaluation", "grades",
            "positions", "levels", "categories", "tiers");
        if (root is null)
        {
            return new PlanLoadResult(null, y.Problems);
        }

        var reader = new Reader(y, yaml.Split('\n'));
        var plan = reader.Read(root);
        var problems = y.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return new PlanLoadResult(y.HasErrors ? null : plan, problems);
    }

    private sealed partial class Reader(YamlNodes y, string[] lines)
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
                y.Error(root, PlanProblemCode.MissingKey, "plan", "/");
            }

            var code = y.Str(header, "code", "plan", required: true);
            if (code is not null && !IsPlanCode(code))
            {
                y.Error(YamlNodes.Get(header, "code"), PlanProblemCode.InvalidPlanCode, code);
                code = null;
            }

            var name = y.Str(header, "name", "plan", required: true);
            var version = y.Int(header, "version", "plan") ?? 1;
            if (version < 1)
            {
                y.Error(YamlNodes.Get(header, "version"), PlanProblemCode.OutOfRange, "version", "plan", "1");
            }

            var effective = y.Date(header, "effective_from", "plan") ?? new DateOnly(2000, 1, 1);
            var currency = y.Str(header, "currency", "plan");
            if (currency is not null && currency != "CNY")
            {
                y.Error(YamlNodes.Get(header, "currency"), PlanProblemCode.UnsupportedCurrency, currency);
            }

            ReadTables(YamlNodes.Get(root, "tables"));
            var metricsNode = y.Map(YamlNodes.Get(root, "metrics"), "metrics");
            if (metricsNode is null)
            {
                y.Error(root, PlanProblemCode.MissingKey, "metrics", "/");
            }

            var metricNodes = DeclareMetrics(metricsNode);
            BuildCatalogue();
            var metrics = ReadMetrics(metricNodes);
            _metrics.AddRange(metrics);
            CheckFormulaMetricCycles(metrics, metricNodes);
            var scales = ReadGradeScales(YamlNodes.Get(root, "grade_scales"));
            var scorecards = ReadScorecards(YamlNodes.Get(root, "scorecards"), scales);
            var pay = ReadPay(YamlNodes.Get(root, "pay"), scorecards);
            var saleCredits = ReadSaleCredits(YamlNodes.Get(root, "credits"));
            var awards = ReadAwards(YamlNodes.Get(root, "awards"), pay);
            var teamRewards = ReadTeamRewards(YamlNodes.Get(root, "team_rewards"), pay, awards, scorecards);
            var yearEnd = ReadYearEnd(YamlNodes.Get(root, "year_end_bonus"), pay, awards, teamRewards, scorecards);
            var payment = ReadPayment(YamlNodes.Get(root, "payment"), pay, scorecards, Scheduled(awards, teamRewards, yearEnd));
            var careers = ReadCareers(YamlNodes.Get(root, "careers"), scorecards);
            var costControl = ReadCostControl(YamlNodes.Get(root, "cost_control"), pay, scorecards);
            var evaluation = ReadEvaluation(YamlNodes.Get(root, "evaluation"));
            var grades = ReadGrades(YamlNodes.Get(root, "grades"), scales);
            var positions = ReadAttributes(YamlNodes.Get(root, "positions"), "positions", positions: true);
            var levels = ReadAttributes(YamlNodes.Get(root, "levels"), "levels", positions: false);
            var categories = ReadAttributes(YamlNodes.Get(root, "categories"), "categories", positions: false);
            var tiers = ReadAttributes(YamlNodes.Get(root, "tiers"), "tiers", positions: false);

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
                Payment = payment,
                Careers = careers,
                CostControl = costControl,
                SaleCredits = saleCredits,
                Awards = awards,
                TeamRewards = teamRewards,
                YearEndBonus = yearEnd,
                Evaluation = evaluation,
                Grades = grades,
                Positions = positions,
                Levels = levels,
                Categories = categories,
                Tiers = tiers,
                Variables = _variables,
            };
        }

        /// <summary>Plan codes also name files, so hyphens are allowed: lowercase letters, digits, '-' and '_'.</summary>
        private static bool IsPlanCode(string s) =>
            s.Length is > 0 and <= 64 && (char.IsAsciiLetterLower(s[0]) || char.IsAsciiDigit(s[0]))
            && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

        private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

        /// <summary>Reports keys that the chosen rule, kind or source would silently ignore.</summary>
        private void CheckKeys(YamlMappingNode? map, string where, PlanProblemCode code, string what, string[] allowed, string[] known)
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
    }
}
