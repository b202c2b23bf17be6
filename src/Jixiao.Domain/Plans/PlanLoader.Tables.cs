using System.Globalization;
using Jixiao.Formulas;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §11, formulas and `tables`: band tables, contiguous ranges and formula compilation.
    private sealed partial class Reader
    {
        private void ReadTables(YamlNode? node)
        {
            var map = y.Map(node, "tables");
            if (map is null)
            {
                return;
            }

            foreach (var (k, v) in map.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                var where = "tables." + name;
                if (!YamlNodes.IsCode(name))
                {
                    y.Error(k, PlanProblemCode.InvalidCode, name, "tables");
                    continue;
                }

                var seq = y.Seq(v, where);
                if (seq is null)
                {
                    continue;
                }

                var rows = new List<BandRow>();
                var ok = true;
                foreach (var item in seq)
                {
                    var row = y.Map(item, where, "from", "to", "value");
                    var from = y.Dec(row, "from", where, required: true);
                    var to = y.Dec(row, "to", where);
                    var value = y.Dec(row, "value", where, required: true);
                    if (from is null || value is null)
                    {
                        ok = false;
                        continue;
                    }

                    rows.Add(new BandRow(from.Value, to, value.Value));
                }

                if (!ok)
                {
                    continue;
                }

                if (!CheckContiguous(v, where, rows.Select(r => (r.From, r.To)).ToList(), requireZeroStart: false))
                {
                    continue;
                }

                try
                {
                    _tables[name] = new BandTable(name, rows);
                }
                catch (FormulaException ex)
                {
                    y.Error(v, PlanProblemCode.InvalidTable, where, ex.Message);
                }
            }
        }

        /// <summary>Checks [from, to) ranges for order, gaps and overlaps; only the last may be open.</summary>
        private bool CheckContiguous(YamlNode node, string where, List<(decimal From, decimal? To)> ranges, bool requireZeroStart)
        {
            var ok = true;
            if (ranges.Count == 0)
            {
                y.Error(node, PlanProblemCode.EmptyList, where);
                return false;
            }

            if (requireZeroStart && ranges[0].From != 0m)
            {
                y.Error(node, PlanProblemCode.BandsMustStartAtZero, where, Num(ranges[0].From));
                ok = false;
            }

            for (var i = 0; i < ranges.Count; i++)
            {
                var (from, to) = ranges[i];
                if (to is { } t && t <= from)
                {
                    y.Error(node, PlanProblemCode.BandEmpty, where, (i + 1).ToString(CultureInfo.InvariantCulture), Num(from), Num(t));
                    ok = false;
                }

                if (i + 1 < ranges.Count)
                {
                    var next = ranges[i + 1].From;
                    if (to is null)
                    {
                        y.Error(node, PlanProblemCode.BandOpenNotLast, where, (i + 1).ToString(CultureInfo.InvariantCulture));
                        ok = false;
                    }
                    else if (to < next)
                    {
                        y.Error(node, PlanProblemCode.BandGap, where, Num(to.Value), Num(next));
                        ok = false;
                    }
                    else if (to > next)
                    {
                        y.Error(node, PlanProblemCode.BandOverlap, where, Num(next), Num(to.Value));
                        ok = false;
                    }
                }
            }

            return ok;
        }

        private void BuildCatalogue()
        {
            var codes = _metricIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToList();
            var names = new List<string>(codes);
            names.AddRange(codes.Select(c => c + "_target"));
            names.AddRange(codes.Select(c => c + "_challenge"));
            names.AddRange(["total", "coefficient"]);
            _variables = new VariableCatalogue(names);
        }

        private CompiledFormula? Compile(YamlMappingNode? map, string key, string where, string name, bool pay = false)
        {
            var node = YamlNodes.Get(map, key);
            var source = y.Str(map, key, where, required: true);
            if (source is null)
            {
                return null;
            }

            if (FormulaCompiler.TryCompile(name, source, _variables, _tables, null, out var formula, out var errors))
            {
                var payOnly = 3 * _metricIndex.Count;
                if (!pay && formula!.ReferencedSlots.Any(slot => slot >= payOnly))
                {
                    y.Error(node, PlanProblemCode.VariableOnlyInPay, where);
                    return null;
                }

                return formula;
            }

            foreach (var e in errors)
            {
                var (line, column) = PositionInFile(node, e.Line, e.Column);
                y.Problems.Add(new PlanProblem(y.File, line, column, PlanProblemCode.Formula, [where, e.Format(CultureInfo.InvariantCulture)]) { FormulaError = e });
            }

            return null;
        }
    }
}
