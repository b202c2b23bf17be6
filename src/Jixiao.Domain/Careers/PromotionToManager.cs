using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// Promotion of the top tier to A (seed 003 B §四.2): in the highest tier, the monthly rate at least 100% in three
/// consecutive months → regional sales manager (物流销售经理（区域）) from the next month, with a manager's pay and commission.
/// </summary>
public static class PromotionToManager
{
    /// <summary>The recommendation when the run ending with <paramref name="last"/> qualifies; else null.</summary>
    public static CareerRecommendation? Check(string employee, IReadOnlyDictionary<Period, CareerMonth> months, Period last, TierRules rules, string topTier)
    {
        var window = CareerMonths.Window(months, last, rules.Months);
        if (window is null || window.Any(m => m.Rate < rules.UpAtLeast))
        {
            return null;
        }

        var effective = PayMonth.Add(last, 1);
        return new CareerRecommendation(employee, CareerRule.PromotionToManager, effective,
            [topTier, CareerText.Months(window), CareerText.Pct(rules.UpAtLeast), effective.ToString()]);
    }
}
