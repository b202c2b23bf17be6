using System.Globalization;
using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Careers;
using Jixiao.Domain.Plans;
using Jixiao.Web.Auth;
using Jixiao.Web.Payroll;

namespace Jixiao.Web.Api;

/// <summary>HR's decision on a recommendation: accept (optionally naming the new category, position or tier) or reject with a reason.</summary>
public sealed record CareerDecisionRequest(string? Employee, string? Rule, string? Effective, bool? Accept, string? Reason, string? Category, string? Position, string? Tier);

/// <summary>A decision as shown: accepted or not, the reason, the change made, who decided and when.</summary>
public sealed record CareerDecisionDto(bool Accepted, string? Reason, string? Change, string DecidedBy, DateTime DecidedAt);

/// <summary>A recommendation as HR reads it: the headline ("B 张三: … → tier b2 from 2026-11"), the rule, the evidence, the pay it brings, the decision.</summary>
public sealed record CareerItemDto(string Employee, string Name, string Category, string Tier, string Rule, string RuleName, string Effective, string Headline,
    string Evidence, IReadOnlyList<string> PayChange, string State, CareerDecisionDto? Decision);

/// <summary>
/// /api/v1/careers (SPEC §9, docs/careers.md): HR and administrators read the year's recommendations; HR accepts one (an
/// effective-dated change of the person) or rejects it with a reason. Problems answer in the caller's language and change nothing.
/// </summary>
public static class CareersApi
{
    public static IEndpointRouteBuilder MapCareersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/careers").WithTags("Careers");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.HrOrAdmin);
        group.MapPost("/decisions", DecideAsync).RequireAuthorization(Policies.HrDecisions).Accepts<CareerDecisionRequest>("application/json");
        return app;
    }

    private static async Task<IResult> ListAsync(string? year, HttpContext http, JixiaoDbContext db, TimeProvider time, Application.Calendar.CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var y = input.Year(year);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var list = await ItemsAsync(db, time, y ?? zone.Today(time).Year, input.Culture, ct);
        return TypedResults.Ok(list);
    }

    /// <summary>The year's recommendations as the API and the page show them (empty when no plan or no career rules).</summary>
    public static async Task<IReadOnlyList<CareerItemDto>> ItemsAsync(JixiaoDbContext db, TimeProvider time, int year, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var items = await new CareersService(db, time, PayrollViews.Runs).ListAsync(year, ct) ?? [];
        if (items.Count == 0)
        {
            return [];
        }

        var version = await Application.CalculationRuns.CalculationService.PlanVersionForAsync(db, new Domain.Periods.Period(Domain.Periods.PeriodKind.Month, year, 12), ct);
        var plan = version is null ? null : Jixiao.Application.Plans.StoredPlans.Of(version);
        var users = await PayrollViews.UserNamesAsync(db, items.Select(i => i.Decision?.DecidedBy), ct);
        return [.. items.Select(i => Dto(i, plan, users, culture))];
    }

    private static CareerItemDto Dto(CareerItem i, Plan? plan, IReadOnlyDictionary<string, string> users, CultureInfo culture)
    {
        var r = i.Recommendation;
        var evidence = r.Explain(culture);
        var headline = CompensationText.Get(culture, "Career_Headline", i.Category, i.Name, evidence);
        IReadOnlyList<string> pay = plan is not null && r.Rule is CareerRule.TierPromotion or CareerRule.TierDemotion
            ? [.. TierPayChange.Of(plan, r.Arguments[0], r.Arguments[1]).Select(p => CompensationText.Get(culture, "Career_PayChange", Plans.PlanNames.In(p.Name, p.NameEn, p.NameZhTw, culture),
                LocaleFormat.Money(p.From, culture), LocaleFormat.Money(p.To, culture)))]
            : [];
        var state = i.Decision is null ? "open" : i.Decision.Accepted ? "accepted" : "rejected";
        var decision = i.Decision is { } d ? new CareerDecisionDto(d.Accepted, d.Reason, d.Change, users.GetValueOrDefault(d.DecidedBy, d.DecidedBy), d.DecidedAt) : null;
        return new CareerItemDto(r.Employee, i.Name, i.Category, i.Tier, CareerRuleCodes.Code(r.Rule), r.RuleName(culture), r.Effective.ToString(), headline, evidence, pay, state, decision);
    }

    private static async Task<IResult> DecideAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, Application.Calendar.CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<CareerDecisionRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var employee = input.Text(body!.Employee, "employee", 64);
        var rule = input.Choice(body.Rule, "rule", [.. Enum.GetValues<CareerRule>().Select(CareerRuleCodes.Code)]);
        var effective = input.Period(body.Effective, "effective");
        if (input.Ok && effective.Kind != Domain.Periods.PeriodKind.Month)
        {
            input.Refuse("effective", CompensationText.Get(input.Culture, "Career_EffectiveMonth", ApiInput.Shown(body.Effective)));
        }

        if (body.Accept is null)
        {
            input.Refuse("accept", CompensationText.Get(input.Culture, "Career_AcceptRequired"));
        }

        var reason = input.Text(body.Reason, "reason", 500);
        var category = input.Text(body.Category, "category", 64);
        var position = input.Text(body.Position, "position", 64);
        var tier = input.Text(body.Tier, "tier", 64);
        if (employee is null && input.Ok)
        {
            input.Refuse("employee", CompensationText.Get(input.Culture, "Career_EmployeeRequired"));
        }

        if (rule is null && input.Ok)
        {
            input.Refuse("rule", CompensationText.Get(input.Culture, "Career_RuleRequired"));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new CareersService(db, time, PayrollViews.Runs).DecideAsync(employee!, rule!, effective, body.Accept!.Value, reason, tier, category, position, ApiUsers.UserId(http)!, zone, ct);
        if (!outcome.Ok)
        {
            var message = CompensationText.Get(input.Culture, "Career_Problem_" + outcome.Problem, [.. outcome.Arguments]);
            if (outcome.Problem is CareerDecisionProblem.ReasonRequired or CareerDecisionProblem.NeedsNewPosition)
            {
                input.Refuse(outcome.Problem == CareerDecisionProblem.ReasonRequired ? "reason" : "category", message);
                return input.Problem!;
            }

            return TypedResults.Problem(message, statusCode: outcome.Problem == CareerDecisionProblem.NotRecommended ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
                title: CompensationText.Get(input.Culture, "Career_Problem_Title"), extensions: new Dictionary<string, object?> { ["code"] = outcome.Problem.ToString() });
        }

        var items = await ItemsAsync(db, time, effective.Year, input.Culture, ct);
        return TypedResults.Ok(items.First(i => i.Employee == employee && i.Rule == rule && i.Effective == effective.ToString()));
    }
}
