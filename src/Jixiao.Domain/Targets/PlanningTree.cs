namespace Jixiao.Domain.Targets;

/// <summary>
/// Who a top-down decomposition of a year's targets covers (docs/targets.md): the subject unit, then depth-first each
/// unit's people (by id) and child units (by id). People are placed where they are assigned on the year's last day
/// (as the engine places them); heads of units on that day are left out (their target is their unit's); so is anyone
/// not employed on the 15th of any month (<see cref="TargetDecomposer.ActiveIn"/>).
/// </summary>
public static class PlanningTree
{
    /// <summary>An org unit of the tree.</summary>
    public sealed record Unit(string Id, string Name, string? Parent);

    /// <summary>A person with the unit they are assigned to on the year's last day (null: none).</summary>
    public sealed record Person(string Id, string Name, string? Unit, DateOnly? Hired, DateOnly? Left);

    /// <summary>
    /// The planning tree under <paramref name="subject"/> in <paramref name="year"/>; empty when no unit has that id.
    /// <paramref name="heads"/>: the ids of the heads of units on the year's last day.
    /// </summary>
    public static IReadOnlyList<PlanningNode> Build(string subject, int year, IReadOnlyList<Unit> units, IEnumerable<Person> people, IReadOnlySet<string> heads)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(heads);
        var root = units.FirstOrDefault(u => u.Id == subject);
        if (root is null)
        {
            return [];
        }

        var placed = people
            .Where(p => !heads.Contains(p.Id) && Enumerable.Range(1, 12).Any(m => TargetDecomposer.ActiveIn(p.Hired, p.Left, year, m)) && p.Unit is not null)
            .ToLookup(p => p.Unit!, StringComparer.Ordinal);
        var children = units.Where(u => u.Parent is not null).ToLookup(u => u.Parent!, StringComparer.Ordinal);
        var nodes = new List<PlanningNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Unit unit, string? parent)
        {
            if (!seen.Add(unit.Id))
            {
                return;
            }

            nodes.Add(new PlanningNode(unit.Id, unit.Name, false, parent));
            foreach (var p in placed[unit.Id].OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                nodes.Add(new PlanningNode(p.Id, p.Name, true, unit.Id, p.Hired, p.Left));
            }

            foreach (var child in children[unit.Id].OrderBy(u => u.Id, StringComparer.Ordinal))
            {
                Walk(child, unit.Id);
            }
        }

        Walk(root, null);
        return nodes;
    }
}
