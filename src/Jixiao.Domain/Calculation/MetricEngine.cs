using Jixiao.Domain.Data;
using Jixiao.Domain.Organisation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// Aggregates transaction rows into metric values. The per-row pass works on integers (cents, 1/10,000
/// units) over the period's contiguous row range with dense employee indexes; only split credits and
/// contract-age weighting take a decimal side path. Team metrics roll the per-employee accumulators up
/// the org tree.
/// </summary>
internal sealed partial class MetricEngine
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
        if (table.Weight is { } weight)
        {
            WeightedPass(table.Employee, weight, from, to, a, b, filter.Codes, filter.Allowed, skip, acc);
        }
        else if (to - from >= ParallelThreshold && !minMax)
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

    /// <summary>
    /// <see cref="Pass"/> over rows that each stand for <c>weight[r]</c> stored rows (their values summed): the same sums,
    /// counts by weight. Minimums and maximums are not kept (a summed row has none).
    /// </summary>
    private static void WeightedPass(int[] employee, int[] weight, int from, int to, long[]? a, long[]? b, int[]? codes, bool[]? allowed, Credited? credited, Acc acc)
    {
        var skip = credited?.Rows;
        var skipFrom = credited?.From ?? 0;
        for (var r = from; r < to; r++)
        {
            if ((allowed is not null && !allowed[codes![r]]) || (skip is not null && skip[r - skipFrom]))
            {
                continue;
            }

            long v = a is null ? 0 : (b is null ? a[r] : a[r] - b[r]);
            if (a is not null && v == Columns.NoValue)
            {
                continue;
            }

            acc.Sum[employee[r]] += v;
            acc.Count[employee[r]] += weight[r];
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
}
