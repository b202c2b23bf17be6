using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// Reassignment on the second assessed quarter (seed 003 A §四.1): a manager's assessed quarters are calendar quarters, the
/// first being the one containing the first assessed month (the hire month when hired on or before the 15th, else the next);
/// the second assessed quarter's completion (Σ actual ÷ Σ target of its months) below 80% → reassignment (调岗, pay by the new
/// position, or exit) from the month after it. Exactly 80% stays.
/// </summary>
public static class SecondQuarterReassignment
{
    /// <summary>The second assessed quarter of someone hired on <paramref name="hired"/>.</summary>
    public static Period SecondQuarter(DateOnly hired) =>
        Period.Containing(Period.Containing(CompletionRamp.FirstAssessedMonth(hired).Start, PeriodKind.Quarter).End.AddDays(1), PeriodKind.Quarter);

    /// <summary>The recommendation when the second assessed quarter is complete in <paramref name="months"/> and below the minimum; else null.</summary>
    public static CareerRecommendation? Check(string employee, DateOnly hired, IReadOnlyDictionary<Period, CareerMonth> months, ReassignmentRules rules)
    {
        var quarter = SecondQuarter(hired);
        var last = PayMonth.Month(quarter.Year, quarter.LastMonth);
        var window = CareerMonths.Window(months, last, 3);
        if (window is null)
        {
            return null;
        }

        var rate = CareerMonths.Rate(window);
        if (rate >= rules.SecondQuarterBelow)
        {
            return null;
        }

        var effective = PayMonth.Add(last, 1);
        return new CareerRecommendation(employee, CareerRule.SecondQuarterReassignment, effective,
        [
            quarter.ToString(), CareerText.Num(window.Sum(m => m.Actual)), CareerText.Num(window.Sum(m => m.Target)), CareerText.Pct(rate),
            CareerText.Pct(rules.SecondQuarterBelow), effective.ToString(),
        ]);
    }
}
