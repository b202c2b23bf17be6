using Jixiao.Domain.Compensation;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §10c, `cost_control`: the bonus pool cap of seed 002 ("成本控制") — a budget per period, or a
    // share of the period's revenue (an indicator's actual summed over everyone computed), over some or all pay components.
    private sealed partial class Reader
    {
        private CostControlPlan? ReadCostControl(YamlNode? node, List<PayComponent> pay, List<Scorecard> scorecards)
        {
            const string where = "cost_control";
            var root = y.Map(node, where, "pool", "components");
            if (root is null)
            {
                return null;
            }

            var components = y.StrList(root, "components", where) ?? [];
            foreach (var c in components.Where(c => !pay.Exists(p => p.Code == c)))
            {
                y.Error(YamlNodes.Get(root, "components"), PlanProblemCode.UnknownPayComponent, c, where + ".components");
            }

            var pool = y.Map(YamlNodes.Get(root, "pool"), where + ".pool", "budget", "share_of", "rate");
            if (pool is null)
            {
                y.Error(root, PlanProblemCode.MissingKey, "pool", where);
                return null;
            }

            var budget = y.Dec(pool, "budget", where + ".pool");
            var indicator = y.Code(pool, "share_of", where + ".pool", required: false);
            var rate = y.Dec(pool, "rate", where + ".pool");
            if ((budget is null) == (indicator is null))
            {
                // Exactly one kind of pool: a budget, or a share of revenue.
                y.Error(pool, PlanProblemCode.CostControlPoolKind, where + ".pool");
                return null;
            }

            if (budget is { } amount)
            {
                if (amount < 0m || Money.Round(amount) != amount)
                {
                    y.Error(YamlNodes.Get(pool, "budget"), PlanProblemCode.OutOfRange, "budget", where + ".pool", "≥ 0, cents");
                    return null;
                }

                return new CostControlPlan(new BonusPoolCap(BonusPoolCapKind.Budget, amount), null, components);
            }

            if (!scorecards.Exists(s => s.Indicators.Any(i => i.Code == indicator)))
            {
                y.Error(YamlNodes.Get(pool, "share_of"), PlanProblemCode.CostControlUnknownIndicator, indicator!, where + ".pool.share_of");
                return null;
            }

            if (rate is not { } r)
            {
                y.Error(pool, PlanProblemCode.MissingKey, "rate", where + ".pool");
                return null;
            }

            if (r is <= 0m or > 1m)
            {
                y.Error(YamlNodes.Get(pool, "rate"), PlanProblemCode.OutOfRange, "rate", where + ".pool", "> 0% and ≤ 100%");
                return null;
            }

            return new CostControlPlan(new BonusPoolCap(BonusPoolCapKind.ShareOfRevenue, r), indicator, components);
        }
    }
}
