namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>When an earned amount (or a share of it) is paid, counted from the earned period (docs/plan-format.md §10a).</summary>
public enum PayTiming
{
    /// <summary>In the last month of the earned period.</summary>
    SameMonth,

    /// <summary>In the month after the earned period (a month's bonus in the next month; a quarter's in the month after the quarter).</summary>
    NextMonth,

    /// <summary>In the month after the quarter that contains the earned period (seed 003 §六.1: commission computed monthly, paid quarterly).</summary>
    MonthAfterQuarter,

    /// <summary>In the second month of the quarter after the one that contains the earned period (seed 003 §六.2: C's 30%).</summary>
    SecondMonthOfNextQuarter,

    /// <summary>In the month in which the Spring Festival holiday of the next year ends (seed 003 §六.2: C's 70%, 春节过后).</summary>
    AfterSpringFestival,
}

/// <summary>
/// A completion factor a share is multiplied by when paid: the person's completion of an indicator over the earned year
/// (Σ actual ÷ Σ target of the indicator in the year's results), capped (seed 003 C: × 部门业绩目标完成率, at most 100%).
/// </summary>
public sealed record CompletionFactor(string Indicator, decimal Cap);

/// <summary>One share of an earned amount: its part, when it is paid, whether a leaver forfeits it, and an optional factor.</summary>
public sealed record PaymentShare(decimal Share, PayTiming Pay, bool ForfeitOnLeave, CompletionFactor? Factor = null);

/// <summary>
/// The payment schedule of one pay component (plan data, docs/plan-format.md §10a): the shares of each earned amount, in
/// order; they sum to 100%. Every share but the last is rounded to the cent, the last is the remainder, so the parts sum
/// exactly to the amount earned (<see cref="DeferredSplit"/>).
/// </summary>
public sealed record PaymentSchedule(string Component, IReadOnlyList<PaymentShare> Shares)
{
    /// <summary>
    /// Seed 003 §七.4 (C类人员薪资试用期期间无管理指标考核奖金): nothing of the amount is paid for the days of the earned period the
    /// person is on probation (<see cref="ProbationPay"/>); that part is forfeited.
    /// </summary>
    public bool NoneDuringProbation { get; init; }

    /// <summary>The schedule of a component the plan gives none: all of it in the next month, forfeited as the component says.</summary>
    public static PaymentSchedule Default(string component, bool forfeitOnLeave) =>
        new(component, [new PaymentShare(1m, PayTiming.NextMonth, forfeitOnLeave)]);
}

/// <summary>
/// Withholding of fixed pay after a missed quarter (seed 003 A 四.2(1)), as plan data: who it applies to (people assessed on
/// these scorecards), the indicator whose actuals and targets measure completion, and the share of the annual task required
/// in each assessed quarter in the first year after joining and from the second calendar year on.
/// </summary>
public sealed record WithholdingRule(IReadOnlyList<string> Scorecards, string Indicator, IReadOnlyList<decimal> FirstYear, IReadOnlyList<decimal> LaterYears);

/// <summary>The plan's <c>payment</c> section: schedules by component and the optional withholding rule.</summary>
public sealed record PaymentPlan(IReadOnlyDictionary<string, PaymentSchedule> Schedules, WithholdingRule? Withholding)
{
    /// <summary>A plan without a payment section: every component paid in full the month after it is earned.</summary>
    public static PaymentPlan None { get; } = new(new Dictionary<string, PaymentSchedule>(StringComparer.Ordinal), null);
}
