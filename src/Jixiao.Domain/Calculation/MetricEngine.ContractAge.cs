using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Calculation;

internal sealed partial class MetricEngine
{
    private void WeightedByContractAge(MetricDefinition m, TransactionTable table, int from, int to, long[]? amount, int[]? codes, bool[]? allowed, Credited? credited, Acc acc)
    {
        acc.ExtraSum ??= new decimal[_employees];
        acc.ExtraCount ??= new decimal[_employees];
        var signed = table is SalesTable s ? s.ContractSignedDay : ((CollectionsTable)table).ContractSignedDay;
        var byRow = credited is null ? null : CreditsByRow();
        var groupOf = byRow?.Select((x, g) => (x.Row, g)).ToDictionary(x => x.Row, x => x.g);
        for (var r = from; r < to; r++)
        {
            if (allowed is not null && !allowed[codes![r]])
            {
                continue;
            }

            var rate = ContractAge.RateOf(m.ContractAgeRates!, signed[r], table.Day[r]);
            if (groupOf is not null && groupOf.TryGetValue(r, out var g))
            {
                var split = byRow![g].Parts;
                var weights = CreditWeights()[g];
                var cents = CreditSplit.Split(amount![r], weights);
                for (var i = 0; i < split.Count; i++)
                {
                    acc.ExtraSum[split[i].Employee] += cents[i] * rate;
                    acc.ExtraCount[split[i].Employee] += weights.Shares[i];
                }

                continue;
            }

            var e = table.Employee[r];
            acc.ExtraSum[e] += amount![r] * rate;
            acc.Count[e] += table.Weight is { } weight ? weight[r] : 1;
        }
    }
}
