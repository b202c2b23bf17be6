namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// The annual completion factor of a deferred share (seed 003 C: the 70% "依据部门业绩目标率完成情况"): Σ actual ÷ Σ target
/// of an indicator over the earned year's results, capped (100% unless the plan says otherwise) and never below 0; the
/// factor is not rounded, the share × factor is rounded to the cent once. Quarters 900k, 1.1M, 1.2M, 0.8M against 1M
/// each: 4.0M ÷ 4.0M = 100%; with the last quarter at 0.4M: 3.6M ÷ 4.0M = 90%.
/// </summary>
public static class AnnualCompletion
{
    /// <summary>The factor, or null when there is no target (nothing to measure against).</summary>
    public static decimal? Factor(decimal actual, decimal target, decimal cap)
    {
        if (target <= 0m)
        {
            return null;
        }

        return Math.Clamp(actual / target, 0m, cap);
    }

    /// <summary>The share paid: <paramref name="share"/> × <paramref name="factor"/>, rounded to the cent.</summary>
    public static decimal Apply(decimal share, decimal factor) => Money.Round(share * factor);
}
