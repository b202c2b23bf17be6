using System.Collections.Concurrent;
using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Organisation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Calculation;

/// <summary>Options of one calculation run.</summary>
public sealed record CalculationOptions
{
    /// <summary>Employee ids to build a full explanation tree for (with source rows).</summary>
    public IReadOnlyCollection<string> Explain { get; init; } = [];

    /// <summary>At most this many source row ids are listed per explanation node.</summary>
    public int MaxSourcesPerNode { get; init; } = 200;

    /// <summary>Reports progress in [0, 1] on long runs.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>
    /// The day the calculation is made on. Inside the period before its last day (an open period), a missing rating
    /// scores 0 (pending) and the result carries a <see cref="CalculationResult.Projection"/> (docs/decisions/0018).
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Set on the projection's own run: (days elapsed, days in period) to scale additive metrics by.</summary>
    internal (int Elapsed, int Days)? Projecting { get; init; }
}

/// <summary>
/// Period close: computes metrics, scores, grades and pay of every assessed employee for one period
/// with one plan version. Pure: reads the plan and dataset, returns results and errors.
/// </summary>
public static partial class Calculator
{
    /// <summary>Runs the calculation.</summary>
    public static CalculationResult Run(Plan plan, Dataset data, Period period, CalculationOptions? options = null)
    {
        options ??= new CalculationOptions();

        // Transfers: each person as assigned on the period's last day (docs/transfers.md).
        data = data.ForPeriod(period);
        var tree = new OrgTree(data);
        var engine = new MetricEngine(plan, data, period, tree);
        var partCodes = new PartCodes(plan);

        // Who is assessed with which card, and the target and rating indexes, do not depend on metric values:
        // they are made on the thread pool while the metric passes run, filling the gaps those leave on the cores.
        var selecting = Task.Run(() => Select(plan, data, period, partCodes));
        var indexing = Task.Run(() => Context.Indexes(plan, data, period));
        var values = engine.Compute();
        if (options.Projecting is { } days)
        {
            Projection.Scale(plan, values, engine, days);
        }

        options.Progress?.Report(0.5);

        var (assessed, assessedLayouts, layouts, errors, skipped) = selecting.GetAwaiter().GetResult();
        var (targets, ratings) = indexing.GetAwaiter().GetResult();
        var context = new Context(plan, data, period, tree, values, engine, options, partCodes, targets, ratings);
        var store = new ResultStore(data.Employees, plan.Pay, [.. assessed], [.. assessedLayouts]);
        var fast = new Dictionary<CardLayout, FastCard?>(ReferenceEqualityComparer.Instance);
        foreach (var l in layouts)
        {
            fast[l] = context.Compile(l);
        }

        var fastOf = new FastCard?[assessed.Count];
        for (var i = 0; i < fastOf.Length; i++)
        {
            fastOf[i] = fast[assessedLayouts[i]];
        }

        var explanations = new ConcurrentDictionary<string, Explanation>(StringComparer.Ordinal);
        var explain = new HashSet<string>(options.Explain, StringComparer.Ordinal);
        Parallel.For(0, assessed.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new Scratch(plan.Variables.Count), (i, _, scratch) =>
        {
            var e = assessed[i];
            var id = data.Employees[e].Id;
            Explanation? root = explain.Count > 0 && explain.Contains(id) ? new Explanation(ExplanationKind.Employee, id, null, data.Employees[e].Name) : null;
            var personErrors = scratch.Errors;
            if (root is null && fastOf[i] is { } card)
            {
                if (context.TryEvaluateFast(i, e, assessedLayouts[i], card, store, personErrors))
                {
                    store.Computed[i] = true;
                    return scratch;
                }

                // Someone the fast plan does not cover (an error to report): start again on the general path.
                personErrors.Clear();
                Array.Clear(store.Flags, store.OffsetOf(i), assessedLayouts[i].Size);
            }

            store.Computed[i] = context.Evaluate(i, e, assessedLayouts[i], store, scratch.Slots, root, personErrors);
            foreach (var err in personErrors)
            {
                errors.Add(err);
            }

            personErrors.Clear();
            if (root is not null)
            {
                explanations[id] = root;
            }

            return scratch;
        }, _ => { });

        store.Seal();
        options.Progress?.Report(1.0);
        var ordered = errors.OrderBy(x => x.Employee, StringComparer.Ordinal).ThenBy(x => x.Code, StringComparer.Ordinal).ThenBy(x => string.Join('|', x.Arguments), StringComparer.Ordinal).ToList();
        return Projection.Attach(new CalculationResult(period, plan.Code, plan.Version, store, ordered, skipped, explanations), plan, data, period, options);
    }

    /// <summary>
    /// The target periods a run of <paramref name="period"/> can ask for: the period, its months, and the period of
    /// each commission's target. A reader that loads only some targets (the database's period reader) loads these.
    /// </summary>
    public static IReadOnlyList<Period> TargetPeriods(Plan plan, Period period)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var result = new List<Period> { period };
        foreach (var m in period.Months())
        {
            if (!result.Contains(m))
            {
                result.Add(m);
            }
        }

        foreach (var c in plan.Pay)
        {
            var p = Period.Containing(period.Start, c.TargetPeriod);
            if (c.Kind == PayKind.Commission && !result.Contains(p))
            {
                result.Add(p);
            }
        }

        return result;
    }

    /// <summary>The people assessed in <paramref name="period"/> (by employee index) with their card layouts; errors of people without a card.</summary>
    private static (List<int> Assessed, List<CardLayout> AssessedLayouts, List<CardLayout> Layouts, ConcurrentBag<CalculationError> Errors, int Skipped) Select(Plan plan, Dataset data, Period period, PartCodes partCodes)
    {
        var assessed = new List<int>(data.Employees.Count);
        var assessedLayouts = new List<CardLayout>(data.Employees.Count);
        var layouts = new List<CardLayout>();
        var errors = new ConcurrentBag<CalculationError>();
        var skipped = 0;
        for (var e = 0; e < data.Employees.Count; e++)
        {
            var emp = data.Employees[e];
            if (emp.HireDate > period.End || (emp.LeaveDate is { } left && left < period.Start))
            {
                skipped++;
                continue;
            }

            var card = plan.ScorecardFor(emp);
            if (card is null)
            {
                errors.Add(new CalculationError(emp.Id, "NoScorecard", [emp.Position, emp.Category, emp.Level]));
                continue;
            }

            if (!card.Periods.Contains(period.Kind))
            {
                skipped++;
                continue;
            }

            assessed.Add(e);
            assessedLayouts.Add(LayoutOf(card, layouts, plan, partCodes));
        }

        return (assessed, assessedLayouts, layouts, errors, skipped);
    }

    /// <summary>The layout of <paramref name="card"/>'s results, made once per run.</summary>
    private static CardLayout LayoutOf(Scorecard card, List<CardLayout> layouts, Plan plan, PartCodes partCodes)
    {
        foreach (var l in layouts)
        {
            if (ReferenceEquals(l.Card, card))
            {
                return l;
            }
        }

        var layout = new CardLayout(card, plan, partCodes);
        layouts.Add(layout);
        return layout;
    }

    /// <summary>Per-thread working storage of the per-person loop: formula slots and the person's errors.</summary>
    private sealed class Scratch(int variables)
    {
        public decimal[] Slots { get; } = new decimal[variables];

        public List<CalculationError> Errors { get; } = [];
    }

    /// <summary>Everything one person's evaluation reads; immutable after construction, shared by threads.</summary>
    private sealed partial class Context
    {
        private readonly Plan _plan;
        private readonly Dataset _data;
        private readonly Period _period;
        private readonly OrgTree _tree;
        private readonly MetricValues _values;
        private readonly MetricEngine _engine;
        private readonly CalculationOptions _options;
        private readonly TargetIndex _targets;
        private readonly RatingIndex _ratings;
        private readonly PartCodes _partCodes;
        private readonly Dictionary<PayComponent, decimal?[]> _productAmounts = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<MetricDefinition, bool[]> _productFilters = new(ReferenceEqualityComparer.Instance);
        private readonly string _periodText;
        private readonly Lazy<SalesIndex> _salesByEmployee;
        private readonly Lazy<HashSet<int>> _creditedRows;

        public Context(Plan plan, Dataset data, Period period, OrgTree tree, MetricValues values, MetricEngine engine, CalculationOptions options, PartCodes partCodes, TargetIndex targets, RatingIndex ratings)
        {
            _plan = plan;
            _data = data;
            _period = period;
            _tree = tree;
            _values = values;
            _engine = engine;
            _options = options;
            _periodText = period.ToString();
            _creditedRows = new Lazy<HashSet<int>>(() => [.. _engine.CreditsByRow().Select(x => x.Row)], LazyThreadSafetyMode.ExecutionAndPublication);
            _targets = targets;
            _ratings = ratings;

            // The sales index only when a component walks sales rows: of the people who may be over target.
            var overTargetUnits = false;
            foreach (var c in plan.Pay)
            {
                overTargetUnits |= c.Kind == PayKind.OverTargetUnits;
            }

            _salesByEmployee = overTargetUnits
                ? new Lazy<SalesIndex>(BuildSalesIndex(OverTargetCandidates(targets)))
                : new Lazy<SalesIndex>(() => BuildSalesIndex(null), LazyThreadSafetyMode.ExecutionAndPublication);
            _partCodes = partCodes;

            // Amounts per unit by product code, so the over-target units loop does not look up a string per row.
            var products = data.Sales.Product.Values;
            foreach (var c in plan.Pay)
            {
                if (c.Kind == PayKind.OverTargetUnits && c.Amounts is { } amounts)
                {
                    var byCode = new decimal?[products.Count];
                    for (var i = 0; i < byCode.Length; i++)
                    {
                        byCode[i] = amounts.TryGet(products[i], out var perUnit) ? perUnit : null;
                    }

                    _productAmounts[c] = byCode;
                }

                // The products a units metric counts, by product code (the same test as the metric's list of names).
                if (c.Kind == PayKind.OverTargetUnits && plan.Metrics[c.Metric].Products is { } names && !_productFilters.ContainsKey(plan.Metrics[c.Metric]))
                {
                    var allowed = new bool[products.Count];
                    for (var i = 0; i < allowed.Length; i++)
                    {
                        allowed[i] = names.Contains(products[i], StringComparer.Ordinal);
                    }

                    _productFilters[plan.Metrics[c.Metric]] = allowed;
                }
            }
        }

        /// <summary>
        /// The target index (of the periods this run can ask for: the period, its months, and the target periods of
        /// commissions; by org unit too when a metric is a team metric) and the rating index of the period, built side by side.
        /// </summary>
        public static (TargetIndex Targets, RatingIndex Ratings) Indexes(Plan plan, Dataset data, Period period)
        {
            var relevant = TargetPeriods(plan, period);
            var teamMetrics = false;
            foreach (var m in plan.Metrics)
            {
                teamMetrics |= m.Scope == MetricScope.Team;
            }

            TargetIndex? targets = null;
            RatingIndex? ratings = null;
            Parallel.Invoke(
                () => targets = new TargetIndex(data, relevant, byUnit: teamMetrics),
                () => ratings = new RatingIndex(data, period.ToString()));
            return (targets!, ratings!);
        }

        /// <summary>Computes row <paramref name="row"/> of <paramref name="store"/> (employee <paramref name="e"/>); false with errors when it cannot.</summary>
        public bool Evaluate(int row, int e, CardLayout layout, ResultStore store, decimal[] slots, Explanation? root, List<CalculationError> errors)
        {
            var emp = _data.Employees[e];
            var card = layout.Card;
            var at = store.OffsetOf(row);
            var values = store.Values;
            var flags = store.Flags;
            decimal total = 0;
            var failed = false;
            foreach (var ind in layout.Indicators)
            {
                var node = root?.Add(ExplanationKind.Indicator, ind.Indicator.Code, null, ind.Indicator.Name);
                var score = Score(e, ind.Indicator.Code, ind.Indicator.Rule, slots, node, errors, new PartSink(values, flags, at, ind.Parts));
                if (score is null)
                {
                    failed = true;
                    continue;
                }

                var points = Money.Round(score.Value.Points);
                if (node is not null)
                {
                    node.Value = points;
                    node.Add(ExplanationKind.Step, "round", points, "Explain_Round", score.Value.Points, points);
                }

                total += points;
                var s = at + ind.Offset;
                values[s + CardLayout.Points] = points;
                flags[s + CardLayout.Points] = ResultStore.HasValue;
                Write(values, flags, s, score.Value);
            }

            if (failed)
            {
                return false;
            }

            if (root is not null)
            {
                var described = new string[layout.Indicators.Length];
                for (var i = 0; i < described.Length; i++)
                {
                    described[i] = values[at + layout.Indicators[i].Offset + CardLayout.Points].ToString(CultureInfo.InvariantCulture);
                }

                root.Add(ExplanationKind.Total, "total", total, "Explain_Total", string.Join(" + ", described));
            }

            string? grade = null;
            decimal? coefficient = null;
            if (layout.Scale is { } scale)
            {
                var band = scale.Find(total);
                if (band is null)
                {
                    errors.Add(new CalculationError(emp.Id, "NoGrade", [Num(total), card.GradeScale!]));
                    return false;
                }

                grade = band.Grade;
                coefficient = Money.Round(band.Coefficient.At(total), 4);
                if (root is not null)
                {
                    root.Add(ExplanationKind.Grade, "grade", null, "Explain_Grade", Num(total), band.Grade, Num(band.From), band.To is { } to ? Num(to) : "∞");
                    root.Add(ExplanationKind.Coefficient, "coefficient", coefficient, band.Coefficient.IsFixed ? "Explain_CoefficientFixed" : "Explain_CoefficientInterpolated",
                        Num(band.Coefficient.From), Num(band.Coefficient.To), Num(band.Coefficient.OverFrom), Num(band.Coefficient.OverTo), Num(total));
                }
            }

            for (var k = 0; k < _plan.Pay.Count; k++)
            {
                var component = _plan.Pay[k];
                if (!component.AppliesTo(emp, card.Code, _period.Kind))
                {
                    continue;
                }

                var node = root?.Add(ExplanationKind.Pay, component.Code, null, component.Name);
                var amount = Pay(e, component, total, coefficient ?? 0m, slots, node, errors);
                if (amount is null)
                {
                    failed = true;
                    continue;
                }

                var rounded = Money.Round(amount.Value);
                var forfeited = component.ForfeitOnLeave && emp.LeaveDate is { } leftOn && leftOn < _period.End;
                if (forfeited)
                {
                    node?.Add(ExplanationKind.Step, "forfeit", 0m, "Explain_Forfeited", emp.LeaveDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rounded);
                    rounded = 0m;
                }

                if (node is not null)
                {
                    node.Value = rounded;
                }

                values[at + layout.Pay + k] = rounded;
                flags[at + layout.Pay + k] = forfeited ? ResultStore.Forfeited : ResultStore.HasValue;
            }

            if (failed)
            {
                return false;
            }

            values[at + layout.Total] = total;
            flags[at + layout.Total] = ResultStore.HasValue;
            if (coefficient is { } coef)
            {
                values[at + layout.Coefficient] = coef;
                flags[at + layout.Coefficient] = ResultStore.HasValue;
            }

            store.Grade[row] = grade;
            store.Unit[row] = _tree.EmployeeUnit[e] >= 0 ? _data.OrgUnits[_tree.EmployeeUnit[e]].Id : emp.OrgUnitId;
            return true;
        }

        /// <summary>Writes actual, target and achievement of a score into the three slots after <paramref name="s"/>.</summary>
        private static void Write(decimal[] values, byte[] flags, int s, Scored score)
        {
            if (score.Actual is { } actual)
            {
                values[s + CardLayout.Actual] = actual;
                flags[s + CardLayout.Actual] = ResultStore.HasValue;
            }

            if (score.Target is { } target)
            {
                values[s + CardLayout.Target] = target;
                flags[s + CardLayout.Target] = ResultStore.HasValue;
            }

            if (score.Achievement is { } achievement)
            {
                values[s + CardLayout.Achievement] = achievement;
                flags[s + CardLayout.Achievement] = ResultStore.HasValue;
            }
        }

        /// <summary>Where a top-level sum_of_parts writes its parts (Parts null: nowhere, e.g. nested parts).</summary>
        private readonly record struct PartSink(decimal[] Values, byte[] Flags, int At, PartSlots[]? Parts)
        {
            public void Write(int part, Scored score)
            {
                if (Parts is null)
                {
                    return;
                }

                var s = At + Parts[part].Offset;
                Values[s + CardLayout.Points] = score.Points;
                Flags[s + CardLayout.Points] = ResultStore.HasValue;
                Context.Write(Values, Flags, s, score);
            }
        }

        /// <summary>A number for an explanation: exact up to 10 decimals (a repeating 2/3 would print 28 digits).</summary>
        private static string Num(decimal d) => ExplanationText.Format(d);

        // Loops instead of lambdas: a lambda capturing a parameter or local allocates its closure on every call
        // of the enclosing method, and these run for every person.

        /// <summary>The first rubric level containing <paramref name="points"/>, or null.</summary>
        private static RubricLevel? LevelOf(IReadOnlyList<RubricLevel> rubric, decimal points)
        {
            foreach (var l in rubric)
            {
                if (points >= l.Min && points <= l.Max)
                {
                    return l;
                }
            }

            return null;
        }

        /// <summary>Whether a credit part of <paramref name="parts"/> belongs to someone flagged in <paramref name="only"/>.</summary>
        private static bool AnyOf(List<Credit> parts, bool[] only)
        {
            foreach (var p in parts)
            {
                if (only[p.Employee])
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The index of the first credit part of <paramref name="employee"/>, or -1.</summary>
        private static int IndexOfEmployee(List<Credit> parts, int employee)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i].Employee == employee)
                {
                    return i;
                }
            }

            return -1;
        }

        private readonly record struct Scored(decimal Points, decimal? Actual, decimal? Target, decimal? Achievement);

        private Scored? Score(int e, string code, ScoringRule rule, decimal[] slots, Explanation? node, List<CalculationError> errors, PartSink sink)
        {
            var emp = _data.Employees[e];
            switch (rule)
            {
                case RatioRule ratio:
                    {
                        var r = Achievement(e, code, ratio.Metric, ratio.Target, ratio.Direction, ratio.Cap, ratio.IfUndefined, node, errors);
                        if (r is null)
                        {
                            return null;
                        }

                        var (actual, target, achievement) = r.Value;
                        var capped = Math.Min(achievement, ratio.Cap);
                        var points = Math.Clamp(ratio.Points * capped, 0m, ratio.Points * ratio.Cap);
                        node?.Add(ExplanationKind.Rule, "ratio", points, "Explain_Ratio", Num(ratio.Points), Num(achievement), Num(ratio.Cap), Num(points));
                        return new Scored(points, actual, target, achievement);
                    }

                case BandsRule bands:
                    {
                        var r = Achievement(e, code, bands.Metric, bands.Target, bands.Direction, bands.Cap, bands.IfUndefined, node, errors);
                        if (r is null)
                        {
                            return null;
                        }

                        var (actual, target, achievement) = r.Value;
                        var x = Math.Clamp(achievement, 0m, bands.Cap);
                        var band = bands.Bands[^1];
                        foreach (var b in bands.Bands)
                        {
                            if (x >= b.From && x < b.To)
                            {
                                band = b;
                                break;
                            }
                        }

                        var points = band.Min + ((x - band.From) / (band.To - band.From) * (band.Max - band.Min));
                        node?.Add(ExplanationKind.Rule, "bands", points, "Explain_Bands", Num(x), Num(band.From), Num(band.To), Num(band.Min), Num(band.Max), Num(points));
                        return new Scored(points, actual, target, achievement);
                    }

                case DeductionRule deduction:
                    {
                        var count = Metric(e, code, deduction.Metric, node, errors);
                        if (count is null)
                        {
                            return null;
                        }

                        var points = Math.Clamp(deduction.Points - (deduction.PerEvent * count.Value), 0m, deduction.Points);
                        node?.Add(ExplanationKind.Rule, "deduction", points, "Explain_Deduction", Num(deduction.Points), Num(deduction.PerEvent), Num(count.Value), Num(points));
                        return new Scored(points, count, null, null);
                    }

                case SumOfPartsRule sum:
                    {
                        decimal points = 0;
                        var described = node is null ? null : new List<string>(sum.Parts.Count);
                        var ok = true;
                        for (var p = 0; p < sum.Parts.Count; p++)
                        {
                            var part = sum.Parts[p];
                            var partNode = node?.Add(ExplanationKind.Part, part.Name);
                            var s = Score(e, sink.Parts?[p].Code ?? _partCodes.Of(code, part), part.Rule, slots, partNode, errors, default);
                            if (s is null)
                            {
                                ok = false;
                                continue;
                            }

                            if (partNode is not null)
                            {
                                partNode.Value = s.Value.Points;
                            }

                            points += s.Value.Points;
                            sink.Write(p, s.Value);
                            described?.Add(Num(s.Value.Points));
                        }

                        if (!ok)
                        {
                            return null;
                        }

                        node?.Add(ExplanationKind.Rule, "sum_of_parts", points, "Explain_SumOfParts", string.Join(" + ", described!), Num(points));
                        return new Scored(points, null, null, null);
                    }

                case RatingRule rating:
                    {
                        if (!_ratings.TryFindPoints(e, code, out var given))
                        {
                            if (OpenPeriod.IsOpen(_period, _options.AsOf))
                            {
                                // Open period: not rated yet (待评分) scores 0 until it is.
                                node?.Add(ExplanationKind.Rating, code, 0m, "Explain_RatingPending", _periodText);
                                return new Scored(0m, null, null, null);
                            }

                            errors.Add(new CalculationError(emp.Id, "MissingRating", [code, _periodText]));
                            return null;
                        }

                        if (given < 0m || given > rating.Points)
                        {
                            errors.Add(new CalculationError(emp.Id, "RatingOutOfRange", [code, Num(given), Num(rating.Points)]));
                            return null;
                        }

                        if (node is not null)
                        {
                            var row = _ratings.Find(e, code)!;
                            node.Add(ExplanationKind.Rating, code, given, "Explain_Rating", row.Rater ?? "", LevelOf(rating.Rubric, given)?.Level ?? "", row.Comment ?? "");
                        }

                        return new Scored(given, given, null, null);
                    }

                case FormulaRule formula:
                    {
                        var result = EvaluateFormula(e, code, formula.Formula, slots, null, node, errors);
                        if (result is null)
                        {
                            return null;
                        }

                        var points = Math.Clamp(result.Value, 0m, formula.Points * formula.Cap);
                        node?.Add(ExplanationKind.Rule, "formula", points, "Explain_Formula", formula.Formula.Describe(), Num(result.Value), Num(formula.Points * formula.Cap), Num(points));
                        return new Scored(points, result, null, null);
                    }

                default:
                    throw new InvalidOperationException("Unknown rule " + rule.GetType().Name);
            }
        }

        /// <summary>Actual, target and r = actual/target (target/actual for lower-is-better), or null with an error.</summary>
        private (decimal? Actual, decimal? Target, decimal Achievement)? Achievement(int e, string code, int metric, TargetSource source, Direction direction, decimal cap, IfUndefined ifUndefined, Explanation? node, List<CalculationError> errors, bool ratioUsed = true)
        {
            var emp = _data.Employees[e];
            var m = _plan.Metrics[metric];
            decimal? actual = _values.Has[metric][e] ? _values.Value[metric][e] : null;
            if (node is not null)
            {
                MetricNode(e, m, node);
            }

            decimal? target;
            switch (source)
            {
                case TargetSource.Constant c:
                    target = c.Value;
                    node?.Add(ExplanationKind.Target, "target", c.Value, "Explain_TargetConstant");
                    break;
                case TargetSource.OtherMetric o:
                    target = _values.Has[o.MetricIndex][e] ? _values.Value[o.MetricIndex][e] : null;
                    if (node is not null)
                    {
                        MetricNode(e, _plan.Metrics[o.MetricIndex], node);
                    }

                    break;
                case TargetSource.FromTargets t:
                    {
                        // Without an explanation only the value is needed: read it from the dense column.
                        if (node is null && _targets.TryFindValue(e, m.Scope == MetricScope.Team ? _tree.TeamUnit[e] : -1, t.Metric, _period, out var value))
                        {
                            target = value;
                            break;
                        }

                        var found = Target(e, t.Metric, _period, m.Scope);
                        if (found is null)
                        {
                            errors.Add(new CalculationError(emp.Id, "MissingTarget", [t.Metric, _periodText, code]));
                            return null;
                        }

                        target = found.Value.Value;
                        node?.Add(ExplanationKind.Target, t.Metric, target, found.Value.How, found.Value.Args);
                        break;
                    }

                default:
                    target = null;
                    break;
            }

            if ((actual is null && _values.Missing.TryGetValue((metric, e), out var input))
                || (source is TargetSource.OtherMetric other && target is null && _values.Missing.TryGetValue((other.MetricIndex, e), out input)))
            {
                errors.Add(new CalculationError(emp.Id, "MissingInput", [code, input, _periodText]));
                return null;
            }

            var undefined = actual is null || target is null || (direction == Direction.Higher ? target == 0m : false);
            if (source is TargetSource.FromTargets && target == 0m)
            {
                errors.Add(new CalculationError(emp.Id, "ZeroTarget", [((TargetSource.FromTargets)source).Metric, _periodText, code]));
                return null;
            }

            if (undefined)
            {
                switch (ifUndefined)
                {
                    case IfUndefined.Zero:
                        node?.Add(ExplanationKind.Ratio, "r", 0m, "Explain_UndefinedZero");
                        return (actual, target, 0m);
                    case IfUndefined.Full:
                        node?.Add(ExplanationKind.Ratio, "r", cap, "Explain_UndefinedFull");
                        return (actual, target, cap);
                    default:
                        var reason = actual is null && _values.Failures.TryGetValue((metric, e), out var why) ? why : m.Code;
                        errors.Add(new CalculationError(emp.Id, "Undefined", [code, reason]));
                        return null;
                }
            }

            decimal r;
            if (!ratioUsed && node is null)
            {
                // The caller reads only actual and target (over-target pay): the quotient is not computed.
                r = 0m;
            }
            else if (direction == Direction.Higher)
            {
                r = actual!.Value / target!.Value;
                node?.Add(ExplanationKind.Ratio, "r", r, "Explain_RatioHigher", Num(actual.Value), Num(target.Value));
            }
            else if (actual!.Value <= 0m)
            {
                r = cap;
                node?.Add(ExplanationKind.Ratio, "r", r, "Explain_RatioLowerZero", Num(cap));
            }
            else
            {
                r = target!.Value / actual.Value;
                node?.Add(ExplanationKind.Ratio, "r", r, "Explain_RatioLower", Num(target.Value), Num(actual.Value));
            }

            return (actual, target, r);
        }

        private decimal? Metric(int e, string code, int metric, Explanation? node, List<CalculationError> errors)
        {
            var m = _plan.Metrics[metric];
            if (node is not null)
            {
                MetricNode(e, m, node);
            }

            if (_values.Has[metric][e])
            {
                return _values.Value[metric][e];
            }

            if (_values.Missing.TryGetValue((metric, e), out var input))
            {
                errors.Add(new CalculationError(_data.Employees[e].Id, "MissingInput", [code, input, _periodText]));
                return null;
            }

            var reason = _values.Failures.TryGetValue((metric, e), out var why) ? why : m.Code;
            errors.Add(new CalculationError(_data.Employees[e].Id, m.Source == MetricSource.Input ? "MissingInput" : "Undefined", [code, reason, _periodText]));
            return null;
        }

        /// <summary>A target value and where it came from: one row, or the sum of the month rows (Months).</summary>
        private readonly record struct FoundTarget(decimal Value, decimal? Challenge, string How, TargetRow? Row, string? Months)
        {
            /// <summary>The explanation arguments (built only when explaining).</summary>
            public object?[] Args => Row is { } row ? (row.Line > 0 ? [row.Subject, row.Period, row.Line] : [row.Subject, row.Period]) : [Months];
        }

        /// <summary>
        /// The target of a metric for an employee: their own row for the period; for team metrics the team
        /// unit's row; for a quarter/half/year without a row, the sum of the month rows when all exist.
        /// </summary>
        private FoundTarget? Target(int e, string metric, Period period, MetricScope scope)
        {
            if (Direct(e, metric, period, scope) is { } row)
            {
                // Line 0: the target came from the database, not from a targets.csv line.
                return new FoundTarget(row.Value, row.Challenge, row.Line > 0 ? "Explain_TargetRow" : "Explain_TargetStored", row, null);
            }

            if (period.Kind == PeriodKind.Month)
            {
                return null;
            }

            decimal sum = 0;
            decimal? challenge = 0;
            var months = new List<string>();
            foreach (var m in period.Months())
            {
                if (Direct(e, metric, m, scope) is not { } monthRow)
                {
                    return null;
                }

                sum += monthRow.Value;
                challenge = monthRow.Challenge is { } c && challenge is { } acc ? acc + c : null;
                months.Add(Num(monthRow.Value));
            }

            return new FoundTarget(sum, challenge, "Explain_TargetSumOfMonths", null, string.Join(" + ", months));
        }

        private TargetRow? Direct(int e, string metric, Period period, MetricScope scope) =>
            _targets.Find(e, scope == MetricScope.Team ? _tree.TeamUnit[e] : -1, metric, period);

        private decimal? EvaluateFormula(int e, string code, Formulas.CompiledFormula f, decimal[] slots, (decimal Total, decimal Coefficient)? payContext, Explanation? node, List<CalculationError> errors)
        {
            var emp = _data.Employees[e];
            var n = _plan.Metrics.Count;
            foreach (var s in f.ReferencedSlots)
            {
                if (s < n)
                {
                    if (!_values.Has[s][e])
                    {
                        if (_values.Missing.TryGetValue((s, e), out var input))
                        {
                            errors.Add(new CalculationError(emp.Id, "MissingInput", [code, input, _periodText]));
                            return null;
                        }

                        var reason = _values.Failures.TryGetValue((s, e), out var why) ? why : _plan.Metrics[s].Code;
                        errors.Add(new CalculationError(emp.Id, "Undefined", [code, reason]));
                        return null;
                    }

                    slots[s] = _values.Value[s][e];
                    if (node is not null)
                    {
                        MetricNode(e, _plan.Metrics[s], node);
                    }
                }
                else if (s < 3 * n)
                {
                    var metric = _plan.Metrics[(s - n) % n];
                    var t = Target(e, metric.Code, _period, metric.Scope);
                    var isChallenge = s >= 2 * n;
                    decimal? v = isChallenge ? t?.Challenge : t?.Value;
                    if (v is null)
                    {
                        errors.Add(new CalculationError(emp.Id, isChallenge ? "MissingChallenge" : "MissingTarget", [metric.Code, _periodText, code]));
                        return null;
                    }

                    slots[s] = v.Value;
                    node?.Add(ExplanationKind.Target, _plan.Variables.NameOf(s), v.Value, "Explain_TargetVariable");
                }
                else
                {
                    var name = _plan.Variables.NameOf(s);
                    if (payContext is null)
                    {
                        errors.Add(new CalculationError(emp.Id, "VariableNotAvailable", [code, name]));
                        return null;
                    }

                    slots[s] = name == "total" ? payContext.Value.Total : payContext.Value.Coefficient;
                }
            }

            if (f.TryEvaluate(slots, out var result, out var error))
            {
                return result;
            }

            errors.Add(new CalculationError(emp.Id, "FormulaFailed", [code, error!.Format(CultureInfo.InvariantCulture)]));
            return null;
        }

        /// <summary>A component's value for this employee (by level, tier, …), or an error naming the missing key.</summary>
        private static bool TryValue(ValueTable table, PayComponent c, Employee emp, List<CalculationError> errors, out decimal value)
        {
            var key = ValueTable.Attribute(table.By, emp);
            if (table.TryGet(key, out value))
            {
                return true;
            }

            errors.Add(new CalculationError(emp.Id, "NoValueFor", [c.Code, table.By ?? "", key ?? ""]));
            return false;
        }

        private decimal? Pay(int e, PayComponent c, decimal total, decimal coefficient, decimal[] slots, Explanation? node, List<CalculationError> errors)
        {
            var emp = _data.Employees[e];
            switch (c.Kind)
            {
                case PayKind.Bonus:
                    {
                        if (!TryValue(c.Base!, c, emp, errors, out var baseAmount))
                        {
                            return null;
                        }

                        var factor = 1m;
                        if (c.AchievementMetric >= 0)
                        {
                            var r = Achievement(e, c.Code, c.AchievementMetric, c.AchievementTarget!, Direction.Higher, c.AchievementCap, IfUndefined.Error, node, errors);
                            if (r is null)
                            {
                                return null;
                            }

                            factor = Math.Clamp(r.Value.Achievement, 0m, c.AchievementCap);
                        }

                        var amount = baseAmount * coefficient * factor;
                        node?.Add(ExplanationKind.Step, "bonus", amount, "Explain_Bonus", Num(baseAmount), Num(coefficient), Num(factor), Num(Money.Round(amount)));
                        return amount;
                    }

                case PayKind.OverTarget:
                    {
                        var r = Achievement(e, c.Code, c.Metric, c.Target!, Direction.Higher, decimal.MaxValue, IfUndefined.Error, node, errors, ratioUsed: false);
                        if (r is null)
                        {
                            return null;
                        }

                        var actual = r.Value.Actual!.Value;
                        var target = r.Value.Target!.Value;
                        if (!TryValue(c.Rate!, c, emp, errors, out var rate))
                        {
                            return null;
                        }

                        var threshold = target * (1m + c.Threshold);
                        var amount = actual > threshold ? (actual - target) * rate : 0m;
                        node?.Add(ExplanationKind.Step, "over_target", amount, "Explain_OverTarget", Num(actual), Num(target), Num(c.Threshold), Num(rate), Num(Money.Round(amount)));
                        return amount;
                    }

                case PayKind.OverTargetUnits:
                    return OverTargetUnits(e, c, node, errors);

                case PayKind.Commission:
                    {
                        var m = _plan.Metrics[c.Metric];
                        var actual = Metric(e, c.Code, c.Metric, node, errors);
                        if (actual is null)
                        {
                            return null;
                        }

                        var targetPeriod = Period.Containing(_period.Start, c.TargetPeriod);
                        decimal target;
                        if (c.Target is TargetSource.Constant k)
                        {
                            target = k.Value;
                        }
                        else
                        {
                            var code = (c.Target as TargetSource.FromTargets)?.Metric ?? m.Code;
                            var t = Target(e, code, targetPeriod, m.Scope);
                            if (t is null || t.Value.Value == 0m)
                            {
                                errors.Add(new CalculationError(emp.Id, t is null ? "MissingTarget" : "ZeroTarget", [code, targetPeriod.ToString(), c.Code]));
                                return null;
                            }

                            target = t.Value.Value;
                            node?.Add(ExplanationKind.Target, code, target, t.Value.How, t.Value.Args);
                        }

                        if (!TryValue(c.Rate!, c, emp, errors, out var targetCommission))
                        {
                            return null;
                        }

                        var amount = Math.Max(0m, actual.Value) / target * targetCommission;
                        node?.Add(ExplanationKind.Step, "commission", amount, "Explain_Commission", Num(actual.Value), Num(target), Num(targetCommission), Num(Money.Round(amount)));
                        if (c.PeriodTargetCommission is { } ptc)
                        {
                            // Seed 003 B: the period's target fully met earns at least the full target commission.
                            var code = (c.Target as TargetSource.FromTargets)?.Metric ?? m.Code;
                            var periodTarget = Target(e, code, _period, m.Scope);
                            if (periodTarget is null)
                            {
                                errors.Add(new CalculationError(emp.Id, "MissingTarget", [code, _periodText, c.Code]));
                                return null;
                            }

                            if (!TryValue(ptc!, c, emp, errors, out var full))
                            {
                                return null;
                            }

                            if (actual.Value >= periodTarget.Value.Value && full > amount)
                            {
                                node?.Add(ExplanationKind.Step, "target_met", full, "Explain_CommissionTargetMet", Num(actual.Value), Num(periodTarget.Value.Value), Num(full));
                                amount = full;
                            }
                        }

                        return amount;
                    }

                case PayKind.Rate:
                    {
                        var actual = Metric(e, c.Code, c.Metric, node, errors);
                        if (actual is null)
                        {
                            return null;
                        }

                        if (!TryValue(c.Rate!, c, emp, errors, out var rate))
                        {
                            return null;
                        }

                        var amount = Math.Max(0m, actual.Value) * rate;
                        node?.Add(ExplanationKind.Step, "rate", amount, "Explain_Rate", Num(actual.Value), Num(rate), Num(Money.Round(amount)));
                        return amount;
                    }

                default:
                    {
                        var amount = EvaluateFormula(e, c.Code, c.Formula!, slots, (total, coefficient), node, errors);
                        if (amount is null)
                        {
                            return null;
                        }

                        // A pay line is an amount due; deductions are not expressed as negative pay.
                        var due = Math.Max(0m, amount.Value);
                        node?.Add(ExplanationKind.Step, "formula", due, "Explain_PayFormula", c.Formula!.Describe(), Num(amount.Value), Num(Money.Round(due)));
                        return due;
                    }
            }
        }

        /// <summary>
        /// Seed 004 vehicle bonus: the units beyond the target, taken in the order they were sold (date,
        /// then file order), each paid at its product's amount.
        /// </summary>
        private decimal? OverTargetUnits(int e, PayComponent c, Explanation? node, List<CalculationError> errors)
        {
            var r = Achievement(e, c.Code, c.Metric, c.Target!, Direction.Higher, decimal.MaxValue, IfUndefined.Error, node, errors, ratioUsed: false);
            if (r is null)
            {
                return null;
            }

            return OverTargetUnits(e, c, r.Value.Actual!.Value, r.Value.Target!.Value, node, errors);
        }

        /// <summary>The vehicle bonus once actual and target are known.</summary>
        private decimal? OverTargetUnits(int e, PayComponent c, decimal actual, decimal target, Explanation? node, List<CalculationError> errors)
        {
            if (actual <= target)
            {
                node?.Add(ExplanationKind.Step, "over_target_units", 0m, "Explain_NotOverTarget", Num(actual), Num(target));
                return 0m;
            }

            var emp = _data.Employees[e];
            var metric = _plan.Metrics[c.Metric];
            var sales = _data.Sales;
            var index = _salesByEmployee.Value;
            var perUnitByProduct = _productAmounts.GetValueOrDefault(c);
            var allowed = _productFilters.GetValueOrDefault(metric);
            decimal cumulative = 0, amount = 0;
            for (var k = index.Start[e]; k < index.Start[e + 1]; k++)
            {
                var product = index.Product[k];
                if (allowed is not null && !allowed[product])
                {
                    continue;
                }

                // Units are whole 1/10,000s (this person's part of a split row): DividedByPowerOfTen gives the same decimal as dividing by 10,000.
                var units = MetricEngine.DividedByPowerOfTen(index.Units[k], 4);
                if (_options.Projecting is { } days)
                {
                    // Projected: every row so far recurs at the same pace (the product mix so far).
                    units = OpenPeriod.Project(units, days.Elapsed, days.Days);
                }

                var before = cumulative;
                cumulative += units;
                var over = Math.Max(0m, cumulative - Math.Max(before, target));
                if (over <= 0m)
                {
                    continue;
                }

                decimal perUnit;
                if (perUnitByProduct?[product] is { } known)
                {
                    perUnit = known;
                }
                else if (!c.Amounts!.TryGet(sales.Product.Values[product], out perUnit))
                {
                    errors.Add(new CalculationError(emp.Id, "NoValueFor", [c.Code, "product", sales.Product.Values[product]]));
                    return null;
                }

                amount += over * perUnit;
                var row = index.Rows[k];
                node?.Add(ExplanationKind.Step, sales.Id[row], over * perUnit, "Explain_OverTargetUnit", sales.Id[row], sales.Product[row], Num(over), Num(perUnit));
            }

            node?.Add(ExplanationKind.Step, "over_target_units", amount, "Explain_OverTargetUnits", Num(actual), Num(target), Num(Money.Round(amount)));
            return amount;
        }

        /// <summary>
        /// The period's sales rows of each employee (credited parts included), in row order: for entry k of
        /// employee e (Start[e] ≤ k &lt; Start[e + 1]) the row, the units credited to e (× 10,000) and the product code.
        /// </summary>
        private sealed record SalesIndex(int[] Start, int[] Rows, long[] Units, int[] Product);

        /// <summary>
        /// Who may be over target in some over_target_units component: everyone but those whose actual and target
        /// (as <c>Achievement</c> reads them without an explanation) show actual ≤ target, whose bonus is 0 without
        /// reading a sales row. The sales index then holds only the candidates' rows.
        /// </summary>
        private bool[] OverTargetCandidates(TargetIndex targets)
        {
            var n = _data.Employees.Count;
            var candidate = new bool[n];
            foreach (var c in _plan.Pay)
            {
                if (c.Kind != PayKind.OverTargetUnits)
                {
                    continue;
                }

                var m = _plan.Metrics[c.Metric];
                var has = _values.Has[c.Metric];
                var value = _values.Value[c.Metric];
                var chunks = Math.Clamp(Environment.ProcessorCount, 1, 4);
                Parallel.For(0, chunks, chunk =>
                {
                    for (var e = (int)((long)n * chunk / chunks); e < (int)((long)n * (chunk + 1) / chunks); e++)
                    {
                        if (candidate[e])
                        {
                            continue;
                        }

                        decimal? target = c.Target switch
                        {
                            TargetSource.Constant k => k.Value,
                            TargetSource.OtherMetric o => _values.Has[o.MetricIndex][e] ? _values.Value[o.MetricIndex][e] : null,
                            TargetSource.FromTargets t => targets.TryFindValue(e, m.Scope == MetricScope.Team ? _tree.TeamUnit[e] : -1, t.Metric, _period, out var found) ? found : null,
                            _ => null,
                        };
                        candidate[e] = !(has[e] && target is { } known && value[e] <= known);
                    }
                });
            }

            return candidate;
        }

        /// <summary>
        /// The sales index of everyone (<paramref name="only"/> null) or of the employees flagged in it: a counting sort
        /// of the period's rows by employee, each person's rows in row order. On a large period the rows are cut into one
        /// stretch per core, counted and placed side by side (a stretch's rows of a person come after the earlier
        /// stretches' rows of that person, so the order is the same).
        /// </summary>
        private SalesIndex BuildSalesIndex(bool[]? only)
        {
            var sales = _data.Sales;
            var n = _data.Employees.Count;
            var (from, to) = sales.RowsBetween(_period.Start, _period.End);
            var length = Math.Max(0, to - from);

            // Group + 1 of each row with split credits, 0 for a row credited to its seller alone.
            var groupOf = new int[length];
            var byRow = _engine.CreditsByRow();
            var weights = _engine.CreditWeights();
            for (var g = 0; g < byRow.Count; g++)
            {
                var row = byRow[g].Row;
                if (row >= from && row < to)
                {
                    groupOf[row - from] = g + 1;
                }
            }

            var chunks = length >= 200_000 ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1;
            var bounds = new int[chunks + 1];
            for (var c = 0; c <= chunks; c++)
            {
                bounds[c] = from + (int)((long)length * c / chunks);
            }

            var employee = sales.Employee;
            var counts = new int[chunks][];
            Parallel.For(0, chunks, c =>
            {
                var count = counts[c] = new int[n];
                for (var row = bounds[c]; row < bounds[c + 1]; row++)
                {
                    if (groupOf[row - from] is var g and > 0)
                    {
                        foreach (var p in byRow[g - 1].Parts)
                        {
                            if (only is null || only[p.Employee])
                            {
                                count[p.Employee]++;
                            }
                        }
                    }
                    else if (only is null || only[employee[row]])
                    {
                        count[employee[row]]++;
                    }
                }
            });

            // Where each person's rows start, and where each stretch places its first row of each person.
            var start = new int[n + 1];
            for (var e = 0; e < n; e++)
            {
                var at = start[e];
                for (var c = 0; c < chunks; c++)
                {
                    var k = counts[c][e];
                    counts[c][e] = at;
                    at += k;
                }

                start[e + 1] = at;
            }

            // Every entry is written below.
            var rows = GC.AllocateUninitializedArray<int>(start[n]);
            var units = GC.AllocateUninitializedArray<long>(start[n]);
            var product = GC.AllocateUninitializedArray<int>(start[n]);
            var codes = sales.Product.Codes;
            Parallel.For(0, chunks, c =>
            {
                var fill = counts[c];
                for (var row = bounds[c]; row < bounds[c + 1]; row++)
                {
                    if (groupOf[row - from] is var g and > 0)
                    {
                        // One split per row, the same for every part (largest remainder, ties by share then employee id).
                        var parts = byRow[g - 1].Parts;
                        if (only is not null && !AnyOf(parts, only))
                        {
                            continue;
                        }

                        var (shares, keys) = weights[g - 1];
                        var split = Money.SplitCents(sales.Units[row], shares, keys);
                        foreach (var p in parts)
                        {
                            if (only is not null && !only[p.Employee])
                            {
                                continue;
                            }

                            var k = fill[p.Employee]++;
                            rows[k] = row;

                            // A person with two parts of one row is credited the first part's units for each (as before).
                            units[k] = split[IndexOfEmployee(parts, p.Employee)];
                            product[k] = codes[row];
                        }
                    }
                    else if (only is null || only[employee[row]])
                    {
                        var k = fill[employee[row]]++;
                        rows[k] = row;
                        units[k] = sales.Units[row];
                        product[k] = codes[row];
                    }
                }
            });

            return new SalesIndex(start, rows, units, product);
        }

        /// <summary>Adds a metric node with its value and the ids of the rows it came from.</summary>
        private void MetricNode(int e, MetricDefinition m, Explanation parent)
        {
            var has = _values.Has[m.Index][e];
            var node = parent.Add(ExplanationKind.Metric, m.Code, has ? _values.Value[m.Index][e] : null, "Explain_Metric", m.Name,
                m.Source.ToString().ToLowerInvariant(), m.Aggregate.ToString().ToLowerInvariant(), m.Field.ToString().ToLowerInvariant(), m.Scope.ToString().ToLowerInvariant());
            SourceRows(e, m, node);
        }

        private void SourceRows(int e, MetricDefinition m, Explanation node)
        {
            TransactionTable? table = m.Source switch
            {
                MetricSource.Sales => _data.Sales,
                MetricSource.Collections => _data.Collections,
                MetricSource.Expenses => _data.Expenses,
                MetricSource.Activities => _data.Activities,
                _ => null,
            };
            if (table is null)
            {
                if (m.Source == MetricSource.Input)
                {
                    node.Sources.Add("metrics:" + m.Code + "@" + _periodText);
                    node.SourceCount = 1;
                }

                return;
            }

            var file = m.Source.ToString().ToLowerInvariant();
            (int[]? codes, HashSet<string>? allowed) = m.Source switch
            {
                MetricSource.Sales => (_data.Sales.Product.Codes, m.Products is null ? null : new HashSet<string>(m.Products, StringComparer.Ordinal)),
                MetricSource.Expenses => (_data.Expenses.Category.Codes, m.Categories is null ? null : new HashSet<string>(m.Categories, StringComparer.Ordinal)),
                MetricSource.Activities => (_data.Activities.Kind.Codes, m.Kinds is null ? null : new HashSet<string>(m.Kinds, StringComparer.Ordinal)),
                _ => ((int[]?)null, (HashSet<string>?)null),
            };
            IReadOnlyList<string>? values = m.Source switch
            {
                MetricSource.Sales => _data.Sales.Product.Values,
                MetricSource.Expenses => _data.Expenses.Category.Values,
                MetricSource.Activities => _data.Activities.Kind.Values,
                _ => null,
            };
            var team = m.Scope == MetricScope.Team ? _tree.TeamUnit[e] : -1;
            var creditedTo = new Dictionary<int, decimal>();
            if (m.Source == MetricSource.Sales)
            {
                foreach (var (row, parts) in _engine.CreditsByRow())
                {
                    foreach (var p in parts)
                    {
                        if (p.Employee == e || (team >= 0 && _tree.InSubtree(team, _tree.UnitOn(p.Employee, table.Day[row]))))
                        {
                            creditedTo[row] = creditedTo.GetValueOrDefault(row) + p.Share;
                        }
                    }
                }
            }

            var (from, to) = table.RowsBetween(_period.Start, _period.End);
            var count = 0;
            for (var r = from; r < to; r++)
            {
                if (allowed is not null && !allowed.Contains(values![codes![r]]))
                {
                    continue;
                }

                var owner = table.Employee[r];
                string? share = null;
                if (creditedTo.TryGetValue(r, out var s))
                {
                    share = s.ToString("0.####", CultureInfo.InvariantCulture);
                }
                else if (m.Source == MetricSource.Sales && _creditedRows.Value.Contains(r))
                {
                    continue;
                }
                else if (team >= 0 ? !_tree.InSubtree(team, _tree.UnitOn(owner, table.Day[r])) : owner != e)
                {
                    continue;
                }

                count++;
                if (node.Sources.Count < _options.MaxSourcesPerNode)
                {
                    node.Sources.Add(file + ":" + table.Id[r] + (share is null ? "" : " ×" + share));
                }
            }

            node.SourceCount = count;
        }
    }
}
