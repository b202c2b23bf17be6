using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// The target rows one run can ask for, resolved once per run into arrays by dense employee and org
/// unit index: a lookup is an array read instead of hashing a (subject, metric, period) string tuple.
/// A later row for the same subject, metric and period replaces an earlier one.
/// </summary>
internal sealed class TargetIndex
{
    private readonly TargetTable _table;
    private readonly List<Column> _columns = [];

    /// <summary>Indexes the rows of <paramref name="periods"/>; by org unit too when <paramref name="byUnit"/>.</summary>
    public TargetIndex(Dataset data, IReadOnlyList<Period> periods, bool byUnit)
    {
        var table = data.TargetColumns;
        _table = table;
        var subject = table.Subject;
        var metric = table.Metric;
        var subjectEmployee = data.TargetSubjectEmployee;
        var subjectUnit = data.TargetSubjectUnit;
        var employees = data.Employees.Count;
        var units = byUnit ? data.OrgUnits.Count : 0;
        for (var p = 0; p < periods.Count; p++)
        {
            var byMetric = new Column?[table.Metrics.Count];
            foreach (var r in data.TargetRowsOf(periods[p].ToString()))
            {
                var m = metric[r];
                var column = byMetric[m];
                if (column is null)
                {
                    column = Find(table.Metrics[m], periods[p]);
                    if (column is null)
                    {
                        column = new Column(table.Metrics[m], periods[p], employees, units);
                        _columns.Add(column);
                    }

                    byMetric[m] = column;
                }

                // Row + 1, so that 0 means none.
                var s = subject[r];
                var e = subjectEmployee[s];
                if (e >= 0)
                {
                    column.ByEmployee[e] = r + 1;
                }

                if (byUnit && subjectUnit[s] is var u and >= 0)
                {
                    column.ByUnit![u] = r + 1;
                }
            }
        }
    }

    /// <summary>
    /// The row of <paramref name="metric"/> for <paramref name="period"/>: the employee's own, else (when
    /// <paramref name="teamUnit"/> ≥ 0) the unit's; null when neither exists or the period was not indexed.
    /// </summary>
    public TargetRow? Find(int employee, int teamUnit, string metric, Period period)
    {
        var column = Find(metric, period);
        if (column is null)
        {
            return null;
        }

        if (column.ByEmployee[employee] is var own and > 0)
        {
            return column.OwnRows[employee] ??= _table[own - 1];
        }

        return teamUnit >= 0 && column.ByUnit is not null && column.ByUnit[teamUnit] is var row and > 0
            ? column.UnitRows![teamUnit] ??= _table[row - 1]
            : null;
    }

    /// <summary>
    /// The value of the row <see cref="Find(int, int, string, Period)"/> returns, read from the table's value column
    /// instead of a row object (the per-person pass reads millions of them); false when there is no row.
    /// </summary>
    public bool TryFindValue(int employee, int teamUnit, string metric, Period period, out decimal value)
    {
        var column = Find(metric, period);
        if (column is not null)
        {
            if (column.ByEmployee[employee] is var own and > 0)
            {
                value = _table.Value[own - 1];
                return true;
            }

            if (teamUnit >= 0 && column.ByUnit is not null && column.ByUnit[teamUnit] is var row and > 0)
            {
                value = _table.Value[row - 1];
                return true;
            }
        }

        value = 0m;
        return false;
    }

    /// <summary>
    /// The rows (+ 1, 0 = none) of <paramref name="metric"/> for <paramref name="period"/> by employee and (when indexed)
    /// by unit, for a caller that reads many people's values with <see cref="ValueOf"/>; false when the period has no
    /// row of that metric.
    /// </summary>
    public bool TryColumn(string metric, Period period, out int[] byEmployee, out int[]? byUnit)
    {
        if (Find(metric, period) is { } column)
        {
            byEmployee = column.ByEmployee;
            byUnit = column.ByUnit;
            return true;
        }

        byEmployee = [];
        byUnit = null;
        return false;
    }

    /// <summary>The value of row <paramref name="rowPlusOne"/> − 1 of a column from <see cref="TryColumn"/>.</summary>
    public decimal ValueOf(int rowPlusOne) => _table.Value[rowPlusOne - 1];

    private Column? Find(string metric, Period period)
    {
        foreach (var c in _columns)
        {
            if (c.Period == period && string.Equals(c.Metric, metric, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Rows (+ 1) by employee and unit; the records are made when first asked for (any thread may, the same values).</summary>
    private sealed class Column(string metric, Period period, int employees, int units)
    {
        public string Metric { get; } = metric;

        public Period Period { get; } = period;

        public int[] ByEmployee { get; } = new int[employees];

        public int[]? ByUnit { get; } = units > 0 ? new int[units] : null;

        public TargetRow?[] OwnRows { get; } = new TargetRow?[employees];

        public TargetRow?[]? UnitRows { get; } = units > 0 ? new TargetRow?[units] : null;
    }
}

/// <summary>The rating rows of one period by indicator code and dense employee index (a later row replaces an earlier one).</summary>
internal sealed class RatingIndex
{
    private readonly RatingTable _table;
    private readonly List<(string Indicator, int[] ByEmployee, RatingRow?[] Rows)> _columns = [];

    public RatingIndex(Dataset data, string period)
    {
        var table = data.RatingColumns;
        _table = table;
        var employee = table.Employee;
        var indicator = table.Indicator;
        var employeeIndex = data.RatingEmployee;
        var employees = data.Employees.Count;
        var byIndicator = new int[]?[table.Indicators.Count];
        foreach (var r in data.RatingRowsOf(period))
        {
            var e = employeeIndex[employee[r]];
            if (e < 0)
            {
                continue;
            }

            var i = indicator[r];
            var column = byIndicator[i];
            if (column is null)
            {
                column = Find(table.Indicators[i])?.ByEmployee;
                if (column is null)
                {
                    column = new int[employees];
                    _columns.Add((table.Indicators[i], column, new RatingRow?[employees]));
                }

                byIndicator[i] = column;
            }

            column[e] = r + 1;
        }
    }

    /// <summary>The rating of <paramref name="employee"/> for <paramref name="indicator"/>, or null.</summary>
    public RatingRow? Find(int employee, string indicator)
    {
        if (Find(indicator) is not var (_, byEmployee, rows) || byEmployee[employee] is not (var row and > 0))
        {
            return null;
        }

        return rows[employee] ??= _table[row - 1];
    }

    /// <summary>The points of the row <see cref="Find(int, string)"/> returns, read from the table's points column; false when there is no row.</summary>
    public bool TryFindPoints(int employee, string indicator, out decimal points)
    {
        if (Find(indicator) is var (_, byEmployee, _) && byEmployee[employee] is var row and > 0)
        {
            points = _table.Points[row - 1];
            return true;
        }

        points = 0m;
        return false;
    }

    /// <summary>The rows (+ 1, 0 = none) of <paramref name="indicator"/> by employee, or null when nobody was rated for it.</summary>
    public int[]? ColumnOf(string indicator) => Find(indicator)?.ByEmployee;

    /// <summary>The points of row <paramref name="rowPlusOne"/> − 1 of a column from <see cref="ColumnOf"/>.</summary>
    public decimal PointsOf(int rowPlusOne) => _table.Points[rowPlusOne - 1];

    private (string Indicator, int[] ByEmployee, RatingRow?[] Rows)? Find(string indicator)
    {
        foreach (var column in _columns)
        {
            if (string.Equals(column.Indicator, indicator, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}

/// <summary>The code each sum_of_parts part reports errors under ("indicator.part"), built once per run.</summary>
internal sealed class PartCodes
{
    private readonly Dictionary<ScoringPart, string> _codes = new(ReferenceEqualityComparer.Instance);

    public PartCodes(Plan plan)
    {
        foreach (var card in plan.Scorecards)
        {
            foreach (var indicator in card.Indicators)
            {
                Add(indicator.Code, indicator.Rule);
            }
        }
    }

    /// <summary><paramref name="parent"/> + "." + the part's name.</summary>
    public string Of(string parent, ScoringPart part) =>
        _codes.TryGetValue(part, out var code) && code.Length == parent.Length + 1 + part.Name.Length && code.StartsWith(parent, StringComparison.Ordinal)
            ? code
            : parent + "." + part.Name;

    private void Add(string code, ScoringRule rule)
    {
        if (rule is not SumOfPartsRule sum)
        {
            return;
        }

        foreach (var part in sum.Parts)
        {
            var partCode = code + "." + part.Name;
            _codes.TryAdd(part, partCode);
            Add(partCode, part.Rule);
        }
    }
}
