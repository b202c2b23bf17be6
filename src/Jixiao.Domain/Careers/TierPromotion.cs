using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// B tier promotion (seed 003 B §四.1): the monthly rate (actual ÷ target) at least 100% in three consecutive months → one
/// tier up from the fourth month, with that tier's pay and target. A month without a target (a gap) breaks the run;
/// exactly 100% counts.
/// </summary>
public static class TierPromotion
{
    /// <summary>The recommendation when the run ending with <paramref name="last"/> qualifies; else null.</summary>
    public static CareerRecommendation? Check(string employee, IReadOnlyDictionary<Period, CareerMonth> months, Period last, TierRules rules,
        string tier, string next)
    {
        var window = CareerMonths.Window(months, last, rules.Months);
        if (window is null || window.Any(m => m.Rate < rules.UpAtLeast))
        {
            return null;
        }

        var effective = PayMonth.Add(last, 1);
        return new CareerRecommendation(employee, CareerRule.TierPromotion, effective,
            [tier, next, CareerText.Months(window), CareerText.Pct(rules.UpAtLeast), effective.ToString()]);
    }
}
