using Jixiao.Domain.Data;

namespace Jixiao.Domain.Compensation;

/// <summary>
/// The plan's <c>credits</c> section (docs/plan-format.md "Indirect sales and external referrers"): the rate an indirect
/// sale counts at (<see cref="IndirectSales"/>) and the external referrer's share (<see cref="ReferrerCap"/>). Null
/// values: the plan has no such rule and such parts count in full.
/// </summary>
public sealed record SaleCreditRules(decimal? IndirectRate, decimal? ReferrerShare)
{
    /// <summary>A plan without a <c>credits</c> section.</summary>
    public static SaleCreditRules None { get; } = new(null, null);

    /// <summary>The share of its sale <paramref name="part"/> counts for with both rules applied.</summary>
    public decimal WeightOf(Credit part) =>
        ReferrerCap.SalespersonWeight(IndirectSales.Weight(part.Share, part.Indirect, IndirectRate), part.Referrer, ReferrerShare);

    /// <summary>Whether a rule of this plan changes <paramref name="part"/>'s weight.</summary>
    public bool Applies(Credit part) => (part.Indirect && IndirectRate is not null) || (part.Referrer is not null && ReferrerShare is not null);
}
