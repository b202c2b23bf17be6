using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// B tier demotion (seed 003 B §四.1): after a tier promotion effective in month M, the three months M, M+1, M+2 together below
/// 100% of their targets (Σ actual ÷ Σ target) → back down one tier from M+3. Exactly 100% keeps the tier. When one of the
/// three months is not assessed, nothing is recommended (the window cannot be judged).
/// </summary>
public static class TierDemotion
{
    /// <summary>The recommendation for the window starting with <paramref name="promotedFrom"/>; else null.</summary>
    public static CareerRecommendation? Check(string employee, IReadOnlyDictionary<Period, CareerMonth> months, Period promotedFrom, TierRules rules,
        string tier, string lower)
    {
        var last = PayMonth.Add(promotedFrom, rules.Months - 1);
        var window = CareerMonths.Window(months, last, rules.Months);
        if (window is null)
        {
            return null;
        }

        var rate = CareerMonths.Rate(window);
        if (rate >= rules.DownBelow)
        {
            return null;
        }

        var effective = PayMonth.Add(last, 1);
        return new CareerRecommendation(employee, CareerRule.TierDemotion, effective,
        [
            tier, lower, CareerText.Months(window), CareerText.Num(window.Sum(m => m.Actual)), CareerText.Num(window.Sum(m => m.Target)),
            CareerText.Pct(rate), CareerText.Pct(rules.DownBelow), effective.ToString(),
        ]);
    }
}
