using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>
/// The headline of one period's cost control on its payable result: the cap, revenue, pool, total, excess, the decision
/// if any and how many capped lines there are — without the lines (they are read a page at a time).
/// </summary>
public sealed record CostHeadline(Period Period, long RunId, CostControlPlan Plan, decimal Revenue, PoolCheck Check, CostDecisionView? Decision, int LineCount)
{
    /// <summary>True when the total exceeds the pool and no decision was taken on this result.</summary>
    public bool Undecided => Check.Exceeded && Decision is null;
}

/// <summary>One capped line as the pages list it: the person (name and unit of the period), the component, the computed amount and what the decision pays (or scaling would pay).</summary>
public sealed record CostLine(string Employee, string Name, string Unit, string Component, decimal Computed, decimal Decided);

/// <summary>Which capped lines to show: a person (id or part of the name), a unit (its id), the page (from 1) and its size.</summary>
public sealed record CostLineQuery(string? Person, string? Unit, int Page, int PageSize);

/// <summary>One page of capped lines, sorted by person (id, ordinal) then component, and how many lines match the filter.</summary>
public sealed record CostLinePage(IReadOnlyList<CostLine> Items, int Total, int Page, int PageSize);

/// <summary>
/// Cost control at scale: the headline of each period without its lines, and its lines a page at a time. A decided period's
/// figures and lines are the stored decision's (its lines are filtered, sorted and paged in SQL); an undecided or within
/// period is reviewed from its stored result once per service instance (one request or one page load) and paged in memory.
/// </summary>
public sealed partial class CostControlService
{
    private readonly Dictionary<(string Period, long Run), (CostReview Review, Dictionary<string, (string Name, string Unit)> People)> _reviews = [];

    /// <summary>Every period with a payable result under a plan with cost control, latest first, as headlines.</summary>
    public async Task<IReadOnlyList<CostHeadline>> HeadlinesAsync(CancellationToken ct = default)
    {
        var payable = await _runs(db, ct).ConfigureAwait(false);
        var list = new List<CostHeadline>();
        foreach (var (key, runId) in payable.OrderByDescending(p => Period.Parse(p.Key)))
        {
            if (await HeadlineAsync(Period.Parse(key), runId, ct).ConfigureAwait(false) is { } h)
            {
                list.Add(h);
            }
        }

        return list;
    }

    /// <summary>The headline of <paramref name="period"/> on its payable result; null when it has none or its plan has no cost control.</summary>
    public async Task<CostHeadline?> HeadlineAsync(Period period, CancellationToken ct = default)
    {
        var payable = await _runs(db, ct).ConfigureAwait(false);
        return payable.TryGetValue(period.ToString(), out var runId) ? await HeadlineAsync(period, runId, ct).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// One page of the capped lines of <paramref name="period"/>'s payable result that match <paramref name="query"/>; null
    /// when the period has no payable result under cost control.
    /// </summary>
    public async Task<CostLinePage?> LinesAsync(Period period, CostLineQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var payable = await _runs(db, ct).ConfigureAwait(false);
        var key = period.ToString();
        if (!payable.TryGetValue(key, out var runId) || await CapAsync(period, ct).ConfigureAwait(false) is not { } plan)
        {
            return null;
        }

        var skip = (int)Math.Min(int.MaxValue, ((long)query.Page - 1) * query.PageSize);
        var person = string.IsNullOrWhiteSpace(query.Person) ? null : query.Person.Trim();
        var unit = string.IsNullOrWhiteSpace(query.Unit) ? null : query.Unit.Trim();
        var decision = await db.CostDecisions.AsNoTracking().Where(d => d.Period == key && d.RunId == runId).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (decision is { } id)
        {
            var rows = from l in db.CostDecisionLines.AsNoTracking()
                       where l.DecisionId == id
                       join r in db.Results.AsNoTracking().Where(r => r.RunId == runId) on l.EmployeeId equals r.EmployeeId into rs
                       from r in rs.DefaultIfEmpty()
                       join e in db.Employees.AsNoTracking() on l.EmployeeId equals e.Id into es
                       from e in es.DefaultIfEmpty()
                       select new { l.EmployeeId, Name = e == null ? l.EmployeeId : e.Name, Unit = r == null ? "" : r.OrgUnitId, l.Component, l.Original, l.Scaled };
            if (person is not null)
            {
                rows = rows.Where(x => x.EmployeeId == person || x.Name.Contains(person));
            }

            if (unit is not null)
            {
                rows = rows.Where(x => x.Unit == unit);
            }

            var total = await rows.CountAsync(ct).ConfigureAwait(false);
            var items = await rows.OrderBy(x => x.EmployeeId).ThenBy(x => x.Component).Skip(skip).Take(query.PageSize)
                .ToListAsync(ct).ConfigureAwait(false);
            return new CostLinePage([.. items.Select(x => new CostLine(x.EmployeeId, x.Name, x.Unit, x.Component, x.Original, x.Scaled))], total, query.Page, query.PageSize);
        }

        var (review, people) = await ReviewedAsync(plan, period, runId, ct).ConfigureAwait(false);
        IEnumerable<CostLine> lines = review.Lines.Select((l, i) =>
        {
            var (name, u) = people.GetValueOrDefault(l.Employee, (l.Employee, ""));
            return new CostLine(l.Employee, name, u, l.Component, l.Amount, review.Scaled[i]);
        });
        if (person is not null)
        {
            lines = lines.Where(x => x.Employee == person || x.Name.Contains(person, StringComparison.Ordinal));
        }

        if (unit is not null)
        {
            lines = lines.Where(x => x.Unit == unit);
        }

        var matching = lines.OrderBy(x => x.Employee, StringComparer.Ordinal).ThenBy(x => x.Component, StringComparer.Ordinal).ToList();
        return new CostLinePage([.. matching.Skip(skip).Take(query.PageSize)], matching.Count, query.Page, query.PageSize);
    }

    private async Task<CostHeadline?> HeadlineAsync(Period period, long runId, CancellationToken ct)
    {
        if (await CapAsync(period, ct).ConfigureAwait(false) is not { } plan)
        {
            return null;
        }

        var key = period.ToString();
        var decision = await db.CostDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Period == key && d.RunId == runId, ct).ConfigureAwait(false);
        if (decision is not null)
        {
            var count = await db.CostDecisionLines.CountAsync(l => l.DecisionId == decision.Id, ct).ConfigureAwait(false);
            return new CostHeadline(period, runId, plan.CostControl!, decision.Revenue, new PoolCheck(decision.Total, decision.Pool, decision.Excess), View(decision), count);
        }

        var (review, _) = await ReviewedAsync(plan, period, runId, ct).ConfigureAwait(false);
        return new CostHeadline(period, runId, plan.CostControl!, review.Revenue, review.Check, null, review.Lines.Count);
    }

    /// <summary>The period's plan when it has cost control.</summary>
    private static async Task<Plan?> CapAsync(JixiaoDbContext db, Period period, CancellationToken ct)
    {
        var version = await CalculationRuns.CalculationService.PlanVersionForAsync(db, period, ct).ConfigureAwait(false);
        return version is not null && Plans.StoredPlans.Of(version) is { CostControl: not null } plan ? plan : null;
    }

    private Task<Plan?> CapAsync(Period period, CancellationToken ct) => CapAsync(db, period, ct);

    /// <summary>The review of a stored result and each person's name and unit in it, computed once per service instance.</summary>
    private async Task<(CostReview Review, Dictionary<string, (string Name, string Unit)> People)> ReviewedAsync(Plan plan, Period period, long runId, CancellationToken ct)
    {
        if (_reviews.TryGetValue((period.ToString(), runId), out var cached))
        {
            return cached;
        }

        var result = await PayrollLedger.StoredAsync(db, plan, period, runId, null, ct).ConfigureAwait(false);
        var review = Domain.Compensation.CostControl.Review(plan.CostControl!, result);
        var people = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var r in result.Results)
        {
            people[r.Employee] = (r.Name, r.OrgUnit);
        }

        return _reviews[(period.ToString(), runId)] = (review, people);
    }
}
