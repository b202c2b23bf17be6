using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Api;

/// <summary>A follow-up note of an improvement plan.</summary>
public sealed record ImprovementNoteDto(string Note, DateTime At, string? By);

/// <summary>Someone below the plan's standard and their improvement plan (改进计划); <see cref="Version"/> 0 while none is written.</summary>
public sealed record ImprovementPlanDto(
    string Period, string EmployeeId, string Name, string? Grade, string? OwnerId, string? Goals, string? Actions, DateOnly? DueOn,
    IReadOnlyList<ImprovementNoteDto> Notes, long Version);

/// <summary>Writing a plan: goals, actions, the due date (yyyy-MM-dd) and the version read.</summary>
public sealed record ImprovementPlanBody(string? Goals, string? Actions, string? DueOn, long? Version);

/// <summary>A follow-up note.</summary>
public sealed record ImprovementNoteBody(string? Note);

/// <summary>
/// <c>/api/v1/evaluations/{period}/improvement-plans</c> (docs/decisions/0019-evaluation-cycle.md): the people below the plan's
/// standard in the published results with their plans — the employee reads their own, managers those of the people they see,
/// HR and administrators everyone; the direct manager or HR writes a plan and adds follow-up notes.
/// </summary>
public static class ImprovementPlansApi
{
    public static IEndpointRouteBuilder MapImprovementPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/{period}/improvement-plans", ListAsync);
        group.MapPut("/{period}/improvement-plans/{employee}", SaveAsync);
        group.MapPost("/{period}/improvement-plans/{employee}/notes", NoteAsync);
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
        var views = await new ImprovementPlans(db, time, zone).ListAsync(p, null, ct);
        var seen = views.Where(v => EvaluationAccess.MayRead(http.User, scope, v.EmployeeId)).ToList();
        return TypedResults.Ok(await DtosAsync(db, seen, ct));
    }

    private static async Task<IResult> SaveAsync(
        string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        var (body, unreadable) = await input.BodyAsync<ImprovementPlanBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var goals = input.Text(body.Goals, "goals", max: ImprovementRules.MaxText);
        var actions = input.Text(body.Actions, "actions", max: ImprovementRules.MaxText);
        var due = input.Date(body.DueOn, "dueOn");
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var outcome = await new ImprovementPlans(db, time, zone).SaveAsync(p, who!, goals, actions, due, body.Version, ApiUsers.ActorOf(http.User), scope.Self, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok((await DtosAsync(db, [outcome.View!], ct))[0]);
    }

    private static async Task<IResult> NoteAsync(
        string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        var (body, unreadable) = await input.BodyAsync<ImprovementNoteBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var note = input.Text(body.Note, "note", max: ImprovementRules.MaxText);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var outcome = await new ImprovementPlans(db, time, zone).NoteAsync(p, who!, note, ApiUsers.ActorOf(http.User), scope.Self, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok((await DtosAsync(db, [outcome.View!], ct))[0]);
    }

    private static async Task<List<ImprovementPlanDto>> DtosAsync(JixiaoDbContext db, IReadOnlyList<ImprovementView> views, CancellationToken ct)
    {
        var users = await ApiUsers.UserNamesAsync(db, views.SelectMany(v => v.Plan?.Notes.Select(n => n.By) ?? []), ct);
        return [.. views.Select(v => new ImprovementPlanDto(v.Period, v.EmployeeId, v.Name, v.Grade, v.OwnerId, v.Plan?.Goals, v.Plan?.Actions, v.Plan?.DueOn,
            [.. (v.Plan?.Notes ?? []).OrderBy(n => n.Id).Select(n => new ImprovementNoteDto(n.Note, n.At, n.By is { } by ? users.GetValueOrDefault(by, by) : null))],
            v.Plan?.Version ?? 0))];
    }
}
