using Jixiao.Domain.Compensation;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Scoring;
using Jixiao.Formulas;

namespace Jixiao.Domain.Plans;

/// <summary>Where a metric's values come from.</summary>
public enum MetricSource
{
    Sales,
    Collections,
    Expenses,
    Activities,
    Input,
    Formula,
}

/// <summary>How rows are combined into a metric value.</summary>
public enum Aggregate
{
    Sum,
    Count,
    Avg,
    Min,
    Max,
}

/// <summary>Which column of a transaction row a metric aggregates.</summary>
public enum MetricField
{
    None,
    Units,
    Amount,
    Cost,
    Margin,
    Value,
}

/// <summary>Whose rows count: the employee's own, or their team's (the org subtree they manage).</summary>
public enum MetricScope
{
    Self,
    Team,
}

/// <summary>Whether more is better (sales) or less is better (complaints, churn, expense ratio).</summary>
public enum Direction
{
    Higher,
    Lower,
}

/// <summary>What a rule does when its ratio cannot be computed (denominator zero, average over no rows).</summary>
public enum IfUndefined
{
    Error,
    Zero,
    Full,
}

/// <summary>How an input metric (metrics.csv) is derived for a period longer than the one it was given for.</summary>
public enum PeriodRollup
{
    None,
    Sum,
    First,
    Last,
    Average,
}

/// <summary>A line of a plan file, for pointing at where something was defined.</summary>
public readonly record struct SourceMark(int Line, int Column);

/// <summary>A metric (指标数据): a number per employee per period.</summary>
public sealed class MetricDefinition
{
    public required string Code { get; init; }

    public required int Index { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <c>name</c> with OpenCC.</summary>
    public string? NameZhTw { get; init; }

    public MetricSource Source { get; init; }

    public Aggregate Aggregate { get; init; }

    public MetricField Field { get; init; }

    public MetricScope Scope { get; init; }

    /// <summary>Activity kinds counted (activities source).</summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <summary>Products counted (sales source).</summary>
    public IReadOnlyList<string>? Products { get; init; }

    /// <summary>Expense categories counted (expenses source).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Contract-age weighting of amounts (sales/collections), or null for 100%.</summary>
    public IReadOnlyList<ContractAgeRate>? ContractAgeRates { get; init; }

    /// <summary>Whether new contracts (signed within the period) are the only ones counted.</summary>
    public CompiledFormula? Formula { get; init; }

    public PeriodRollup Rollup { get; init; }

    /// <summary>Value used when an input metric has no row; null means a missing value is an error.</summary>
    public decimal? Default { get; init; }

    public Direction Direction { get; init; }

    public string? Unit { get; init; }

    public SourceMark Mark { get; init; }

    /// <summary>Whether the value is money (kept in cents while aggregating).</summary>
    public bool IsMoney => Field is MetricField.Amount or MetricField.Cost or MetricField.Margin;
}

/// <summary>A validated plan (绩效方案版本), ready to compute.</summary>
public sealed class Plan
{
    public required string Code { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    public int Version { get; init; } = 1;

    public DateOnly EffectiveFrom { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<MetricDefinition> Metrics { get; init; }

    public required IReadOnlyList<Scorecard> Scorecards { get; init; }

    public required IReadOnlyDictionary<string, GradeScale> GradeScales { get; init; }

    public required IReadOnlyList<PayComponent> Pay { get; init; }

    /// <summary>When earned amounts are paid, and withholding of fixed pay (the <c>payment</c> section, docs/plan-format.md §10a).</summary>
    public Compensation.Ledger.PaymentPlan Payment { get; init; } = Compensation.Ledger.PaymentPlan.None;

    /// <summary>Career rules producing recommendations for HR (the <c>careers</c> section, docs/plan-format.md §10b).</summary>
    public Careers.CareerPlan Careers { get; init; } = Domain.Careers.CareerPlan.None;

    /// <summary>The bonus pool cap (the <c>cost_control</c> section, docs/plan-format.md §10c), or null when the plan has none.</summary>
    public Compensation.CostControlPlan? CostControl { get; init; }

    /// <summary>Indirect sales and external referrers (the <c>credits</c> section, docs/plan-format.md §3); none when absent.</summary>
    public Compensation.SaleCreditRules SaleCredits { get; init; } = Compensation.SaleCreditRules.None;

    /// <summary>The manual award kinds with their ranges (the <c>awards</c> section, docs/plan-format.md §10d).</summary>
    public IReadOnlyList<Compensation.AwardKind> Awards { get; init; } = [];

    /// <summary>Team reward pools the leaders distribute (the <c>team_rewards</c> section, docs/plan-format.md §10e).</summary>
    public IReadOnlyList<Compensation.TeamRewardRule> TeamRewards { get; init; } = [];

    /// <summary>The year-end bonus and its parts (the <c>year_end_bonus</c> section, docs/plan-format.md §10f), or null when the plan has none.</summary>
    public Compensation.YearEndBonusRule? YearEndBonus { get; init; }

    /// <summary>The evaluation cycle's day counts (the plan's <c>evaluation:</c> section, defaults when absent).</summary>
    public Evaluations.EvaluationSettings Evaluation { get; init; } = Evaluations.EvaluationSettings.Default;

    /// <summary>Calibration's forced distribution and the improvement-plan standard (the plan's <c>grades:</c> section; none when absent).</summary>
    public Grades.GradePolicy Grades { get; init; } = Domain.Grades.GradePolicy.None;

    /// <summary>Names of positions by code (the <c>positions</c> section, docs/plan-format.md §4a); a position may be not assessed.</summary>
    public IReadOnlyDictionary<string, AttributeName> Positions { get; init; } = new Dictionary<string, AttributeName>(StringComparer.Ordinal);

    /// <summary>Names of levels by code (the <c>levels</c> section).</summary>
    public IReadOnlyDictionary<string, AttributeName> Levels { get; init; } = new Dictionary<string, AttributeName>(StringComparer.Ordinal);

    /// <summary>Names of job categories by code (the <c>categories</c> section).</summary>
    public IReadOnlyDictionary<string, AttributeName> Categories { get; init; } = new Dictionary<string, AttributeName>(StringComparer.Ordinal);

    /// <summary>Names of tiers by code (the <c>tiers</c> section).</summary>
    public IReadOnlyDictionary<string, AttributeName> Tiers { get; init; } = new Dictionary<string, AttributeName>(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="e"/> is assessed at all: false when the plan names their position <c>assessed: false</c>
    /// (e.g. a general manager outside the scheme). Such a person gets no result and no error.
    /// </summary>
    public bool IsAssessed(Data.Employee e) =>
        e?.Position is not { } p || !Positions.TryGetValue(p, out var name) || name.Assessed;

    /// <summary>Variables formulas may use: metric codes, then code_target and code_challenge, then total, coefficient, base.</summary>
    public required VariableCatalogue Variables { get; init; }

    public MetricDefinition? FindMetric(string code)
    {
        foreach (var m in Metrics)
        {
            if (string.Equals(m.Code, code, StringComparison.Ordinal))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>The scorecard <paramref name="e"/> is assessed with (<see cref="Scorecard.For"/>), or null (also when not assessed at all, <see cref="IsAssessed"/>).</summary>
    public Scorecard? ScorecardFor(Data.Employee e) => IsAssessed(e) ? Scorecard.For(Scorecards, e) : null;
}

/// <summary>
/// The name of an employee attribute value (a position, level, category or tier code) in the plan's languages:
/// <see cref="Name"/> Simplified Chinese, <see cref="NameEn"/> English and <see cref="NameZhTw"/> Traditional Chinese when given.
/// </summary>
public sealed record AttributeName(string Code, string Name, string? NameEn = null, string? NameZhTw = null)
{
    /// <summary>For positions: false when people in this position are outside the scheme (not assessed, not an error).</summary>
    public bool Assessed { get; init; } = true;
}
