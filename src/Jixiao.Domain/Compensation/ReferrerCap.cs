namespace Jixiao.Domain.Compensation;

/// <summary>
/// External referrers (seed 003 §五.4 "外部人员与本公司销售人员的提成比例和不应超过对应销售人员的提成率，二者间的分配比例由公司确定"):
/// the referrer's part is taken out of the salesperson's, never added on top. The plan states the referrer's share of the
/// sale's commission (<c>credits.referrer_share</c>, the split the company decides); the salesperson's credit of a referred
/// sale is reduced to 1 − that share, so whatever the salesperson's rate r, the salesperson earns r × (1 − s) and the
/// referrer r × s of the sale: together exactly r, never above.
/// </summary>
public static class ReferrerCap
{
    /// <summary>The salesperson's weight of a referred part: <paramref name="weight"/> × (1 − the referrer's share).</summary>
    public static decimal SalespersonWeight(decimal weight, string? referrer, decimal? referrerShare) =>
        referrer is not null && referrerShare is { } s ? weight * (1m - s) : weight;
}
