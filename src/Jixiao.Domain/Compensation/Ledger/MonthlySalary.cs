using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>One row of salaries.csv: the monthly fixed pay of an employee from a date on (effective-dated).</summary>
public sealed record SalaryRow(string Employee, DateOnly EffectiveFrom, decimal MonthlyAmount);

/// <summary>
/// A month's fixed pay (固定工资) from salaries.csv: the monthly amount in force on the month's last day (or on the leave
/// date when the person leaves that month) × the calendar days employed in the month ÷ the days of the month, rounded to
/// the cent; 0 for a month the person is not employed at all. 9,000.00 for a hire on 2026-04-16: 9,000 × 15 ÷ 30 = 4,500.00.
/// </summary>
public static class MonthlySalary
{
    /// <summary>The row in force on <paramref name="day"/> (the latest effective on or before it), or null.</summary>
    public static SalaryRow? InForce(IEnumerable<SalaryRow> rows, DateOnly day)
    {
        SalaryRow? best = null;
        foreach (var r in rows)
        {
            if (r.EffectiveFrom <= day && (best is null || r.EffectiveFrom > best.EffectiveFrom))
            {
                best = r;
            }
        }

        return best;
    }

    /// <summary>The days of <paramref name="month"/> between hire and leave date (both inclusive).</summary>
    public static int DaysEmployed(Period month, DateOnly hired, DateOnly? left)
    {
        var from = hired > month.Start ? hired : month.Start;
        var to = left is { } l && l < month.End ? l : month.End;
        return to < from ? 0 : to.DayNumber - from.DayNumber + 1;
    }

    /// <summary>The month's pay, the monthly amount used and the days employed; null when no salary row is in force.</summary>
    public static (decimal Amount, decimal Monthly, int Days)? For(IEnumerable<SalaryRow> rows, Period month, DateOnly hired, DateOnly? left)
    {
        var days = DaysEmployed(month, hired, left);
        if (days == 0)
        {
            return null;
        }

        var on = left is { } l && l < month.End ? l : month.End;
        if (InForce(rows, on) is not { } row)
        {
            return null;
        }

        var inMonth = month.End.Day;
        var amount = days == inMonth ? row.MonthlyAmount : Money.Round(row.MonthlyAmount * days / inMonth);
        return (amount, row.MonthlyAmount, days);
    }
}
