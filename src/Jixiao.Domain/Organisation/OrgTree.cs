using Jixiao.Domain.Data;

namespace Jixiao.Domain.Organisation;

/// <summary>
/// The org tree in index form: children of each unit, a post-order for roll-ups, and each employee's
/// team unit (the topmost unit they manage, else their own unit).
/// </summary>
internal sealed class OrgTree
{
    public OrgTree(Dataset data)
    {
        var units = data.OrgUnits;
        UnitCount = units.Count;
        Parent = new int[UnitCount];
        var children = new List<int>[UnitCount];
        for (var u = 0; u < UnitCount; u++)
        {
            children[u] = [];
        }

        for (var u = 0; u < UnitCount; u++)
        {
            Parent[u] = units[u].ParentId is { Length: > 0 } p ? data.OrgUnitIndex(p) : -1;
            if (Parent[u] >= 0)
            {
                children[Parent[u]].Add(u);
            }
        }

        Children = children;

        // Post-order: children before parents, so one forward sweep rolls values up.
        var order = new List<int>(UnitCount);
        var visited = new bool[UnitCount];
        for (var u = 0; u < UnitCount; u++)
        {
            if (Parent[u] < 0)
            {
                Walk(u);
            }
        }

        // Units on a cycle never reach a root; the loader rejects cycles, this keeps the engine total.
        for (var u = 0; u < UnitCount; u++)
        {
            if (!visited[u])
            {
                Walk(u);
            }
        }

        PostOrder = [.. order];

        var employees = data.Employees;
        EmployeeUnit = new int[employees.Count];
        TeamUnit = new int[employees.Count];
        for (var e = 0; e < employees.Count; e++)
        {
            EmployeeUnit[e] = data.OrgUnitIndex(employees[e].OrgUnitId);
            TeamUnit[e] = EmployeeUnit[e];
        }

        // Employees who moved: their unit by day, for team metrics that credit each row to the unit of its date.
        foreach (var mover in data.Movers)
        {
            _moves ??= new (int FromDay, int Unit)[]?[employees.Count];
            _moves[mover.Employee] = [.. mover.History.Select(a => (a.ValidFrom.DayNumber, data.OrgUnitIndex(a.OrgUnitId)))];
            foreach (var a in mover.History)
            {
                _changeDays.Add(a.ValidFrom.DayNumber);
            }
        }

        Movers = [.. data.Movers.Select(m => m.Employee)];

        var managed = new int[employees.Count];
        Array.Fill(managed, -1);
        for (var u = 0; u < UnitCount; u++)
        {
            if (units[u].ManagerId is { Length: > 0 } m && data.EmployeeIndex(m) is var e and >= 0)
            {
                // Keep the topmost managed unit: an ancestor of the one found so far wins.
                if (managed[e] < 0 || IsAncestor(u, managed[e]))
                {
                    managed[e] = u;
                }
            }
        }

        for (var e = 0; e < employees.Count; e++)
        {
            if (managed[e] >= 0)
            {
                TeamUnit[e] = managed[e];
            }
        }

        void Walk(int root)
        {
            // Iterative DFS to survive deep trees.
            var stack = new Stack<(int Unit, int Next)>();
            stack.Push((root, 0));
            visited[root] = true;
            while (stack.Count > 0)
            {
                var (u, next) = stack.Pop();
                if (next < children[u].Count)
                {
                    stack.Push((u, next + 1));
                    var c = children[u][next];
                    if (!visited[c])
                    {
                        visited[c] = true;
                        stack.Push((c, 0));
                    }
                }
                else
                {
                    order.Add(u);
                }
            }
        }
    }

    private readonly (int FromDay, int Unit)[]?[]? _moves;
    private readonly SortedSet<int> _changeDays = [];

    public int UnitCount { get; }

    /// <summary>Indexes of the employees with more than one assignment.</summary>
    public int[] Movers { get; }

    /// <summary>
    /// The unit <paramref name="employee"/> belonged to on <paramref name="day"/> (a day number): the unit of the
    /// assignment in force that day, the first assignment's before it; <see cref="EmployeeUnit"/> for everyone who never moved.
    /// </summary>
    public int UnitOn(int employee, int day)
    {
        if (_moves?[employee] is not { } history)
        {
            return EmployeeUnit[employee];
        }

        var unit = history[0].Unit;
        foreach (var (from, u) in history)
        {
            if (from <= day)
            {
                unit = u;
            }
        }

        return unit;
    }

    /// <summary>Days in (<paramref name="first"/>, <paramref name="last"/>] on which some employee changed assignment, ascending.</summary>
    public IReadOnlyList<int> ChangeDaysWithin(int first, int last) => [.. _changeDays.GetViewBetween(first + 1, Math.Max(first + 1, last)).Where(d => d > first && d <= last)];

    public int[] Parent { get; }

    public IReadOnlyList<List<int>> Children { get; }

    public int[] PostOrder { get; }

    public int[] EmployeeUnit { get; }

    /// <summary>The unit whose subtree is the employee's team.</summary>
    public int[] TeamUnit { get; }

    public bool IsAncestor(int ancestor, int unit)
    {
        var guard = 0;
        for (var u = Parent[unit]; u >= 0 && guard++ < UnitCount; u = Parent[u])
        {
            if (u == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="unit"/> lies in the subtree of <paramref name="root"/> (itself included).</summary>
    public bool InSubtree(int root, int unit) => unit == root || (unit >= 0 && IsAncestor(root, unit));
}
