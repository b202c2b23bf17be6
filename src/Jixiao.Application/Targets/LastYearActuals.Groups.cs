using Jixiao.Application.Datasets;
using Jixiao.Domain.Data;
using Jixiao.Domain.Plans;

namespace Jixiao.Application.Targets;

public static partial class LastYearActuals
{
    /// <summary>
    /// The groups of one source's year as rows of a weighted table: one row per (employee, filter value, day where kept,
    /// contract date where kept), plus each credited sale as a row of its own (weight 1) taken out of its group.
    /// </summary>
    private sealed class Groups(int yearStart, Shape shape, bool[] movers)
    {
        private readonly Dictionary<(int Employee, int Category, int Day, int Signed, bool Valued), int> _rowOf = [];
        private readonly Dictionary<string, int> _categoryCodes = new(StringComparer.Ordinal);
        private readonly List<string> _categories = [];
        private readonly List<int> _employee = [];
        private readonly List<int> _day = [];
        private readonly List<int> _category = [];
        private readonly List<int> _signed = [];
        private readonly List<int> _weight = [];
        private readonly List<long>[] _sums = [.. shape.Sums.Select(_ => new List<long>())];

        /// <summary>Adds a group summed by the database (activities: its rows without a value and those with one are kept apart).</summary>
        public void Add(int employee, string category, int day, int signed, long count, long[] present, long[] sums)
        {
            var c = Code(category);
            if (shape.Source == MetricSource.Activities)
            {
                if (count > present[0])
                {
                    AddTo((employee, c, day, signed, false), count - present[0], []);
                }

                if (present[0] > 0)
                {
                    AddTo((employee, c, day, signed, true), present[0], sums);
                }

                return;
            }

            AddTo((employee, c, day, signed, true), count, sums);
        }

        /// <summary>Adds one stored row (its day kept only where the shape keeps it); <paramref name="values"/> are null for an activity without a value.</summary>
        public void AddRow(int employee, int category, int day, int signed, long[]? values)
        {
            var kept = KeptDay(employee, day);
            var key = (employee, category, kept, signed, values is not null);
            if (!_rowOf.TryGetValue(key, out var row))
            {
                _rowOf[key] = row = Append(employee, category, kept, signed, 0, values is null ? [Columns.NoValue] : new long[_sums.Length]);
            }

            _weight[row]++;
            if (values is not null)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    _sums[i][row] += values[i];
                }
            }
        }

        /// <summary>Whether rows of <paramref name="employee"/> keep their day (team metrics: people who moved).</summary>
        public bool KeepsDayOf(int employee) => shape.DayOfEveryone || (shape.DayOfMovers && movers[employee]);

        /// <summary>Adds the sums of <paramref name="count"/> stored rows of one employee and category, without day or contract date.</summary>
        public void AddCell(int employee, int category, long count, ReadOnlySpan<long> sums, bool valued)
        {
            var key = (employee, category, Columns.NoDay, Columns.NoDay, valued);
            if (!_rowOf.TryGetValue(key, out var row))
            {
                _rowOf[key] = row = Append(employee, category, Columns.NoDay, Columns.NoDay, 0, valued ? new long[_sums.Length] : [Columns.NoValue]);
            }

            _weight[row] = checked(_weight[row] + (int)count);
            for (var i = 0; valued && i < _sums.Length; i++)
            {
                _sums[i][row] += sums[i];
            }
        }

        /// <summary>Adds every group of <paramref name="other"/> (the same source, shape and people) to this one's.</summary>
        public void Merge(Groups other)
        {
            var sums = new long[_sums.Length];
            for (var r = 0; r < other._day.Count; r++)
            {
                var valued = shape.Source != MetricSource.Activities || other._sums[0][r] != Columns.NoValue;
                for (var i = 0; i < sums.Length; i++)
                {
                    sums[i] = other._sums[i][r];
                }

                AddTo((other._employee[r], Code(other._categories[other._category[r]]), other._day[r], other._signed[r], valued), other._weight[r], sums);
            }
        }

        /// <summary>The code of a category (product, expense category, activity kind) in the table's column.</summary>
        public int Code(string value)
        {
            if (!_categoryCodes.TryGetValue(value, out var code))
            {
                code = _categories.Count;
                _categoryCodes[value] = code;
                _categories.Add(value);
            }

            return code;
        }

        /// <summary>Takes one credited sale out of the group it was summed into and adds it as a row of its own; returns that row.</summary>
        public int TakeOutSale(int employee, string product, int day, int signed, long[] values)
        {
            var c = Code(product);
            var group = _rowOf[(employee, c, KeptDay(employee, day), shape.Signed is null ? Columns.NoDay : signed, true)];
            _weight[group]--;
            for (var i = 0; i < values.Length; i++)
            {
                _sums[i][group] -= values[i];
            }

            return Append(employee, c, day, signed, 1, values);
        }

        /// <summary>The day a group keeps: the row's for contract-age weighting and for movers in a team metric, none otherwise.</summary>
        private int KeptDay(int employee, int day) => shape.DayOfEveryone || (shape.DayOfMovers && movers[employee]) ? day : Columns.NoDay;

        private void AddTo((int Employee, int Category, int Day, int Signed, bool Valued) key, long weight, long[] sums)
        {
            if (!_rowOf.TryGetValue(key, out var row))
            {
                _rowOf[key] = row = Append(key.Employee, key.Category, key.Day, key.Signed, 0, key.Valued ? new long[_sums.Length] : [Columns.NoValue]);
            }

            _weight[row] = checked(_weight[row] + (int)weight);
            if (key.Valued)
            {
                for (var i = 0; i < _sums.Length; i++)
                {
                    _sums[i][row] += sums[i];
                }
            }
        }

        /// <summary>The year's weighted dataset: rows in day order (rows without a kept day on the year's first day), credits mapped to their rows.</summary>
        public Dataset Build(Placement placement, List<Credit> credits)
        {
            var n = _day.Count;
            var days = new int[n];
            for (var i = 0; i < n; i++)
            {
                days[i] = _day[i] == Columns.NoDay ? yearStart : _day[i];
            }

            var order = Columns.StableOrderByDay(days);
            var at = new int[n];
            for (var i = 0; i < n; i++)
            {
                at[order[i]] = i;
            }

            int[] Ints(List<int> values) => [.. order.Select(i => values[i])];
            long[] Longs(int column) => [.. order.Select(i => _sums[column][i])];
            var employee = Ints(_employee);
            var day = order.Select(i => days[i]).ToArray();
            var weight = Ints(_weight);
            var category = new CategoryColumn(Ints(_category), _categories);
            var ids = new StringColumn([], new int[n + 1]);
            var mapped = credits.Select(c => c with { SaleRow = at[c.SaleRow] }).ToList();
            return shape.Source switch
            {
                MetricSource.Sales => Of(new SalesTable(ids, employee, day, ids, category, Longs(0), Longs(1), Longs(2), ids, Ints(_signed)) { Weight = weight }, null, null, null),
                MetricSource.Collections => Of(null, new CollectionsTable(ids, employee, day, ids, Ints(_signed), Longs(0)) { Weight = weight }, null, null),
                MetricSource.Expenses => Of(null, null, new ExpensesTable(ids, employee, day, category, Longs(0)) { Weight = weight }, null),
                _ => Of(null, null, null, new ActivitiesTable(ids, employee, day, category, ids, Longs(0)) { Weight = weight }),
            };

            Dataset Of(SalesTable? s, CollectionsTable? k, ExpensesTable? x, ActivitiesTable? a) =>
                new(placement.Units, placement.Employees, s, k, x, a, mapped, [], [], []) { Assignments = placement.History };
        }

        private int Append(int employee, int category, int day, int signed, long weight, long[] sums)
        {
            _employee.Add(employee);
            _category.Add(category);
            _day.Add(day);
            _signed.Add(signed);
            _weight.Add(checked((int)weight));
            for (var i = 0; i < _sums.Length; i++)
            {
                _sums[i].Add(i < sums.Length ? sums[i] : 0);
            }

            return _day.Count - 1;
        }
    }
}
