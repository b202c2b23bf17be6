using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Api;

/// <summary>One person's feedback talk after publication (反馈面谈); <see cref="On"/> null while not held, <see cref="Version"/> 0 before any record.</summary>
public sealed record FeedbackDto(string Period, string EmployeeId, string Name, string? ManagerId, DateOnly? On, string? Note, long Version);

/// <summary>Recording a talk: the day it was held (yyyy-MM-dd), a note, the version read.</summary>
public sealed record FeedbackBody(string? On, string? Note, long? Version);

/// <summary>
/// <c>/api/v1/evaluations/{period}/feedback</c> (docs/decisions/0019-evaluation-cycle.md): the people of a published period with
/// their feedback talk — each reader sees whom <see cref="EvaluationAccess.MayRead"/> lets them; the direct manager records the
/// talk (<c>PUT …/{employee}</c>); refusals in the caller's language, nothing changed.
/// </summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/{period}/feedback", ListAsync);
        group.MapPut("/{period}/feedback/{employee}", SaveAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var views = await new FeedbackTalks(db, time, zone).ListAsync(p, null, ct);
        return TypedResults.Ok(views.Where(v => EvaluationAccess.MayRead(http.User, scope, v.EmployeeId)).Select(Dto).ToList());
    }

    private static async Task<IResult> SaveAsync(
        string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        var (body, unreadable) = await input.BodyAsync<FeedbackBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var on = input.Date(body.On, "on");
        var note = input.Text(body.Note, "note", max: FeedbackRules.MaxNote);
        if (on is null && input.Ok)
        {
            input.Refuse("on", EvaluationPagesText.Get(input.Culture, "Api_Feedback_On"));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var outcome = await new FeedbackTalks(db, time, zone).SaveAsync(p, who!, on, note, body.Version, ApiUsers.ActorOf(http.User), scope.Self, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(outcome.View!));
    }

    private static FeedbackDto Dto(FeedbackView v) => new(v.Period, v.EmployeeId, v.Name, v.ManagerId, v.On, v.Note, v.Version);
}
