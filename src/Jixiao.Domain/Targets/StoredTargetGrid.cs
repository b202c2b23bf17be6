namespace Jixiao.Domain.Targets;

/// <summary>One stored target value of the grid: baseline and challenge; <see cref="Derived"/> when no row is stored and it is the sum of its parts.</summary>
public sealed record GridValue(decimal Value, decimal? Challenge, bool Derived);

/// <summary>
/// The stored targets of a planning tree as the /targets grid shows them (docs/targets.md, "What the page opens with"):
/// every stored row where one is stored; where a unit's month or a row's annual value is not stored but its parts are,
/// their sum (marked <see cref="GridValue.Derived"/>), so what the sum checks compare is what is on screen; null where
/// nothing is stored. Months a person does not count for are left out (the engine does not read them).
/// </summary>
public static class StoredTargetGrid
{
    /// <summary>
    /// The grid of <paramref name="nodes"/> (the subject first, each node after its parent) for <paramref name="year"/>:
    /// per subject, index 0 the annual value and 1–12 the months. <paramref name="stored"/> holds the stored rows by
    /// (subject, period text "2026" or "2026-05"). Empty when none of the tree's rows is stored.
    /// </summary>
    public static IReadOnlyDictionary<string, GridValue?[]> Of(IReadOnlyList<PlanningNode> nodes, int year,
        IReadOnlyDictionary<(string Subject, string Period), (decimal Value, decimal? Challenge)> stored)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(stored);
        var grid = new Dictionary<string, GridValue?[]>(StringComparer.Ordinal);
        var yearText = year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var any = false;
        var children = nodes.Skip(1).ToLookup(n => n.Parent ?? "", StringComparer.Ordinal);

        // Children come after their parent: walking backwards fills every child before its parent.
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            var cells = new GridValue?[13];
            var kids = children[node.Id].Select(k => grid[k.Id]).ToList();
            for (var m = 1; m <= 12; m++)
            {
                if (node.IsPerson && !TargetDecomposer.ActiveIn(node.Hired, node.Left, year, m))
                {
                    continue;
                }

                cells[m] = Read(stored, node.Id, $"{yearText}-{m:D2}") ?? Sum(kids.Select(k => k[m]));
            }

            cells[0] = Read(stored, node.Id, yearText) ?? Sum(cells.Skip(1)) ?? Sum(kids.Select(k => k[0]));
            any |= cells.Any(c => c is { Derived: false });
            grid[node.Id] = cells;
        }

        return any ? grid : new Dictionary<string, GridValue?[]>(StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="plan"/> keeping (not writing) the cells given by hand as empty (<see cref="TargetCell.Value"/> null)
    /// where no row is stored: an empty cell is no target, not a target of 0.
    /// </summary>
    public static TargetPlan KeepUnset(TargetPlan plan, DecomposeRequest request, IReadOnlyDictionary<string, GridValue?[]> stored)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stored);
        if (request.Method != SplitMethod.Hand || request.Cells is not { Count: > 0 } cells)
        {
            return plan;
        }

        var yearText = plan.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var kept = new HashSet<string>(plan.Kept, StringComparer.Ordinal);
        foreach (var c in cells.Where(c => c.Value is null && c.Month is >= 0 and <= 12))
        {
            if (!(stored.TryGetValue(c.Subject, out var values) && values[c.Month] is { Derived: false }))
            {
                kept.Add(c.Subject + "|" + (c.Month == 0 ? yearText : $"{yearText}-{c.Month:D2}"));
            }
        }

        return plan with { Kept = kept };
    }

    private static GridValue? Read(IReadOnlyDictionary<(string Subject, string Period), (decimal Value, decimal? Challenge)> stored, string subject, string period) =>
        stored.TryGetValue((subject, period), out var row) ? new GridValue(row.Value, row.Challenge, false) : null;

    /// <summary>The sum of the parts that have a value (challenges summed when every such part has one), or null when none has.</summary>
    private static GridValue? Sum(IEnumerable<GridValue?> parts)
    {
        var present = parts.OfType<GridValue>().ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var challenge = present.All(p => p.Challenge is not null) ? present.Sum(p => p.Challenge!.Value) : (decimal?)null;
        return new GridValue(present.Sum(p => p.Value), challenge, true);
    }
}
