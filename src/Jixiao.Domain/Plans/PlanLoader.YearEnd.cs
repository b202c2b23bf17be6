using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    private static readonly (string, YearEndMeasure)[] Measures =
    [
        ("completion", YearEndMeasure.Completion), ("rating", YearEndMeasure.Rating), ("average", YearEndMeasure.Average),
    ];

    // docs/plan-format.md §10f, `year_end_bonus`: seed 004's 年终奖金 — parts measured over the year's results (sales task completion,
    // rated team building, average satisfaction), each placed on a scale of steps; paid through the ledger as `payment` says.
    private sealed partial class Reader
    {
        private YearEndBonusRule? ReadYearEnd(YamlNode? node, List<PayComponent> pay, List<AwardKind> awards, List<TeamRewardRule> teamRewards, List<Scorecard> scorecards)
        {
            const string where = "year_end_bonus";
            var m = y.Map(node, where, "code", "name", "name_en", "name_zh_tw", "scorecards", "pro_rata", "forfeit_on_leave", "parts", "comment");
            if (m is null)
            {
                return null;
            }

            var code = y.Code(m, "code", where);
            var names = y.StrList(m, "scorecards", where);
            if (names is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "scorecards", where);
            }
            else
            {
                foreach (var n in names.Where(n => !scorecards.Exists(s => s.Code == n)))
                {
                    y.Error(YamlNodes.Get(m, "scorecards"), PlanProblemCode.UnknownScorecard, n, where);
                }
            }

            var cards = scorecards.Where(c => names?.Contains(c.Code) == true).ToList();
            var taken = new List<string>();
            bool Taken(string c) => taken.Contains(c) || pay.Exists(p => p.Code == c) || awards.Exists(a => a.Code == c) || teamRewards.Exists(t => t.Code == c)
                || c == Compensation.Ledger.LedgerBuilder.SalaryComponent;
            if (code is not null)
            {
                if (Taken(code))
                {
                    y.Error(YamlNodes.Get(m, "code"), PlanProblemCode.DuplicateCode, code, "year_end_bonus, team_rewards, awards, pay");
                }

                taken.Add(code);
            }

            var parts = new List<YearEndPart>();
            var seq = YamlNodes.Get(m, "parts") is { } pn ? y.Seq(pn, where + ".parts") : null;
            if (YamlNodes.Get(m, "parts") is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "parts", where);
            }

            var i = 0;
            foreach (var item in seq ?? [])
            {
                i++;
                var pw = where + ".parts." + i.ToString(CultureInfo.InvariantCulture);
                if (ReadYearEndPart(item, pw, cards) is not { } part)
                {
                    continue;
                }

                if (Taken(part.Code))
                {
                    y.Error(item, PlanProblemCode.DuplicateCode, part.Code, "year_end_bonus, team_rewards, awards, pay");
                    continue;
                }

                taken.Add(part.Code);
                parts.Add(part);
            }

            if (seq is { Children.Count: 0 })
            {
                y.Error(seq, PlanProblemCode.EmptyList, where + ".parts");
            }

            if (code is null || names is null || parts.Count == 0)
            {
                return null;
            }

            return new YearEndBonusRule(code, y.Str(m, "name", where) ?? code, y.Str(m, "name_en", where), y.Str(m, "name_zh_tw", where), names,
                y.Bool(m, "pro_rata", where) ?? false, y.Bool(m, "forfeit_on_leave", where) ?? true, parts);
        }

        private YearEndPart? ReadYearEndPart(YamlNode item, string where, List<Scorecard> cards)
        {
            var m = y.Map(item, where, "code", "name", "name_en", "name_zh_tw", "measure", "indicators", "steps", "comment");
            if (m is null)
            {
                return null;
            }

            var code = y.Code(m, "code", where);
            var measure = y.Enum(m, "measure", where, Measures);
            if (measure is null && YamlNodes.Get(m, "measure") is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "measure", where);
            }

            var indicators = y.StrList(m, "indicators", where);
            if (indicators is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "indicators", where);
            }
            else
            {
                foreach (var ind in indicators)
                {
                    var found = cards.SelectMany(c => c.Indicators).Where(x => x.Code == ind).ToList();
                    if (found.Count == 0)
                    {
                        y.Error(YamlNodes.Get(m, "indicators"), PlanProblemCode.UnknownPaymentIndicator, ind, where);
                    }
                    else if (measure == YearEndMeasure.Rating && !found.TrueForAll(x => x.Rule is RatingRule))
                    {
                        y.Error(YamlNodes.Get(m, "indicators"), PlanProblemCode.YearEndMeasureIndicator, ind, where, "rating");
                    }
                    else if (measure == YearEndMeasure.Completion && found.Exists(x => x.Rule is RatingRule or FormulaRule or DeductionRule))
                    {
                        y.Error(YamlNodes.Get(m, "indicators"), PlanProblemCode.YearEndMeasureIndicator, ind, where, "completion");
                    }
                }
            }

            var steps = ReadYearEndSteps(m, where);
            if (code is null || measure is null || indicators is null || steps is null)
            {
                return null;
            }

            return new YearEndPart(code, y.Str(m, "name", where) ?? code, y.Str(m, "name_en", where), y.Str(m, "name_zh_tw", where), measure.Value, indicators, steps);
        }

        private List<YearEndStep>? ReadYearEndSteps(YamlMappingNode m, string where)
        {
            var node = YamlNodes.Get(m, "steps");
            if (node is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, "steps", where);
                return null;
            }

            var seq = y.Seq(node, where + ".steps");
            if (seq is null)
            {
                return null;
            }

            var steps = new List<YearEndStep>();
            var i = 0;
            foreach (var item in seq)
            {
                i++;
                var sw = where + ".steps." + i.ToString(CultureInfo.InvariantCulture);
                var sm = y.Map(item, sw, "from", "amount");
                if (sm is null)
                {
                    continue;
                }

                var from = y.Dec(sm, "from", sw, required: true);
                var amount = ReadValueTable(YamlNodes.Get(sm, "amount"), sw + ".amount", required: true, sm);
                if (from is < 0m)
                {
                    y.Error(YamlNodes.Get(sm, "from"), PlanProblemCode.OutOfRange, "from", sw, "≥ 0");
                    continue;
                }

                if (amount?.By == "product")
                {
                    y.Error(YamlNodes.Get(sm, "amount"), PlanProblemCode.InvalidChoice, "by", sw + ".amount", "product", "level, tier, category, position");
                    continue;
                }

                if (from is { } f && amount is not null)
                {
                    if (steps.Exists(s => s.From == f))
                    {
                        y.Error(item, PlanProblemCode.DuplicateCode, f.ToString(CultureInfo.InvariantCulture), where + ".steps");
                        continue;
                    }

                    steps.Add(new YearEndStep(f, amount));
                }
            }

            if (seq.Children.Count == 0)
            {
                y.Error(node, PlanProblemCode.EmptyList, where + ".steps");
                return null;
            }

            return [.. steps.OrderByDescending(s => s.From)];
        }
    }
}
