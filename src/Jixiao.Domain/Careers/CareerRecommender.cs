using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Careers;

/// <summary>
/// The career recommendations of a year (SPEC §9, docs/careers.md) from the year's month results: pure, nothing is changed.
/// Tier rules walk the months in order and follow their own recommendations as if accepted (after a promotion the next run
/// counts from the new tier, and the three months from its effective month are checked for demotion); a person recommended to
/// exit or to move to A gets no further tier recommendation that year. Order: employee, effective month, rule.
/// </summary>
public static class CareerRecommender
{
    /// <summary>The recommendations of <paramref name="year"/>.</summary>
    public static IReadOnlyList<CareerRecommendation> Recommend(CareerPlan plan, int year, IReadOnlyList<CalculationResult> results, IReadOnlyList<Employee> employees)
    {
        var monthResults = results.Where(r => r.Period.Kind == PeriodKind.Month && r.Period.Year == year).ToList();
        var found = new List<CareerRecommendation>();
        foreach (var emp in employees)
        {
            var own = monthResults.SelectMany(r => r.Results.Where(p => p.Employee == emp.Id).Select(p => (r.Period, Result: p))).ToList();
            if (own.Count == 0)
            {
                continue;
            }

            if (plan.Tiers is { } tiers && Applies(own, tiers.Scorecards))
            {
                found.AddRange(Tiers(emp, year, Months(own, tiers.Indicator), tiers, plan.Probation));
            }

            if (plan.Probation is { } probation && Applies(own, probation.Scorecards))
            {
                var noTarget = NoTargetMonths(emp, plan.Tiers, probation);
                if (ProbationQuarterExit.Check(emp.Id, emp.HireDate, noTarget, Months(own, probation.Indicator), probation) is { } q)
                {
                    found.Add(q);
                }

                var scores = own.ToDictionary(o => o.Period, o => o.Result.Total);
                if (ProbationScoreExit.Check(emp.Id, emp.HireDate, noTarget, scores, probation) is { } s)
                {
                    found.Add(s);
                }
            }

            if (plan.Reassignment is { } reassignment && Applies(own, reassignment.Scorecards))
            {
                var months = Months(own, reassignment.Indicator);
                if (SecondQuarterReassignment.Check(emp.Id, emp.HireDate, months, reassignment) is { } r)
                {
                    found.Add(r);
                }

                if (MissedQuartersReassignment.Check(emp.Id, emp.HireDate, year, months, reassignment) is { } m)
                {
                    found.Add(m);
                }
            }
        }

        return [.. found.OrderBy(r => r.Employee, StringComparer.Ordinal).ThenBy(r => r.Effective).ThenBy(r => r.Rule)];
    }

    private static bool Applies(List<(Period Period, EmployeeResult Result)> own, IReadOnlyList<string> scorecards) =>
        own.Exists(o => scorecards.Contains(o.Result.Scorecard, StringComparer.Ordinal));

    /// <summary>The assessed months: the indicator has an actual and a target above zero.</summary>
    private static Dictionary<Period, CareerMonth> Months(List<(Period Period, EmployeeResult Result)> own, string indicator)
    {
        var months = new Dictionary<Period, CareerMonth>();
        foreach (var (period, result) in own)
        {
            if (result.Indicators.FirstOrDefault(i => i.Code == indicator) is { Actual: { } a, Target: { } t } && t > 0m)
            {
                months[period] = new CareerMonth(period, a, t);
            }
        }

        return months;
    }

    private static int NoTargetMonths(Employee emp, TierRules? tiers, ProbationRules probation) =>
        tiers is null || tiers.Order.Count == 0 || tiers.Order[0] == emp.Tier ? probation.NoTargetMonthsFirstTier : probation.NoTargetMonthsOtherTiers;

    private static List<CareerRecommendation> Tiers(Employee emp, int year, Dictionary<Period, CareerMonth> months, TierRules rules, ProbationRules? probation)
    {
        var found = new List<CareerRecommendation>();
        var tier = IndexOf(rules.Order, emp.Tier);
        if (tier < 0)
        {
            return found; // a tier the rules do not know: nothing to move between
        }

        // Months without a target in probation do not count, nor does a run reach back before a promotion or demotion.
        var from = probation is null ? PayMonth.Month(year, 1)
            : PayMonth.Add(CompletionRamp.FirstAssessedMonth(emp.HireDate), NoTargetMonths(emp, rules, probation));
        Period? promotedFrom = null;
        for (var m = 1; m <= 12; m++)
        {
            var month = PayMonth.Month(year, m);
            if (month < from)
            {
                continue;
            }

            var counted = months.Where(x => x.Key >= from).ToDictionary(x => x.Key, x => x.Value);
            if (TierExit.Check(emp.Id, counted, month, rules) is { } exit)
            {
                found.Add(exit);
                return found;
            }

            if (promotedFrom is { } p && PayMonth.Add(p, rules.Months - 1) == month)
            {
                promotedFrom = null;
                if (TierDemotion.Check(emp.Id, counted, p, rules, rules.Order[tier], rules.Order[tier - 1]) is { } down)
                {
                    found.Add(down);
                    tier--;
                    from = down.Effective;
                    continue;
                }
            }

            if (tier == rules.Order.Count - 1)
            {
                if (PromotionToManager.Check(emp.Id, counted, month, rules, rules.Order[tier]) is { } manager)
                {
                    found.Add(manager);
                    return found;
                }
            }
            else if (TierPromotion.Check(emp.Id, counted, month, rules, rules.Order[tier], rules.Order[tier + 1]) is { } up)
            {
                found.Add(up);
                tier++;
                from = up.Effective;
                promotedFrom = up.Effective;
            }
        }

        return found;
    }

    private static int IndexOf(IReadOnlyList<string> order, string tier)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == tier)
            {
                return i;
            }
        }

        return -1;
    }
}
