using System.Globalization;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    // Explanation nodes of metrics, with the rows they came from.
    private sealed partial class Context
    {
        /// <summary>Adds a metric node with its value and the ids of the rows it came from.</summary>
        private void MetricNode(int e, MetricDefinition m, Explanation parent)
        {
            var has = _values.Has[m.Index][e];
            var node = parent.Add(ExplanationKind.Metric, m.Code, has ? _values.Value[m.Index][e] : null, "Explain_Metric", m.Name,
                m.Source.ToString().ToLowerInvariant(), m.Aggregate.ToString().ToLowerInvariant(), m.Field.ToString().ToLowerInvariant(), m.Scope.ToString().ToLowerInvariant());
            SourceRows(e, m, node);
        }

        private void SourceRows(int e, MetricDefinition m, Explanation node)
        {
            TransactionTable? table = m.Source switch
            {
                MetricSource.Sales => _data.Sales,
                MetricSource.Collections => _data.Collections,
                MetricSource.Expenses => _data.Expenses,
                MetricSource.Activities => _data.Activities,
                _ => null,
            };
            if (table is null)
            {
                if (m.Source == MetricSource.Input)
                {
                    node.Sources.Add("metrics:" + m.Code + "@" + _periodText);
                    node.SourceCount = 1;
                }

                return;
            }

            var file = m.Source.ToString().ToLowerInvariant();
            (int[]? codes, HashSet<string>? allowed) = m.Source switch
            {
                MetricSource.Sales => (_data.Sales.Product.Codes, m.Products is null ? null : new HashSet<string>(m.Products, StringComparer.Ordinal)),
                MetricSource.Expenses => (_data.Expenses.Category.Codes, m.Categories is null ? null : new HashSet<string>(m.Categories, StringComparer.Ordinal)),
                MetricSource.Activities => (_data.Activities.Kind.Codes, m.Kinds is null ? null : new HashSet<string>(m.Kinds, StringComparer.Ordinal)),
                _ => ((int[]?)null, (HashSet<string>?)null),
            };
            IReadOnlyList<string>? values = m.Source switch
            {
                MetricSource.Sales => _data.Sales.Product.Values,
                MetricSource.Expenses => _data.Expenses.Category.Values,
                MetricSource.Activities => _data.Activities.Kind.Values,
                _ => null,
            };
            var team = m.Scope == MetricScope.Team ? _tree.TeamUnit[e] : -1;
            var creditedTo = new Dictionary<int, decimal>();
            var (indirect, referred) = (false, false);
            if (m.Source == MetricSource.Sales)
            {
                var rules = _plan.SaleCredits;
                foreach (var (row, parts) in _engine.CreditsByRow())
                {
                    foreach (var p in parts)
                    {
                        if (p.Employee == e || (team >= 0 && _tree.InSubtree(team, _tree.UnitOn(p.Employee, table.Day[row]))))
                        {
                            creditedTo[row] = creditedTo.GetValueOrDefault(row) + rules.WeightOf(p);
                            indirect |= p.Indirect && rules.IndirectRate is not null;
                            referred |= p.Referrer is not null && rules.ReferrerShare is not null;
                        }
                    }
                }
            }

            SaleCreditRuleNodes(node, indirect, referred);

            var (from, to) = table.RowsBetween(_period.Start, _period.End);
            var count = 0;
            for (var r = from; r < to; r++)
            {
                if (allowed is not null && !allowed.Contains(values![codes![r]]))
                {
                    continue;
                }

                var owner = table.Employee[r];
                string? share = null;
                if (creditedTo.TryGetValue(r, out var s))
                {
                    share = s.ToString("0.####", CultureInfo.InvariantCulture);
                }
                else if (m.Source == MetricSource.Sales && _creditedRows.Value.Contains(r))
                {
                    continue;
                }
                else if (team >= 0 ? !_tree.InSubtree(team, _tree.UnitOn(owner, table.Day[r])) : owner != e)
                {
                    continue;
                }

                count++;
                if (node.Sources.Count < _options.MaxSourcesPerNode)
                {
                    node.Sources.Add(file + ":" + table.Id[r] + (share is null ? "" : " ×" + share));
                }
            }

            node.SourceCount = count;
        }

        /// <summary>Names the credit rules that changed the rows of a sales metric: "间接销售按 50% 计入", the referrer's part.</summary>
        private void SaleCreditRuleNodes(Explanation node, bool indirect, bool referred)
        {
            var rules = _plan.SaleCredits;
            if (indirect)
            {
                node.Add(ExplanationKind.Rule, "indirect_sales", rules.IndirectRate, "Explain_IndirectSales", Percent(rules.IndirectRate!.Value));
            }

            if (referred)
            {
                var share = rules.ReferrerShare!.Value;
                node.Add(ExplanationKind.Rule, "referrer_share", 1m - share, "Explain_ReferrerShare", Percent(share), Percent(1m - share));
            }
        }

        private static string Percent(decimal rate) => (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
    }
}
