using System.Globalization;
using Jixiao.Domain.Compensation;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §10d, `awards`: the manual award kinds (seed 002 战略客户签约奖, seed 003 大客户开发奖励) with their
    // ranges; requested with a reason, approved by someone else, paid through the ledger.
    private sealed partial class Reader
    {
        private List<AwardKind> ReadAwards(YamlNode? node, List<PayComponent> pay)
        {
            var kinds = new List<AwardKind>();
            if (node is null)
            {
                return kinds;
            }

            var seq = y.Seq(node, "awards");
            if (seq is null)
            {
                return kinds;
            }

            var i = 0;
            foreach (var item in seq)
            {
                i++;
                var where = "awards." + i.ToString(CultureInfo.InvariantCulture);
                var m = y.Map(item, where, "code", "name", "name_en", "name_zh_tw", "min", "max");
                if (m is null)
                {
                    continue;
                }

                var code = y.Code(m, "code", where);
                var min = y.Dec(m, "min", where, required: true);
                var max = y.Dec(m, "max", where, required: true);
                if (code is null || min is null || max is null)
                {
                    continue;
                }

                if (kinds.Exists(k => k.Code == code) || pay.Exists(p => p.Code == code) || code == Compensation.Ledger.LedgerBuilder.SalaryComponent)
                {
                    y.Error(item, PlanProblemCode.DuplicateCode, code, "awards, pay");
                    continue;
                }

                if (min <= 0m || max < min)
                {
                    y.Error(YamlNodes.Get(m, "max"), PlanProblemCode.OutOfRange, "min, max", where, "0 < min ≤ max");
                    continue;
                }

                kinds.Add(new AwardKind(code, y.Str(m, "name", where) ?? code, y.Str(m, "name_en", where), min.Value, max.Value) { NameZhTw = y.Str(m, "name_zh_tw", where) });
            }

            return kinds;
        }
    }
}
