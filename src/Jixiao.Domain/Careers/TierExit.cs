using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// B exit (seed 003 B §四.1): the monthly rate at most 60% (60% included, "60%(含)以下") in three consecutive months → exit
/// (按自动离职处理) from the next month. A gap month breaks the run.
/// </summary>
public static class TierExit
{
    /// <summary>The recommendation when the run ending with <paramref name="last"/> qualifies; else null.</summary>
    public static CareerRecommendation? Check(string employee, IReadOnlyDictionary<Period, CareerMonth> months, Period last, TierRules rules)
    {
        var window = CareerMonths.Window(months, last, rules.Months);
        if (window is null || window.Any(m => m.Rate > rules.ExitAtMost))
        {
            return null;
        }

        var effective = PayMonth.Add(last, 1);
        return new CareerRecommendation(employee, CareerRule.TierExit, effective,
            [CareerText.Months(window), CareerText.Pct(rules.ExitAtMost), effective.ToString()]);
    }
}
