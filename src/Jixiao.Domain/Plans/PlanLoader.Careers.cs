using System.Globalization;
using Jixiao.Domain.Careers;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §10b, `careers`: the thresholds of the career rules (seed 003 B §四/§五, A §四). Every number has
    // the seed's value as its default; who a part applies to (scorecards), its indicator and the tiers must be given.
    private sealed partial class Reader
    {
        private CareerPlan ReadCareers(YamlNode? node, List<Scorecard> scorecards)
        {
            var root = y.Map(node, "careers", "tiers", "probation", "reassignment");
            if (root is null)
            {
                return CareerPlan.None;
            }

            return new CareerPlan(ReadTierRules(YamlNodes.Get(root, "tiers"), scorecards), ReadProbation(YamlNodes.Get(root, "probation"), scorecards),
                ReadReassignment(YamlNodes.Get(root, "reassignment"), scorecards));
        }

        private TierRules? ReadTierRules(YamlNode? node, List<Scorecard> scorecards)
        {
            const string where = "careers.tiers";
            var m = y.Map(node, where, "scorecards", "indicator", "order", "months", "up_at_least", "down_below", "exit_at_most");
            if (m is null)
            {
                return null;
            }

            var (cards, indicator) = ReadWho(m, where, scorecards);
            var order = y.StrList(m, "order", where);
            if (order is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "order", where);
            }
            else
            {
                foreach (var twice in order.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    y.Error(YamlNodes.Get(m, "order"), PlanProblemCode.CareerTierTwice, twice.Key, where + ".order");
                }

                if (order.Count < 2)
                {
                    y.Error(YamlNodes.Get(m, "order"), PlanProblemCode.CareerNoTiers, where + ".order");
                }
            }

            var months = Count(m, "months", where, 3);
            var up = Rate(m, "up_at_least", where, 1m);
            var down = Rate(m, "down_below", where, 1m);
            var exit = Rate(m, "exit_at_most", where, 0.6m);
            return cards is null || indicator is null || order is null ? null : new TierRules(cards, indicator, order, months, up, down, exit);
        }

        private ProbationRules? ReadProbation(YamlNode? node, List<Scorecard> scorecards)
        {
            const string where = "careers.probation";
            var m = y.Map(node, where, "scorecards", "indicator", "no_target_months_first_tier", "no_target_months_other_tiers", "first_quarter_below",
                "score_below", "score_months");
            if (m is null)
            {
                return null;
            }

            var (cards, indicator) = ReadWho(m, where, scorecards);
            var first = Count(m, "no_target_months_first_tier", where, 3, min: 0);
            var other = Count(m, "no_target_months_other_tiers", where, 1, min: 0);
            var quarter = Rate(m, "first_quarter_below", where, 0.4m);
            var score = y.Dec(m, "score_below", where) ?? 80m;
            if (score <= 0m)
            {
                y.Error(YamlNodes.Get(m, "score_below"), PlanProblemCode.OutOfRange, "score_below", where, "> 0");
            }

            var scoreMonths = Count(m, "score_months", where, 2);
            return cards is null || indicator is null ? null : new ProbationRules(cards, indicator, first, other, quarter, score, scoreMonths);
        }

        private ReassignmentRules? ReadReassignment(YamlNode? node, List<Scorecard> scorecards)
        {
            const string where = "careers.reassignment";
            var m = y.Map(node, where, "scorecards", "indicator", "second_quarter_below", "missed_quarters", "cumulative_below");
            if (m is null)
            {
                return null;
            }

            var (cards, indicator) = ReadWho(m, where, scorecards);
            var second = Rate(m, "second_quarter_below", where, 0.8m);
            var missed = Count(m, "missed_quarters", where, 3, max: 4);
            var cumulative = Rate(m, "cumulative_below", where, 0.8m);
            return cards is null || indicator is null ? null : new ReassignmentRules(cards, indicator, second, missed, cumulative);
        }

        /// <summary>The scorecards a part applies to and the indicator whose actual ÷ target it reads (on one of them).</summary>
        private (List<string>? Cards, string? Indicator) ReadWho(YamlMappingNode m, string where, List<Scorecard> scorecards)
        {
            var cards = y.StrList(m, "scorecards", where);
            if (cards is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "scorecards", where);
            }
            else
            {
                foreach (var n in cards.Where(n => !scorecards.Exists(s => s.Code == n)))
                {
                    y.Error(YamlNodes.Get(m, "scorecards"), PlanProblemCode.UnknownScorecard, n, where);
                }
            }

            var indicator = y.Code(m, "indicator", where);
            // With an unknown scorecard the indicator is not checked (the scorecard is the problem).
            if (indicator is not null && cards is not null && cards.TrueForAll(n => scorecards.Exists(s => s.Code == n))
                && !scorecards.Where(c => cards.Contains(c.Code)).Any(c => c.Indicators.Any(i => i.Code == indicator)))
            {
                y.Error(YamlNodes.Get(m, "indicator"), PlanProblemCode.UnknownPaymentIndicator, indicator, where);
            }

            return (cards, indicator);
        }

        private decimal Rate(YamlMappingNode m, string key, string where, decimal fallback)
        {
            var d = y.Dec(m, key, where);
            if (d is { } v && v is <= 0m or > 10m)
            {
                y.Error(YamlNodes.Get(m, key), PlanProblemCode.OutOfRange, key, where, "> 0% and ≤ 1000%");
            }

            return d ?? fallback;
        }

        private int Count(YamlMappingNode m, string key, string where, int fallback, int min = 1, int max = 12)
        {
            var n = y.Int(m, key, where);
            if (n is { } v && (v < min || v > max))
            {
                y.Error(YamlNodes.Get(m, key), PlanProblemCode.OutOfRange, key, where, string.Create(CultureInfo.InvariantCulture, $"{min}–{max}"));
            }

            return n ?? fallback;
        }
    }
}
