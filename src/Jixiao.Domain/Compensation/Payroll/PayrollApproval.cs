using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Payroll;

/// <summary>Why a payroll month cannot be prepared, approved or exported (messages: the web app's PayrollText <c>Problem_{code}</c>).</summary>
public enum PayrollProblemCode
{
    /// <summary>{0}: the month is approved and locked; corrections go to {1}.</summary>
    AlreadyApproved,

    /// <summary>{0}: months are prepared and approved in order; the open month is {1}.</summary>
    NotFirstOpenMonth,

    /// <summary>{0}: nothing prepared to approve.</summary>
    NotPrepared,

    /// <summary>{0}: the preparer cannot approve their own preparation.</summary>
    OwnPreparation,

    /// <summary>{0}: the figures changed since the preparation; prepare it again.</summary>
    Changed,

    /// <summary>{0}: someone else changed the month meanwhile; reload it.</summary>
    Stale,

    /// <summary>{0}: not approved yet; only an approved month is exported.</summary>
    NotApproved,

    /// <summary>No plan is stored: there is nothing to pay.</summary>
    NoPlan,

    /// <summary>{0}: the capped pay of {1} exceeds the plan's pool and HR has not decided (scale or approve the excess).</summary>
    CostUndecided,
}

/// <summary>
/// The payroll month rules (issue 11; docs/pay-ledger.md "The web app"): months are prepared and approved in order, one
/// open month at a time (the month after the last approved one; any month while none is approved, the start of the
/// ledger); approval needs a second person who did not prepare it and the very figures prepared; an approved month is
/// locked and only it is exported.
/// </summary>
public static class PayrollApproval
{
    /// <summary>The month that can be prepared now: the one after <paramref name="lastApproved"/>, or null (any) when none is approved.</summary>
    public static Period? OpenMonth(Period? lastApproved) => lastApproved is { } l ? PayMonth.Add(l, 1) : null;

    /// <summary>Whether <paramref name="month"/> can be prepared (again).</summary>
    public static PayrollProblemCode? CanPrepare(Period month, Period? lastApproved)
    {
        if (lastApproved is { } l && month <= l)
        {
            return PayrollProblemCode.AlreadyApproved;
        }

        return OpenMonth(lastApproved) is { } open && month != open ? PayrollProblemCode.NotFirstOpenMonth : null;
    }

    /// <summary>
    /// Whether <paramref name="approver"/> can approve <paramref name="month"/> as prepared by <paramref name="preparedBy"/>
    /// (null: nothing prepared), with the figures computed now the same as prepared (<paramref name="sameFigures"/>).
    /// </summary>
    public static PayrollProblemCode? CanApprove(Period month, Period? lastApproved, string? preparedBy, string approver, bool sameFigures)
    {
        if (CanPrepare(month, lastApproved) is { } problem)
        {
            return problem;
        }

        if (preparedBy is null)
        {
            return PayrollProblemCode.NotPrepared;
        }

        if (string.Equals(preparedBy, approver, StringComparison.Ordinal))
        {
            return PayrollProblemCode.OwnPreparation;
        }

        return sameFigures ? null : PayrollProblemCode.Changed;
    }
}
