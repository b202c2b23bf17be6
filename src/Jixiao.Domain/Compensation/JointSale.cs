using System.Globalization;

namespace Jixiao.Domain.Compensation;

/// <summary>Why a joint sale's shares or their approval are refused (each with a message in the web app's language).</summary>
public enum JointSaleProblem
{
    /// <summary>Fewer than two people. Arguments: none.</summary>
    TooFewPeople,

    /// <summary>A person named twice. Arguments: the person.</summary>
    Twice,

    /// <summary>A share not above 0 or above 1. Arguments: the person, the share.</summary>
    OutOfRange,

    /// <summary>A share not in whole hundredths (0.01 = 1%). Arguments: the person, the share.</summary>
    NotHundredths,

    /// <summary>Shares not summing to exactly 1. Arguments: the sum, what is left (negative: too much), both as percentages.</summary>
    NotWhole,

    /// <summary>The approver proposed the shares or is one of the people credited. Arguments: none.</summary>
    OwnProposal,

    /// <summary>The approver manages none of the people credited. Arguments: none.</summary>
    NotTheirManager,

    /// <summary>Already approved or rejected. Arguments: none.</summary>
    AlreadyDecided,

    /// <summary>The sale's split already comes from the other source (an upload, or an approved entry). Arguments: the sale.</summary>
    AlreadySplit,
}

/// <summary>One person's proposed share of a joint sale (0.01 = 1%).</summary>
public sealed record JointSaleShare(string Employee, decimal Share);

/// <summary>
/// Joint sales entered in the web app (seed 003 §五.3 "多类别人员共同产生的业绩，则由相关人员按销售贡献不同协商分配比例…并上报销售管理部审批并备案"):
/// a salesperson or supervisor proposes the shares of one sale among two or more people — whole hundredths, each above 0,
/// summing to exactly 1 (<see cref="CheckShares"/>, which says what is left); a manager of the people credited approves, never
/// the proposer nor one of the people credited (<see cref="CheckApprover"/>). An approved entry counts exactly as uploaded credit
/// rows of the sale. A sale is split by one source only: while uploaded credit rows exist for it a proposal is refused, and an
/// upload of credit rows for a sale with approved shares is refused (<see cref="CheckSource"/>): whichever came first stands
/// until it is corrected at its source.
/// </summary>
public static class JointSale
{
    /// <summary>What is left to distribute: 1 − the sum of the shares (negative: too much).</summary>
    public static decimal Left(IReadOnlyList<JointSaleShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return 1m - shares.Sum(s => s.Share);
    }

    /// <summary>The first problem of the proposed shares, or null when they may be submitted.</summary>
    public static (JointSaleProblem Problem, string[] Arguments)? CheckShares(IReadOnlyList<JointSaleShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count < 2)
        {
            return (JointSaleProblem.TooFewPeople, []);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in shares)
        {
            if (!seen.Add(s.Employee))
            {
                return (JointSaleProblem.Twice, [s.Employee]);
            }

            if (s.Share is <= 0m or > 1m)
            {
                return (JointSaleProblem.OutOfRange, [s.Employee, Percent(s.Share)]);
            }

            if (Money.Round(s.Share) != s.Share)
            {
                return (JointSaleProblem.NotHundredths, [s.Employee, Percent(s.Share)]);
            }
        }

        var left = Left(shares);
        return left == 0m ? null : (JointSaleProblem.NotWhole, [Percent(1m - left), Percent(left)]);
    }

    /// <summary>
    /// Whether <paramref name="approverEmployee"/> (the approving account's employee; <paramref name="approverAccount"/> its
    /// account) may decide a proposal by <paramref name="proposerAccount"/> crediting <paramref name="credited"/>: a manager of at
    /// least one of them (<paramref name="managesOne"/>), not the proposer, not one of the people credited, and only once.
    /// </summary>
    public static JointSaleProblem? CheckApprover(string proposerAccount, string approverAccount, string? approverEmployee, IReadOnlyCollection<string> credited, bool managesOne, bool decided)
    {
        ArgumentNullException.ThrowIfNull(credited);
        if (decided)
        {
            return JointSaleProblem.AlreadyDecided;
        }

        if (string.Equals(proposerAccount, approverAccount, StringComparison.Ordinal) || (approverEmployee is not null && credited.Contains(approverEmployee)))
        {
            return JointSaleProblem.OwnProposal;
        }

        return managesOne ? null : JointSaleProblem.NotTheirManager;
    }

    /// <summary>
    /// Whether a sale may take a split from a source: refused when the other source already split it (a proposal while uploaded
    /// rows exist; an upload while approved shares exist).
    /// </summary>
    public static JointSaleProblem? CheckSource(bool splitByTheOtherSource) => splitByTheOtherSource ? JointSaleProblem.AlreadySplit : null;

    /// <summary>A share as a percentage with up to four decimals: 0.35 → "35%", 0.005 → "0.5%".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
