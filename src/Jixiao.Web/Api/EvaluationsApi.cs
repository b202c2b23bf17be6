using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Api;

/// <summary>One line of a self-assessment: the indicator of the evaluation basis and what the employee said (null: nothing yet).</summary>
public sealed record SelfAssessmentLineDto(
    string Indicator, string Name, decimal Points, decimal Weight, decimal? Actual, decimal? Target, decimal? Achievement, string? Unit, bool? Confirmed, string? Comment);

/// <summary>An evidence file; <see cref="Url"/> downloads it.</summary>
public sealed record EvidenceDto(long Id, string FileName, string ContentType, long Size, DateTime UploadedAt, string Url);

/// <summary>A self-assessment (自评): <see cref="Editable"/> when the caller can change it now, else <see cref="Locked"/> says why.</summary>
public sealed record SelfAssessmentDto(
    string Period, string EmployeeId, string Name, string State, string StateName, DateOnly? Due, bool Overdue, bool Submitted, DateTime? SubmittedAt,
    long? BasisRunId, IReadOnlyList<SelfAssessmentLineDto> Lines, IReadOnlyList<EvidenceDto> Evidence, long Version, bool Editable, string? Locked, string? LockedCode);

/// <summary>One line as the employee sends it: confirmed, or a comment saying what is not right.</summary>
public sealed record SelfAssessmentLineBody(string? Indicator, bool? Confirmed, string? Comment);

/// <summary>Saving a self-assessment: every line given so far, whether to submit, the version read.</summary>
public sealed record SelfAssessmentBody(IReadOnlyList<SelfAssessmentLineBody?>? Lines, bool? Submit, long? Version);

/// <summary>A manager scoring (上级评分) of one person.</summary>
public sealed record ManagerScoringDto(
    string Period, string EmployeeId, string Name, string? ManagerId, string State, DateOnly? Due, bool Overdue, bool SelfSubmitted,
    IReadOnlyList<SelfAssessmentLineDto> SelfAssessment, IReadOnlyList<string> Unscored, string? Comment, DateOnly? TalkOn, string? TalkNote,
    bool Submitted, DateTime? SubmittedAt, long Version, bool Editable, string? Locked, string? LockedCode);

/// <summary>Saving a manager scoring: the comment, the day of the talk (yyyy-MM-dd) and its note, whether to submit, the version read.</summary>
public sealed record ManagerScoringBody(string? Comment, string? TalkOn, string? TalkNote, bool? Submit, long? Version);

/// <summary>
/// /api/v1/evaluations: one person's evaluation of a period (docs/decisions/0019-evaluation-cycle.md). Self-assessment
/// (自评): the employee reads, saves and submits their own, attaches and removes evidence; their managers and HR read it.
/// Manager scoring (上级评分): the direct manager lists the scorings they owe, saves and submits each (the points are
/// ratings, PUT /api/v1/ratings). Every refusal is a problem in the caller's language (<see cref="EvaluationProblems"/>)
/// and changes nothing; a stale version is 409 <c>EvaluationChanged</c>.
/// </summary>
public static class EvaluationsApi
{
    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/{period}/self-assessment", GetSelfAsync);
        group.MapPut("/{period}/self-assessment", SaveSelfAsync);
        var evidence = app.ServiceProvider.GetRequiredService<EvidenceOptions>();
        group.MapPost("/{period}/self-assessment/evidence", AttachAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute((2 * evidence.MaxBytes) + (1 << 20)))
            .Accepts<IFormFile>("multipart/form-data");
        group.MapGet("/evidence/{id}", DownloadAsync);
        group.MapDelete("/evidence/{id}", RemoveAsync);
        group.MapGet("/{period}/manager-scoring", OwedAsync);
        group.MapGet("/{period}/manager-scoring/{employee}", GetScoringAsync);
        group.MapPut("/{period}/manager-scoring/{employee}", SaveScoringAsync);
        return app;
    }

    private static SelfAssessments Self(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, EvidenceOptions options) =>
        new(db, time, zone, new EvidenceStore(options));

    private static bool MayRead(HttpContext http, AccessScope scope, string employee) => EvaluationAccess.MayRead(http.User, scope, employee);

    private static async Task<IResult> GetSelfAsync(
        string period, string? employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes,
        EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        who ??= scope.Self;
        if (who is null || !MayRead(http, scope, who))
        {
            return who is null ? ApiText.Invalid(http, "employee", "Employee_Required") : ApiText.NotFound(http);
        }

        var outcome = await Self(db, time, zone, options).GetAsync(p, who, scope.Self, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!));
    }

    private static async Task<IResult> SaveSelfAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var (body, unreadable) = await input.BodyAsync<SelfAssessmentBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var lines = new List<SelfAssessmentLine>();
        for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
        {
            var line = body.Lines![i];
            var indicator = input.Text(line?.Indicator, $"lines[{i}].indicator", max: 100);
            var comment = input.Text(line?.Comment, $"lines[{i}].comment", max: SelfAssessmentRules.MaxComment);
            if (indicator is null && input.Ok)
            {
                input.Refuse($"lines[{i}].indicator", EvaluationPagesText.Get(input.Culture, "Api_Indicator_Required"));
            }

            lines.Add(new SelfAssessmentLine(indicator ?? "", line?.Confirmed ?? false, comment));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        if (scope.Self is not { } me)
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.SelfAssessmentNotYours, "—"));
        }

        var outcome = await Self(db, time, zone, options).SaveAsync(p, me, ApiUsers.ActorOf(http.User), me, lines, body.Submit ?? false, body.Version, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!));
    }

    private static async Task<IResult> AttachAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var file = input.Ok ? (await input.FormAsync(ct))?.Files.GetFile("file") : null;
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (file is null)
        {
            return ApiText.Invalid(http, "file", "File_Required");
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        if (scope.Self is not { } me)
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.SelfAssessmentNotYours, "—"));
        }

        var outcome = await Self(db, time, zone, options).AttachAsync(p, me, ApiUsers.ActorOf(http.User), me, file.FileName, file.Length, async token =>
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, token);
            return buffer.ToArray();
        }, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!));
    }

    /// <summary>The file, as an attachment of its checked type (never rendered inline), to whoever may read the evaluation it belongs to.</summary>
    private static async Task<IResult> DownloadAsync(
        string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var opened = ApiInput.Id(id) is { } key ? await Self(db, time, zone, options).OpenEvidenceAsync(key, ct) : null;
        if (opened is not { } found || !Period.TryParse(found.File.Period, out var p)
            || !MayRead(http, await scopes.ForPeriodAsync(http.User, p, ct), found.File.EmployeeId))
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.EvidenceNotFound));
        }

        return TypedResults.File(found.Content, found.File.ContentType, found.File.FileName);
    }

    private static async Task<IResult> RemoveAsync(
        string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } key)
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.EvidenceNotFound));
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var outcome = await Self(db, time, zone, options).RemoveEvidenceAsync(key, ApiUsers.ActorOf(http.User), scope.Self, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!));
    }

    private static async Task<IResult> OwedAsync(
        string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var views = scope.Self is { } me ? await new ManagerReviews(db, time, zone).ForManagerAsync(p, me, ct) : [];
        return TypedResults.Ok(views.Select(v => Dto(http, v)).ToList());
    }

    private static async Task<IResult> GetScoringAsync(
        string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var view = who is not null && MayRead(http, scope, who) ? await new ManagerReviews(db, time, zone).GetAsync(p, who, scope.Self, ct) : null;
        return view is null ? ApiText.NotFound(http) : TypedResults.Ok(Dto(http, view));
    }

    private static async Task<IResult> SaveScoringAsync(
        string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        var (body, unreadable) = await input.BodyAsync<ManagerScoringBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var talkOn = input.Date(body.TalkOn, "talkOn");
        var comment = input.Text(body.Comment, "comment", max: ManagerScoringRules.MaxComment);
        var note = input.Text(body.TalkNote, "talkNote", max: ManagerScoringRules.MaxComment);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (who is null)
        {
            return ApiText.NotFound(http);
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var outcome = await new ManagerReviews(db, time, zone).SaveAsync(p, who, ApiUsers.ActorOf(http.User), scope.Self,
            new ManagerReviewInput(comment, talkOn, note, body.Submit ?? false, body.Version), ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!));
    }

    private static SelfAssessmentLineDto Line(SelfAssessmentItem item) =>
        new(item.Indicator.Code, item.Indicator.Name, item.Indicator.Points, item.Indicator.Weight, item.Indicator.Actual, item.Indicator.Target,
            item.Indicator.Achievement, item.Indicator.Unit, item.Confirmed, item.Comment);

    private static SelfAssessmentDto Dto(HttpContext http, SelfAssessmentView v)
    {
        var culture = ApiText.Culture(http);
        return new SelfAssessmentDto(v.Period, v.EmployeeId, v.Name, PeriodStates.Code(v.State), EvaluationText.StateName(v.State, culture), v.Due, v.Overdue,
            v.Submitted, v.SubmittedAt, v.BasisRunId, [.. v.Items.Select(Line)],
            [.. v.Evidence.Select(e => new EvidenceDto(e.Id, e.FileName, e.ContentType, e.Size, e.UploadedAt, "/api/v1/evaluations/evidence/" + e.Id.ToString(CultureInfo.InvariantCulture)))],
            v.Version, v.Locked is null, v.Locked?.Message(culture), v.Locked?.Code.ToString());
    }

    private static ManagerScoringDto Dto(HttpContext http, ManagerReviewView v)
    {
        var culture = ApiText.Culture(http);
        return new ManagerScoringDto(v.Period, v.EmployeeId, v.Name, v.ManagerId, PeriodStates.Code(v.State), v.Due, v.Overdue, v.SelfSubmitted,
            [.. v.SelfItems.Select(Line)], v.Unscored, v.Comment, v.TalkOn, v.TalkNote, v.Submitted, v.SubmittedAt, v.Version,
            v.Locked is null, v.Locked?.Message(culture), v.Locked?.Code.ToString());
    }
}
