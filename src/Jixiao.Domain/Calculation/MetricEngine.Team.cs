using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

internal sealed partial class MetricEngine
{
    /// <summary>
    /// A team metric: each employee's value is the total over their team unit's subtree. Every row counts for
    /// the unit its employee belonged to on the row's date: when someone changed assignment within the period,
    /// the period is cut at each change day and each stretch is aggregated and credited with the units of that
    /// stretch (the per-row pass itself never looks a unit up).
    /// </summary>
    private Acc Team(MetricDefinition m, Credited? credited)
    {
        var units = _tree.UnitCount;
        var minMax = m.Aggregate is Plans.Aggregate.Min or Plans.Aggregate.Max;
        var unit = new Acc(units, minMax) { ExtraSum = new decimal[units], ExtraCount = new decimal[units] };
        var start = _period.Start.DayNumber;
        var end = _period.End.DayNumber;
        var changes = _tree.Movers.Length == 0 ? [] : _tree.ChangeDaysWithin(start, end);
        if (changes.Count == 0)
        {
            AddToUnits(Aggregate(m, credited, _period.Start, _period.End), unit, _tree.Movers.Length == 0 ? null : start);
        }
        else
        {
            var from = start;
            foreach (var boundary in changes.Append(end + 1))
            {
                AddToUnits(Aggregate(m, credited, DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(boundary - 1)), unit, from);
                from = boundary;
            }
        }

        return RollUp(unit, minMax);
    }

    /// <summary>Adds employees' accumulators to their units' (movers: the unit of <paramref name="day"/>).</summary>
    private void AddToUnits(Acc self, Acc unit, int? day)
    {
        var minMax = self.Min is not null;
        var map = _tree.EmployeeUnit;
        if (day is { } d && _tree.Movers.Length > 0)
        {
            map = (int[])map.Clone();
            foreach (var e in _tree.Movers)
            {
                map[e] = _tree.UnitOn(e, d);
            }
        }

        for (var e = 0; e < _employees; e++)
        {
            var u = map[e];
            if (u < 0)
            {
                continue;
            }

            unit.Sum[u] += self.Sum[e];
            unit.Count[u] += self.Count[e];
            unit.ExtraSum![u] += self.ExtraSum?[e] ?? 0m;
            unit.ExtraCount![u] += self.ExtraCount?[e] ?? 0m;
            if (minMax)
            {
                unit.Min![u] = Math.Min(unit.Min[u], self.Min![e]);
                unit.Max![u] = Math.Max(unit.Max[u], self.Max![e]);
            }
        }
    }

    /// <summary>Rolls unit totals up the tree and gives each employee their team unit's total.</summary>
    private Acc RollUp(Acc unit, bool minMax)
    {
        foreach (var u in _tree.PostOrder)
        {
            var p = _tree.Parent[u];
            if (p < 0)
            {
                continue;
            }

            unit.Sum[p] += unit.Sum[u];
            unit.Count[p] += unit.Count[u];
            unit.ExtraSum![p] += unit.ExtraSum[u];
            unit.ExtraCount![p] += unit.ExtraCount[u];
            if (minMax)
            {
                unit.Min![p] = Math.Min(unit.Min[p], unit.Min[u]);
                unit.Max![p] = Math.Max(unit.Max[p], unit.Max[u]);
            }
        }

        var team = new Acc(_employees, minMax) { ExtraSum = new decimal[_employees], ExtraCount = new decimal[_employees] };
        for (var e = 0; e < _employees; e++)
        {
            var u = _tree.TeamUnit[e];
            if (u < 0)
            {
                continue;
            }

            team.Sum[e] = unit.Sum[u];
            team.Count[e] = unit.Count[u];
            team.ExtraSum[e] = unit.ExtraSum![u];
            team.ExtraCount[e] = unit.ExtraCount![u];
            if (minMax)
            {
                team.Min![e] = unit.Min![u];
                team.Max![e] = unit.Max![u];
            }
        }

        return team;
    }
}
