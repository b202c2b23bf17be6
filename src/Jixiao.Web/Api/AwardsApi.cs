using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Jixiao.Web.Payroll;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>A request for a manual award: the person, the plan's award kind, the month it is for, the amount and why.</summary>
public sealed record AwardRequest(string? Employee, string? Kind, string? Month, decimal? Amount, string? Reason);

/// <summary>A decision on an award request: approve or reject, with an optional note.</summary>
public sealed record AwardDecisionRequest(bool? Approve, string? Note);

/// <summary>A manual award as shown: names, amount, reason, state, who requested and who decided.</summary>
public sealed record AwardDto(long Id, string Employee, string Name, string Kind, string KindName, string Month, decimal Amount, string Reason, string State, string StateName,
    string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? Note);

/// <summary>
/// /api/v1/awards (docs/plan-format.md §10d): finance, HR and administrators read; HR or an administrator requests an award
/// with a reason and an amount inside the plan's range; finance or an administrator who did not request it approves or rejects.
/// </summary>
public static class AwardsApi
{
    public static IEndpointRouteBuilder MapAwardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/awards").WithTags("Awards");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapPost("", RequestAsync).RequireAuthorization(Policies.HrOrAdmin).Accepts<AwardRequest>("application/json");
        group.MapPost("/{id}/decision", DecideAsync).RequireAuthorization(Policies.PayrollApprove).Accepts<AwardDecisionRequest>("application/json");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        var awards = await new AwardsService(db, time).ListAsync(ct);
        return TypedResults.Ok(await DtosAsync(db, time, awards, culture, ct));
    }

    /// <summary>Awards as the API shows them, in <paramref name="culture"/>.</summary>
    public static async Task<IReadOnlyList<AwardDto>> DtosAsync(JixiaoDbContext db, TimeProvider time, IReadOnlyList<AwardEntity> awards, System.Globalization.CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(awards);
        ArgumentNullException.ThrowIfNull(culture);
        var ids = awards.Select(a => a.EmployeeId).Distinct().ToList();
        var people = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
        var users = await PayrollViews.UserNamesAsync(db, awards.SelectMany(a => new[] { a.RequestedBy, a.DecidedBy }), ct);
        var service = new AwardsService(db, time);
        var list = new List<AwardDto>();
        foreach (var a in awards)
        {
            var kind = (await service.KindsAsync(Period.Parse(a.Month), ct)).FirstOrDefault(k => k.Code == a.Kind);
            var state = a.State.ToString().ToLowerInvariant();
            list.Add(new AwardDto(a.Id, a.EmployeeId, people.GetValueOrDefault(a.EmployeeId, a.EmployeeId), a.Kind, kind is null ? a.Kind : Plans.PlanNames.In(kind.Name, kind.NameEn, kind.NameZhTw, culture),
                a.Month, a.Amount, a.Reason, state, CompensationText.Get(culture, "Award_State_" + state), users.GetValueOrDefault(a.RequestedBy, a.RequestedBy), a.RequestedAt,
                a.DecidedBy is { } d ? users.GetValueOrDefault(d, d) : null, a.DecidedAt, a.DecisionNote));
        }

        return list;
    }

    private static async Task<IResult> RequestAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<AwardRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var employee = input.Text(body!.Employee, "employee", 64);
        var kind = input.Text(body.Kind, "kind", 64);
        var month = input.Period(body.Month, "month");
        if (input.Ok && month.Kind != PeriodKind.Month)
        {
            input.Refuse("month", CompensationText.Get(input.Culture, "Award_MonthInvalid", ApiInput.Shown(body.Month)));
        }

        var reason = input.Text(body.Reason, "reason", 500);
        if (body.Amount is null)
        {
            input.Refuse("amount", CompensationText.Get(input.Culture, "Award_AmountRequired"));
        }

        if (employee is null)
        {
            input.Refuse("employee", CompensationText.Get(input.Culture, "Award_EmployeeRequired"));
        }
        else if (!await db.Employees.AnyAsync(e => e.Id == employee, ct))
        {
            input.Refuse("employee", CompensationText.Get(input.Culture, "Award_EmployeeUnknown", ApiInput.Shown(employee)));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new AwardsService(db, time).RequestAsync(employee!, kind ?? "", month, body.Amount!.Value, reason, ApiUsers.UserId(http)!, ct);
        if (!outcome.Ok)
        {
            var field = outcome.Problem switch { AwardProblem.UnknownKind => "kind", AwardProblem.ReasonRequired => "reason", _ => "amount" };
            input.Refuse(field, CompensationText.Get(input.Culture, "Award_Problem_" + outcome.Problem, [.. outcome.Arguments]));
            return input.Problem!;
        }

        return TypedResults.Ok((await DtosAsync(db, time, [outcome.Award!], input.Culture, ct))[0]);
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var awardId = ApiInput.Id(id);
        var (body, unreadable) = await input.BodyAsync<AwardDecisionRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (body!.Approve is null)
        {
            input.Refuse("approve", CompensationText.Get(input.Culture, "Award_ApproveRequired"));
        }

        var note = input.Text(body.Note, "note", 500);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = awardId is { } i ? await new AwardsService(db, time).DecideAsync(i, body.Approve!.Value, note, ApiUsers.UserId(http)!, ct) : null;
        if (outcome is null)
        {
            return ApiText.NotFound(http);
        }

        if (!outcome.Ok)
        {
            return TypedResults.Problem(CompensationText.Get(input.Culture, "Award_Problem_" + outcome.Problem, [.. outcome.Arguments]), statusCode: StatusCodes.Status409Conflict,
                title: CompensationText.Get(input.Culture, "Award_Problem_Title"), extensions: new Dictionary<string, object?> { ["code"] = outcome.Problem.ToString() });
        }

        return TypedResults.Ok((await DtosAsync(db, time, [outcome.Award!], input.Culture, ct))[0]);
    }
}
