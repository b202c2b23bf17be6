namespace Jixiao.Domain.Compensation;

/// <summary>
/// Indirect sales (seed 003 §五.1 "非直接开拓客户产生的销售：提成比例按实际情况打折"): a credit part marked indirect counts
/// for its salesperson at the plan's indirect rate (<c>credits.indirect_rate</c>, docs/plan-format.md "Indirect sales and
/// external referrers") in every sales metric — amount, cost, margin and units split to the cent / 1/10,000 by the
/// largest remainder, the count as the share × rate. The rest of the sale is credited to nobody.
/// </summary>
public static class IndirectSales
{
    /// <summary>The share of a sale a part counts for: its agreed share × the indirect rate when it is indirect.</summary>
    public static decimal Weight(decimal share, bool indirect, decimal? indirectRate) =>
        indirect && indirectRate is { } rate ? share * rate : share;
}
