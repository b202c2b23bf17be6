using Jixiao.Domain.Periods;
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

/// <summary>Rate applied to contract revenue by contract age (年限折算率): months [FromMonth, ToMonth], inclusive, 1-based.</summary>
public sealed record ContractAgeRate(int FromMonth, int? ToMonth, decimal Rate);

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

/// <summary>Where the denominator of an achievement ratio comes from.</summary>
public abstract record TargetSource
{
    /// <summary>The target of a metric code from targets.csv.</summary>
    public sealed record FromTargets(string Metric) : TargetSource;

    /// <summary>A fixed number written in the plan.</summary>
    public sealed record Constant(decimal Value) : TargetSource;

    /// <summary>Another metric's actual value (e.g. conversions ÷ follow-ups done).</summary>
    public sealed record OtherMetric(int MetricIndex, string Metric) : TargetSource;
}

/// <summary>A range of achievement with its points, interpolated linearly from Min at From to Max at To.</summary>
public sealed record ScoreBand(decimal From, decimal To, decimal Min, decimal Max);

/// <summary>A rubric level of a rating rule (e.g. 优秀 24–30).</summary>
public sealed record RubricLevel(string Level, decimal Min, decimal Max, string? Description);

/// <summary>A scoring rule (评分规则): how points are earned.</summary>
public abstract record ScoringRule(decimal Points)
{
    /// <summary>The points of the best possible result.</summary>
    public virtual decimal MaxPoints => Points;
}

/// <summary>points = weight × min(r, cap).</summary>
public sealed record RatioRule(decimal Points, int Metric, TargetSource Target, decimal Cap, Direction Direction, IfUndefined IfUndefined) : ScoringRule(Points)
{
    public override decimal MaxPoints => Points * Cap;
}

/// <summary>Points by achievement band, linear inside each band.</summary>
public sealed record BandsRule(decimal Points, int Metric, TargetSource Target, IReadOnlyList<ScoreBand> Bands, Direction Direction, IfUndefined IfUndefined) : ScoringRule(Points)
{
    public decimal Cap => Bands[^1].To;

    public override decimal MaxPoints => Bands[^1].Max;
}

/// <summary>points = max(0, weight − per_event × count).</summary>
public sealed record DeductionRule(decimal Points, int Metric, decimal PerEvent) : ScoringRule(Points);

/// <summary>points = Σ parts.</summary>
public sealed record SumOfPartsRule(decimal Points, IReadOnlyList<ScoringPart> Parts) : ScoringRule(Points)
{
    public override decimal MaxPoints
    {
        get
        {
            decimal m = 0;
            foreach (var p in Parts)
            {
                m += p.Rule.MaxPoints;
            }

            return m;
        }
    }
}

/// <summary>One named part of a sum_of_parts rule.</summary>
public sealed record ScoringPart(string Name, ScoringRule Rule);

/// <summary>Points given by a rater in [0, weight].</summary>
public sealed record RatingRule(decimal Points, IReadOnlyList<RubricLevel> Rubric) : ScoringRule(Points);

/// <summary>An expression over metrics, clamped to [0, weight × cap].</summary>
public sealed record FormulaRule(decimal Points, CompiledFormula Formula, decimal Cap) : ScoringRule(Points)
{
    public override decimal MaxPoints => Points * Cap;
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

/// <summary>A coefficient: fixed, or interpolated linearly over a score range and clamped.</summary>
public sealed record CoefficientSpec(decimal From, decimal To, decimal OverFrom, decimal OverTo)
{
    public bool IsFixed => From == To;

    public decimal At(decimal score)
    {
        if (IsFixed || OverTo == OverFrom)
        {
            return From;
        }

        var t = (score - OverFrom) / (OverTo - OverFrom);
        t = Math.Clamp(t, 0m, 1m);
        return From + ((To - From) * t);
    }
}

/// <summary>One grade of a grade scale: total score in [From, To) earns Grade and a coefficient.</summary>
public sealed record GradeBand(string Grade, decimal From, decimal? To, CoefficientSpec Coefficient, string? Advice);

/// <summary>A grade scale (评级): score → grade and coefficient.</summary>
public sealed record GradeScale(string Code, IReadOnlyList<GradeBand> Bands)
{
    /// <summary>The band containing <paramref name="score"/>, or null below the lowest band.</summary>
    public GradeBand? Find(decimal score)
    {
        for (var i = Bands.Count - 1; i >= 0; i--)
        {
            var b = Bands[i];
            if (score >= b.From && (b.To is null || score < b.To))
            {
                return b;
            }
        }

        return null;
    }
}

/// <summary>A value that depends on an employee attribute (level, tier, category, position) or product.</summary>
public sealed record ValueTable(string? By, decimal? Fixed, IReadOnlyDictionary<string, decimal> Values, decimal? Default)
{
    public static ValueTable Of(decimal value) => new(null, value, new Dictionary<string, decimal>(), null);

    public bool TryGet(string? key, out decimal value)
    {
        if (Fixed is { } f)
        {
            value = f;
            return true;
        }

        if (key is not null && Values.TryGetValue(key, out value))
        {
            return true;
        }

        if (Default is { } d)
        {
            value = d;
            return true;
        }

        value = 0;
        return false;
    }

    public static string? Attribute(string? by, Data.Employee e) => by switch
    {
        "level" => e.Level,
        "tier" => e.Tier,
        "category" => e.Category,
        "position" => e.Position,
        _ => null,
    };
}

/// <summary>The kinds of pay component the engine computes.</summary>
public enum PayKind
{
    /// <summary>base × coefficient × min(achievement, cap) (seed 002; seed 003 C with no achievement).</summary>
    Bonus,

    /// <summary>(actual − target) × rate when actual exceeds target × (1 + threshold) (seed 002 special award, seed 004 margin bonus).</summary>
    OverTarget,

    /// <summary>Units sold beyond the target, in the order sold, × amount per product (seed 004 vehicle bonus).</summary>
    OverTargetUnits,

    /// <summary>actual ÷ annual target × annual target commission, uncapped (seed 003 B).</summary>
    Commission,

    /// <summary>metric × rate by attribute (seed 003 D/E part-time).</summary>
    Rate,

    /// <summary>An expression over metrics, targets, total, coefficient.</summary>
    Formula,
}

/// <summary>A pay component (奖金/提成 line).</summary>
public sealed class PayComponent
{
    public required string Code { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    public required PayKind Kind { get; init; }

    public required IReadOnlyList<PeriodKind> Periods { get; init; }

    public EmployeeMatch Match { get; init; } = EmployeeMatch.Any;

    /// <summary>Scorecards it applies to; null = every scorecard.</summary>
    public IReadOnlyList<string>? Scorecards { get; init; }

    public int Metric { get; init; } = -1;

    public TargetSource? Target { get; init; }

    public ValueTable? Base { get; init; }

    public int AchievementMetric { get; init; } = -1;

    public TargetSource? AchievementTarget { get; init; }

    public decimal AchievementCap { get; init; } = 1m;

    public decimal Threshold { get; init; }

    public ValueTable? Rate { get; init; }

    public ValueTable? Amounts { get; init; }

    /// <summary>Seed 003 B: the commission paid when the period's target is fully met (at least this much).</summary>
    public ValueTable? PeriodTargetCommission { get; init; }

    /// <summary>Period of the target the commission divides by (year for seed 003 B).</summary>
    public PeriodKind TargetPeriod { get; init; } = PeriodKind.Year;

    public CompiledFormula? Formula { get; init; }

    /// <summary>Whether leaving before the period ends forfeits this component (seed 003 §8.5).</summary>
    public bool ForfeitOnLeave { get; init; } = true;

    public string? Comment { get; init; }

    public bool AppliesTo(Data.Employee e, string scorecard, PeriodKind kind)
    {
        if (!Periods.Contains(kind) || !Match.Matches(e))
        {
            return false;
        }

        return Scorecards is null || Scorecards.Contains(scorecard, StringComparer.Ordinal);
    }
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
