using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Scoring;

/// <summary>Result (结果) or process (过程) indicator.</summary>
public enum IndicatorCategory
{
    Result,
    Process,
}

/// <summary>An indicator (考核指标) on a scorecard.</summary>
public sealed class Indicator
{
    public required string Code { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <c>name</c> with OpenCC.</summary>
    public string? NameZhTw { get; init; }

    public IndicatorCategory Category { get; init; }

    public required ScoringRule Rule { get; init; }

    /// <summary>The weight in points.</summary>
    public decimal Points => Rule.Points;

    public string? Comment { get; init; }
}

/// <summary>Which employees a scorecard or pay component applies to; null lists match anything.</summary>
public sealed record EmployeeMatch(IReadOnlyList<string>? Positions, IReadOnlyList<string>? Categories, IReadOnlyList<string>? Levels)
{
    public static EmployeeMatch Any { get; } = new(null, null, null);

    public bool Matches(Data.Employee e) =>
        (Positions is null || Contains(Positions, e.Position))
        && (Categories is null || Contains(Categories, e.Category))
        && (Levels is null || Contains(Levels, e.Level));

    /// <summary>How specific the match is; the most specific scorecard wins.</summary>
    public int Specificity => (Positions is null ? 0 : 1) + (Categories is null ? 0 : 1) + (Levels is null ? 0 : 1);

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var s in list)
        {
            if (string.Equals(s, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A scorecard (考核表, docs/plan-format.md §7) for a position/category/level. Each person is assessed with the most
/// specific card matching them (<see cref="For"/>).
/// </summary>
public sealed class Scorecard
{
    public required string Code { get; init; }

    public string Name { get; init; } = "";

    public string? NameEn { get; init; }

    /// <summary>The Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <c>name</c> with OpenCC.</summary>
    public string? NameZhTw { get; init; }

    public required EmployeeMatch Match { get; init; }

    public required IReadOnlyList<PeriodKind> Periods { get; init; }

    /// <summary>The indicators; empty for a pay-only card (<c>indicators: []</c>), which has no score and no grade.</summary>
    public required IReadOnlyList<Indicator> Indicators { get; init; }

    /// <summary>The grade scale code; null for a pay-only card.</summary>
    public string? GradeScale { get; init; }

    public SourceMark Mark { get; init; }

    /// <summary>The most specific of <paramref name="cards"/> matching <paramref name="e"/> (ties: first in the file), or null.</summary>
    public static Scorecard? For(IReadOnlyList<Scorecard> cards, Data.Employee e)
    {
        ArgumentNullException.ThrowIfNull(cards);
        Scorecard? best = null;
        foreach (var s in cards)
        {
            if (s.Match.Matches(e) && (best is null || s.Match.Specificity > best.Match.Specificity))
            {
                best = s;
            }
        }

        return best;
    }
}
