using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Plans;

/// <summary>An indicator of a scorecard in words.</summary>
public sealed record IndicatorView(string Code, string Name, string Category, decimal Points, IReadOnlyList<string> Rule);

/// <summary>A grade of a grade scale in words.</summary>
public sealed record GradeView(string Grade, string Range, string Coefficient, string? Advice);

/// <summary>A scorecard in words: who it applies to, its indicators and its grade scale.</summary>
public sealed record ScorecardView(
    string Code, string Name, string AppliesTo, string Periods, IReadOnlyList<IndicatorView> Indicators, decimal TotalPoints,
    string? GradeScale, IReadOnlyList<GradeView> Grades);

/// <summary>A pay component in words.</summary>
public sealed record PayView(string Code, string Name, string AppliesTo, string Periods, IReadOnlyList<string> Rule);

/// <summary>A plan as readable scorecards and pay components.</summary>
public sealed record PlanView(string Code, string Name, DateOnly EffectiveFrom, string? Description, IReadOnlyList<ScorecardView> Scorecards, IReadOnlyList<PayView> Pay);

/// <summary>
/// Describes a validated <see cref="Plan"/> in the reader's language: every sentence is a PlansText resource filled in
/// from the plan model (rules, caps, directions, if_undefined, grade bands, pay kinds), never text per template.
/// </summary>
public sealed class PlanDescriber(IStringLocalizer<PlansText> t)
{
    public PlanView Describe(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var cards = plan.Scorecards.Select(s =>
        {
            var scale = s.GradeScale is { } code && plan.GradeScales.TryGetValue(code, out var g) ? g : null;
            return new ScorecardView(s.Code, Name(s.Name, s.NameEn, s.NameZhTw, s.Code), Match(s.Match), Periods(s.Periods),
                [.. s.Indicators.Select(i => new IndicatorView(i.Code, Name(i.Name, i.NameEn, i.NameZhTw, i.Code),
                    T(i.Category == IndicatorCategory.Result ? "Cat_Result" : "Cat_Process"), i.Points, Rule(plan, i.Rule)))],
                s.Indicators.Sum(i => i.Points), s.GradeScale,
                scale is null ? [] : [.. scale.Bands.Select(Grade)]);
        }).ToList();
        var pay = plan.Pay.Select(c => new PayView(c.Code, Name(c.Name, c.NameEn, c.NameZhTw, c.Code), AppliesTo(c), Periods(c.Periods), PayRule(plan, c))).ToList();
        return new PlanView(plan.Code, Name(plan.Name, plan.NameEn, null, plan.Code), plan.EffectiveFrom, plan.Description, cards, pay);
    }

    private string T(string key, params object[] args) => args.Length == 0 ? t[key].Value : t[key, args].Value;

    private static string Name(string name, string? nameEn, string? nameZhTw, string code) =>
        string.IsNullOrEmpty(name) && nameEn is null && nameZhTw is null ? code : PlanNames.In(string.IsNullOrEmpty(name) ? code : name, nameEn, nameZhTw, CultureInfo.CurrentUICulture);

    private static string Num(decimal value) => value.ToString("0.####", CultureInfo.CurrentCulture);

    private static string Percent(decimal ratio) => (ratio * 100m).ToString("0.##", CultureInfo.CurrentCulture) + "%";

    private string List(IEnumerable<string> items) => string.Join(T("List_Separator"), items);

    private string Periods(IEnumerable<PeriodKind> kinds) => List(kinds.Select(k => T("Period_" + k)));

    private string Match(EmployeeMatch match)
    {
        var parts = new List<string>();
        if (match.Positions is { } p)
        {
            parts.Add(T("Match_Positions", List(p)));
        }

        if (match.Categories is { } c)
        {
            parts.Add(T("Match_Categories", List(c)));
        }

        if (match.Levels is { } l)
        {
            parts.Add(T("Match_Levels", List(l)));
        }

        return parts.Count == 0 ? T("Everyone") : string.Join(T("Clause_Separator"), parts);
    }

    private string AppliesTo(PayComponent c)
    {
        var who = Match(c.Match);
        return c.Scorecards is { } cards ? who + T("Clause_Separator") + T("Pay_Scorecards", List(cards)) : who;
    }

    private static string MetricName(Plan plan, int index) =>
        index >= 0 && index < plan.Metrics.Count ? Name(plan.Metrics[index].Name, plan.Metrics[index].NameEn, plan.Metrics[index].NameZhTw, plan.Metrics[index].Code) : "?";

    private static string MetricName(Plan plan, string code) =>
        plan.FindMetric(code) is { } m ? Name(m.Name, m.NameEn, m.NameZhTw, m.Code) : code;

    private string Target(Plan plan, TargetSource? source) => source switch
    {
        TargetSource.FromTargets f => T("Target_FromTargets", MetricName(plan, f.Metric)),
        TargetSource.Constant c => T("Target_Constant", Num(c.Value)),
        TargetSource.OtherMetric o => T("Target_Metric", MetricName(plan, o.MetricIndex)),
        _ => "?",
    };

    private string Achievement(Plan plan, int metric, TargetSource target, Direction direction) =>
        T(direction == Direction.Higher ? "Ach_Higher" : "Ach_Lower", MetricName(plan, metric), Target(plan, target));

    private string Undefined(IfUndefined ifUndefined) => T("Undefined_" + ifUndefined);

    /// <summary>The rule in one or more sentences (bands, parts and rubric levels one per line).</summary>
    private List<string> Rule(Plan plan, ScoringRule rule)
    {
        switch (rule)
        {
            case RatioRule r:
                return [T("Rule_Ratio", Num(r.Points), Percent(r.Cap), Achievement(plan, r.Metric, r.Target, r.Direction)), Undefined(r.IfUndefined)];
            case BandsRule b:
                {
                    List<string> lines = [T("Rule_Bands", Achievement(plan, b.Metric, b.Target, b.Direction))];
                    lines.AddRange(b.Bands.Select(x => T("Rule_Band", Percent(x.From), Percent(x.To), Num(x.Min), Num(x.Max))));
                    lines.Add(Undefined(b.IfUndefined));
                    return lines;
                }

            case DeductionRule d:
                return [T("Rule_Deduction", Num(d.Points), MetricName(plan, d.Metric), Num(d.PerEvent))];
            case SumOfPartsRule s:
                {
                    List<string> lines = [T("Rule_SumOfParts", Num(s.Points))];
                    lines.AddRange(s.Parts.Select(p => T("Rule_Part", p.Name, Num(p.Rule.Points), string.Join(T("Clause_Separator"), Rule(plan, p.Rule)))));
                    return lines;
                }

            case RatingRule r:
                {
                    List<string> lines = [T("Rule_Rating", Num(r.Points))];
                    lines.AddRange(r.Rubric.Select(l => T("Rule_Rubric", l.Level, Num(l.Min), Num(l.Max)) + (l.Description is { Length: > 0 } d ? " " + d : "")));
                    return lines;
                }

            case FormulaRule f:
                return [T("Rule_Formula", f.Formula.Source, Num(f.Points * f.Cap))];
            default:
                return [rule.GetType().Name];
        }
    }

    private GradeView Grade(GradeBand band)
    {
        var range = band.To is { } to ? T("Grade_Range", Num(band.From), Num(to)) : T("Grade_From", Num(band.From));
        var c = band.Coefficient;
        var coefficient = c.IsFixed ? T("Coef_Fixed", Num(c.From)) : T("Coef_Linear", Num(c.From), Num(c.To), Num(c.OverFrom), Num(c.OverTo));
        return new GradeView(band.Grade, range, coefficient, band.Advice);
    }

    private string Value(ValueTable? table, bool money)
    {
        if (table is null)
        {
            return "?";
        }

        string Show(decimal v) => money ? UiText.Money(v) : Num(v);
        if (table.Fixed is { } f)
        {
            return Show(f);
        }

        var items = table.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => T("Value_Item", kv.Key, Show(kv.Value))).ToList();
        if (table.Default is { } d)
        {
            items.Add(T("Value_Other", Show(d)));
        }

        return T("Value_By", table.By is { } by ? T("Attr_" + by) : "", List(items));
    }

    private List<string> PayRule(Plan plan, PayComponent c)
    {
        var lines = new List<string>();
        switch (c.Kind)
        {
            case PayKind.Bonus:
                {
                    var text = T("Pay_Bonus", Value(c.Base, money: true));
                    if (c.AchievementMetric >= 0)
                    {
                        text += T("Pay_BonusAchievement", Percent(c.AchievementCap), Achievement(plan, c.AchievementMetric, c.AchievementTarget!, Direction.Higher));
                    }

                    lines.Add(text);
                    break;
                }

            case PayKind.OverTarget:
                lines.Add(T("Pay_OverTarget", MetricName(plan, c.Metric), Percent(c.Threshold), Value(c.Rate, money: false), Target(plan, c.Target)));
                break;
            case PayKind.OverTargetUnits:
                lines.Add(T("Pay_OverTargetUnits", MetricName(plan, c.Metric), Target(plan, c.Target), Value(c.Amounts, money: true)));
                break;
            case PayKind.Commission:
                lines.Add(T("Pay_Commission", MetricName(plan, c.Metric), T("Period_" + c.TargetPeriod), Value(c.Rate, money: true)));
                if (c.PeriodTargetCommission is { } floor)
                {
                    lines.Add(T("Pay_CommissionFloor", Value(floor, money: true)));
                }

                break;
            case PayKind.Rate:
                lines.Add(T("Pay_Rate", MetricName(plan, c.Metric), Value(c.Rate, money: false)));
                break;
            default:
                lines.Add(T("Pay_Formula", c.Formula?.Source ?? "?"));
                break;
        }

        if (c.ForfeitOnLeave)
        {
            lines.Add(T("Pay_Forfeit"));
        }

        return lines;
    }
}
