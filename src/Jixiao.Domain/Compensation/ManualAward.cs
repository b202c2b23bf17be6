namespace Jixiao.Domain.Compensation;

/// <summary>
/// A kind of manual award a plan allows (seed 002 "成功签约战略客户，奖励5000-20000元", seed 003 大客户开发奖励): its code (the
/// ledger's component), names, and the range an amount must be in (inclusive).
/// </summary>
public sealed record AwardKind(string Code, string Name, string? NameEn, decimal Min, decimal Max)
{
    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <see cref="Name"/> with OpenCC.</summary>
    public string? NameZhTw { get; init; }
}

/// <summary>Why a manual award cannot be requested or approved (messages: the web app's CompensationText <c>Award_Problem_{code}</c>).</summary>
public enum AwardProblem
{
    /// <summary>{0}: the plan has no such award kind.</summary>
    UnknownKind,

    /// <summary>{0} is outside the kind's range {1}–{2}.</summary>
    OutOfRange,

    /// <summary>{0} has more than two decimals.</summary>
    NotCents,

    /// <summary>A request needs a reason.</summary>
    ReasonRequired,

    /// <summary>The requester cannot approve their own request.</summary>
    OwnRequest,

    /// <summary>The award is decided already.</summary>
    AlreadyDecided,
}

/// <summary>
/// The manual award rules (docs/plan-format.md §10d): an amount inside the kind's range, to the cent, with a reason; approved
/// by someone other than the requester. An approved award is a ledger line of the month it is granted for, paid the month after.
/// </summary>
public static class AwardRules
{
    /// <summary>Why <paramref name="amount"/> cannot be requested for <paramref name="kind"/> with <paramref name="reason"/> (null: it can).</summary>
    public static AwardProblem? CheckRequest(AwardKind? kind, decimal amount, string? reason)
    {
        if (kind is null)
        {
            return AwardProblem.UnknownKind;
        }

        if (Money.Round(amount) != amount)
        {
            return AwardProblem.NotCents;
        }

        if (amount < kind.Min || amount > kind.Max)
        {
            return AwardProblem.OutOfRange;
        }

        return string.IsNullOrWhiteSpace(reason) ? AwardProblem.ReasonRequired : null;
    }

    /// <summary>Why <paramref name="approver"/> cannot decide a request of <paramref name="requester"/> (null: they can).</summary>
    public static AwardProblem? CheckDecision(string requester, string approver, bool decided) =>
        decided ? AwardProblem.AlreadyDecided : string.Equals(requester, approver, StringComparison.Ordinal) ? AwardProblem.OwnRequest : null;
}
