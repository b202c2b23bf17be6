using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>A month of fixed pay before withholding: the amount due (<see cref="MonthlySalary"/>), the monthly rate and the days employed.</summary>
public sealed record SalaryMonth(Period Month, decimal Amount, decimal Monthly, int Days);

/// <summary>
/// Withholding and back-pay of fixed pay (seed 003 A 四.2(1): "若季度目标完成率不达标的，则自次季度起，每月薪资=应发工资*实际目标完成率支付；
/// 若…累计目标完成率达标的，…补发前一季度的扣发薪资"; docs/pay-ledger.md):
/// <list type="bullet">
/// <item>the annual task is the sum of the person's targets of the rule's indicator over the year (a joiner's targets cover
/// only the months after joining: annual ÷ 12 × remaining months, TargetDecomposer's 15th-day proration);</item>
/// <item>a quarter's requirement is its share (<see cref="CompletionRamp"/>) × the annual task, rounded to the cent; the quarter
/// is missed when its actual is below that;</item>
/// <item>each month of the next quarter (same year) pays salary × the missed quarter's completion (actual ÷ requirement,
/// capped at 100%), rounded to the cent; the rest is a withheld line of the same month;</item>
/// <item>when the cumulative actual by the end of that next quarter reaches the cumulative requirement, every withheld line
/// of its months is paid back in the month after it; otherwise the withheld salary stays withheld (ADR 0022).</item>
/// </list>
/// Annual task 1,200,000, Q1 requirement 20% = 240,000, Q1 actual 180,000 → 75%: April salary 10,000 pays 7,500.00 and
/// withholds 2,500.00; Q1+Q2 actual 560,000 ≥ 45% = 540,000 → 3 × 2,500.00 paid back in July.
/// </summary>
public static class SalaryWithholding
{
    /// <summary>
    /// The salary, withheld and paid-back lines of one person for the year of <paramref name="months"/>.
    /// <paramref name="quarterActuals"/>: the actual of each completed quarter (index 1–4) — quarters not completed are absent.
    /// </summary>
    public static List<LedgerLine> Lines(
        string employee,
        IReadOnlyList<SalaryMonth> months,
        IReadOnlyDictionary<int, decimal> quarterActuals,
        decimal annualTask,
        DateOnly hired,
        WithholdingRule? rule,
        string component)
    {
        var lines = new List<LedgerLine>();
        var completion = new Dictionary<int, (decimal Rate, decimal Actual, decimal Required)>();
        if (rule is not null && annualTask > 0m && months.Count > 0)
        {
            var year = months[0].Month.Year;
            foreach (var (q, actual) in quarterActuals)
            {
                var share = CompletionRamp.Required(new Period(PeriodKind.Quarter, year, q), hired, rule.FirstYear, rule.LaterYears);
                var required = Money.Round((share ?? 0m) * annualTask);
                if (required > 0m && actual < required)
                {
                    completion[q] = (Math.Clamp(actual / required, 0m, 1m), actual, required);
                }
            }
        }

        var withheldByQuarter = new Dictionary<int, List<LedgerLine>>();
        foreach (var m in months)
        {
            var quarter = (m.Month.Index - 1) / 3 + 1;
            if (!completion.TryGetValue(quarter - 1, out var missed))
            {
                lines.Add(new LedgerLine(employee, component, m.Month, m.Month, LedgerStatus.Paid, m.Amount, LedgerRule.Salary, [Amt(m.Monthly), Days(m.Days), Days(m.Month.End.Day)]));
                continue;
            }

            var previous = new Period(PeriodKind.Quarter, m.Month.Year, quarter - 1).ToString();
            var paid = Money.Round(m.Amount * missed.Rate);
            var held = m.Amount - paid;
            lines.Add(new LedgerLine(employee, component, m.Month, m.Month, LedgerStatus.Paid, paid, LedgerRule.SalaryReduced,
                [previous, Amt(missed.Actual), Amt(missed.Required), Pct(missed.Rate), Amt(m.Amount), Amt(paid)]));
            if (held != 0m)
            {
                var line = new LedgerLine(employee, component, m.Month, m.Month, LedgerStatus.Withheld, held, LedgerRule.Withheld,
                    [previous, Amt(missed.Actual), Amt(missed.Required), Pct(missed.Rate), Amt(held), Amt(m.Amount)]);
                lines.Add(line);
                (withheldByQuarter.TryGetValue(quarter, out var list) ? list : withheldByQuarter[quarter] = []).Add(line);
            }
        }

        if (rule is null)
        {
            return lines;
        }

        foreach (var (quarter, withheld) in withheldByQuarter)
        {
            if (!quarterActuals.ContainsKey(quarter))
            {
                continue; // the quarter has not ended yet: nothing is decided
            }

            var q = new Period(PeriodKind.Quarter, withheld[0].Earned.Year, quarter);
            var cumulativeActual = quarterActuals.Where(kv => kv.Key <= quarter).Sum(kv => kv.Value);
            var cumulativeRequired = Money.Round(CompletionRamp.Cumulative(q, hired, rule.FirstYear, rule.LaterYears) * annualTask);
            if (cumulativeActual < cumulativeRequired)
            {
                continue; // not recovered: stays withheld (ADR 0022)
            }

            var payMonth = PayMonth.Add(PayMonth.Month(q.Year, q.LastMonth), 1);
            foreach (var w in withheld)
            {
                lines.Add(new LedgerLine(employee, component, w.Earned, payMonth, LedgerStatus.PaidBack, w.Amount, LedgerRule.PaidBack,
                    [q.ToString(), Amt(cumulativeActual), Amt(cumulativeRequired), w.Earned.ToString()], w.Ref));
            }
        }

        return lines;
    }

    internal static string Amt(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string Pct(decimal d) => Money.Round(d * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Days(int d) => d.ToString(CultureInfo.InvariantCulture);
}
