using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// Reassignment in normal employment (seed 003 A §四.2(2)): after the second assessed quarter, three consecutive calendar
/// quarters each missed (Σ actual ÷ Σ target of its months below 100%) and their cumulative completion (Σ actual ÷ Σ target of
/// the three quarters) below 80% → reassignment from the month after the third. A quarter with a month not assessed breaks
/// the run; a quarter at exactly 100% is not missed.
/// </summary>
public static class MissedQuartersReassignment
{
    /// <summary>The first recommendation among the quarters of <paramref name="year"/>; null when none.</summary>
    public static CareerRecommendation? Check(string employee, DateOnly hired, int year, IReadOnlyDictionary<Period, CareerMonth> months,
        ReassignmentRules rules)
    {
        var second = SecondQuarterReassignment.SecondQuarter(hired);
        var run = new List<(Period Quarter, IReadOnlyList<CareerMonth> Months)>();
        for (var q = 1; q <= 4; q++)
        {
            var quarter = new Period(PeriodKind.Quarter, year, q);
            var window = quarter <= second ? null : CareerMonths.Window(months, PayMonth.Month(year, quarter.LastMonth), 3);
            if (window is not null && CareerMonths.Rate(window) < 1m)
            {
                run.Add((quarter, window));
            }
            else
            {
                run.Clear();
            }

            if (run.Count < rules.MissedQuarters)
            {
                continue;
            }

            var all = run.SelectMany(r => r.Months).ToList();
            var rate = CareerMonths.Rate(all);
            if (rate >= rules.CumulativeBelow)
            {
                run.RemoveAt(0); // the next quarter may close a later run of three
                continue;
            }

            var effective = PayMonth.Add(PayMonth.Month(year, quarter.LastMonth), 1);
            return new CareerRecommendation(employee, CareerRule.MissedQuartersReassignment, effective,
            [
                string.Join(", ", run.Select(r => r.Quarter + " " + CareerText.Pct(CareerMonths.Rate(r.Months)))),
                CareerText.Num(all.Sum(m => m.Actual)), CareerText.Num(all.Sum(m => m.Target)), CareerText.Pct(rate),
                CareerText.Pct(rules.CumulativeBelow), effective.ToString(),
            ]);
        }

        return null;
    }
}
