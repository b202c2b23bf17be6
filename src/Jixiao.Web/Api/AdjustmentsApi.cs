using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>A late correction: recorded in <see cref="Period"/>, correcting the published result of <see cref="CorrectsPeriod"/>.</summary>
public sealed record AdjustmentDto(
    long Id, string Period, string EmployeeId, string CorrectsPeriod, long CorrectsRunId, string? Item, decimal Amount, string Reason, string? CreatedBy, DateTime CreatedAt);

/// <summary>An adjustment to record: <see cref="Amount"/> CNY to the cent (negative claws back).</summary>
public sealed record AdjustmentBody(string? Period, string? EmployeeId, string? CorrectsPeriod, string? Item, decimal? Amount, string? Reason);

/// <summary>
/// /api/v1/adjustments: late corrections of closed periods (docs/decisions/0019-evaluation-cycle.md). HR records them in an
/// open period; everyone reads those of the people they may see (their own; their subtree; HR, administrators and finance all).
/// </summary>
public static class AdjustmentsApi
{
    public static IEndpointRouteBuilder MapAdjustmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/adjustments").WithTags("Adjustments").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/", ListAsync);
        group.MapPost("/", AddAsync);
        return app;
    }

    private static async Task<Results<Ok<List<AdjustmentDto>>, ValidationProblem>> ListAsync(
        string? period, string? employee, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var key = input.OptionalPeriod(period)?.ToString();
        var who = input.Text(employee, "employee");
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var rows = await new Adjustments(db, time).ListAsync(key, who, ct);
        var users = await ApiUsers.UserNamesAsync(db, rows.Select(r => r.CreatedBy), ct);
        return TypedResults.Ok(scope.Filter(rows, r => r.EmployeeId).Select(r => Dto(r, users)).ToList());
    }

    private static async Task<IResult> AddAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<AdjustmentBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var period = input.Period(body.Period);
        var corrects = input.Period(body.CorrectsPeriod, "correctsPeriod");
        var employee = input.Text(body.EmployeeId, "employeeId");
        if (employee is null)
        {
            input.Refuse("employeeId", PeriodsText.Get(input.Culture, "Api_Employee_Required"));
        }

        if (body.Amount is null)
        {
            input.Refuse("amount", PeriodsText.Get(input.Culture, "Api_Amount_Required"));
        }

        var item = input.Text(body.Item, "item");
        var reason = input.Text(body.Reason, "reason", max: 500);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new Adjustments(db, time).AddAsync(period, employee!, corrects, item, body.Amount!.Value, reason, ApiUsers.ActorOf(http.User), ct);
        if (outcome.Error is { } error)
        {
            return EvaluationProblems.Problem(http, error);
        }

        var users = await ApiUsers.UserNamesAsync(db, [outcome.Adjustment!.CreatedBy], ct);
        return TypedResults.Created($"/api/v1/adjustments?period={outcome.Adjustment.Period}", Dto(outcome.Adjustment, users));
    }

    private static AdjustmentDto Dto(Adjustment a, IReadOnlyDictionary<string, string> users) =>
        new(a.Id, a.Period, a.EmployeeId, a.CorrectsPeriod, a.CorrectsRunId, a.Item, a.Amount, a.Reason,
            a.CreatedBy is null ? null : users.GetValueOrDefault(a.CreatedBy, a.CreatedBy), a.CreatedAt);
}
