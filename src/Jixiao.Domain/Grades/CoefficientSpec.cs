namespace Jixiao.Domain.Grades;

/// <summary>A coefficient: fixed, or interpolated linearly over a score range and clamped.</summary>
public sealed record CoefficientSpec(decimal From, decimal To, decimal OverFrom, decimal OverTo)
{
    public bool IsFixed => From == To;

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
}
