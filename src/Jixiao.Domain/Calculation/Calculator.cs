using System.Collections.Concurrent;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Organisation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;

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

        var (assessed, assessedLayouts, layouts, errors, skipped, notAssessed) = selecting.GetAwaiter().GetResult();
        var (targets, ratings) = indexing.GetAwaiter().GetResult();
        var corrections = data.GradeOverrides.Count + data.PointsCorrections.Count == 0 ? Corrections.None : new Corrections(data, period.ToString());
        var context = new Context(plan, data, period, tree, values, engine, options, partCodes, targets, ratings) { Corrected = corrections };
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
            if (root is null && fastOf[i] is { } card && !corrections.Any(id))
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
        var ordered = errors.OrderBy(x => x.Employee, StringComparer.Ordinal).ThenBy(x => x.Code.ToString(), StringComparer.Ordinal).ThenBy(x => string.Join('|', x.Arguments), StringComparer.Ordinal).ToList();
        return Projection.Attach(new CalculationResult(period, plan.Code, plan.Version, store, ordered, skipped, explanations) { NotAssessed = notAssessed }, plan, data, period, options);
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

    /// <summary>
    /// The people assessed in <paramref name="period"/> (by employee index) with their card layouts; errors of people
    /// without a card; the ids of people employed in the period whose position the plan does not assess (no error).
    /// Both the general and the fast path compute exactly these people.
    /// </summary>
    private static (List<int> Assessed, List<CardLayout> AssessedLayouts, List<CardLayout> Layouts, ConcurrentBag<CalculationError> Errors, int Skipped, List<string> NotAssessed) Select(
        Plan plan, Dataset data, Period period, PartCodes partCodes)
    {
        var assessed = new List<int>(data.Employees.Count);
        var assessedLayouts = new List<CardLayout>(data.Employees.Count);
        var layouts = new List<CardLayout>();
        var errors = new ConcurrentBag<CalculationError>();
        var skipped = 0;
        var notAssessed = new List<string>();
        for (var e = 0; e < data.Employees.Count; e++)
        {
            var emp = data.Employees[e];
            if (emp.HireDate > period.End || (emp.LeaveDate is { } left && left < period.Start))
            {
                skipped++;
                continue;
            }

            if (!plan.IsAssessed(emp))
            {
                notAssessed.Add(emp.Id);
                continue;
            }

            var card = plan.ScorecardFor(emp);
            if (card is null)
            {
                errors.Add(new CalculationError(emp.Id, CalculationErrorCode.NoScorecard, [emp.Position, emp.Category, emp.Level]));
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

        return (assessed, assessedLayouts, layouts, errors, skipped, notAssessed);
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

        /// <summary>The grades and points recorded for the period (calibration, upheld appeals).</summary>
        public Corrections Corrected { get; init; } = Corrections.None;

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
    }
}
