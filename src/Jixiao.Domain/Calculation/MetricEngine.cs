using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Organisation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

/// <summary>Metric values of every employee for one period: Value[m][e], defined where Has[m][e].</summary>
internal sealed class MetricValues(int metrics, int employees)
{
    public decimal[][] Value { get; } = NewJagged<decimal>(metrics, employees);

    public bool[][] Has { get; } = NewJagged<bool>(metrics, employees);

    /// <summary>Why a formula metric could not be evaluated, by (metric, employee).</summary>
    public Dictionary<(int Metric, int Employee), string> Failures { get; } = [];

    /// <summary>
    /// Values that are missing because an input (metrics.csv) row is absent, by (metric, employee): the
    /// code of the absent input. Missing data is an error, never "undefined" (if_undefined does not apply).
    /// </summary>
    public Dictionary<(int Metric, int Employee), string> Missing { get; } = [];

    private static T[][] NewJagged<T>(int n, int m)
    {
        var a = new T[n][];
        for (var i = 0; i < n; i++)
        {
            a[i] = new T[m];
        }

        return a;
    }
}

/// <summary>
/// Aggregates transaction rows into metric values. The per-row pass works on integers (cents, 1/10,000
/// units) over the period's contiguous row range with dense employee indexes; only split credits and
/// contract-age weighting take a decimal side path. Team metrics roll the per-employee accumulators up
/// the org tree.
/// </summary>
internal sealed class MetricEngine
{
    private const int ParallelThreshold = 1_000_000;

    private readonly Plan _plan;
    private readonly Dataset _data;
    private readonly Period _period;
    private readonly OrgTree _tree;
    private readonly int _employees;

    public MetricEngine(Plan plan, Dataset data, Period period, OrgTree tree)
    {
        _plan = plan;
        _data = data;
        _period = period;
        _tree = tree;
        _employees = data.Employees.Count;
    }

    /// <summary>Accumulators of one metric over employees: integer sums/counts plus a decimal side path.</summary>
    private sealed class Acc(int n, bool minMax)
    {
        public long[] Sum { get; } = new long[n];

        public long[] Count { get; } = new long[n];

        public long[]? Min { get; } = minMax ? Filled(n, long.MaxValue) : null;

        public long[]? Max { get; } = minMax ? Filled(n, long.MinValue) : null;

        public decimal[]? ExtraSum { get; set; }

        public decimal[]? ExtraCount { get; set; }

        private static long[] Filled(int n, long v)
        {
            var a = new long[n];
            Array.Fill(a, v);
            return a;
        }
    }

    public MetricValues Compute()
    {
        var values = new MetricValues(_plan.Metrics.Count, _employees);
        var credited = CreditedRows();
        var work = new List<MetricDefinition>(_plan.Metrics.Count);
        foreach (var m in _plan.Metrics)
        {
            if (m.Source is MetricSource.Sales or MetricSource.Collections or MetricSource.Expenses or MetricSource.Activities)
            {
                work.Add(m);
            }

            // Shared lookups are built before the metrics run in parallel.
            if (m.Source == MetricSource.Sales && credited is not null)
            {
                CreditWeights();
            }
        }

        // Transaction metrics are independent of each other: each reads the tables and writes only its own
        // value arrays. Input metrics also record missing rows in a shared dictionary, so they run after, in order.
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, m => Finish(m, m.Scope == MetricScope.Team ? Team(m, credited) : Aggregate(m, credited, _period.Start, _period.End), values));
        foreach (var m in _plan.Metrics)
        {
            if (m.Source == MetricSource.Input)
            {
                Inputs(m, values);
            }
        }

        Formulas(values);
        return values;
    }

    /// <summary>Scale of the integer unit a field is accumulated in.</summary>
    public static decimal ScaleOf(MetricField f) => f switch
    {
        MetricField.Amount or MetricField.Cost or MetricField.Margin => 100m,
        MetricField.Units or MetricField.Value => Columns.Scale,
        _ => 1m,
    };

    /// <summary>Which sales rows of the period are credited through split credits: Rows[r - From].</summary>
    private sealed record Credited(int From, bool[] Rows)
    {
        public bool this[int row] => Rows[row - From];
    }

    private Credited? CreditedRows()
    {
        if (_data.Credits.Count == 0)
        {
            return null;
        }

        var (from, to) = _data.Sales.RowsBetween(_period.Start, _period.End);
        var credited = new Credited(from, new bool[Math.Max(0, to - from)]);
        foreach (var c in _data.Credits)
        {
            if (c.SaleRow >= from && c.SaleRow < to)
            {
                credited.Rows[c.SaleRow - from] = true;
            }
        }

        return credited;
    }

    private Acc Aggregate(MetricDefinition m, Credited? credited, DateOnly first, DateOnly last)
    {
        var minMax = m.Aggregate is Plans.Aggregate.Min or Plans.Aggregate.Max;
        var acc = new Acc(_employees, minMax);
        TransactionTable table = m.Source switch
        {
            MetricSource.Sales => _data.Sales,
            MetricSource.Collections => _data.Collections,
            MetricSource.Expenses => _data.Expenses,
            _ => _data.Activities,
        };
        var (from, to) = table.RowsBetween(first, last);
        if (from >= to)
        {
            return acc;
        }

        var filter = FilterOf(m);
        var (a, b) = FieldColumns(m);
        if (m.ContractAgeRates is not null)
        {
            WeightedByContractAge(m, table, from, to, a, filter.Codes, filter.Allowed, m.Source == MetricSource.Sales ? credited : null, acc);
            return acc;
        }

        var skip = m.Source == MetricSource.Sales ? credited : null;
        if (to - from >= ParallelThreshold && !minMax)
        {
            var mid = from + ((to - from) / 2);
            var other = new Acc(_employees, false);
            Parallel.Invoke(
                () => Pass(table.Employee, from, mid, a, b, filter.Codes, filter.Allowed, skip, acc),
                () => Pass(table.Employee, mid, to, a, b, filter.Codes, filter.Allowed, skip, other));
            for (var e = 0; e < _employees; e++)
            {
                acc.Sum[e] += other.Sum[e];
                acc.Count[e] += other.Count[e];
            }
        }
        else
        {
            Pass(table.Employee, from, to, a, b, filter.Codes, filter.Allowed, skip, acc);
        }

        if (skip is not null)
        {
            SplitCredits(m, from, to, a, b, filter.Codes, filter.Allowed, acc);
        }

        return acc;
    }

    /// <summary>The hot loop: one contiguous row range, integers only, no allocation.</summary>
    private static void Pass(int[] employee, int from, int to, long[]? a, long[]? b, int[]? codes, bool[]? allowed, Credited? credited, Acc acc)
    {
        var skip = credited?.Rows;
        var skipFrom = credited?.From ?? 0;
        var sum = acc.Sum;
        var count = acc.Count;
        var min = acc.Min;
        var max = acc.Max;
        for (var r = from; r < to; r++)
        {
            if (allowed is not null && !allowed[codes![r]])
            {
                continue;
            }

            if (skip is not null && skip[r - skipFrom])
            {
                continue;
            }

            var e = employee[r];
            long v = a is null ? 0 : (b is null ? a[r] : a[r] - b[r]);
            if (a is not null && v == Columns.NoValue)
            {
                continue;
            }

            sum[e] += v;
            count[e]++;
            if (min is not null)
            {
                if (v < min[e])
                {
                    min[e] = v;
                }

                if (v > max![e])
                {
                    max[e] = v;
                }
            }
        }
    }

    private void SplitCredits(MetricDefinition m, int from, int to, long[]? a, long[]? b, int[]? codes, bool[]? allowed, Acc acc)
    {
        acc.ExtraCount ??= new decimal[_employees];
        var byRow = CreditsByRow();
        var weightsByRow = CreditWeights();
        for (var g = 0; g < byRow.Count; g++)
        {
            var (row, parts) = byRow[g];
            if (row < from || row >= to || (allowed is not null && !allowed[codes![row]]))
            {
                continue;
            }

            long v = a is null ? 0 : (b is null ? a[row] : a[row] - b[row]);
            var (weights, keys) = weightsByRow[g];
            var split = Money.SplitCents(v, weights, keys);
            for (var i = 0; i < parts.Count; i++)
            {
                var e = parts[i].Employee;
                acc.Sum[e] += split[i];
                acc.ExtraCount[e] += parts[i].Share;
                if (acc.Min is not null)
                {
                    acc.Min[e] = Math.Min(acc.Min[e], split[i]);
                    acc.Max![e] = Math.Max(acc.Max[e], split[i]);
                }
            }
        }
    }

    private List<(int Row, List<Credit> Parts)>? _creditsByRow;

    /// <summary>
    /// The split credits of the period's sales rows, grouped by row in row order (every reader of a run looks at
    /// rows of its period only; the data set may hold credits of many other months).
    /// </summary>
    internal List<(int Row, List<Credit> Parts)> CreditsByRow()
    {
        if (_creditsByRow is not null)
        {
            return _creditsByRow;
        }

        var (from, to) = _data.Sales.RowsBetween(_period.Start, _period.End);
        if (IsSortedBySale(_data.Credits))
        {
            // The loader keeps credits in sale order: group consecutive rows (file order within a sale).
            var list = new List<(int Row, List<Credit> Parts)>();
            foreach (var c in _data.Credits)
            {
                if (c.SaleRow < from || c.SaleRow >= to)
                {
                    continue;
                }

                if (list.Count == 0 || list[^1].Row != c.SaleRow)
                {
                    list.Add((c.SaleRow, []));
                }

                list[^1].Parts.Add(c);
            }

            _creditsByRow = list;
        }
        else
        {
            var dict = new SortedDictionary<int, List<Credit>>();
            foreach (var c in _data.Credits)
            {
                if (c.SaleRow < from || c.SaleRow >= to)
                {
                    continue;
                }

                if (!dict.TryGetValue(c.SaleRow, out var list))
                {
                    dict[c.SaleRow] = list = [];
                }

                list.Add(c);
            }

            _creditsByRow = [.. dict.Select(kv => (kv.Key, kv.Value))];
        }

        return _creditsByRow;
    }

    private (decimal[] Shares, string[] Keys)[]? _creditWeights;

    /// <summary>
    /// For each entry of <see cref="CreditsByRow"/>, its parts' shares and employee ids (the weights and tie-break
    /// keys of <see cref="Money.SplitCents"/>), made once per run instead of once per metric and row.
    /// </summary>
    internal (decimal[] Shares, string[] Keys)[] CreditWeights()
    {
        if (_creditWeights is null)
        {
            var byRow = CreditsByRow();
            var weights = new (decimal[] Shares, string[] Keys)[byRow.Count];
            for (var g = 0; g < weights.Length; g++)
            {
                var parts = byRow[g].Parts;
                var shares = new decimal[parts.Count];
                var keys = new string[parts.Count];
                for (var i = 0; i < parts.Count; i++)
                {
                    shares[i] = parts[i].Share;
                    keys[i] = _data.Employees[parts[i].Employee].Id;
                }

                weights[g] = (shares, keys);
            }

            _creditWeights = weights;
        }

        return _creditWeights;
    }

    private static bool IsSortedBySale(IReadOnlyList<Credit> credits)
    {
        for (var i = 1; i < credits.Count; i++)
        {
            if (credits[i].SaleRow < credits[i - 1].SaleRow)
            {
                return false;
            }
        }

        return true;
    }

    private void WeightedByContractAge(MetricDefinition m, TransactionTable table, int from, int to, long[]? amount, int[]? codes, bool[]? allowed, Credited? credited, Acc acc)
    {
        acc.ExtraSum ??= new decimal[_employees];
        acc.ExtraCount ??= new decimal[_employees];
        var signed = table is SalesTable s ? s.ContractSignedDay : ((CollectionsTable)table).ContractSignedDay;
        Dictionary<int, List<Credit>>? parts = credited is null ? null : CreditsByRow().ToDictionary(x => x.Row, x => x.Parts);
        for (var r = from; r < to; r++)
        {
            if (allowed is not null && !allowed[codes![r]])
            {
                continue;
            }

            var rate = ContractAge.RateOf(m.ContractAgeRates!, signed[r], table.Day[r]);
            if (parts is not null && parts.TryGetValue(r, out var split))
            {
                var cents = Money.SplitCents(amount![r], split.Select(p => p.Share).ToArray(), split.Select(p => _data.Employees[p.Employee].Id).ToArray());
                for (var i = 0; i < split.Count; i++)
                {
                    acc.ExtraSum[split[i].Employee] += cents[i] * rate;
                    acc.ExtraCount[split[i].Employee] += split[i].Share;
                }

                continue;
            }

            var e = table.Employee[r];
            acc.ExtraSum[e] += amount![r] * rate;
            acc.Count[e]++;
        }
    }

    private (int[]? Codes, bool[]? Allowed) FilterOf(MetricDefinition m)
    {
        (CategoryColumn? column, IReadOnlyList<string>? list) = m.Source switch
        {
            MetricSource.Sales => (_data.Sales.Product, m.Products),
            MetricSource.Expenses => (_data.Expenses.Category, m.Categories),
            MetricSource.Activities => (_data.Activities.Kind, m.Kinds),
            _ => ((CategoryColumn?)null, (IReadOnlyList<string>?)null),
        };
        if (column is null || list is null)
        {
            return (null, null);
        }

        var allowed = new bool[Math.Max(1, column.Values.Count)];
        foreach (var v in list)
        {
            var c = column.CodeOf(v);
            if (c >= 0)
            {
                allowed[c] = true;
            }
        }

        return (column.Codes, allowed);
    }

    private (long[]? A, long[]? B) FieldColumns(MetricDefinition m) => (m.Source, m.Field) switch
    {
        (_, MetricField.None) => (null, null),
        (MetricSource.Sales, MetricField.Units) => (_data.Sales.Units, null),
        (MetricSource.Sales, MetricField.Amount) => (_data.Sales.AmountCents, null),
        (MetricSource.Sales, MetricField.Cost) => (_data.Sales.CostCents, null),
        (MetricSource.Sales, MetricField.Margin) => (_data.Sales.AmountCents, _data.Sales.CostCents),
        (MetricSource.Collections, _) => (_data.Collections.AmountCents, null),
        (MetricSource.Expenses, _) => (_data.Expenses.AmountCents, null),
        (MetricSource.Activities, _) => (_data.Activities.Value, null),
        _ => (null, null),
    };

    private void Finish(MetricDefinition m, Acc acc, MetricValues values)
    {
        var scale = ScaleOf(m.Field);

        var value = values.Value[m.Index];
        var has = values.Has[m.Index];
        if (acc.ExtraCount is null && acc.ExtraSum is null && m.Aggregate is Plans.Aggregate.Count or Plans.Aggregate.Sum)
        {
            // Integer accumulators only: the same decimals as below without a decimal division per employee.
            var digits = m.Field switch
            {
                MetricField.Amount or MetricField.Cost or MetricField.Margin => 2,
                MetricField.Units or MetricField.Value => 4,
                _ => 0,
            };
            for (var e = 0; e < _employees; e++)
            {
                value[e] = m.Aggregate == Plans.Aggregate.Count ? acc.Count[e] : DividedByPowerOfTen(acc.Sum[e], digits);
                has[e] = true;
            }

            return;
        }

        // Without a decimal side sum, sum ÷ scale is an integer ÷ a power of ten: the same decimal without a division.
        var sumDigits = acc.ExtraSum is null
            ? m.Field switch
            {
                MetricField.Amount or MetricField.Cost or MetricField.Margin => 2,
                MetricField.Units or MetricField.Value => 4,
                _ => 0,
            }
            : -1;
        for (var e = 0; e < _employees; e++)
        {
            decimal count = acc.Count[e] + (acc.ExtraCount?[e] ?? 0m);
            switch (m.Aggregate)
            {
                case Plans.Aggregate.Count:
                    value[e] = count;
                    has[e] = true;
                    break;
                case Plans.Aggregate.Sum:
                    value[e] = sumDigits >= 0 ? DividedByPowerOfTen(acc.Sum[e], sumDigits) : (acc.Sum[e] + acc.ExtraSum![e]) / scale;
                    has[e] = true;
                    break;
                case Plans.Aggregate.Avg:
                    has[e] = count > 0;
                    value[e] = count > 0 ? (sumDigits >= 0 ? DividedByPowerOfTen(acc.Sum[e], sumDigits) : (acc.Sum[e] + acc.ExtraSum![e]) / scale) / count : 0m;
                    break;
                case Plans.Aggregate.Min:
                    has[e] = acc.Min![e] != long.MaxValue;
                    value[e] = has[e] ? acc.Min[e] / scale : 0m;
                    break;
                default:
                    has[e] = acc.Max![e] != long.MinValue;
                    value[e] = has[e] ? acc.Max[e] / scale : 0m;
                    break;
            }
        }
    }

    /// <summary>
    /// <paramref name="value"/> ÷ 10^<paramref name="digits"/> exactly as decimal division returns it (trailing
    /// zeros dropped: 1200 ÷ 100 = 12, 1230 ÷ 100 = 12.3), built directly from the integer.
    /// </summary>
    internal static decimal DividedByPowerOfTen(long value, int digits)
    {
        while (digits > 0 && value % 10 == 0)
        {
            value /= 10;
            digits--;
        }

        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)digits);
    }

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

    private Dictionary<(string Subject, string Metric, string Period), decimal>? _inputs;

    private void Inputs(MetricDefinition m, MetricValues values)
    {
        _inputs ??= BuildInputs();
        var value = values.Value[m.Index];
        var has = values.Has[m.Index];
        for (var e = 0; e < _employees; e++)
        {
            // Same order as targets: the employee's own row first, then (team metrics) the team unit's.
            if (TryInput(_data.Employees[e].Id, m, out var v)
                || (m.Scope == MetricScope.Team && _tree.TeamUnit[e] >= 0 && TryInput(_data.OrgUnits[_tree.TeamUnit[e]].Id, m, out v)))
            {
                value[e] = v;
                has[e] = true;
            }
            else if (m.Default is { } d)
            {
                value[e] = d;
                has[e] = true;
            }
            else
            {
                values.Missing[(m.Index, e)] = m.Code;
            }
        }
    }

    private Dictionary<(string, string, string), decimal> BuildInputs()
    {
        var dict = new Dictionary<(string, string, string), decimal>();
        foreach (var d in _data.DirectValues)
        {
            dict[(d.Subject, d.Metric, d.Period)] = d.Value;
        }

        return dict;
    }

    private bool TryInput(string subject, MetricDefinition m, out decimal value)
    {
        if (_inputs!.TryGetValue((subject, m.Code, _period.ToString()), out value))
        {
            return true;
        }

        if (m.Rollup == PeriodRollup.None || _period.Kind == PeriodKind.Month)
        {
            return false;
        }

        decimal sum = 0, first = 0, last = 0;
        var n = 0;
        foreach (var month in _period.Months())
        {
            if (!_inputs.TryGetValue((subject, m.Code, month.ToString()), out var v))
            {
                return false;
            }

            if (n == 0)
            {
                first = v;
            }

            sum += v;
            last = v;
            n++;
        }

        value = m.Rollup switch
        {
            PeriodRollup.Sum => sum,
            PeriodRollup.First => first,
            PeriodRollup.Last => last,
            _ => sum / n,
        };
        return true;
    }

    internal void Formulas(MetricValues values)
    {
        var order = FormulaOrder();
        if (order.Count == 0)
        {
            return;
        }

        var slots = new decimal[_plan.Variables.Count];
        for (var e = 0; e < _employees; e++)
        {
            foreach (var m in order)
            {
                var f = m.Formula!;
                var ok = true;
                foreach (var s in f.ReferencedSlots)
                {
                    if (!values.Has[s][e])
                    {
                        if (values.Missing.TryGetValue((s, e), out var input))
                        {
                            values.Missing[(m.Index, e)] = input;
                        }

                        ok = false;
                        break;
                    }

                    slots[s] = values.Value[s][e];
                }

                if (!ok)
                {
                    continue;
                }

                if (f.TryEvaluate(slots, out var result, out var error))
                {
                    values.Value[m.Index][e] = result;
                    values.Has[m.Index][e] = true;
                }
                else if (error is not null)
                {
                    values.Failures[(m.Index, e)] = error.Format(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }

    private List<MetricDefinition> FormulaOrder()
    {
        var result = new List<MetricDefinition>();
        var done = new bool[_plan.Metrics.Count];
        foreach (var m in _plan.Metrics)
        {
            Visit(m);
        }

        return result;

        void Visit(MetricDefinition m)
        {
            if (done[m.Index] || m.Source != MetricSource.Formula)
            {
                return;
            }

            done[m.Index] = true;
            foreach (var s in m.Formula!.ReferencedSlots)
            {
                if (s < _plan.Metrics.Count)
                {
                    Visit(_plan.Metrics[s]);
                }
            }

            result.Add(m);
        }
    }
}
