using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// The target rows one run can ask for, resolved once per run into arrays by dense employee and org
/// unit index: a lookup is an array read instead of hashing a (subject, metric, period) string tuple.
/// A later row for the same subject, metric and period replaces an earlier one.
/// </summary>
internal sealed class TargetIndex
{
    private readonly List<Column> _columns = [];

    /// <summary>Indexes the rows of <paramref name="periods"/>; by org unit too when <paramref name="byUnit"/>.</summary>
    public TargetIndex(Dataset data, IReadOnlyList<Period> periods, bool byUnit)
    {
        var texts = new string[periods.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = periods[i].ToString();
        }

        var targets = data.Targets;
        var employees = data.Employees.Count;
        var units = byUnit ? data.OrgUnits.Count : 0;
        for (var p = 0; p < periods.Count; p++)
        {
            Column? last = null;
            string? lastSubject = null;
            int e = -1, u = -1;
            foreach (var r in data.TargetRowsOf(texts[p]))
            {
                var t = targets[r];

                // Rows of one metric usually come in runs, and the metrics of one subject together: reuse the last look-ups.
                var column = last is not null && string.Equals(last.Metric, t.Metric, StringComparison.Ordinal) ? last : Find(t.Metric, periods[p]);
                if (column is null)
                {
                    column = new Column(t.Metric, periods[p], employees, units);
                    _columns.Add(column);
                }

                last = column;
                if (!ReferenceEquals(t.Subject, lastSubject))
                {
                    e = data.EmployeeIndex(t.Subject);
                    u = byUnit ? data.OrgUnitIndex(t.Subject) : -1;
                    lastSubject = t.Subject;
                }

                if (e >= 0)
                {
                    column.ByEmployee[e] = t;
                    column.EmployeeValue[e] = t.Value;
                }

                if (u >= 0)
                {
                    column.ByUnit![u] = t;
                    column.UnitValue![u] = t.Value;
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

        if (column.ByEmployee[employee] is { } own)
        {
            return own;
        }

        return teamUnit >= 0 && column.ByUnit is not null ? column.ByUnit[teamUnit] : null;
    }

    /// <summary>
    /// The value of the row <see cref="Find(int, int, string, Period)"/> returns, read from a dense column
    /// instead of the row object (the per-person pass reads millions of them); false when there is no row.
    /// </summary>
    public bool TryFindValue(int employee, int teamUnit, string metric, Period period, out decimal value)
    {
        var column = Find(metric, period);
        if (column is not null)
        {
            if (column.ByEmployee[employee] is not null)
            {
                value = column.EmployeeValue[employee];
                return true;
            }

            if (teamUnit >= 0 && column.ByUnit is not null && column.ByUnit[teamUnit] is not null)
            {
                value = column.UnitValue![teamUnit];
                return true;
            }
        }

        value = 0m;
        return false;
    }

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

    private sealed class Column(string metric, Period period, int employees, int units)
    {
        public string Metric { get; } = metric;

        public Period Period { get; } = period;

        public TargetRow?[] ByEmployee { get; } = new TargetRow?[employees];

        public TargetRow?[]? ByUnit { get; } = units > 0 ? new TargetRow?[units] : null;

        /// <summary>
        /// The values of the rows in <see cref="ByEmployee"/> and <see cref="ByUnit"/>, side by side; read only where the row is set, so not cleared.
        /// </summary>
        public decimal[] EmployeeValue { get; } = GC.AllocateUninitializedArray<decimal>(employees);

        public decimal[]? UnitValue { get; } = units > 0 ? GC.AllocateUninitializedArray<decimal>(units) : null;
    }
}

/// <summary>The rating rows of one period by indicator code and dense employee index (a later row replaces an earlier one).</summary>
internal sealed class RatingIndex
{
    private readonly List<(string Indicator, RatingRow?[] ByEmployee, decimal[] Points)> _columns = [];

    public RatingIndex(Dataset data, string period)
    {
        var ratings = data.Ratings;
        var employees = data.Employees.Count;
        foreach (var r in data.RatingRowsOf(period))
        {
            var row = ratings[r];
            var e = data.EmployeeIndex(row.Employee);
            if (e < 0)
            {
                continue;
            }

            var index = IndexOf(row.Indicator);
            if (index < 0)
            {
                index = _columns.Count;
                _columns.Add((row.Indicator, new RatingRow?[employees], GC.AllocateUninitializedArray<decimal>(employees)));
            }

            _columns[index].ByEmployee[e] = row;
            _columns[index].Points[e] = row.Points;
        }
    }

    /// <summary>The rating of <paramref name="employee"/> for <paramref name="indicator"/>, or null.</summary>
    public RatingRow? Find(int employee, string indicator) => IndexOf(indicator) is var i and >= 0 ? _columns[i].ByEmployee[employee] : null;

    /// <summary>The points of the row <see cref="Find"/> returns, read from a dense column; false when there is no row.</summary>
    public bool TryFindPoints(int employee, string indicator, out decimal points)
    {
        var i = IndexOf(indicator);
        if (i >= 0 && _columns[i].ByEmployee[employee] is not null)
        {
            points = _columns[i].Points[employee];
            return true;
        }

        points = 0m;
        return false;
    }

    private int IndexOf(string indicator)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i].Indicator, indicator, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
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
