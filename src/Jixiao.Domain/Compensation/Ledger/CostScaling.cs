using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>
/// A period whose variable pay HR scaled down to the plan's pool (cost control): the pool, the computed total and each
/// capped line's computed and decided amount. The ledger pays the decided amounts and says so in the explanation.
/// </summary>
public sealed record CostScaling(Period Earned, decimal Pool, decimal Total, IReadOnlyList<ScaledPay> Lines)
{
    /// <summary>The decided line of <paramref name="employee"/>'s <paramref name="component"/>, or null when it is not capped.</summary>
    public ScaledPay? For(string employee, string component) =>
        Lines.FirstOrDefault(l => l.Employee == employee && l.Component == component);

    /// <summary>
    /// The amount to pay of a computed pay line earned in <see cref="Earned"/>: the decided amount of a capped line, else the
    /// computed one. A capped line whose computed amount differs from the decision's is a decision about other figures.
    /// </summary>
    public static decimal Decided(IReadOnlyList<CostScaling> scalings, Period earned, string employee, string component, decimal computed, out ScaledPay? line)
    {
        ArgumentNullException.ThrowIfNull(scalings);
        line = scalings.FirstOrDefault(s => s.Earned == earned)?.For(employee, component);
        if (line is null)
        {
            return computed;
        }

        if (line.Original != computed)
        {
            throw new InvalidOperationException($"The cost decision of {earned} was taken on {line.Original} for {employee} ({component}), not on {computed}.");
        }

        return line.Scaled;
    }
}
