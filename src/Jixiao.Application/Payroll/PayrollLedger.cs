using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Payroll;

/// <summary>Which stored run of each period pay is drawn from (period → run id); by default the published ones (<see cref="PayrollLedger.PublishedRunsAsync"/>).</summary>
public delegate Task<IReadOnlyDictionary<string, long>> PayableRuns(JixiaoDbContext db, CancellationToken ct);

/// <summary>A ledger line with what the pages show beside it: the person's name and unit, the component's name.</summary>
public sealed record PayrollLine(LedgerLine Line, string Name, string Unit, string ComponentName, string? ComponentNameEn)
{
    /// <summary>The plan's Traditional Chinese name of the component (<c>name_zh_tw</c>), or null (pages convert the name).</summary>
    public string? ComponentNameZhTw { get; init; }
}

/// <summary>The computed lines of one payroll month and the periods it could not pay from (no payable run).</summary>
public sealed record ComputedMonth(Period Month, IReadOnlyList<PayrollLine> Lines, IReadOnlyList<string> MissingPeriods)
{
    /// <summary>Periods whose capped pay exceeds the plan's pool with no cost decision on their payable result: not payable yet.</summary>
    public IReadOnlyList<string> Undecided { get; init; } = [];
}

/// <summary>
/// Draws up the pay ledger from the database (docs/pay-ledger.md "The web app"): for each earned year whose amounts can be
/// paid in the month (the month's year and the one before), the period results of the payable runs, the employees, their
/// salaries, the company calendar and the approved payroll months go to <see cref="LedgerBuilder"/>, which does all the
/// arithmetic. Periods after the as-of day are computed (not stored) only when the plan withholds salary, for their
/// targets (the annual task).
/// </summary>
public sealed class PayrollLedger(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, PayableRuns? runs = null)
{
    /// <summary>The latest succeeded run of each period.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> LatestRunsAsync(JixiaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Succeeded).Select(r => new { r.Period, r.Id }).ToListAsync(ct).ConfigureAwait(false);
        return rows.GroupBy(r => r.Period, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(r => r.Id), StringComparer.Ordinal);
    }

    /// <summary>
    /// The runs people were shown as final: the published run of each published or closed period (docs/decisions/0019). Drafts,
    /// provisional runs of open periods and periods in evaluation or calibration are never paid from.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> PublishedRunsAsync(JixiaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        string[] final = [PeriodStates.Code(PeriodState.Published), PeriodStates.Code(PeriodState.Closed)];
        var rows = await db.EvaluationPeriods.AsNoTracking().Where(p => p.PublishedRunId != null && final.Contains(p.State))
            .Select(p => new { p.Key, p.PublishedRunId }).ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.PublishedRunId!.Value, StringComparer.Ordinal);
    }

    private readonly PayableRuns _runs = runs ?? PublishedRunsAsync;

    /// <summary>The approved months: every stored line of them and the first and last approved month.</summary>
    internal sealed record Approvals(IReadOnlyList<(long Id, LedgerLine Line)> Lines, Period? First, Period? Last);

    internal async Task<Approvals> ApprovalsAsync(CancellationToken ct, string? employee = null)
    {
        var months = await db.PayrollMonths.AsNoTracking().Where(m => m.State == PayrollMonthState.Approved).Select(m => m.Month).ToListAsync(ct).ConfigureAwait(false);
        var periods = months.Select(Period.Parse).Order().ToList();
        var rows = await db.PayrollLines.AsNoTracking().Where(l => months.Contains(l.Month) && (employee == null || l.EmployeeId == employee)).OrderBy(l => l.Id).ToListAsync(ct).ConfigureAwait(false);
        return new Approvals([.. rows.Select(r => (r.Id, ToLine(r)))], periods.Count == 0 ? null : periods[0], periods.Count == 0 ? null : periods[^1]);
    }

    /// <summary>A stored line as the ledger's line (its rule and arguments kept for the explanation).</summary>
    public static LedgerLine ToLine(PayrollLineEntity r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!LedgerStatusCodes.TryParse(r.Status, out var status))
        {
            throw new InvalidOperationException($"Stored payroll line {r.Id} has an unknown status '{r.Status}'.");
        }

        var rule = Enum.TryParse<LedgerRule>(r.Rule, out var parsed) ? parsed : LedgerRule.Approved;
        return new LedgerLine(r.EmployeeId, r.Component, Period.Parse(r.Earned), Period.Parse(r.Month), status, r.Amount, rule,
            JsonSerializer.Deserialize<List<string>>(r.ArgumentsJson) ?? []);
    }

    /// <summary>
    /// The ledger lines of pay month <paramref name="month"/> as of its last day (only <paramref name="employee"/>'s when
    /// given), or null when no plan is stored.
    /// </summary>
    public async Task<ComputedMonth?> MonthAsync(Period month, string? employee = null, CancellationToken ct = default)
    {
        var all = await LinesAsync(month.End, [month.Year - 1, month.Year], employee, ct).ConfigureAwait(false);
        return all is null ? null : all with { Month = month, Lines = [.. all.Lines.Where(l => l.Line.PayMonth == month)] };
    }

    /// <summary>Every ledger line of the earned <paramref name="years"/> as of <paramref name="asOf"/> (one employee's when given).</summary>
    public async Task<ComputedMonth?> LinesAsync(DateOnly asOf, IReadOnlyList<int> years, string? employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(years);
        var calc = new CalculationService(db, time, zone);
        var payable = await _runs(db, ct).ConfigureAwait(false);
        var approvals = await ApprovalsAsync(ct, employee).ConfigureAwait(false);
        var (employees, probation) = await EmployeesAsync(employee, ct).ConfigureAwait(false);
        var salaries = await db.Salaries.AsNoTracking().Where(s => employee == null || s.EmployeeId == employee)
            .Select(s => new SalaryRow(s.EmployeeId, s.EffectiveFrom, s.MonthlyAmount)).ToListAsync(ct).ConfigureAwait(false);
        var calendar = await new CompanyCalendarService(db, time).CalendarAsync(ct).ConfigureAwait(false);
        var asOfMonth = PayMonth.Month(asOf.Year, asOf.Month);
        var scaled = await Compensation.CostControlService.ScalingsAsync(db, payable, ct).ConfigureAwait(false);
        List<GrantedAmount> granted = [.. await Compensation.AwardsService.GrantedAsync(db, employee, ct).ConfigureAwait(false),
            .. await Compensation.TeamRewardsService.GrantedAsync(db, employee, ct).ConfigureAwait(false)];
        granted = await WithoutVoidPoolsAsync(granted, payable, ct).ConfigureAwait(false);
        var costs = new Compensation.CostControlService(db, time, _runs);
        var lines = new List<PayrollLine>();
        var missing = new List<string>();
        var undecided = new List<string>();
        Plan? latestPlan = null;
        foreach (var year in years)
        {
            // The schedules of the plan in force at the end of the earned year (or in the as-of month, if earlier).
            var planMonth = year < asOf.Year ? PayMonth.Month(year, 12) : asOfMonth;
            var version = await CalculationService.PlanVersionForAsync(db, planMonth, ct).ConfigureAwait(false);
            if (version is null)
            {
                return null;
            }

            var plan = Plans.StoredPlans.Required(version);
            latestPlan = plan;
            var results = new List<CalculationResult>();
            var gaps = new List<Period>();
            var kinds = plan.Scorecards.SelectMany(c => c.Periods).Concat(plan.Pay.SelectMany(p => p.Periods)).Distinct().Order().ToList();
            foreach (var period in kinds.SelectMany(k => PeriodsOf(year, k)))
            {
                if (payable.TryGetValue(period.ToString(), out var runId))
                {
                    results.Add(await StoredAsync(db, plan, period, runId, employee, ct).ConfigureAwait(false));
                    if (employee is null && period.End <= asOf && await costs.ReviewAsync(period, runId, ct).ConfigureAwait(false) is { Undecided: true })
                    {
                        undecided.Add(period.ToString());
                    }
                }
                else if (period.End > asOf && plan.Payment.Withholding is not null)
                {
                    // Targets are set in advance: the annual task of the withholding rule reads the months to come.
                    results.Add(await ComputedAsync(calc, plan, period, employee, ct).ConfigureAwait(false));
                }
                else if (period.End < asOfMonth.Start)
                {
                    gaps.Add(period);
                }
            }

            // A period without a payable run after the first that has one (before it: the time before the ledger).
            if (results.Count > 0)
            {
                var first = results.Min(r => r.Period.Start);
                missing.AddRange(gaps.Where(g => g.Start > first).Select(g => g.ToString()));
            }

            if (results.Count == 0 && year < asOf.Year)
            {
                continue; // an earlier year without results adds nothing
            }

            var built = LedgerBuilder.Build(new LedgerInput(plan, year, asOf, results, employees, salaries, calendar)
            {
                Approved = [.. approvals.Lines.Select(a => a.Line).Where(l => employee is null || l.Employee == employee)],
                ApprovedFrom = approvals.First,
                ApprovedThrough = approvals.Last,
                Scaled = scaled,
                ProbationEnds = probation,
                Granted = granted,
            });
            var units = results.SelectMany(r => r.Results.Select(p => (Key: (p.Employee, r.Period), p.OrgUnit))).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().OrgUnit);
            var people = employees.ToDictionary(e => e.Id, StringComparer.Ordinal);
            foreach (var l in built)
            {
                var named = LedgerBuilder.ComponentNames(plan, l.Component);
                var person = people.GetValueOrDefault(l.Employee);
                var unit = units.GetValueOrDefault((l.Employee, l.Earned)) ?? person?.OrgUnitId ?? "";
                lines.Add(new PayrollLine(l, person?.Name ?? l.Employee, unit,
                    named?.Name ?? (l.Component == LedgerBuilder.SalaryComponent ? Domain.Localization.Text.Format("Ledger_SalaryName", null) : l.Component),
                    named?.NameEn ?? (l.Component == LedgerBuilder.SalaryComponent ? Domain.Localization.Text.Format("Ledger_SalaryName", System.Globalization.CultureInfo.GetCultureInfo("en")) : null))
                {
                    ComponentNameZhTw = named?.NameZhTw,
                });
            }
        }

        if (latestPlan is null)
        {
            return null;
        }

        var ordered = LedgerBuilder.Order(lines.Select(l => l.Line), latestPlan);
        var index = new Dictionary<LedgerLine, PayrollLine>(ReferenceEqualityComparer.Instance);
        foreach (var l in lines)
        {
            index[l.Line] = l;
        }

        return new ComputedMonth(asOfMonth, [.. ordered.Select(l => index[l])], missing) { Undecided = undecided };
    }

    /// <summary>
    /// The granted amounts without the shares of void team reward pools (docs/pay-ledger.md, "Team reward pools"): a pool whose
    /// month's payable result (republished) no longer has the team meeting its target, or earns a different pool, or whose plan no
    /// longer offers the reward, pays nothing; a share already paid in an approved month is then clawed back by the ledger's
    /// correction in the next open month, linked to the paid line. A month without a payable result keeps its shares.
    /// </summary>
    private async Task<List<GrantedAmount>> WithoutVoidPoolsAsync(List<GrantedAmount> granted, IReadOnlyDictionary<string, long> payable, CancellationToken ct)
    {
        var voided = new HashSet<(string Rule, string Leader, Period Month)>();
        foreach (var (rule, leader, month, amount) in granted.Where(g => g.Pool?.Leader is not null).Select(g => (g.Component, g.Pool!.Leader!, g.Earned, g.Pool.Pool)).Distinct().ToList())
        {
            if (!payable.TryGetValue(month.ToString(), out var runId))
            {
                continue;
            }

            var version = await CalculationService.PlanVersionForAsync(db, month, ct).ConfigureAwait(false);
            var plan = version is null ? null : Plans.StoredPlans.Of(version);
            var teamRule = plan?.TeamRewards.FirstOrDefault(t => t.Code == rule);
            var row = await db.Employees.AsNoTracking().Include(e => e.Assignments).SingleOrDefaultAsync(e => e.Id == leader, ct).ConfigureAwait(false);
            if (plan is null || teamRule is null || row is null)
            {
                voided.Add((rule, leader, month));
                continue;
            }

            var emp = DatasetBuilder.EmployeeOn(row, month.End);
            var result = await StoredAsync(db, plan, month, runId, leader, ct).ConfigureAwait(false);
            var earned = Domain.Compensation.TeamRewardPools.Earned(teamRule, result, new Dictionary<string, Employee>(StringComparer.Ordinal) { [leader] = emp });
            if (!earned.Any(p => p.Leader == leader && p.Amount == amount))
            {
                voided.Add((rule, leader, month));
            }
        }

        return [.. granted.Where(g => g.Pool?.Leader is not { } l || !voided.Contains((g.Component, l, g.Earned)))];
    }

    private static IEnumerable<Period> PeriodsOf(int year, PeriodKind kind)
    {
        var count = kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, PeriodKind.Half => 2, _ => 1 };
        for (var i = 1; i <= count; i++)
        {
            yield return new Period(kind, year, i);
        }
    }

    /// <summary>The employees as the ledger needs them (hire and leave dates; unit as assigned today) and the last day of each one's probation.</summary>
    private async Task<(List<Employee> Employees, Dictionary<string, DateOnly> Probation)> EmployeesAsync(string? only, CancellationToken ct)
    {
        var rows = await db.Employees.AsNoTracking().Include(e => e.Assignments).Where(e => only == null || e.Id == only).ToListAsync(ct).ConfigureAwait(false);
        List<Employee> employees = [.. rows.Select(e => DatasetBuilder.EmployeeOn(e, null))];
        return (employees, rows.Where(e => e.ProbationEnd is not null).ToDictionary(e => e.Id, e => e.ProbationEnd!.Value, StringComparer.Ordinal));
    }

    /// <summary>A stored run's results as the engine's result (indicators and pay lines from the stored details).</summary>
    internal static async Task<CalculationResult> StoredAsync(JixiaoDbContext db, Plan plan, Period period, long runId, string? employee, CancellationToken ct)
    {
        var rows = await db.Results.AsNoTracking().Where(r => r.RunId == runId && (employee == null || r.EmployeeId == employee)).ToListAsync(ct).ConfigureAwait(false);
        var people = rows.Select(r =>
        {
            var d = JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson);
            return new EmployeeResult(0, r.EmployeeId, d?.Name ?? r.EmployeeId, r.OrgUnitId, r.Scorecard, d?.Indicators ?? [], r.Total, r.Grade, r.Coefficient, d?.Pay ?? []);
        }).OrderBy(p => p.Employee, StringComparer.Ordinal).ToList();
        return new CalculationResult(period, plan.Code, plan.Version, people, [], 0, new Dictionary<string, Domain.Explanations.Explanation>());
    }

    /// <summary>A period computed now and not stored (for its targets), for everyone or one person from that person's rows.</summary>
    private async Task<CalculationResult> ComputedAsync(CalculationService calc, Plan plan, Period period, string? employee, CancellationToken ct)
    {
        if (employee is null)
        {
            return await calc.ComputeAsync(period, new CalculationOptions(), ct).ConfigureAwait(false)
                ?? new CalculationResult(period, plan.Code, plan.Version, [], [], 0, new Dictionary<string, Domain.Explanations.Explanation>());
        }

        var team = plan.Metrics.Any(m => m.Scope == MetricScope.Team);
        var data = await DatasetBuilder.BuildForAsync(db, period, employee, team, ct).ConfigureAwait(false);
        var result = Calculator.Run(plan, data.Dataset, period);
        return result with { Results = [.. result.Results.Where(r => r.Employee == employee)] };
    }
}
