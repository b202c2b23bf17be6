using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §10e, `team_rewards`: seed 004's team reward — a team whose leader's indicator meets the month's target
    // earns a pool the leader distributes among the team; the manager approves; the shares are paid through the ledger.
    private sealed partial class Reader
    {
        private List<TeamRewardRule> ReadTeamRewards(YamlNode? node, List<PayComponent> pay, List<AwardKind> awards, List<Scorecard> scorecards)
        {
            var rules = new List<TeamRewardRule>();
            var seq = node is null ? null : y.Seq(node, "team_rewards");
            if (seq is null)
            {
                return rules;
            }

            var i = 0;
            foreach (var item in seq)
            {
                i++;
                var where = "team_rewards." + i.ToString(CultureInfo.InvariantCulture);
                var m = y.Map(item, where, "code", "name", "name_en", "name_zh_tw", "scorecards", "indicator", "pool", "comment");
                if (m is null)
                {
                    continue;
                }

                var code = y.Code(m, "code", where);
                var (cards, indicator) = ReadWho(m, where, scorecards);
                var pool = ReadValueTable(YamlNodes.Get(m, "pool"), where + ".pool", required: true, m);
                if (pool?.By == "product")
                {
                    y.Error(YamlNodes.Get(m, "pool"), PlanProblemCode.InvalidChoice, "by", where + ".pool", "product", "level, tier, category, position");
                    continue;
                }

                if (code is null || cards is null || indicator is null || pool is null)
                {
                    continue;
                }

                if (rules.Exists(k => k.Code == code) || pay.Exists(p => p.Code == code) || awards.Exists(a => a.Code == code)
                    || code == Compensation.Ledger.LedgerBuilder.SalaryComponent)
                {
                    y.Error(item, PlanProblemCode.DuplicateCode, code, "team_rewards, awards, pay");
                    continue;
                }

                // A rating has no target to meet: a team judged on one would never earn its pool.
                var rated = scorecards.Where(c => cards.Contains(c.Code)).SelectMany(c => c.Indicators).Where(x => x.Code == indicator)
                    .Any(x => x.Rule is RatingRule or FormulaRule or DeductionRule);
                if (rated)
                {
                    y.Error(YamlNodes.Get(m, "indicator"), PlanProblemCode.TeamRewardNoTarget, indicator, where);
                    continue;
                }

                rules.Add(new TeamRewardRule(code, y.Str(m, "name", where) ?? code, y.Str(m, "name_en", where), cards, indicator, pool)
                {
                    NameZhTw = y.Str(m, "name_zh_tw", where),
                });
            }

            return rules;
        }
    }
}
