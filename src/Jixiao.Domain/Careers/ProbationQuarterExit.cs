using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// Probation exit on the first assessed quarter (seed 003 B §五.2): a representative's first months have no target (first
/// tier: the first quarter; higher tiers: the first month), counted from the first assessed month (the hire month when
/// hired on or before the 15th, else the next month); the three months after them are the first assessed quarter. Σ actual
/// ÷ Σ target of that quarter below 40% → exit from the month after it. Exactly 40% stays.
/// </summary>
public static class ProbationQuarterExit
{
    /// <summary>The months of the first assessed quarter of someone hired on <paramref name="hired"/> with <paramref name="noTargetMonths"/> months without a target.</summary>
    public static (Period First, Period Last) FirstQuarter(DateOnly hired, int noTargetMonths)
    {
        var first = PayMonth.Add(CompletionRamp.FirstAssessedMonth(hired), noTargetMonths);
        return (first, PayMonth.Add(first, 2));
    }

    /// <summary>The recommendation when the first assessed quarter is complete in <paramref name="months"/> and below the minimum; else null.</summary>
    public static CareerRecommendation? Check(string employee, DateOnly hired, int noTargetMonths, IReadOnlyDictionary<Period, CareerMonth> months,
        ProbationRules rules)
    {
        var (first, last) = FirstQuarter(hired, noTargetMonths);
        var window = CareerMonths.Window(months, last, 3);
        if (window is null)
        {
            return null;
        }

        var rate = CareerMonths.Rate(window);
        if (rate >= rules.FirstQuarterBelow)
        {
            return null;
        }

        var effective = PayMonth.Add(last, 1);
        return new CareerRecommendation(employee, CareerRule.ProbationQuarterExit, effective,
        [
            first + "–" + last, CareerText.Num(window.Sum(m => m.Actual)), CareerText.Num(window.Sum(m => m.Target)), CareerText.Pct(rate),
            CareerText.Pct(rules.FirstQuarterBelow), effective.ToString(),
        ]);
    }
}
