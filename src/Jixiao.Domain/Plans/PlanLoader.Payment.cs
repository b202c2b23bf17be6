using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    private static readonly (string, PayTiming)[] Timings =
    [
        ("same_month", PayTiming.SameMonth), ("next_month", PayTiming.NextMonth), ("month_after_quarter", PayTiming.MonthAfterQuarter),
        ("second_month_of_next_quarter", PayTiming.SecondMonthOfNextQuarter), ("after_spring_festival", PayTiming.AfterSpringFestival),
    ];

    // docs/plan-format.md §10a, `payment`: payment schedules of pay components and withholding of fixed pay.
    private sealed partial class Reader
    {
        /// <summary>
        /// The amounts outside `pay` that a payment schedule may name, as the components a schedule is checked against: award kinds
        /// and team rewards (kept by a leaver unless the schedule says otherwise), the year-end bonus and each of its parts.
        /// </summary>
        private static List<PayComponent> Scheduled(List<AwardKind> awards, List<TeamRewardRule> teamRewards, YearEndBonusRule? yearEnd)
        {
            var list = new List<PayComponent>();
            list.AddRange(awards.Select(a => Other(a.Code, null, false, Periods.PeriodKind.Month)));
            list.AddRange(teamRewards.Select(t => Other(t.Code, t.Scorecards, false, Periods.PeriodKind.Month)));
            if (yearEnd is not null)
            {
                list.Add(Other(yearEnd.Code, yearEnd.Scorecards, yearEnd.ForfeitOnLeave, Periods.PeriodKind.Year));
                list.AddRange(yearEnd.Parts.Select(p => Other(p.Code, yearEnd.Scorecards, yearEnd.ForfeitOnLeave, Periods.PeriodKind.Year)));
            }

            return list;

            static PayComponent Other(string code, IReadOnlyList<string>? cards, bool forfeit, Periods.PeriodKind kind) =>
                new() { Code = code, Kind = PayKind.Formula, Periods = [kind], Scorecards = cards, ForfeitOnLeave = forfeit };
        }

        private PaymentPlan ReadPayment(YamlNode? node, List<PayComponent> pay, List<Scorecard> scorecards, List<PayComponent> others)
        {
            var root = y.Map(node, "payment", "schedules", "withholding");
            if (root is null)
            {
                return PaymentPlan.None;
            }

            foreach (var c in pay.Where(c => c.Code == LedgerBuilder.SalaryComponent))
            {
                y.Error(node, PlanProblemCode.SalaryCodeReserved, c.Code);
            }

            var schedules = new Dictionary<string, PaymentSchedule>(StringComparer.Ordinal);
            if (y.Map(YamlNodes.Get(root, "schedules"), "payment.schedules") is { } map)
            {
                foreach (var (k, v) in map.Children)
                {
                    var code = (k as YamlScalarNode)?.Value ?? "";
                    var where = "payment.schedules." + code;
                    var component = pay.FirstOrDefault(c => c.Code == code) ?? others.FirstOrDefault(c => c.Code == code);
                    if (component is null)
                    {
                        y.Error(k, PlanProblemCode.UnknownPayComponent, code, "payment.schedules");
                        continue;
                    }

                    if (ReadSchedule(v, where, component, scorecards) is { } s)
                    {
                        schedules[code] = s;
                    }
                }
            }

            return new PaymentPlan(schedules, ReadWithholding(YamlNodes.Get(root, "withholding"), scorecards));
        }

        private PaymentSchedule? ReadSchedule(YamlNode node, string where, PayComponent component, List<Scorecard> scorecards)
        {
            var m = y.Map(node, where, "pay", "forfeit_on_leave", "factor", "shares", "none_during_probation");
            if (m is null)
            {
                return null;
            }

            var probation = y.Bool(m, "none_during_probation", where) ?? false;

            var forfeit = y.Bool(m, "forfeit_on_leave", where) ?? component.ForfeitOnLeave;
            var sharesNode = YamlNodes.Get(m, "shares");
            var hasPay = YamlNodes.Get(m, "pay") is not null;
            if (sharesNode is null == !hasPay)
            {
                y.Error(m, PlanProblemCode.PayOrShares, where);
                return null;
            }

            if (sharesNode is null)
            {
                var share = ReadShare(m, where, 1m, forfeit, component, scorecards);
                return share is null ? null : new PaymentSchedule(component.Code, [share]) { NoneDuringProbation = probation };
            }

            if (YamlNodes.Get(m, "factor") is { } f)
            {
                y.Error(f, PlanProblemCode.UnknownKey, "factor", where, "shares, forfeit_on_leave");
            }

            var shares = new List<PaymentShare>();
            var seq = y.Seq(sharesNode, where + ".shares");
            if (seq is null)
            {
                return null;
            }

            var i = 0;
            foreach (var item in seq)
            {
                i++;
                var sw = where + ".shares." + i.ToString(CultureInfo.InvariantCulture);
                var sm = y.Map(item, sw, "share", "pay", "forfeit_on_leave", "factor");
                if (sm is null)
                {
                    continue;
                }

                var part = y.Dec(sm, "share", sw, required: true);
                if (part is { } p && (p <= 0m || p > 1m))
                {
                    y.Error(YamlNodes.Get(sm, "share"), PlanProblemCode.OutOfRange, "share", sw, "> 0 and ≤ 100%");
                }

                if (ReadShare(sm, sw, part ?? 0m, y.Bool(sm, "forfeit_on_leave", sw) ?? forfeit, component, scorecards) is { } s)
                {
                    shares.Add(s);
                }
            }

            if (shares.Count == 0)
            {
                y.Error(sharesNode, PlanProblemCode.EmptyList, where + ".shares");
                return null;
            }

            var sum = shares.Sum(s => s.Share);
            if (shares.Count == seq.Children.Count && sum != 1m)
            {
                y.Error(sharesNode, PlanProblemCode.SharesNot100, where, Percent(sum));
            }

            return new PaymentSchedule(component.Code, shares) { NoneDuringProbation = probation };
        }

        private PaymentShare? ReadShare(YamlMappingNode m, string where, decimal share, bool forfeit, PayComponent component, List<Scorecard> scorecards)
        {
            var timing = y.Enum(m, "pay", where, Timings);
            if (timing is null)
            {
                if (YamlNodes.Get(m, "pay") is null)
                {
                    y.Error(m, PlanProblemCode.MissingKey, "pay", where);
                }

                return null;
            }

            CompletionFactor? factor = null;
            if (y.Map(YamlNodes.Get(m, "factor"), where + ".factor", "indicator", "cap") is { } fm)
            {
                var indicator = y.Code(fm, "indicator", where + ".factor");
                var cap = y.Dec(fm, "cap", where + ".factor") ?? 1m;
                if (cap <= 0m)
                {
                    y.Error(YamlNodes.Get(fm, "cap"), PlanProblemCode.OutOfRange, "cap", where + ".factor", "> 0");
                }

                var cards = scorecards.Where(c => component.Scorecards is null || component.Scorecards.Contains(c.Code));
                if (indicator is not null && !cards.Any(c => c.Indicators.Any(i => i.Code == indicator)))
                {
                    y.Error(YamlNodes.Get(fm, "indicator"), PlanProblemCode.UnknownPaymentIndicator, indicator, where + ".factor");
                }

                factor = indicator is null ? null : new CompletionFactor(indicator, cap);
            }

            return new PaymentShare(share, timing.Value, forfeit, factor);
        }

        private WithholdingRule? ReadWithholding(YamlNode? node, List<Scorecard> scorecards)
        {
            const string where = "payment.withholding";
            var m = y.Map(node, where, "scorecards", "indicator", "first_year", "later_years");
            if (m is null)
            {
                return null;
            }

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

            var indicator = y.Code(m, "indicator", where);
            if (indicator is not null && names is not null && !scorecards.Where(c => names.Contains(c.Code)).Any(c => c.Indicators.Any(i => i.Code == indicator)))
            {
                y.Error(YamlNodes.Get(m, "indicator"), PlanProblemCode.UnknownPaymentIndicator, indicator, where);
            }

            var first = ReadRamp(m, "first_year", where);
            var later = ReadRamp(m, "later_years", where);
            return names is null || indicator is null || first is null || later is null ? null : new WithholdingRule(names, indicator, first, later);
        }

        private static string Percent(decimal d) => (d * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

        private List<decimal>? ReadRamp(YamlMappingNode m, string key, string where)
        {
            var node = YamlNodes.Get(m, key);
            if (node is null)
            {
                y.Error(m, PlanProblemCode.MissingKey, key, where);
                return null;
            }

            var seq = y.Seq(node, where + "." + key);
            if (seq is null)
            {
                return null;
            }

            var values = new List<decimal>();
            foreach (var item in seq)
            {
                var d = y.Dec(item, key, where);
                if (d is { } v)
                {
                    if (v is < 0m or > 1m)
                    {
                        y.Error(item, PlanProblemCode.OutOfRange, key, where, "0–100%");
                    }

                    values.Add(v);
                }
            }

            if (seq.Children.Count != 4)
            {
                y.Error(node, PlanProblemCode.RampNeedsFour, where + "." + key, seq.Children.Count.ToString(CultureInfo.InvariantCulture));
                return null;
            }

            if (values.Count == 4 && values.Sum() != 1m)
            {
                y.Error(node, PlanProblemCode.SharesNot100, where + "." + key, Percent(values.Sum()));
            }

            return values.Count == 4 ? values : null;
        }
    }
}
