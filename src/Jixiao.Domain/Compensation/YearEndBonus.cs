using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;

namespace Jixiao.Domain.Compensation;

/// <summary>What a part of the year-end bonus is measured by (docs/plan-format.md §10f).</summary>
public enum YearEndMeasure
{
    /// <summary>The year's completion of an indicator: Σ actual ÷ Σ target over the year's periods (a sum of parts: its parts' completions weighted by their points).</summary>
    Completion,

    /// <summary>The year's rated score: Σ points ÷ Σ maximum points of the rated indicators over the year's periods.</summary>
    Rating,

    /// <summary>The year's average of an indicator's actual (an average survey score): the mean over the periods that have one.</summary>
    Average,
}

/// <summary>A step of a part's scale: from <paramref name="From"/> (inclusive) upwards the part pays <paramref name="Amount"/> (a value table).</summary>
public sealed record YearEndStep(decimal From, ValueTable Amount);

/// <summary>
/// One part of the year-end bonus (seed 004 七.(一).3: 年度销售业绩奖金, 年度团队建设奖金, 年度客户满意度奖金): its code (the ledger's
/// component), names, measure, the indicators it reads (the first one on the person's scorecard is used) and its scale steps,
/// highest first.
/// </summary>
public sealed record YearEndPart(string Code, string Name, string? NameEn, string? NameZhTw, YearEndMeasure Measure, IReadOnlyList<string> Indicators,
    IReadOnlyList<YearEndStep> Steps);

/// <summary>
/// The plan's year-end bonus (<c>year_end_bonus</c>): who gets it (people assessed on <paramref name="Scorecards"/> in the year),
/// its parts, whether a joiner's amounts are pro-rated by the periods assessed (<paramref name="ProRata"/>) and whether a leaver
/// before the pay month forfeits it (<paramref name="ForfeitOnLeave"/>, the default of its payment schedule).
/// </summary>
public sealed record YearEndBonusRule(string Code, string Name, string? NameEn, string? NameZhTw, IReadOnlyList<string> Scorecards, bool ProRata,
    bool ForfeitOnLeave, IReadOnlyList<YearEndPart> Parts);

/// <summary>
/// One person's amount of one part: the indicator used, the measured value (a rate, or an average score), for a rating the
/// points and maximum points, the step reached (null: below every step), the step's amount, the periods assessed and the periods
/// of the year (for pro-rating) and the amount.
/// </summary>
public sealed record YearEndPartAmount(string Employee, YearEndPart Part, string Indicator, string IndicatorName, decimal Value, decimal? Points,
    decimal? MaxPoints, YearEndStep? Step, decimal StepAmount, int Assessed, int Periods, bool ProRated, decimal Amount);

/// <summary>
/// The year-end bonus rules (seed 004 七.(一).3 "年终奖金总额=年度销售业绩奖金+年度团队建设奖金+年度客户满意度奖金"): each part is measured over
/// the year's results of the person (<see cref="Measure"/>), placed on the part's scale (<see cref="StepFor"/>: the highest step at
/// or below the value) and, when the plan says so, pro-rated by the periods assessed. Pure: the results are given.
/// </summary>
public static class YearEndBonuses
{
    /// <summary>
    /// Whether the year's results are complete for the rule: for every kind of period its scorecards are assessed in, the
    /// year's last period of that kind (December, Q4, H2, the year) is among <paramref name="results"/>. Before that no
    /// year-end bonus is computed (a year measured on eleven months would pay the wrong step).
    /// </summary>
    public static bool YearComplete(YearEndBonusRule rule, Plan plan, int year, IReadOnlyList<CalculationResult> results)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var kinds = plan.Scorecards.Where(c => rule.Scorecards.Contains(c.Code, StringComparer.Ordinal)).SelectMany(c => c.Periods).Distinct().ToList();
        return kinds.Count > 0 && kinds.TrueForAll(k => results.Any(r => r.Period == Last(k, year)));
    }

    /// <summary>The year's last period of a kind.</summary>
    public static Period Last(PeriodKind kind, int year) => kind switch
    {
        PeriodKind.Month => new Period(kind, year, 12),
        PeriodKind.Quarter => new Period(kind, year, 4),
        PeriodKind.Half => new Period(kind, year, 2),
        _ => new Period(PeriodKind.Year, year, 1),
    };

    /// <summary>The highest step whose <see cref="YearEndStep.From"/> is at or below <paramref name="value"/>, or null (below every step).</summary>
    public static YearEndStep? StepFor(IReadOnlyList<YearEndStep> steps, decimal value)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Where(s => value >= s.From).OrderByDescending(s => s.From).FirstOrDefault();
    }

    /// <summary>
    /// Every person's amount of every part that applies to them in <paramref name="year"/>: people with results on the rule's
    /// scorecards in the year, for each part whose indicator is on their scorecard and has a value. Amounts of 0 are included
    /// (the caller decides whether 0 is a line). Ordered by employee, then the plan's order of parts.
    /// </summary>
    public static IReadOnlyList<YearEndPartAmount> Compute(YearEndBonusRule rule, Plan plan, int year, IReadOnlyList<CalculationResult> results,
        IReadOnlyDictionary<string, Employee> employees)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(employees);
        var rows = results.Where(r => r.Period.Year == year)
            .SelectMany(r => r.Results.Where(p => rule.Scorecards.Contains(p.Scorecard, StringComparer.Ordinal)).Select(p => (r.Period, Person: p)))
            .ToList();
        var amounts = new List<YearEndPartAmount>();
        foreach (var person in rows.GroupBy(x => x.Person.Employee, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // The shortest kind of period the person was assessed in (a monthly card's months; not also a quarter's results).
            var shortest = person.Min(x => x.Period.MonthCount);
            var periods = person.Where(x => x.Period.MonthCount == shortest).ToList();
            var assessed = periods.Select(x => x.Period).Distinct().Count();
            var ofYear = 12 / shortest;
            var emp = employees.GetValueOrDefault(person.Key);
            foreach (var part in rule.Parts)
            {
                if (Measure(part, plan, periods.Select(x => x.Person).ToList()) is not { } m)
                {
                    continue;
                }

                var step = StepFor(part.Steps, m.Value);
                var stepAmount = 0m;
                if (step is not null && step.Amount.TryGet(emp is null ? null : ValueTable.Attribute(step.Amount.By, emp), out var a))
                {
                    stepAmount = Money.Round(a);
                }

                var proRated = rule.ProRata && assessed < ofYear;
                var amount = proRated ? Money.Round(stepAmount * assessed / ofYear) : stepAmount;
                amounts.Add(new YearEndPartAmount(person.Key, part, m.Indicator, m.IndicatorName, m.Value, m.Points, m.MaxPoints, step, stepAmount, assessed, ofYear,
                    proRated, amount));
            }
        }

        return amounts;
    }

    /// <summary>
    /// The measured value of a part over one person's results of the year (one per period): the first of the part's indicators
    /// that the results carry; null when none does or it has no value (no target, no rating, no survey).
    /// </summary>
    public static (string Indicator, string IndicatorName, decimal Value, decimal? Points, decimal? MaxPoints)? Measure(YearEndPart part, Plan plan,
        IReadOnlyList<EmployeeResult> year)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(year);
        var present = part.Indicators.Where(c => year.Any(p => p.Indicators.Any(i => i.Code == c))).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        // A rating reads every rated indicator listed (team management and training); the others the first one present.
        var codes = part.Measure == YearEndMeasure.Rating ? present : [present[0]];
        var code = string.Join(",", codes);
        var found = year.SelectMany(p => p.Indicators.Where(i => codes.Contains(i.Code)).Select(i => (p.Scorecard, Result: i))).ToList();
        var name = string.Join("、", codes.Select(c => found.First(f => f.Result.Code == c).Result.Name));
        switch (part.Measure)
        {
            case YearEndMeasure.Rating:
                {
                    var rated = found.Where(f => f.Result.Weight > 0m).ToList();
                    var max = rated.Sum(f => f.Result.Weight);
                    var points = rated.Sum(f => f.Result.Points);
                    return max <= 0m ? null : (code, name, points / max, points, max);
                }

            case YearEndMeasure.Average:
                {
                    var values = found.Where(f => f.Result.Actual is not null).Select(f => f.Result.Actual!.Value).ToList();
                    return values.Count == 0 ? null : (code, name, values.Sum() / values.Count, null, null);
                }

            default:
                return Completion(found, plan) is { } c ? (code, name, c, null, null) : null;
        }
    }

    /// <summary>
    /// Σ actual ÷ Σ target of an indicator over the year; for a sum of parts each part with a target gives its own Σ ÷ Σ and the
    /// completion is their mean weighted by the parts' points on the scorecard (4S: vehicles 30, revenue 20). Null without targets.
    /// </summary>
    private static decimal? Completion(List<(string Scorecard, IndicatorResult Result)> found, Plan plan)
    {
        if (found.TrueForAll(f => f.Result.Parts is not { Count: > 0 }))
        {
            var withTarget = found.Where(f => f.Result.Actual is not null && f.Result.Target is not null).ToList();
            var target = withTarget.Sum(f => f.Result.Target!.Value);
            return target <= 0m ? null : withTarget.Sum(f => f.Result.Actual!.Value) / target;
        }

        var parts = new Dictionary<string, (decimal Actual, decimal Target, decimal Points)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (card, result) in found)
        {
            var rule = plan.Scorecards.FirstOrDefault(c => c.Code == card)?.Indicators.FirstOrDefault(i => i.Code == result.Code)?.Rule as SumOfPartsRule;
            foreach (var p in result.Parts ?? [])
            {
                if (p.Actual is null || p.Target is null)
                {
                    continue;
                }

                var points = rule?.Parts.FirstOrDefault(x => x.Name == p.Name)?.Rule.Points ?? 1m;
                if (!parts.TryGetValue(p.Name, out var sum))
                {
                    order.Add(p.Name);
                    sum = (0m, 0m, points);
                }

                parts[p.Name] = (sum.Actual + p.Actual.Value, sum.Target + p.Target.Value, sum.Points);
            }
        }

        var counted = order.Select(n => parts[n]).Where(x => x.Target > 0m && x.Points > 0m).ToList();
        var weight = counted.Sum(x => x.Points);
        return weight <= 0m ? null : counted.Sum(x => x.Points * (x.Actual / x.Target)) / weight;
    }
}
