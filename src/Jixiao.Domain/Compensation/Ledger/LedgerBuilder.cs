using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Compensation.Ledger;

/// <summary>What the ledger of a year is built from; everything is given, nothing is read (pure).</summary>
public sealed record LedgerInput(
    Plan Plan,
    int Year,
    DateOnly AsOf,
    IReadOnlyList<CalculationResult> Results,
    IReadOnlyList<Employee> Employees,
    IReadOnlyList<SalaryRow> Salaries,
    WorkingDayCalendar Calendar)
{
    /// <summary>Lines of payroll months already approved (paid, withheld, forfeited …); they are kept as they are and corrected by new lines.</summary>
    public IReadOnlyList<LedgerLine> Approved { get; init; } = [];

    /// <summary>
    /// The first approved payroll month when the approvals are kept elsewhere (the web app's payroll months): months before it
    /// were paid outside the ledger and are neither kept nor corrected (their lines stay as computed). Null: every month up
    /// to <see cref="ApprovedThrough"/> counts (the CLI's paid file).
    /// </summary>
    public Period? ApprovedFrom { get; init; }

    /// <summary>
    /// The last approved payroll month, when known apart from <see cref="Approved"/> (a month may be approved with no line of
    /// this year); null: the latest pay month of the approved lines.
    /// </summary>
    public Period? ApprovedThrough { get; init; }

    /// <summary>Periods whose capped pay HR scaled to the plan's pool (cost control): their decided amounts are paid.</summary>
    public IReadOnlyList<CostScaling> Scaled { get; init; } = [];

    /// <summary>The last day of each person's probation (employee → date), for schedules that pay nothing during probation.</summary>
    public IReadOnlyDictionary<string, DateOnly> ProbationEnds { get; init; } = new Dictionary<string, DateOnly>();

    /// <summary>Approved amounts outside the period results (manual awards): each is earned in its month and paid as scheduled.</summary>
    public IReadOnlyList<GrantedAmount> Granted { get; init; } = [];
}

/// <summary>
/// An approved amount outside the period results (a manual award, a share of a team reward pool): the person, the component (the
/// award kind or team reward), the month it is granted for, the amount.
/// </summary>
public sealed record GrantedAmount(string Employee, string Component, Period Earned, decimal Amount)
{
    /// <summary>For a share of a team reward pool: the pool and the name of the team's leader (the line's explanation says so).</summary>
    public TeamPoolShare? Pool { get; init; }
}

/// <summary>Where a granted share came from: a team's pool of <paramref name="Pool"/>, distributed by <paramref name="LeaderName"/>.</summary>
public sealed record TeamPoolShare(decimal Pool, string LeaderName)
{
    /// <summary>The leader's employee id (the pool's team), when known: the web ledger checks the pool is still earned.</summary>
    public string? Leader { get; init; }
}

/// <summary>
/// Builds the pay ledger of a year (docs/pay-ledger.md, ADR 0022) from the period results of the year: every pay line of a
/// period that ended on or before the as-of date is split by its component's <see cref="PaymentSchedule"/> into shares with
/// a pay month each, forfeited when the person left before that month; fixed pay comes from salaries.csv with withholding
/// and back-pay (<see cref="SalaryWithholding"/>); lines due after the as-of date are pending; months already approved are
/// kept and differences become clawed-back or adjusted lines in the first open month, linked to what they correct.
/// </summary>
public static class LedgerBuilder
{
    /// <summary>The component code of fixed pay lines (from salaries.csv).</summary>
    public const string SalaryComponent = "salary";

    /// <summary>The ledger lines in the order of <see cref="Order"/>.</summary>
    public static IReadOnlyList<LedgerLine> Build(LedgerInput input)
    {
        var payment = input.Plan.Payment;
        var employees = input.Employees.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var known = input.Results.Where(r => r.Period.Year == input.Year && r.Period.End <= input.AsOf).ToList();
        var lines = new List<LedgerLine>();

        foreach (var result in known)
        {
            foreach (var person in result.Results)
            {
                var emp = employees.GetValueOrDefault(person.Employee);
                foreach (var pay in person.Pay)
                {
                    var component = input.Plan.Pay.FirstOrDefault(c => c.Code == pay.Component);
                    var schedule = payment.Schedules.GetValueOrDefault(pay.Component)
                        ?? PaymentSchedule.Default(pay.Component, component?.ForfeitOnLeave ?? true);
                    AddEarned(lines, input, known, person.Employee, emp?.LeaveDate, result.Period, pay, schedule, component?.Name ?? pay.Component);
                }
            }
        }

        foreach (var g in input.Granted.Where(g => g.Earned.Year == input.Year && g.Earned.End <= input.AsOf))
        {
            // A manual award: paid as its kind's schedule says (none: the month after), kept by a leaver unless the schedule says otherwise.
            // A share of a team reward pool likewise (seed 004: paid with the next month's payroll, kept by a leaver).
            var kind = input.Plan.Awards.FirstOrDefault(k => k.Code == g.Component);
            var schedule = payment.Schedules.GetValueOrDefault(g.Component) ?? PaymentSchedule.Default(g.Component, false);
            var name = kind?.Name ?? input.Plan.TeamRewards.FirstOrDefault(t => t.Code == g.Component)?.Name ?? g.Component;
            var before = lines.Count;
            AddEarned(lines, input, known, g.Employee, employees.GetValueOrDefault(g.Employee)?.LeaveDate, g.Earned, new PayLine(g.Component, name, g.Amount, false), schedule, name);
            if (g.Pool is { } pool)
            {
                for (var i = before; i < lines.Count; i++)
                {
                    if (lines[i].Rule == LedgerRule.Scheduled)
                    {
                        lines[i] = lines[i] with { Rule = LedgerRule.TeamRewardShare, Arguments = [name, g.Earned.ToString(), lines[i].PayMonth.ToString(), Amt(g.Amount), Amt(pool.Pool), pool.LeaderName] };
                    }
                }
            }
        }

        AddYearEnd(lines, input, known, employees);

        foreach (var group in input.Salaries.GroupBy(s => s.Employee, StringComparer.Ordinal))
        {
            if (employees.GetValueOrDefault(group.Key) is { } emp)
            {
                lines.AddRange(Salary(input, known, emp, [.. group], payment.Withholding));
            }
        }

        lines = [.. lines.Select(l => Pending(l, input.AsOf))];
        // Only this year's earnings are this ledger's: approved lines of other years are another year's ledger.
        var approved = input.Approved.Where(l => l.Earned.Year == input.Year).ToList();
        if (approved.Count > 0 || input.ApprovedThrough is not null)
        {
            var through = input.ApprovedThrough ?? approved.Max(l => l.PayMonth);
            lines = Correct(lines, approved, input.AsOf, input.ApprovedFrom, through, code => ComponentName(input.Plan, code));
        }

        return Order(lines, input.Plan);
    }

    /// <summary>
    /// The year-end bonus (plan <c>year_end_bonus</c>, seed 004 七.(一).3): once the year's results are complete, each part a person
    /// earns is an amount earned in the year, paid as the part's (or the bonus's) schedule says — by default the month after the
    /// year, forfeited by someone who left before that month unless the plan says otherwise.
    /// </summary>
    private static void AddYearEnd(List<LedgerLine> lines, LedgerInput input, List<CalculationResult> known, Dictionary<string, Employee> employees)
    {
        var rule = input.Plan.YearEndBonus;
        var year = new Period(PeriodKind.Year, input.Year, 1);
        if (rule is null || year.End > input.AsOf || !YearEndBonuses.YearComplete(rule, input.Plan, input.Year, known))
        {
            return;
        }

        var schedules = input.Plan.Payment.Schedules;
        foreach (var a in YearEndBonuses.Compute(rule, input.Plan, input.Year, known, employees))
        {
            var schedule = schedules.GetValueOrDefault(a.Part.Code) ?? schedules.GetValueOrDefault(rule.Code) ?? PaymentSchedule.Default(a.Part.Code, rule.ForfeitOnLeave);
            var before = lines.Count;
            AddEarned(lines, input, known, a.Employee, employees.GetValueOrDefault(a.Employee)?.LeaveDate, year, new PayLine(a.Part.Code, a.Part.Name, a.Amount),
                schedule, a.Part.Name);
            for (var i = before; i < lines.Count; i++)
            {
                if (lines[i].Rule == LedgerRule.Scheduled)
                {
                    lines[i] = lines[i] with { Rule = YearEndRule(a), Arguments = YearEndArguments(a, year, lines[i].PayMonth) };
                }
            }
        }
    }

    private static LedgerRule YearEndRule(YearEndPartAmount a) => (a.Part.Measure, a.ProRated) switch
    {
        (YearEndMeasure.Rating, false) => LedgerRule.YearEndRating,
        (YearEndMeasure.Rating, true) => LedgerRule.YearEndRatingProRated,
        (YearEndMeasure.Average, false) => LedgerRule.YearEndAverage,
        (YearEndMeasure.Average, true) => LedgerRule.YearEndAverageProRated,
        (_, false) => LedgerRule.YearEndCompletion,
        _ => LedgerRule.YearEndCompletionProRated,
    };

    private static string[] YearEndArguments(YearEndPartAmount a, Period year, Period payMonth)
    {
        var average = a.Part.Measure == YearEndMeasure.Average;
        string[] measured = a.Part.Measure == YearEndMeasure.Rating
            ? [Num(a.Points ?? 0m), Num(a.MaxPoints ?? 0m), SalaryWithholding.Pct(a.Value)]
            : [average ? Num(a.Value) : SalaryWithholding.Pct(a.Value)];
        var from = a.Step is null ? "" : average ? Num(a.Step.From) : SalaryWithholding.Pct(a.Step.From);
        string[] proRata = a.ProRated ? [a.Assessed.ToString(CultureInfo.InvariantCulture), a.Periods.ToString(CultureInfo.InvariantCulture), Amt(a.Amount)] : [];
        return [a.Part.Name, year.ToString(), a.IndicatorName, .. measured, from, Amt(a.StepAmount), payMonth.ToString(), .. proRata];
    }

    private static string Num(decimal d) => Money.Round(d).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The name of a ledger component: a pay component, an award kind, a team reward, a year-end bonus part, or the code.</summary>
    public static string ComponentName(Plan plan, string code) => ComponentNames(plan, code)?.Name ?? code;

    /// <summary>The names the plan gives a ledger component (pay component, award kind, team reward, year-end bonus part), or null.</summary>
    public static (string Name, string? NameEn, string? NameZhTw)? ComponentNames(Plan plan, string code)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Pay.FirstOrDefault(c => c.Code == code) is { } c ? (c.Name, c.NameEn, c.NameZhTw)
            : plan.Awards.FirstOrDefault(k => k.Code == code) is { } k ? (k.Name, k.NameEn, k.NameZhTw)
            : plan.TeamRewards.FirstOrDefault(t => t.Code == code) is { } t ? (t.Name, t.NameEn, t.NameZhTw)
            : plan.YearEndBonus?.Parts.FirstOrDefault(p => p.Code == code) is { } y ? (y.Name, y.NameEn, y.NameZhTw)
            : null;
    }

    private static void AddEarned(List<LedgerLine> lines, LedgerInput input, List<CalculationResult> known, string employee, DateOnly? left,
        Period earned, PayLine pay, PaymentSchedule schedule, string name)
    {
        var firstMonth = PayMonth.Of(earned, schedule.Shares[0].Pay, input.Calendar);
        if (pay.Forfeited)
        {
            // Forfeited at the close (left before the earned period ended, plan-format §10): nothing to schedule.
            lines.Add(new LedgerLine(employee, pay.Component, earned, firstMonth, LedgerStatus.Forfeited, pay.Amount, LedgerRule.ForfeitedAtClose,
                [Date(left), earned.ToString()]));
            return;
        }

        var decided = CostScaling.Decided(input.Scaled, earned, employee, pay.Component, pay.Amount, out var scaled);
        var scaling = scaled is { } sc && sc.Scaled != sc.Original ? input.Scaled.First(s => s.Earned == earned) : null;
        string[] cost = scaling is null ? [] : [Amt(scaled!.Original), Amt(decided), Amt(scaling.Pool), Amt(scaling.Total)];
        if (schedule.NoneDuringProbation && input.ProbationEnds.TryGetValue(employee, out var probationEnd)
            && ProbationPay.Forfeited(decided, earned, probationEnd) is var onProbation && onProbation != 0m)
        {
            lines.Add(new LedgerLine(employee, pay.Component, earned, firstMonth, LedgerStatus.Forfeited, onProbation, LedgerRule.ForfeitedOnProbation,
                [name, earned.ToString(), Date(probationEnd), Amt(decided), Amt(onProbation)]));
            decided -= onProbation;
        }

        if (decided == 0m)
        {
            return; // nothing earned (or nothing left after scaling), nothing to pay
        }

        var parts = DeferredSplit.Split(decided, [.. schedule.Shares.Select(s => s.Share)]);
        for (var i = 0; i < parts.Length; i++)
        {
            var share = schedule.Shares[i];
            var month = PayMonth.Of(earned, share.Pay, input.Calendar);
            var amount = parts[i];
            LedgerRule rule;
            string[] args;
            if (share.Factor is { } f && Completion(known, employee, f.Indicator, earned.Year) is { } c
                && AnnualCompletion.Factor(c.Actual, c.Target, f.Cap) is { } factor)
            {
                amount = AnnualCompletion.Apply(parts[i], factor);
                rule = scaling is null ? LedgerRule.ShareWithFactor : LedgerRule.ShareWithFactorScaled;
                args = [SalaryWithholding.Pct(share.Share), Amt(decided), earned.ToString(), Amt(parts[i]), SalaryWithholding.Pct(factor), SalaryWithholding.Pct(f.Cap), Amt(amount), .. cost];
            }
            else if (parts.Length > 1)
            {
                rule = scaling is null ? LedgerRule.Share : LedgerRule.ShareScaled;
                args = [SalaryWithholding.Pct(share.Share), Amt(decided), earned.ToString(), Amt(amount), .. cost];
            }
            else
            {
                rule = scaling is null ? LedgerRule.Scheduled : LedgerRule.ScheduledScaled;
                args = [name, earned.ToString(), month.ToString(), .. cost];
            }

            if (share.ForfeitOnLeave && left is { } l && l < month.Start)
            {
                lines.Add(new LedgerLine(employee, pay.Component, earned, month, LedgerStatus.Forfeited, amount, LedgerRule.ForfeitedBeforePayMonth,
                    [Date(l), month.ToString(), Amt(amount)]));
            }
            else if (amount != 0m)
            {
                lines.Add(new LedgerLine(employee, pay.Component, earned, month, LedgerStatus.Paid, amount, rule, args));
            }
        }
    }

    /// <summary>
    /// Σ actual and Σ target of an indicator in the person's results of the year, from the shortest kind of period that carries
    /// it (so months and their quarter are not both counted).
    /// </summary>
    private static (decimal Actual, decimal Target)? Completion(List<CalculationResult> known, string employee, string indicator, int year)
    {
        var found = known.Where(r => r.Period.Year == year)
            .SelectMany(r => r.Results.Where(p => p.Employee == employee)
                .SelectMany(p => p.Indicators.Where(i => i.Code == indicator && i.Actual is not null && i.Target is not null))
                .Select(i => (r.Period.MonthCount, Actual: i.Actual!.Value, Target: i.Target!.Value)))
            .ToList();
        if (found.Count == 0)
        {
            return null;
        }

        var shortest = found.Min(f => f.MonthCount);
        var used = found.Where(f => f.MonthCount == shortest).ToList();
        return (used.Sum(f => f.Actual), used.Sum(f => f.Target));
    }

    private static List<LedgerLine> Salary(LedgerInput input, List<CalculationResult> known, Employee emp, List<SalaryRow> rows, WithholdingRule? rule)
    {
        var months = new List<SalaryMonth>();
        for (var m = 1; m <= 12; m++)
        {
            var month = PayMonth.Month(input.Year, m);
            if (month.End > input.AsOf)
            {
                break;
            }

            if (MonthlySalary.For(rows, month, emp.HireDate, emp.LeaveDate) is { } s)
            {
                months.Add(new SalaryMonth(month, s.Amount, s.Monthly, s.Days));
            }
        }

        var applies = rule is not null && input.Results.Any(r => r.Period.Year == input.Year
            && r.Results.Any(p => p.Employee == emp.Id && rule.Scorecards.Contains(p.Scorecard, StringComparer.Ordinal)));
        if (!applies)
        {
            return SalaryWithholding.Lines(emp.Id, months, new Dictionary<int, decimal>(), 0m, emp.HireDate, null, SalaryComponent);
        }

        // The annual task from every month of the year (targets are plan data set in advance), the actuals of completed quarters.
        var monthly = input.Results.Where(r => r.Period.Year == input.Year && r.Period.Kind == PeriodKind.Month)
            .SelectMany(r => r.Results.Where(p => p.Employee == emp.Id).SelectMany(p => p.Indicators.Where(i => i.Code == rule!.Indicator)).Select(i => (r.Period, i)))
            .ToList();
        var annualTask = monthly.Sum(x => x.i.Target ?? 0m);
        var quarters = new Dictionary<int, decimal>();
        for (var q = 1; q <= 4; q++)
        {
            var quarter = new Period(PeriodKind.Quarter, input.Year, q);
            if (quarter.End <= input.AsOf)
            {
                quarters[q] = monthly.Where(x => quarter.Contains(x.Period)).Sum(x => x.i.Actual ?? 0m);
            }
        }

        return SalaryWithholding.Lines(emp.Id, months, quarters, annualTask, emp.HireDate, rule, SalaryComponent);
    }

    private static LedgerLine Pending(LedgerLine line, DateOnly asOf) =>
        line.MovesMoney && line.PayMonth.End > asOf ? line with { Status = LedgerStatus.Pending } : line;

    /// <summary>
    /// Keeps the approved months as approved and turns every difference between what they paid and what the same earned
    /// amounts pay now into one line in the first open month: clawed back when less, adjusted when more.
    /// </summary>
    private static List<LedgerLine> Correct(List<LedgerLine> lines, IReadOnlyList<LedgerLine> approved, DateOnly asOf, Period? from, Period lastApproved,
        Func<string, string> name)
    {
        var open = PayMonth.Add(lastApproved, 1);
        var result = new List<LedgerLine>(approved);
        result.AddRange(lines.Where(l => l.PayMonth > lastApproved || l.PayMonth < from));
        var recomputed = lines.Where(l => l.PayMonth <= lastApproved && !(l.PayMonth < from) && l.MovesMoney).ToList();
        var keys = approved.Where(l => l.MovesMoney).Select(Key).Concat(recomputed.Select(Key)).Distinct().ToList();
        foreach (var key in keys)
        {
            var was = approved.Where(l => l.MovesMoney && Key(l) == key).Sum(l => l.Amount);
            var now = recomputed.Where(l => Key(l) == key).Sum(l => l.Amount);
            if (was == now)
            {
                continue;
            }

            var original = approved.Where(l => l.MovesMoney && Key(l) == key).OrderBy(l => l.PayMonth).FirstOrDefault();
            var diff = now - was;
            var line = new LedgerLine(key.Employee, key.Component, key.Earned, open, diff < 0m ? LedgerStatus.ClawedBack : LedgerStatus.Adjusted, diff,
                LedgerRule.Correction, [name(key.Component), key.Earned.ToString(), original?.PayMonth.ToString() ?? "", Amt(was), Amt(now)], original?.Ref);
            result.Add(Pending(line, asOf));
        }

        return result;
    }

    private static (string Employee, string Component, Period Earned) Key(LedgerLine l) => (l.Employee, l.Component, l.Earned);

    /// <summary>Employee, pay month, earned period, component (salary first, then the plan's order), status.</summary>
    public static IReadOnlyList<LedgerLine> Order(IEnumerable<LedgerLine> lines, Plan plan)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal) { [SalaryComponent] = -1 };
        for (var i = 0; i < plan.Pay.Count; i++)
        {
            order.TryAdd(plan.Pay[i].Code, i);
        }

        return [.. lines.OrderBy(l => l.Employee, StringComparer.Ordinal).ThenBy(l => l.PayMonth).ThenBy(l => l.Earned)
            .ThenBy(l => order.GetValueOrDefault(l.Component, int.MaxValue)).ThenBy(l => l.Component, StringComparer.Ordinal).ThenBy(l => l.Status)];
    }

    private static string Amt(decimal d) => SalaryWithholding.Amt(d);

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
