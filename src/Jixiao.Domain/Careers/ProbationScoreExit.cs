using System.Globalization;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// Probation exit on the scorecard (seed 003 B §五.2): during probation (the months without a target and the first assessed
/// quarter) the monthly scorecard total must reach 80; below 80 in two consecutive months → exit from the next month. A month
/// without a result breaks the run; exactly 80 passes.
/// </summary>
public static class ProbationScoreExit
{
    /// <summary>The first recommendation found in probation, from the person's scorecard total by month; null when none.</summary>
    public static CareerRecommendation? Check(string employee, DateOnly hired, int noTargetMonths, IReadOnlyDictionary<Period, decimal> scores,
        ProbationRules rules)
    {
        var start = CompletionRamp.FirstAssessedMonth(hired);
        var (_, end) = ProbationQuarterExit.FirstQuarter(hired, noTargetMonths);
        var run = new List<(Period Month, decimal Total)>();
        for (var m = start; m <= end; m = PayMonth.Add(m, 1))
        {
            if (scores.TryGetValue(m, out var total) && total < rules.ScoreBelow)
            {
                run.Add((m, total));
            }
            else
            {
                run.Clear();
            }

            if (run.Count == rules.ScoreMonths)
            {
                var effective = PayMonth.Add(m, 1);
                var evidence = string.Join(", ", run.Select(r => r.Month + " " + r.Total.ToString("0.##", CultureInfo.InvariantCulture)));
                return new CareerRecommendation(employee, CareerRule.ProbationScoreExit, effective,
                    [evidence, rules.ScoreBelow.ToString("0.##", CultureInfo.InvariantCulture), rules.ScoreMonths.ToString(CultureInfo.InvariantCulture), effective.ToString()]);
            }
        }

        return null;
    }
}
