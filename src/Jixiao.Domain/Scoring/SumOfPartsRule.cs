using System.Runtime.CompilerServices;

namespace Jixiao.Domain.Scoring;

/// <summary>
/// <c>sum_of_parts</c>: points = Σ the parts' points, each part scored by a rule of its own (ratio, bands, …) and
/// added unrounded; the sum is rounded once, as any indicator's points (<see cref="ScoringRule.Rounded"/>).
/// </summary>
public sealed record SumOfPartsRule(decimal Points, IReadOnlyList<ScoringPart> Parts) : ScoringRule(Points)
{
    public override decimal MaxPoints
    {
        get
        {
            decimal m = 0;
            foreach (var p in Parts)
            {
                m += p.Rule.MaxPoints;
            }

            return m;
        }
    }

    /// <summary>The running sum after one more part (parts are added unrounded, in the plan's order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Add(decimal sum, decimal partPoints) => sum + partPoints;
}

/// <summary>One named part of a sum_of_parts rule.</summary>
public sealed record ScoringPart(string Name, ScoringRule Rule)
{
    /// <summary>The English name (<c>name_en</c>), or null.</summary>
    public string? NameEn { get; init; }

    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <see cref="Name"/> with OpenCC.</summary>
    public string? NameZhTw { get; init; }
}
