using Jixiao.Domain.Compensation;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Periods;
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

/// <summary>Result (结果) or process (过程) indicator.</summary>
public enum IndicatorCategory
{
    Result,
    Process,
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

/// <summary>An indicator (考核指标) on a scorecard.</summary>
public sealed class Indicator
{
    public required string Code { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    public IndicatorCategory Category { get; init; }

    public required ScoringRule Rule { get; init; }

    /// <summary>The weight in points.</summary>
    public decimal Points => Rule.Points;

    public string? Comment { get; init; }
}

/// <summary>Which employees a scorecard or pay component applies to; null lists match anything.</summary>
public sealed record EmployeeMatch(IReadOnlyList<string>? Positions, IReadOnlyList<string>? Categories, IReadOnlyList<string>? Levels)
{
    public static EmployeeMatch Any { get; } = new(null, null, null);

    public bool Matches(Data.Employee e) =>
        (Positions is null || Contains(Positions, e.Position))
        && (Categories is null || Contains(Categories, e.Category))
        && (Levels is null || Contains(Levels, e.Level));

    /// <summary>How specific the match is; the most specific scorecard wins.</summary>
    public int Specificity => (Positions is null ? 0 : 1) + (Categories is null ? 0 : 1) + (Levels is null ? 0 : 1);

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var s in list)
        {
            if (string.Equals(s, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A scorecard (考核表) for a position/category/level.</summary>
public sealed class Scorecard
{
    public required string Code { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    public required EmployeeMatch Match { get; init; }

    public required IReadOnlyList<PeriodKind> Periods { get; init; }

    /// <summary>The indicators; empty for a pay-only card (<c>indicators: []</c>), which has no score and no grade.</summary>
    public required IReadOnlyList<Indicator> Indicators { get; init; }

    /// <summary>The grade scale code; null for a pay-only card.</summary>
    public string? GradeScale { get; init; }

    public SourceMark Mark { get; init; }
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

    /// <summary>The most specific scorecard matching <paramref name="e"/> (ties: first in the file).</summary>
    public Scorecard? ScorecardFor(Data.Employee e)
    {
        Scorecard? best = null;
        foreach (var s in Scorecards)
        {
            if (s.Match.Matches(e) && (best is null || s.Match.Specificity > best.Match.Specificity))
            {
                best = s;
            }
        }

        return best;
    }
}
