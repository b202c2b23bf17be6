using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>A period's deadlines (company dates; each ends at the end of that day in <see cref="PeriodDto.TimeZone"/>).</summary>
public sealed record PeriodDeadlinesDto(
    DateOnly SelfAssessment, DateOnly ManagerScoring, DateOnly? Verification, DateOnly? PublicationWindowEnd, DateOnly? Confirmation, DateOnly? BonusDue,
    IReadOnlyList<string> Extended);

/// <summary>A pending publication request.</summary>
public sealed record PeriodPublicationDto(long RunId, string? RequestedBy, DateTime? RequestedAt);

/// <summary>An extension of a deadline by HR.</summary>
public sealed record PeriodExtensionDto(string Step, DateOnly PreviousDue, DateOnly Due, string Reason, string? ExtendedBy, DateTime ExtendedAt);

/// <summary>A step the caller could take now (allowed), or the reason it would be refused.</summary>
public sealed record PeriodActionDto(string Action, string? To, string? Step, bool Allowed, string? Reason);

/// <summary>One plan period in the evaluation cycle (docs/decisions/0019-evaluation-cycle.md).</summary>
public sealed record PeriodDto(
    string Period, string Kind, string State, string StateName, DateOnly Start, DateOnly End, string TimeZone,
    PeriodDeadlinesDto? Deadlines, IReadOnlyList<string> Overdue, bool WindowEnded,
    long? VisibleRunId, long? PublishedRunId, long? BasisRunId, PeriodPublicationDto? Publication,
    DateTime? EvaluationStartedAt, DateTime? CalibrationStartedAt, DateTime? PublishedAt, string? PublishedBy, DateTime? ClosedAt,
    int OpenAppeals, long Version, IReadOnlyList<PeriodExtensionDto>? Extensions, IReadOnlyList<PeriodActionDto>? Actions);

/// <summary>A move to the next state (<c>evaluation</c>, <c>calibration</c> or <c>closed</c>), optionally at the version read.</summary>
public sealed record PeriodTransitionBody(string? To, long? Version);

/// <summary>An extension of a step's deadline to the end of <see cref="Due"/> (yyyy-MM-dd), with a reason.</summary>
public sealed record DeadlineExtensionBody(string? Step, string? Due, string? Reason);

/// <summary>The run whose publication is requested.</summary>
public sealed record PublicationBody(long? RunId);

/// <summary>
/// /api/v1/periods: the plan periods with their state, deadlines and runs (everyone signed in with a role); HR moves them
/// through the cycle, extends deadlines and requests publication; a second HR user or an administrator approves it.
/// Every refusal is a problem in the caller's language (<see cref="EvaluationProblems"/>), and changes nothing.
/// Also POST /api/v1/runs/{id}/discard (HR).
/// </summary>
public static class PeriodsApi
{
    public static IEndpointRouteBuilder MapPeriodsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/periods").WithTags("Periods").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/", ListAsync);
        group.MapGet("/{period}", GetAsync);
        group.MapPost("/{period}/transitions", AdvanceAsync);
        group.MapPost("/{period}/deadlines", ExtendAsync);
        group.MapPost("/{period}/publication", RequestAsync);
        group.MapPost("/{period}/publication/approve", ApproveAsync);
        group.MapDelete("/{period}/publication", CancelAsync);
        app.MapPost("/api/v1/runs/{id:long}/discard", DiscardAsync).WithTags("Calculation").RequireAuthorization(Policies.AnyRole);
        return app;
    }

    private static async Task<Ok<List<PeriodDto>>> ListAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var views = await new PeriodCatalog(db, time, zone).ListAsync(ct);
        return TypedResults.Ok(await DtosAsync(http, db, time, zone, views, ct));
    }

    // Route and body values are read by ApiInput (docs/decisions/0006): a bad one answers a field error in the caller's
    // language, a broken or non-JSON body 400/415, never the framework's own refusal.
    private static async Task<IResult> GetAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var view = await new PeriodCatalog(db, time, zone).GetAsync(p, ct);
        return TypedResults.Ok((await DtosAsync(http, db, time, zone, [view], ct))[0]);
    }

    private static async Task<IResult> AdvanceAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var (body, unreadable) = await input.BodyAsync<PeriodTransitionBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        if (!PeriodStates.TryParse(body.To, out var to))
        {
            input.Refuse("to", PeriodsText.Get(input.Culture, "Api_To_Invalid", ApiInput.Shown(body.To)));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new PeriodWorkflow(db, time, zone).AdvanceAsync(p, to, ApiUsers.ActorOf(http.User), body.Version, ct);
        return await ResultAsync(http, db, time, zone, outcome, ct);
    }

    private static async Task<IResult> ExtendAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var (body, unreadable) = await input.BodyAsync<DeadlineExtensionBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        if (!EvaluationSteps.TryParse(body.Step, out var step))
        {
            input.Refuse("step", PeriodsText.Get(input.Culture, "Api_Step_Invalid", ApiInput.Shown(body.Step)));
        }

        if (!DateOnly.TryParseExact(body.Due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) || !WorkingDayCalendar.Supports(due))
        {
            input.Refuse("due", PeriodsText.Get(input.Culture, "Api_Due_Invalid", ApiInput.Shown(body.Due)));
        }

        var reason = input.Text(body.Reason, "reason", max: 500);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new PeriodWorkflow(db, time, zone).ExtendAsync(p, step, due, reason, ApiUsers.ActorOf(http.User), ct);
        return await ResultAsync(http, db, time, zone, outcome, ct);
    }

    private static async Task<IResult> RequestAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var (body, unreadable) = await input.BodyAsync<PublicationBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        if (body.RunId is not { } runId)
        {
            input.Refuse("runId", PeriodsText.Get(input.Culture, "Api_RunId_Required"));
            runId = 0;
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new Publication(db, time, zone).RequestAsync(p, runId, ApiUsers.ActorOf(http.User), ct);
        return await ResultAsync(http, db, time, zone, outcome, ct);
    }

    private static async Task<IResult> ApproveAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new Publication(db, time, zone).ApproveAsync(p, ApiUsers.ActorOf(http.User), ct);
        return await ResultAsync(http, db, time, zone, outcome, ct);
    }

    private static async Task<IResult> CancelAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var outcome = await new Publication(db, time, zone).CancelAsync(p, ApiUsers.ActorOf(http.User), ct);
        return await ResultAsync(http, db, time, zone, outcome, ct);
    }

    private static async Task<Results<Ok<PeriodDto>, ValidationProblem, ProblemHttpResult>> DiscardAsync(
        long id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var outcome = await new Publication(db, time, zone).DiscardAsync(id, ApiUsers.ActorOf(http.User), ct);
        return await ResultAsync(http, db, time, zone, outcome, ct);
    }

    private static async Task<Results<Ok<PeriodDto>, ValidationProblem, ProblemHttpResult>> ResultAsync(
        HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CycleOutcome outcome, CancellationToken ct)
    {
        if (outcome.Error is { } error)
        {
            return EvaluationProblems.Problem(http, error);
        }

        return TypedResults.Ok((await DtosAsync(http, db, time, zone, [outcome.Period!], ct))[0]);
    }

    /// <summary>The periods as the API shows them; HR and administrators also get the extensions' reasons and the actions open to them.</summary>
    private static async Task<List<PeriodDto>> DtosAsync(
        HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, IReadOnlyList<PeriodView> views, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        var actor = ApiUsers.ActorOf(http.User);
        var staff = actor.IsHr || actor.IsAdmin;
        var users = await ApiUsers.UserNamesAsync(db,
            views.SelectMany(v => (string?[])[v.Request?.RequestedBy, v.PublishedBy, .. v.Extensions.Select(e => e.ExtendedBy)]), ct);
        string? Name(string? id) => id is null ? null : users.GetValueOrDefault(id, id);
        var result = new List<PeriodDto>(views.Count);
        foreach (var v in views)
        {
            var d = v.Deadlines;
            var actions = staff ? await PeriodActions.ForAsync(db, time, zone, v, actor, ct) : null;
            result.Add(new PeriodDto(
                v.Key, KindCode(v.Period.Kind), PeriodStates.Code(v.State), EvaluationText.StateName(v.State, culture), v.Period.Start, v.Period.End, zone.Id,
                d is null ? null : new PeriodDeadlinesDto(d.SelfAssessment, d.ManagerScoring, d.Verification, d.PublicationWindowEnd, d.Confirmation, d.BonusDue,
                    [.. d.Extended.Select(EvaluationSteps.Code)]),
                [.. v.Overdue.Select(EvaluationSteps.Code)], v.WindowEnded,
                v.Visible?.Id, v.PublishedRunId, v.BasisRunId,
                v.Request is { } r ? new PeriodPublicationDto(r.Run.Id, Name(r.RequestedBy), v.RequestedAt) : null,
                v.EvaluationStartedAt, v.CalibrationStartedAt, v.PublishedAt, Name(v.PublishedBy), v.ClosedAt, v.OpenAppeals, v.Version,
                staff ? [.. v.Extensions.Select(e => new PeriodExtensionDto(e.Step, e.PreviousDue, e.Due, e.Reason, Name(e.ExtendedBy), e.ExtendedAt))] : null,
                actions?.Select(a => new PeriodActionDto(a.Action, a.To is { } to ? PeriodStates.Code(to) : null, a.Step is { } s ? EvaluationSteps.Code(s) : null,
                    a.Allowed, a.Refusal?.Message(culture))).ToList()));
        }

        return result;
    }

    /// <summary>month, quarter, half or year.</summary>
    public static string KindCode(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "month",
        PeriodKind.Quarter => "quarter",
        PeriodKind.Half => "half",
        _ => "year",
    };
}
