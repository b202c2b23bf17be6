using Jixiao.Domain.Compensation;

namespace Jixiao.Domain.Grades;

/// <summary>
/// A grade's coefficient (系数, docs/plan-format.md §9): fixed (From = To), or interpolated linearly from From at a
/// total of OverFrom to To at OverTo and clamped to that range; the coefficient used is rounded to 4 places.
/// </summary>
public sealed record CoefficientSpec(decimal From, decimal To, decimal OverFrom, decimal OverTo)
{
    public bool IsFixed => From == To;

    /// <summary>The coefficient at <paramref name="score"/>, unrounded.</summary>
    public decimal At(decimal score)
    {
        if (IsFixed || OverTo == OverFrom)
        {
            return From;
        }

        var t = (score - OverFrom) / (OverTo - OverFrom);
        t = Math.Clamp(t, 0m, 1m);
        return From + ((To - From) * t);
    }

    /// <summary>The coefficient a total of <paramref name="score"/> earns: <see cref="At"/>, rounded half away from zero to 4 places.</summary>
    public decimal For(decimal score) => Money.Round(At(score), 4);
}
