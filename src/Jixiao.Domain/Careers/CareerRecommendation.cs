using System.Globalization;
using Jixiao.Domain.Localization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// The career rules of a plan (SPEC §9, seed 003 B §四/§五, A §四). Each produces a recommendation for HR; its name shown to
/// users is resource <c>CareerRule_{rule}</c>, its explanation <c>Career_{rule}</c>, its file code <see cref="CareerRuleCodes"/>.
/// </summary>
public enum CareerRule
{
    /// <summary>Three consecutive months ≥ 100% of the monthly target: one tier up from the fourth month.</summary>
    TierPromotion,

    /// <summary>The three months after a tier promotion below 100% of their targets in total: back down one tier.</summary>
    TierDemotion,

    /// <summary>Three consecutive months at ≤ 60%: exit (按自动离职处理).</summary>
    TierExit,

    /// <summary>Three consecutive months ≥ 100% in the top tier: promotion to regional sales manager (A).</summary>
    PromotionToManager,

    /// <summary>The first assessed quarter of a new representative below 40%: exit.</summary>
    ProbationQuarterExit,

    /// <summary>A probation scorecard below 80 two months in a row: exit.</summary>
    ProbationScoreExit,

    /// <summary>A manager's second assessed quarter below 80%: reassignment.</summary>
    SecondQuarterReassignment,

    /// <summary>A manager's three consecutive quarters missed and their cumulative completion below 80%: reassignment.</summary>
    MissedQuartersReassignment,
}

/// <summary>The codes of <see cref="CareerRule"/> in files (`jixiao careers`): snake_case, stable.</summary>
public static class CareerRuleCodes
{
    private static readonly (CareerRule Rule, string Code)[] Codes =
    [
        (CareerRule.TierPromotion, "tier_promotion"), (CareerRule.TierDemotion, "tier_demotion"), (CareerRule.TierExit, "tier_exit"),
        (CareerRule.PromotionToManager, "promotion_to_manager"), (CareerRule.ProbationQuarterExit, "probation_quarter_exit"),
        (CareerRule.ProbationScoreExit, "probation_score_exit"), (CareerRule.SecondQuarterReassignment, "second_quarter_reassignment"),
        (CareerRule.MissedQuartersReassignment, "missed_quarters_reassignment"),
    ];

    /// <summary>The file code of <paramref name="rule"/>.</summary>
    public static string Code(CareerRule rule) => Codes.First(c => c.Rule == rule).Code;
}

/// <summary>
/// A recommendation for HR (never a change): the employee, the rule, the month it would take effect from, and the evidence
/// (the months or quarters and rates that triggered it) as the arguments of the rule's explanation.
/// </summary>
public sealed record CareerRecommendation(string Employee, CareerRule Rule, Period Effective, IReadOnlyList<string> Arguments)
{
    /// <summary>The rule's name in <paramref name="culture"/> (zh-CN by default).</summary>
    public string RuleName(CultureInfo? culture = null) => Text.Format("CareerRule_" + Rule, culture);

    /// <summary>The evidence in <paramref name="culture"/> (zh-CN by default).</summary>
    public string Explain(CultureInfo? culture = null) => Text.Format("Career_" + Rule, culture, [.. Arguments]);
}

/// <summary>
/// B tiers (seed 003 B §四): who (people assessed on these scorecards), the indicator whose actual ÷ target is the monthly
/// rate, the tiers from lowest to highest, the length of a run in months, and the thresholds.
/// </summary>
public sealed record TierRules(IReadOnlyList<string> Scorecards, string Indicator, IReadOnlyList<string> Order, int Months, decimal UpAtLeast,
    decimal DownBelow, decimal ExitAtMost);

/// <summary>
/// Probation of new representatives (seed 003 B §五): the months without a target after the first assessed month (first tier,
/// other tiers), the first assessed quarter's minimum, the scorecard minimum and how many months below it lead to exit.
/// </summary>
public sealed record ProbationRules(IReadOnlyList<string> Scorecards, string Indicator, int NoTargetMonthsFirstTier, int NoTargetMonthsOtherTiers,
    decimal FirstQuarterBelow, decimal ScoreBelow, int ScoreMonths);

/// <summary>Reassignment of managers (seed 003 A §四): the second assessed quarter's minimum; missed quarters in a row and the cumulative minimum.</summary>
public sealed record ReassignmentRules(IReadOnlyList<string> Scorecards, string Indicator, decimal SecondQuarterBelow, int MissedQuarters,
    decimal CumulativeBelow);

/// <summary>The plan's <c>careers</c> section (docs/plan-format.md §10b); each part is optional.</summary>
public sealed record CareerPlan(TierRules? Tiers, ProbationRules? Probation, ReassignmentRules? Reassignment)
{
    /// <summary>A plan without career rules.</summary>
    public static CareerPlan None { get; } = new(null, null, null);
}

/// <summary>One assessed month of a person: the indicator's actual and target (target &gt; 0).</summary>
public sealed record CareerMonth(Period Month, decimal Actual, decimal Target)
{
    /// <summary>Actual ÷ target, unrounded.</summary>
    public decimal Rate => Actual / Target;
}

/// <summary>Formatting of evidence: rates as percentages to 0.01%, amounts as plain numbers.</summary>
public static class CareerText
{
    /// <summary>A rate as a percentage (0.98765 → "98.77%").</summary>
    public static string Pct(decimal rate) =>
        Math.Round(rate * 100m, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>An amount without grouping (Σ actual, Σ target).</summary>
    public static string Num(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"2026-03 98.5%, 2026-04 101%": months with their rates.</summary>
    public static string Months(IEnumerable<CareerMonth> months) => string.Join(", ", months.Select(m => m.Month + " " + Pct(m.Rate)));
}

/// <summary>Runs of consecutive calendar months.</summary>
public static class CareerMonths
{
    /// <summary>The <paramref name="count"/> months ending with <paramref name="last"/>, or null when one of them is not assessed (a gap breaks a run).</summary>
    public static IReadOnlyList<CareerMonth>? Window(IReadOnlyDictionary<Period, CareerMonth> months, Period last, int count)
    {
        var window = new List<CareerMonth>(count);
        for (var i = count - 1; i >= 0; i--)
        {
            if (!months.TryGetValue(Compensation.Ledger.PayMonth.Add(last, -i), out var m))
            {
                return null;
            }

            window.Add(m);
        }

        return window;
    }

    /// <summary>Σ actual ÷ Σ target of <paramref name="months"/>.</summary>
    public static decimal Rate(IReadOnlyList<CareerMonth> months) => months.Sum(m => m.Actual) / months.Sum(m => m.Target);
}
