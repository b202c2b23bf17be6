using Jixiao.Domain.Compensation;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md "Indirect sales and external referrers", `credits`: seed 003 §五.1 (indirect sales count at a
    // discounted rate) and §五.4 (an external referrer's part is taken out of the salesperson's).
    private sealed partial class Reader
    {
        private SaleCreditRules ReadSaleCredits(YamlNode? node)
        {
            const string where = "credits";
            var root = y.Map(node, where, "indirect_rate", "referrer_share");
            if (root is null)
            {
                return SaleCreditRules.None;
            }

            var indirect = Rate(root, "indirect_rate", where);
            var referrer = Rate(root, "referrer_share", where);
            return new SaleCreditRules(indirect, referrer);
        }

        /// <summary>A rate between 0 and 100% inclusive, or null (absent or wrong, the error reported).</summary>
        private decimal? Rate(YamlMappingNode map, string key, string where)
        {
            var value = y.Dec(map, key, where);
            if (value is < 0m or > 1m)
            {
                y.Error(YamlNodes.Get(map, key), PlanProblemCode.OutOfRange, key, where, "0–100%");
                return null;
            }

            return value;
        }
    }
}
