using System.Globalization;

namespace Jixiao.Domain.Compensation;

/// <summary>Why a joint sale's shares, its request or its decision are refused (messages: the web app's CreditsText <c>Credits_Problem_{code}</c>).</summary>
public enum JointSaleProblem
{
    /// <summary>Fewer than two people. Arguments: none.</summary>
    TooFewPeople,

    /// <summary>A person named twice. Arguments: the person.</summary>
    Twice,

    /// <summary>A share not above 0 or above 1. Arguments: the person, the share as a percentage.</summary>
    OutOfRange,

    /// <summary>A share with more than six decimals (as credits.csv). Arguments: the person, the share as a percentage.</summary>
    TooPrecise,

    /// <summary>Shares not summing to exactly 1. Arguments: the sum, what is left (negative: too much), both as percentages.</summary>
    NotWhole,

    /// <summary>A person who is not an active employee on the sale's date. Arguments: the person, the date.</summary>
    NotActive,

    /// <summary>The sale does not exist. Arguments: the sale.</summary>
    UnknownSale,

    /// <summary>The sale's date lies in a closed period. Arguments: the sale, the closed period.</summary>
    PeriodClosed,

    /// <summary>The sale already has uploaded credits (credits.csv). Arguments: the sale.</summary>
    Uploaded,

    /// <summary>The sale already has a request waiting or approved. Arguments: the sale, the request's number.</summary>
    AlreadyRequested,

    /// <summary>The caller may not request shares of this sale. Arguments: the sale.</summary>
    NotTheirSale,

    /// <summary>The approver requested it or is one of the people credited. Arguments: the request's number.</summary>
    OwnRequest,

    /// <summary>The approver is not the head of the sale owner's unit or above. Arguments: the request's number.</summary>
    NotTheirManager,

    /// <summary>Already approved, rejected or withdrawn. Arguments: the request's number.</summary>
    AlreadyDecided,

    /// <summary>Rejected without a reason. Arguments: the request's number.</summary>
    ReasonRequired,

    /// <summary>Withdrawn by someone other than the requester. Arguments: the request's number.</summary>
    NotRequester,
}

/// <summary>One person's share of a joint sale (0.6 = 60%).</summary>
public sealed record JointSaleShare(string Employee, decimal Share);

/// <summary>
/// Joint sales entered in the web app (seed 003 §五.3 "多类别人员共同产生的业绩，则由相关人员按销售贡献不同协商分配比例…并上报销售管理部审批并备案"):
/// the shares of one sale among two or more people — each above 0, at most 1, at most six decimals (as credits.csv), summing
/// to exactly 1 (<see cref="CheckShares"/>, which says what is left); approved by the head of the sale owner's unit or someone
/// above, never the requester nor one of the people credited (<see cref="CheckDecision"/>). Approved shares are the sale's
/// credits exactly as uploaded credit rows. One source per sale: see docs/data-format.md (credits).
/// </summary>
public static class JointSale
{
    /// <summary>What is left to distribute: 1 − the sum of the shares (negative: too much).</summary>
    public static decimal Left(IReadOnlyList<JointSaleShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return 1m - shares.Sum(s => s.Share);
    }

    /// <summary>The first problem of the shares, or null when they may be requested.</summary>
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

            if (Math.Round(s.Share, CreditSplit.ShareDecimals, MidpointRounding.AwayFromZero) != s.Share)
            {
                return (JointSaleProblem.TooPrecise, [s.Employee, Percent(s.Share)]);
            }
        }

        var left = Left(shares);
        return left == 0m ? null : (JointSaleProblem.NotWhole, [Percent(1m - left), Percent(left)]);
    }

    /// <summary>
    /// Whether an account may decide a request: only while it waits; never the requester's account, nor one of the people
    /// credited (<paramref name="approverEmployee"/> among <paramref name="credited"/>); only the head of the owner's unit or
    /// someone above it (<paramref name="managesOwner"/>).
    /// </summary>
    public static JointSaleProblem? CheckDecision(string requesterAccount, string approverAccount, string? approverEmployee, IReadOnlyCollection<string> credited,
        bool managesOwner, bool pending)
    {
        ArgumentNullException.ThrowIfNull(credited);
        if (!pending)
        {
            return JointSaleProblem.AlreadyDecided;
        }

        if (string.Equals(requesterAccount, approverAccount, StringComparison.Ordinal) || (approverEmployee is not null && credited.Contains(approverEmployee)))
        {
            return JointSaleProblem.OwnRequest;
        }

        return managesOwner ? null : JointSaleProblem.NotTheirManager;
    }

    /// <summary>A share as a percentage as precise as given: 0.35 → "35%", 0.005 → "0.5%".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.##########", CultureInfo.InvariantCulture) + "%";
}
