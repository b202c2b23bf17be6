using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    // The period's sales rows by employee (credited parts included), read by the over-target units bonus.
    private sealed partial class Context
    {
        /// <summary>
        /// The period's sales rows of each employee (credited parts included), in row order: for entry k of
        /// employee e (Start[e] ≤ k &lt; Start[e + 1]) the row, the units credited to e (× 10,000) and the product code.
        /// </summary>
        private sealed record SalesIndex(int[] Start, int[] Rows, long[] Units, int[] Product);

        /// <summary>
        /// Who may be over target in some over_target_units component: everyone but those whose actual and target
        /// (as <c>AchievementOf</c> reads them without an explanation) show actual ≤ target, whose bonus is 0 without
        /// reading a sales row. The sales index then holds only the candidates' rows.
        /// </summary>
        private bool[] OverTargetCandidates(TargetIndex targets)
        {
            var n = _data.Employees.Count;
            var candidate = new bool[n];
            foreach (var c in _plan.Pay)
            {
                if (c.Kind != PayKind.OverTargetUnits)
                {
                    continue;
                }

                var m = _plan.Metrics[c.Metric];
                var has = _values.Has[c.Metric];
                var value = _values.Value[c.Metric];
                var chunks = Math.Clamp(Environment.ProcessorCount, 1, 4);
                Parallel.For(0, chunks, chunk =>
                {
                    for (var e = (int)((long)n * chunk / chunks); e < (int)((long)n * (chunk + 1) / chunks); e++)
                    {
                        if (candidate[e])
                        {
                            continue;
                        }

                        decimal? target = c.Target switch
                        {
                            TargetSource.Constant k => k.Value,
                            TargetSource.OtherMetric o => _values.Has[o.MetricIndex][e] ? _values.Value[o.MetricIndex][e] : null,
                            TargetSource.FromTargets t => targets.TryFindValue(e, m.Scope == MetricScope.Team ? _tree.TeamUnit[e] : -1, t.Metric, _period, out var found) ? found : null,
                            _ => null,
                        };
                        candidate[e] = !(has[e] && target is { } known && value[e] <= known);
                    }
                });
            }

            return candidate;
        }

        /// <summary>
        /// The sales index of everyone (<paramref name="only"/> null) or of the employees flagged in it: a counting sort
        /// of the period's rows by employee, each person's rows in row order. On a large period the rows are cut into one
        /// stretch per core, counted and placed side by side (a stretch's rows of a person come after the earlier
        /// stretches' rows of that person, so the order is the same).
        /// </summary>
        private SalesIndex BuildSalesIndex(bool[]? only)
        {
            var sales = _data.Sales;
            var n = _data.Employees.Count;
            var (from, to) = sales.RowsBetween(_period.Start, _period.End);
            var length = Math.Max(0, to - from);

            // Group + 1 of each row with split credits, 0 for a row credited to its seller alone.
            var groupOf = new int[length];
            var byRow = _engine.CreditsByRow();
            var weights = _engine.CreditWeights();
            for (var g = 0; g < byRow.Count; g++)
            {
                var row = byRow[g].Row;
                if (row >= from && row < to)
                {
                    groupOf[row - from] = g + 1;
                }
            }

            var chunks = length >= 200_000 ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1;
            var bounds = new int[chunks + 1];
            for (var c = 0; c <= chunks; c++)
            {
                bounds[c] = from + (int)((long)length * c / chunks);
            }

            var employee = sales.Employee;
            var counts = new int[chunks][];
            Parallel.For(0, chunks, c =>
            {
                var count = counts[c] = new int[n];
                for (var row = bounds[c]; row < bounds[c + 1]; row++)
                {
                    if (groupOf[row - from] is var g and > 0)
                    {
                        foreach (var p in byRow[g - 1].Parts)
                        {
                            if (only is null || only[p.Employee])
                            {
                                count[p.Employee]++;
                            }
                        }
                    }
                    else if (only is null || only[employee[row]])
                    {
                        count[employee[row]]++;
                    }
                }
            });

            // Where each person's rows start, and where each stretch places its first row of each person.
            var start = new int[n + 1];
            for (var e = 0; e < n; e++)
            {
                var at = start[e];
                for (var c = 0; c < chunks; c++)
                {
                    var k = counts[c][e];
                    counts[c][e] = at;
                    at += k;
                }

                start[e + 1] = at;
            }

            // Every entry is written below.
            var rows = GC.AllocateUninitializedArray<int>(start[n]);
            var units = GC.AllocateUninitializedArray<long>(start[n]);
            var product = GC.AllocateUninitializedArray<int>(start[n]);
            var codes = sales.Product.Codes;
            Parallel.For(0, chunks, c =>
            {
                var fill = counts[c];
                for (var row = bounds[c]; row < bounds[c + 1]; row++)
                {
                    if (groupOf[row - from] is var g and > 0)
                    {
                        // One split per row, the same for every part (largest remainder, ties by share then employee id).
                        var parts = byRow[g - 1].Parts;
                        if (only is not null && !AnyOf(parts, only))
                        {
                            continue;
                        }

                        var split = CreditSplit.Split(sales.Units[row], weights[g - 1]);
                        foreach (var p in parts)
                        {
                            if (only is not null && !only[p.Employee])
                            {
                                continue;
                            }

                            var k = fill[p.Employee]++;
                            rows[k] = row;

                            // A person with two parts of one row is credited the first part's units for each (as before).
                            units[k] = split[IndexOfEmployee(parts, p.Employee)];
                            product[k] = codes[row];
                        }
                    }
                    else if (only is null || only[employee[row]])
                    {
                        var k = fill[employee[row]]++;
                        rows[k] = row;
                        units[k] = sales.Units[row];
                        product[k] = codes[row];
                    }
                }
            });

            return new SalesIndex(start, rows, units, product);
        }

        // Loops instead of lambdas: a lambda capturing a parameter or local allocates its closure on every call
        // of the enclosing method, and these run for every row.

        /// <summary>Whether a credit part of <paramref name="parts"/> belongs to someone flagged in <paramref name="only"/>.</summary>
        private static bool AnyOf(List<Credit> parts, bool[] only)
        {
            foreach (var p in parts)
            {
                if (only[p.Employee])
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The index of the first credit part of <paramref name="employee"/>, or -1.</summary>
        private static int IndexOfEmployee(List<Credit> parts, int employee)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i].Employee == employee)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
