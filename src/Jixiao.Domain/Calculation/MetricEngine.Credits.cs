using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

internal sealed partial class MetricEngine
{
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
            var split = CreditSplit.Split(v, weightsByRow[g]);
            for (var i = 0; i < parts.Count; i++)
            {
                var e = parts[i].Employee;
                acc.Sum[e] += split[i];
                acc.ExtraCount[e] += weightsByRow[g].Shares[i];
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
    /// keys of <see cref="CreditSplit"/>), made once per run instead of once per metric and row.
    /// </summary>
    internal (decimal[] Shares, string[] Keys)[] CreditWeights()
    {
        if (_creditWeights is null)
        {
            var byRow = CreditsByRow();
            var weights = new (decimal[] Shares, string[] Keys)[byRow.Count];
            for (var g = 0; g < weights.Length; g++)
            {
                weights[g] = CreditSplit.Weights(byRow[g].Parts, _data.Employees, _plan.SaleCredits);
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
}
