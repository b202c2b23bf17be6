using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;
using Jixiao.Formulas;

namespace Jixiao.Domain.Compensation;

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

    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <c>name</c> with OpenCC.</summary>
    public string? NameZhTw { get; init; }

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
