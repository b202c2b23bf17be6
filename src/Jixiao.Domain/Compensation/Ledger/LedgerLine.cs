using System.Globalization;
using Jixiao.Domain.Localization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// What a ledger line does with its amount (docs/pay-ledger.md). Paid, paid back, clawed back and adjusted lines move
/// money in their pay month; forfeited and withheld lines record money that is not paid; pending lines are due after
/// the as-of date of the ledger.
/// </summary>
public enum LedgerStatus
{
    /// <summary>Paid in the pay month (a positive amount).</summary>
    Paid,

    /// <summary>Earned and scheduled for a later pay month that has not been reached; the web shows it as deferred.</summary>
    Deferred,

    /// <summary>Not paid because the person left before the pay month (the amount given up).</summary>
    Forfeited,

    /// <summary>Salary held back after a missed quarter (the amount held back).</summary>
    Withheld,

    /// <summary>Salary withheld earlier and paid back (a positive amount).</summary>
    PaidBack,

    /// <summary>A correction that takes back money already paid (a negative amount).</summary>
    ClawedBack,

    /// <summary>A correction that pays more than was paid (a positive amount).</summary>
    Adjusted,

    /// <summary>Due in a pay month after the ledger's as-of date (the amount that will be paid).</summary>
    Pending,
}

/// <summary>The rule that produced a ledger line; its explanation is resource <c>Ledger_{rule}</c>.</summary>
public enum LedgerRule
{
    /// <summary>"{0} earned in {1}, paid in {2}"</summary>
    Scheduled,

    /// <summary>"as approved in an earlier payroll"</summary>
    Approved,

    /// <summary>"{0}% share of {1} earned in {2}: {3}"</summary>
    Share,

    /// <summary>"{0}% share of {1} earned in {2}: {3} × annual completion {4} (capped at {5}) = {6}"</summary>
    ShareWithFactor,

    /// <summary>"left on {0}, before the pay month {1}: {2} is forfeited"</summary>
    ForfeitedBeforePayMonth,

    /// <summary>"left on {0}, before the end of {1}: forfeited at the period close"</summary>
    ForfeitedAtClose,

    /// <summary>"monthly salary {0} × {1} of {2} days employed"</summary>
    Salary,

    /// <summary>"{0} missed its required completion ({1} of {2} = {3}): salary {4} × {3} = {5}"</summary>
    SalaryReduced,

    /// <summary>"{0} missed its required completion ({1} of {2} = {3}): {4} of salary {5} withheld"</summary>
    Withheld,

    /// <summary>"cumulative completion by the end of {0}: {1} of {2} required: withheld salary of {3} paid back"</summary>
    PaidBack,

    /// <summary>"correction of {0} earned in {1} and paid in {2}: was {3}, is now {4}"</summary>
    Correction,

    /// <summary>As <see cref="Scheduled"/>, the amount scaled by cost control: "… computed {3}, scaled to {4} (pool {5} of {6})"</summary>
    ScheduledScaled,

    /// <summary>As <see cref="Share"/> of the scaled amount: "… (cost control: computed {4}, scaled to {5}, pool {6} of {7})"</summary>
    ShareScaled,

    /// <summary>As <see cref="ShareWithFactor"/> of the scaled amount: "… (cost control: computed {7}, scaled to {8}, pool {9} of {10})"</summary>
    ShareWithFactorScaled,

    /// <summary>"{0} earned in {1}: {4} of {3} is for days on probation (until {2}) and is not paid"</summary>
    ForfeitedOnProbation,

    /// <summary>"{0} earned in {1}: a share of {3} of the {4} pool of {5}'s team, paid in {2}"</summary>
    TeamRewardShare,

    /// <summary>"{0} for {1}: the year's completion of {2} is {3}, the step from {4} pays {5}, paid in {6}"</summary>
    YearEndCompletion,

    /// <summary>"{0} for {1}: rated {3} of {4} points on {2} over the year ({5}), the step from {6} pays {7}, paid in {8}"</summary>
    YearEndRating,

    /// <summary>"{0} for {1}: the year's average {2} is {3}, the step from {4} pays {5}, paid in {6}"</summary>
    YearEndAverage,

    /// <summary>As <see cref="YearEndCompletion"/>, pro-rated: "… × {7} of {8} periods assessed = {9}"</summary>
    YearEndCompletionProRated,

    /// <summary>As <see cref="YearEndRating"/>, pro-rated: "… × {9} of {10} periods assessed = {11}"</summary>
    YearEndRatingProRated,

    /// <summary>As <see cref="YearEndAverage"/>, pro-rated: "… × {7} of {8} periods assessed = {9}"</summary>
    YearEndAverageProRated,
}

/// <summary>Which line a correction or pay-back refers to: the person, component, earned period, pay month and status.</summary>
public sealed record LedgerLineRef(string Employee, string Component, Period Earned, Period PayMonth, LedgerStatus Status)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Employee}/{Component}/{Earned}/{PayMonth}/{LedgerStatusCodes.Code(Status)}");
}

/// <summary>
/// One ledger line (发放台账): a person's amount of one pay component, the period it was earned in, the payroll month it
/// belongs to, its status, the rule that produced it with the rule's arguments (for the explanation) and, for corrections
/// and pay-backs, the line it refers to. Amounts are to the cent; sign conventions are in docs/pay-ledger.md.
/// </summary>
public sealed record LedgerLine(
    string Employee,
    string Component,
    Period Earned,
    Period PayMonth,
    LedgerStatus Status,
    decimal Amount,
    LedgerRule Rule,
    IReadOnlyList<string> Arguments,
    LedgerLineRef? Refers = null)
{
    /// <summary>The reference other lines use for this one.</summary>
    public LedgerLineRef Ref => new(Employee, Component, Earned, PayMonth, Status);

    /// <summary>The explanation in <paramref name="culture"/> (zh-CN by default).</summary>
    public string Explain(CultureInfo? culture = null) => Text.Format("Ledger_" + Rule, culture, [.. Arguments]);

    /// <summary>Whether the line moves money in its pay month (paid, paid back, clawed back, adjusted).</summary>
    public bool MovesMoney => Status is LedgerStatus.Paid or LedgerStatus.PaidBack or LedgerStatus.ClawedBack or LedgerStatus.Adjusted;
}
