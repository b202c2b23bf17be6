using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// No bonus during probation (seed 003 §七.4: C类人员薪资试用期期间无管理指标考核奖金), for a schedule with
/// <see cref="PaymentSchedule.NoneDuringProbation"/>: of an amount earned in a period, the part for the calendar days of the
/// period up to and including the last day of probation is forfeited — amount × probation days ÷ days of the period,
/// rounded to the cent (四舍五入) — and the rest is paid as scheduled. A period wholly on probation pays nothing; one
/// after it pays everything.
/// </summary>
public static class ProbationPay
{
    /// <summary>The part of <paramref name="amount"/> earned in <paramref name="earned"/> that is forfeited for probation ending on <paramref name="probationEnd"/>.</summary>
    public static decimal Forfeited(decimal amount, Period earned, DateOnly? probationEnd)
    {
        if (probationEnd is not { } end || end < earned.Start)
        {
            return 0m;
        }

        if (end >= earned.End)
        {
            return amount;
        }

        var days = earned.End.DayNumber - earned.Start.DayNumber + 1;
        var onProbation = end.DayNumber - earned.Start.DayNumber + 1;
        return Money.Round(amount * onProbation / days);
    }
}
