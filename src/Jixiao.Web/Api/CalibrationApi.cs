using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Api;

/// <summary>One person in calibration.</summary>
public sealed record CalibrationPersonDto(
    string EmployeeId, string Name, string Unit, string UnitName, decimal Total, string? Grade, string? ScaleGrade, decimal? Coefficient, decimal PayTotal,
    IReadOnlyList<string> Grades, string? RecordedGrade, string? RecordedSource, string? RecordedReason);

/// <summary>A unit's grade counts, in the order of <see cref="CalibrationDto.Grades"/>.</summary>
public sealed record UnitDistributionDto(string Unit, string UnitName, int Headcount, IReadOnlyList<int> Counts);

/// <summary>A move the forced distribution would make, and why (<see cref="Reason"/> in the caller's language).</summary>
public sealed record CalibrationMoveDto(string EmployeeId, string Name, string Unit, string UnitName, decimal Total, string From, string To, int Rank, int Headcount, int Cap, decimal MaxShare, string Reason);

/// <summary>The calibration of a period: the run calibrated, the distribution per unit, everyone, the forced distribution's preview.</summary>
public sealed record CalibrationDto(
    string Period, string State, long? RunId, IReadOnlyList<string> Grades, IReadOnlyList<UnitDistributionDto> Units, IReadOnlyList<CalibrationPersonDto> People,
    string? ForcedPer, IReadOnlyDictionary<string, decimal>? MaxShare, IReadOnlyList<CalibrationMoveDto> Preview, long? ComputedRunId);

/// <summary>A grade adjustment: the grade and the (mandatory) reason.</summary>
public sealed record GradeAdjustmentBody(string? Grade, string? Reason);

/// <summary>An appeal's line.</summary>
public sealed record AppealLineDto(string Indicator, string Name, decimal Points, decimal MaxPoints, decimal? Corrected);

/// <summary>An appeal (申诉) and its answer.</summary>
public sealed record AppealDto(
    long Id, string Period, string EmployeeId, string Name, IReadOnlyList<AppealLineDto> Lines, string Text, DateTime FiledAt, DateOnly? AnswerDue, bool Late,
    string? Outcome, string? Answer, DateTime? AnsweredAt, string? AnsweredBy, long? RunId, IReadOnlyList<EvidenceDto> Evidence, long Version);

/// <summary>Filing an appeal: the period, the lines (indicator codes) and the text.</summary>
public sealed record AppealBody(string? Period, IReadOnlyList<string?>? Lines, string? Text);

/// <summary>One corrected line of an upheld appeal.</summary>
public sealed record AppealCorrectionBody(string? Indicator, decimal? Points);

/// <summary>Answering an appeal: <c>upheld</c> or <c>rejected</c>, the answer, the corrected points (upheld), the version read.</summary>
public sealed record AppealAnswerBody(string? Outcome, string? Answer, IReadOnlyList<AppealCorrectionBody?>? Corrections, long? Version);

/// <summary>
/// Calibration (汇总与校准) and appeals (申诉), docs/decisions/0019-evaluation-cycle.md:
/// <c>/api/v1/evaluations/{period}/calibration</c> (HR and administrators read; HR applies the forced distribution and adjusts a
/// grade with a reason) and <c>/api/v1/appeals</c> (the employee files their own and attaches evidence; HR answers, never their own).
/// Every refusal is a problem in the caller's language (<see cref="EvaluationProblems"/>) and changes nothing.
/// </summary>
public static class CalibrationApi
{
    public static IEndpointRouteBuilder MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        var calibration = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations").RequireAuthorization(Policies.AnyRole);
        calibration.MapGet("/{period}/calibration", GetAsync).RequireAuthorization(Policies.HrOrAdmin);
        calibration.MapPost("/{period}/calibration/forced-distribution", DistributeAsync);
        calibration.MapPut("/{period}/calibration/{employee}", AdjustAsync);
        var appeals = app.MapGroup("/api/v1/appeals").WithTags("Evaluations").RequireAuthorization(Policies.AnyRole);
        appeals.MapGet("/", ListAsync);
        appeals.MapPost("/", FileAsync);
        var evidence = app.ServiceProvider.GetRequiredService<EvidenceOptions>();
        appeals.MapPost("/{id}/evidence", AttachAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute((2 * evidence.MaxBytes) + (1 << 20)))
            .Accepts<IFormFile>("multipart/form-data");
        appeals.MapPost("/{id}/answer", AnswerAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        return TypedResults.Ok(Dto(http, await new Calibration(db, time, zone).GetAsync(p, id => EvaluationAccess.MayRead(http.User, scope, id), ct), null));
    }

    private static async Task<IResult> DistributeAsync(string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // HR covering one unit ranks and moves that unit's people only (administrators and company-wide HR: everyone).
        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var outcome = await new Calibration(db, time, zone).DistributeAsync(p, ApiUsers.ActorOf(http.User), id => EvaluationAccess.MayRead(http.User, scope, id), ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!, outcome.RunId));
    }

    private static async Task<IResult> AdjustAsync(
        string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        var (body, unreadable) = await input.BodyAsync<GradeAdjustmentBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var grade = input.Text(body.Grade, "grade", max: 32);
        var reason = input.Text(body.Reason, "reason", max: CalibrationRules.MaxReason);
        if (grade is null && input.Ok)
        {
            input.Refuse("grade", EvaluationPagesText.Get(input.Culture, "Api_Grade_Required"));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        if (IsStaff(http) && !EvaluationAccess.MayRead(http.User, scope, who!))
        {
            // HR covering another unit: someone outside it is answered as nobody there (others get the cycle's refusal).
            return ApiText.NotFound(http);
        }

        var outcome = await new Calibration(db, time, zone).AdjustAsync(p, who!, grade!, reason, ApiUsers.ActorOf(http.User), scope.Self, id => EvaluationAccess.MayRead(http.User, scope, id), ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(http, outcome.View!, outcome.RunId));
    }

    private static async Task<IResult> ListAsync(
        string? period, string? employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.OptionalPeriod(period);
        var who = input.Text(employee, "employee", max: 64);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // Employees see their own; managers those of the people they see; HR and administrators everyone in their scope.
        var scope = await scopes.ForAsync(http.User, ct);
        if (!IsStaff(http))
        {
            who ??= scope.Self;
        }

        if (who is not null && !EvaluationAccess.MayRead(http.User, scope, who))
        {
            return TypedResults.Ok(Array.Empty<AppealDto>());
        }

        var views = await Service(db, time, zone, options).ListAsync(p, who, ct);
        return TypedResults.Ok(await DtosAsync(db, [.. views.Where(v => EvaluationAccess.MayRead(http.User, scope, v.EmployeeId))], ct));
    }

    private static async Task<IResult> FileAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<AppealBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var p = input.Period(body.Period);
        var text = input.Text(body.Text, "text", max: AppealRules.MaxText);
        var lines = new List<string>();
        for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
        {
            if (input.Text(body.Lines![i], $"lines[{i}]", max: 100) is { } line)
            {
                lines.Add(line);
            }
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        if (scope.Self is not { } me)
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.AppealNoResult, p.ToString()));
        }

        var outcome = await Service(db, time, zone, options).FileAsync(p, me, lines, text, ApiUsers.ActorOf(http.User), ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error)
            : TypedResults.Created("/api/v1/appeals/" + outcome.View!.Id.ToString(CultureInfo.InvariantCulture), (await DtosAsync(db, [outcome.View], ct))[0]);
    }

    private static async Task<IResult> AttachAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var file = (await input.FormAsync(ct))?.Files.GetFile("file");
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (file is null)
        {
            return ApiText.Invalid(http, "file", "File_Required");
        }

        var scope = await scopes.ForAsync(http.User, ct);
        if (ApiInput.Id(id) is not { } key || scope.Self is not { } me)
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.AppealNotFound));
        }

        var outcome = await Service(db, time, zone, options).AttachAsync(key, me, ApiUsers.ActorOf(http.User), file.FileName, file.Length, async token =>
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, token);
            return buffer.ToArray();
        }, ct);
        return outcome.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok((await DtosAsync(db, [outcome.View!], ct))[0]);
    }

    private static async Task<IResult> AnswerAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, EvidenceOptions options, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<AppealAnswerBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var outcome = input.Choice(body.Outcome, "outcome", ["upheld", "rejected"]);
        var answer = input.Text(body.Answer, "answer", max: AppealRules.MaxText);
        var corrections = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < (body.Corrections?.Count ?? 0); i++)
        {
            var c = body.Corrections![i];
            var indicator = input.Text(c?.Indicator, $"corrections[{i}].indicator", max: 100);
            if (indicator is null || c?.Points is not { } points)
            {
                input.Refuse($"corrections[{i}]", EvaluationPagesText.Get(input.Culture, "Api_Correction_Required"));
                continue;
            }

            corrections[indicator] = points;
        }

        if (outcome is null && input.Ok)
        {
            input.Refuse("outcome", EvaluationPagesText.Get(input.Culture, "Api_Outcome_Required"));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        if (ApiInput.Id(id) is not { } key)
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.AppealNotFound));
        }

        // An appeal of someone outside HR's scope (HR covering another unit) is answered as one that does not exist; others
        // get the cycle's refusal.
        var service = Service(db, time, zone, options);
        if (IsStaff(http) && await service.GetAsync(key, ct) is { } appeal && !EvaluationAccess.MayRead(http.User, scope, appeal.EmployeeId))
        {
            return EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.AppealNotFound));
        }

        var result = await service.AnswerAsync(key, outcome == "upheld", answer, corrections, body.Version, ApiUsers.ActorOf(http.User), scope.Self, ct);
        return result.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok((await DtosAsync(db, [result.View!], ct))[0]);
    }

    private static bool IsStaff(HttpContext http) => http.User.IsInRole(Roles.Hr) || http.User.IsInRole(Roles.Admin);

    private static Appeals Service(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, EvidenceOptions options) => new(db, time, zone, new EvidenceStore(options));

    private static async Task<List<AppealDto>> DtosAsync(JixiaoDbContext db, IReadOnlyList<AppealView> views, CancellationToken ct)
    {
        var users = await ApiUsers.UserNamesAsync(db, views.Select(v => v.AnsweredBy), ct);
        return [.. views.Select(v => new AppealDto(v.Id, v.Period, v.EmployeeId, v.Name,
            [.. v.Lines.Select(l => new AppealLineDto(l.Indicator, l.Name, l.Points, l.MaxPoints, l.Corrected))], v.Text, v.FiledAt, v.AnswerDue, v.Late,
            v.Outcome, v.Answer, v.AnsweredAt, v.AnsweredBy is { } by ? users.GetValueOrDefault(by, by) : null, v.RunId,
            [.. v.Evidence.Select(e => new EvidenceDto(e.Id, e.FileName, e.ContentType, e.Size, e.UploadedAt, "/api/v1/evaluations/evidence/" + e.Id.ToString(CultureInfo.InvariantCulture)))],
            v.Version))];
    }

    /// <summary>The reason of a move in the caller's language.</summary>
    public static string Reason(CultureInfo culture, Domain.Grades.GradeMove m, string unitName) =>
        EvaluationPagesText.Get(culture, m.Unit.Length == 0 ? "Calibration_MoveReasonCompany" : "Calibration_MoveReason",
            m.Rank, m.Headcount, unitName, m.Cap, m.MaxShare.ToString("0.##%", culture), m.From, m.To);

    private static CalibrationDto Dto(HttpContext http, CalibrationView v, long? computed)
    {
        var culture = ApiText.Culture(http);
        return new CalibrationDto(v.Period, PeriodStates.Code(v.State), v.RunId, v.Grades,
            [.. v.Units.Select(u => new UnitDistributionDto(u.Unit, u.UnitName, u.Headcount, u.Counts))],
            [.. v.People.Select(p => new CalibrationPersonDto(p.EmployeeId, p.Name, p.Unit, p.UnitName, p.Total, p.Grade, p.ScaleGrade, p.Coefficient, p.PayTotal,
                p.Grades, p.RecordedGrade, p.RecordedSource, p.RecordedReason))],
            v.Rule is null ? null : v.Rule.Per == Domain.Grades.DistributionScope.Unit ? "unit" : "company", v.Rule?.MaxShare,
            [.. v.Preview.Select(m => new CalibrationMoveDto(m.Move.Employee, m.Name, m.Move.Unit, m.UnitName, m.Move.Total, m.Move.From, m.Move.To, m.Move.Rank,
                m.Move.Headcount, m.Move.Cap, m.Move.MaxShare, Reason(culture, m.Move, m.UnitName)))],
            computed);
    }
}
