using System.Globalization;
using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Web.Auth;
using Jixiao.Web.Payroll;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>HR's decision for a period over its pool: <c>scale</c> or <c>approve_excess</c> (with a reason).</summary>
public sealed record CostDecisionRequest(string? Kind, string? Reason);

/// <summary>One capped line: the person and their unit (id and name), the component, what the period computed and what scaling pays (or the decision paid).</summary>
public sealed record CostLineDto(string Employee, string Name, string Unit, string UnitName, string Component, string ComponentName, decimal Computed, decimal Decided);

/// <summary>A decision: its kind (code and name), reason, who took it and when.</summary>
public sealed record CostDecisionDto(string Kind, string KindName, string? Reason, string DecidedBy, DateTime DecidedAt);

/// <summary>
/// The cost control of a period's payable result: the pool (kind, rate or budget), revenue, pool, total and excess; its state
/// (<c>within</c>, <c>undecided</c>, <c>scaled</c>, <c>approved</c>) with a sentence; the decision; how many capped lines it has
/// (read them a page at a time from <c>/periods/{period}/lines</c>).
/// </summary>
public sealed record CostPeriodDto(string Period, long RunId, string PoolKind, decimal PoolValue, decimal Revenue, decimal Pool, decimal Total, decimal Excess,
    string State, string Summary, CostDecisionDto? Decision, int LineCount);

/// <summary>
/// /api/v1/cost-control (seed 002 "成本控制", docs/plan-format.md §10c): finance, HR and administrators read each period's
/// variable pay against the plan's pool; HR decides for a period over it — scale to the pool or approve the excess with a
/// reason. A period's capped lines are read a page at a time (<c>page</c>, <c>pageSize</c> up to 200, default 20), sorted by
/// person, filtered by <c>person</c> (id or part of the name) and <c>unit</c> (id). Problems answer in the caller's language and change nothing.
/// </summary>
public static class CostControlApi
{
    public static IEndpointRouteBuilder MapCostControlApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cost-control").WithTags("Cost control");
        group.MapGet("/periods", ListAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapGet("/periods/{period}", GetAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapGet("/periods/{period}/lines", LinesAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapPost("/periods/{period}/decision", DecideAsync).RequireAuthorization(Policies.HrDecisions).Accepts<CostDecisionRequest>("application/json");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        var periods = await new CostControlService(db, time, PayrollViews.Runs).HeadlinesAsync(ct);
        var names = await NamesAsync(db, [.. periods.Select(p => p.Decision?.DecidedBy)], ct);
        return TypedResults.Ok(periods.Select(p => Dto(p, names, culture)).ToList());
    }

    private static async Task<IResult> GetAsync(string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var found = await new CostControlService(db, time, PayrollViews.Runs).HeadlineAsync(p, ct);
        return found is null ? Refused(http, CostDecisionProblem.NoCap, [p.ToString()], StatusCodes.Status404NotFound)
            : TypedResults.Ok(Dto(found, await NamesAsync(db, [found.Decision?.DecidedBy], ct), input.Culture));
    }

    private static async Task<IResult> LinesAsync(string period, string? person, string? unit, string? page, string? pageSize,
        HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(person, "person", 100);
        var where = input.Text(unit, "unit", 64);
        var (number, size) = input.Paging(page, pageSize);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // The default page is the page's 20 lines (Paging's default is 50).
        size = string.IsNullOrEmpty(pageSize) ? PageSize : size;
        var lines = await new CostControlService(db, time, PayrollViews.Runs).LinesAsync(p, new CostLineQuery(who, where, number, size), ct);
        return lines is null ? Refused(http, CostDecisionProblem.NoCap, [p.ToString()], StatusCodes.Status404NotFound)
            : TypedResults.Ok(Page(lines, await NamesAsync(db, [], ct), input.Culture));
    }

    /// <summary>How many capped lines a page shows.</summary>
    public const int PageSize = 20;

    /// <summary>A page of capped lines as the API and the page show it, in <paramref name="culture"/>.</summary>
    public static Page<CostLineDto> Page(CostLinePage lines, CostNames names, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(names);
        return new Page<CostLineDto>([.. lines.Items.Select(l => new CostLineDto(l.Employee, l.Name, l.Unit, names.Units.GetValueOrDefault(l.Unit, l.Unit), l.Component,
            names.Component(l.Component, culture), l.Computed, l.Decided))], lines.Total, lines.Page, lines.PageSize);
    }

    private static async Task<IResult> DecideAsync(string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var (body, unreadable) = await input.BodyAsync<CostDecisionRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var kind = input.Choice(body!.Kind, "kind", ["scale", "approve_excess"]);
        if (kind is null && input.Ok)
        {
            input.Refuse("kind", CompensationText.Get(input.Culture, "Cost_KindRequired"));
        }

        var reason = input.Text(body.Reason, "reason", 500);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var k = kind == "scale" ? CostDecisionKind.Scale : CostDecisionKind.ApproveExcess;
        var outcome = await new CostControlService(db, time, PayrollViews.Runs).DecideAsync(p, k, reason, ApiUsers.UserId(http)!, ct);
        if (!outcome.Ok)
        {
            if (outcome.Problem == CostDecisionProblem.ReasonRequired)
            {
                input.Refuse("reason", CompensationText.Get(input.Culture, "Cost_Problem_ReasonRequired", [.. outcome.Arguments]));
                return input.Problem!;
            }

            return Refused(http, outcome.Problem!.Value, outcome.Arguments,
                outcome.Problem is CostDecisionProblem.NoResult or CostDecisionProblem.NoCap ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }

        var decided = await new CostControlService(db, time, PayrollViews.Runs).HeadlineAsync(p, ct);
        return TypedResults.Ok(Dto(decided!, await NamesAsync(db, [decided!.Decision?.DecidedBy], ct), input.Culture));
    }

    /// <summary>The period's headline as the API and the page show it, in <paramref name="culture"/>.</summary>
    public static CostPeriodDto Dto(CostHeadline p, CostNames names, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(names);
        var check = p.Check;
        var state = !check.Exceeded ? "within" : p.Decision is null ? "undecided" : p.Decision.Kind == CostDecisionKind.Scale ? "scaled" : "approved";
        string Money(decimal d) => LocaleFormat.Money(d, culture);
        var summary = CompensationText.Get(culture, "Cost_State_" + state, p.Period.ToString(), Money(check.Total), Money(check.Pool), Money(check.Excess));
        CostDecisionDto? decision = p.Decision is { } d
            ? new CostDecisionDto(CostControlService.Code(d.Kind), CompensationText.Get(culture, "Cost_Kind_" + CostControlService.Code(d.Kind)), d.Reason,
                names.Users.GetValueOrDefault(d.DecidedBy, d.DecidedBy), d.DecidedAt)
            : null;
        return new CostPeriodDto(p.Period.ToString(), p.RunId, p.Plan.Cap.Kind == BonusPoolCapKind.Budget ? "budget" : "share_of_revenue", p.Plan.Cap.Value,
            p.Revenue, check.Pool, check.Total, check.Excess, state, summary, decision, p.LineCount);
    }

    /// <summary>The names the cost pages show: pay components (zh and en), org units and users.</summary>
    public sealed record CostNames(IReadOnlyDictionary<string, (string Zh, string? En)> Components, IReadOnlyDictionary<string, string> Units, IReadOnlyDictionary<string, string> Users)
    {
        public string Component(string code, CultureInfo culture) =>
            Components.TryGetValue(code, out var n) ? (culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? n.Zh : n.En ?? n.Zh) : code;
    }

    /// <summary>The names of the pay components, the org units and the users in <paramref name="deciders"/>.</summary>
    public static async Task<CostNames> NamesAsync(JixiaoDbContext db, IReadOnlyList<string?> deciders, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deciders);
        var versions = await db.PlanVersions.AsNoTracking().Select(v => v.Yaml).ToListAsync(ct);
        var components = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var yaml in versions)
        {
            foreach (var c in Jixiao.Application.Plans.StoredPlans.Of(yaml)?.Pay ?? [])
            {
                components[c.Code] = (c.Name, c.NameEn);
            }
        }

        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, StringComparer.Ordinal, ct);
        var users = await PayrollViews.UserNamesAsync(db, deciders, ct);
        return new CostNames(components, units, users);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(HttpContext http, CostDecisionProblem code, IReadOnlyList<string> args, int status)
    {
        var culture = ApiText.Culture(http);
        return TypedResults.Problem(CompensationText.Get(culture, "Cost_Problem_" + code, [.. args]), statusCode: status, title: CompensationText.Get(culture, "Cost_Problem_Title"),
            extensions: new Dictionary<string, object?> { ["code"] = code.ToString() });
    }
}
