namespace Jixiao.Domain.Careers;

/// <summary>
/// What accepting a recommendation changes, effective-dated: the tier, category or position of the assignment from
/// <see cref="EffectiveFrom"/> (pay and targets follow the plan's values for them), or the leave date of an exit.
/// </summary>
public sealed record CareerChange(DateOnly EffectiveFrom, string? Tier, string? Category, string? Position, DateOnly? LeaveDate);

/// <summary>Why a recommendation cannot be accepted as given (messages: the web app's CompensationText <c>Career_Problem_{code}</c>).</summary>
public enum CareerChangeProblem
{
    /// <summary>A reassignment needs the new category or position, which the plan does not state.</summary>
    NeedsNewPosition,

    /// <summary>The person's tier is no longer the one the recommendation starts from (changed meanwhile).</summary>
    TierChanged,
}

/// <summary>
/// The change an accepted recommendation makes (SPEC §9; docs/careers.md): a tier promotion or demotion moves the tier to
/// the one recommended from the first day of the effective month; a promotion to regional sales manager moves the person to
/// category A (seed 003; HR may name another category, tier or position); an exit sets the leave date to the day before the
/// effective month; a reassignment takes the category or position HR gives (the plan does not say which).
/// </summary>
public static class CareerChanges
{
    /// <summary>The category of a regional sales manager (seed 003 A类) unless HR names another.</summary>
    public const string ManagerCategory = "A";

    /// <summary>The change of accepting <paramref name="r"/> for a person whose tier is <paramref name="currentTier"/> the day before it takes effect.</summary>
    public static (CareerChange? Change, CareerChangeProblem? Problem) For(CareerRecommendation r, string currentTier, string? tier, string? category, string? position)
    {
        ArgumentNullException.ThrowIfNull(r);
        var from = r.Effective.Start;
        switch (r.Rule)
        {
            case CareerRule.TierPromotion:
            case CareerRule.TierDemotion:
                // Arguments: [0] the tier it starts from, [1] the tier it moves to (TierPromotion, TierDemotion).
                return currentTier == r.Arguments[0] ? (new CareerChange(from, r.Arguments[1], null, null, null), null) : (null, CareerChangeProblem.TierChanged);
            case CareerRule.PromotionToManager:
                return (new CareerChange(from, tier ?? "", category ?? ManagerCategory, position, null), null);
            case CareerRule.TierExit:
            case CareerRule.ProbationQuarterExit:
            case CareerRule.ProbationScoreExit:
                return (new CareerChange(from, null, null, null, from.AddDays(-1)), null);
            default:
                return category is null && position is null
                    ? (null, CareerChangeProblem.NeedsNewPosition)
                    : (new CareerChange(from, tier, category, position, null), null);
        }
    }
}

/// <summary>A pay amount the plan sets by tier, before and after a tier change (the component, which amount, from and to).</summary>
public sealed record TierPay(string Component, string Name, string? NameEn, decimal From, decimal To)
{
    /// <summary>The component's Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <see cref="Name"/> with OpenCC.</summary>
    public string? NameZhTw { get; init; }
}

/// <summary>The new pay of a tier change from the plan (SPEC §9 "higher pay and target"): the by-tier bases and target commissions that differ.</summary>
public static class TierPayChange
{
    /// <summary>Every pay component whose base or period target commission is set by tier and differs between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static IReadOnlyList<TierPay> Of(Plans.Plan plan, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var list = new List<TierPay>();
        foreach (var c in plan.Pay)
        {
            foreach (var table in new[] { c.Base, c.PeriodTargetCommission })
            {
                if (table is { By: "tier" } t && t.Values.TryGetValue(from, out var a) && t.Values.TryGetValue(to, out var b) && a != b)
                {
                    list.Add(new TierPay(c.Code, c.Name, c.NameEn, a, b) { NameZhTw = c.NameZhTw });
                }
            }
        }

        return list;
    }
}
