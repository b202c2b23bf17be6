using Jixiao.Domain.Calculation;

namespace Jixiao.Domain.Compensation;

/// <summary>The cost control of one computed period: the check, the capped lines and what they would be once scaled.</summary>
public sealed record CostReview(decimal Revenue, PoolCheck Check, IReadOnlyList<VariablePay> Lines, IReadOnlyList<decimal> Scaled);

/// <summary>
/// Applies a plan's <see cref="CostControlPlan"/> to a computed period (seed 002 "成本控制"): the revenue is the sum of
/// the revenue indicator's actual over everyone computed, the capped lines are the covered pay lines that are not
/// forfeited and above zero, and <see cref="BonusPoolCapRule"/> checks and scales them. HR then either approves the excess with a reason
/// or pays the scaled amounts; nothing is scaled silently.
/// </summary>
public static class CostControl
{
    /// <summary>The review of <paramref name="result"/> under <paramref name="plan"/>.</summary>
    public static CostReview Review(CostControlPlan plan, CalculationResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var revenue = 0m;
        var lines = new List<VariablePay>();
        foreach (var person in result.Results)
        {
            if (plan.RevenueIndicator is { } indicator)
            {
                foreach (var i in person.Indicators)
                {
                    if (i.Code == indicator && i.Actual is { } actual)
                    {
                        revenue += actual;
                    }
                }
            }

            foreach (var line in person.Pay)
            {
                if (!line.Forfeited && line.Amount > 0m && plan.Covers(line.Component))
                {
                    lines.Add(new VariablePay(person.Employee, line.Component, line.Amount));
                }
            }
        }

        var check = BonusPoolCapRule.Check(plan.Cap, revenue, lines);
        return new CostReview(revenue, check, lines, BonusPoolCapRule.Scale(lines, check.Pool));
    }
}
