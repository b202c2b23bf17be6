namespace Jixiao.Domain.Compensation;

/// <summary>How a plan caps a period's variable pay (seed 002 "成本控制", SPEC §8).</summary>
public enum BonusPoolCapKind
{
    /// <summary>The pool is a share of the period's revenue (e.g. 8% of sales).</summary>
    ShareOfRevenue,

    /// <summary>The pool is a fixed budget for the period.</summary>
    Budget,
}

/// <summary>A plan's bonus pool cap: a share of revenue (<see cref="Value"/> = the rate) or a budget (the amount).</summary>
public sealed record BonusPoolCap(BonusPoolCapKind Kind, decimal Value)
{
    /// <summary>The pool of a period: the budget, or revenue × rate rounded to the cent (四舍五入).</summary>
    public decimal PoolFor(decimal revenue) => Kind switch
    {
        BonusPoolCapKind.ShareOfRevenue => Money.Round(revenue * Value),
        BonusPoolCapKind.Budget => Value,
        _ => throw new InvalidOperationException($"Unknown pool kind {Kind}."),
    };
}

/// <summary>One person's variable pay of one component in the capped period, before the cap.</summary>
public sealed record VariablePay(string Employee, string Component, decimal Amount);

/// <summary>What the cap says about a period: the computed total, the pool, and how far the total exceeds it (0 when within).</summary>
public sealed record PoolCheck(decimal Total, decimal Pool, decimal Excess)
{
    /// <summary>True when the computed total is above the pool: HR must scale the period's variable pay or approve the excess.</summary>
    public bool Exceeded => Excess > 0m;
}

/// <summary>
/// Cost control (成本控制): the computed variable pay of a period against the plan's pool. When it exceeds the pool, HR
/// sees by how much and either approves the excess with a reason or scales every amount by pool ÷ total; the scaled
/// amounts are split from the pool by the largest-remainder method (<see cref="Money.SplitCents"/>), so they sum to
/// the pool to the cent, with ties going to the larger amount, then to the smaller "employee|component" key (ordinal).
/// </summary>
public static class BonusPoolCapRule
{
    /// <summary>Checks the period's <paramref name="pay"/> against <paramref name="cap"/> for a period with <paramref name="revenue"/>.</summary>
    public static PoolCheck Check(BonusPoolCap cap, decimal revenue, IReadOnlyList<VariablePay> pay)
    {
        ArgumentNullException.ThrowIfNull(cap);
        ArgumentNullException.ThrowIfNull(pay);
        var total = 0m;
        foreach (var p in pay)
        {
            total += p.Amount;
        }

        var pool = cap.PoolFor(revenue);
        return new PoolCheck(total, pool, total > pool ? total - pool : 0m);
    }

    /// <summary>
    /// The amounts scaled down to <paramref name="pool"/>, in the order of <paramref name="pay"/>: unchanged when the total
    /// is within the pool; otherwise proportional shares of the pool that sum to it exactly. Amounts are non-negative
    /// with at most two decimals (a period's earned pay before any clawback).
    /// </summary>
    public static IReadOnlyList<decimal> Scale(IReadOnlyList<VariablePay> pay, decimal pool)
    {
        ArgumentNullException.ThrowIfNull(pay);
        if (pool < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool, "The pool must not be negative.");
        }

        var total = 0m;
        foreach (var p in pay)
        {
            if (p.Amount < 0m)
            {
                throw new ArgumentException($"Variable pay of {p.Employee} ({p.Component}) is negative: {p.Amount}.", nameof(pay));
            }

            total += p.Amount;
        }

        if (total <= pool)
        {
            return [.. pay.Select(p => p.Amount)];
        }

        var weights = pay.Select(p => p.Amount).ToArray();
        var keys = pay.Select(p => p.Employee + "|" + p.Component).ToArray();
        return [.. Money.SplitCents(Money.ToCents(pool), weights, keys).Select(Money.FromCents)];
    }
}

/// <summary>
/// A plan's cost control (the <c>cost_control</c> section, docs/plan-format.md §10c): the pool, the indicator whose actual
/// summed over everyone computed is the period's revenue (for a share of revenue), and the pay components it caps (all
/// when none are named).
/// </summary>
public sealed record CostControlPlan(BonusPoolCap Cap, string? RevenueIndicator, IReadOnlyList<string> Components)
{
    /// <summary>True when <paramref name="component"/> counts toward the pool.</summary>
    public bool Covers(string component) => Components.Count == 0 || Components.Contains(component, StringComparer.Ordinal);
}
