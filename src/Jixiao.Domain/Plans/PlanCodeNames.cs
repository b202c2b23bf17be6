using Jixiao.Domain.Calculation;
using Jixiao.Domain.Scoring;

namespace Jixiao.Domain.Plans;

/// <summary>
/// The names a plan gives its codes, for messages that carry codes (calculation errors): indicators, pay components,
/// metrics, positions, categories and levels. <c>pick</c> chooses among a name's Simplified, English and Traditional
/// forms for the reader (the web converts a missing Traditional name with OpenCC; the command line shows the given one).
/// </summary>
public static class PlanCodeNames
{
    /// <summary>The names of <paramref name="plan"/>'s codes, each through <paramref name="pick"/> (name, name_en, name_zh_tw).</summary>
    public static ErrorArgumentNames For(Plan plan, Func<string, string?, string?, string> pick)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pick);
        var indicators = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in plan.Scorecards.SelectMany(c => c.Indicators))
        {
            indicators.TryAdd(i.Code, pick(i.Name, i.NameEn, i.NameZhTw));
            if (i.Rule is SumOfPartsRule sum)
            {
                // A part of a sum of parts is "indicator.part name" in errors: shown as "indicator / part".
                foreach (var part in sum.Parts)
                {
                    parts.TryAdd(i.Code + "." + part.Name, indicators[i.Code] + " / " + pick(part.Name, part.NameEn, part.NameZhTw));
                }
            }
        }

        var pay = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in plan.Pay)
        {
            pay.TryAdd(c.Code, pick(c.Name, c.NameEn, c.NameZhTw));
        }

        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in plan.Metrics.Where(m => m.Name.Length > 0))
        {
            metrics.TryAdd(m.Code, pick(m.Name, m.NameEn, m.NameZhTw));
        }

        string? Attribute(IReadOnlyDictionary<string, AttributeName> names, string code) =>
            names.TryGetValue(code, out var n) ? pick(n.Name, n.NameEn, n.NameZhTw) : null;

        return (kind, code) => kind switch
        {
            ErrorArgumentKind.Owner => indicators.GetValueOrDefault(code) ?? parts.GetValueOrDefault(code) ?? pay.GetValueOrDefault(code) ?? metrics.GetValueOrDefault(code),
            ErrorArgumentKind.Metric => metrics.GetValueOrDefault(code) ?? indicators.GetValueOrDefault(code),
            ErrorArgumentKind.Position => Attribute(plan.Positions, code),
            ErrorArgumentKind.Category => Attribute(plan.Categories, code),
            ErrorArgumentKind.Level => Attribute(plan.Levels, code),
            ErrorArgumentKind.Tier => Attribute(plan.Tiers, code),
            _ => null,
        };
    }
}
