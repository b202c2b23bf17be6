using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Api;

/// <summary>One assessed person's verification (跨部门复核): <see cref="Outcome"/> confirmed or returned (null: not yet), the line sent back and why.</summary>
public sealed record VerificationDto(string Period, string EmployeeId, string Name, IReadOnlyList<string> Lines, string? Outcome, string? Indicator, string? Reason, DateTime? VerifiedAt, long Version);

/// <summary>Verifying one person: <c>confirmed</c> or <c>returned</c>; returned needs the line (indicator) and the reason; the version read.</summary>
public sealed record VerificationBody(string? Outcome, string? Indicator, string? Reason, long? Version);

/// <summary>
/// <c>/api/v1/evaluations/{period}/verification</c> (docs/decisions/0019-evaluation-cycle.md): finance (or HR standing in) lists the
/// assessed people of a period in evaluation and confirms each result or sends a line back with a reason, when the plan turns
/// verification on; refusals in the caller's language, nothing changed.
/// </summary>
public static class VerificationApi
{
    /// <summary>Who verifies: finance, HR (standing in) and administrators (read).</summary>
    public const string Roles = Auth.Roles.Finance + "," + Auth.Roles.Hr + "," + Auth.Roles.Admin;

    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/{period}/verification", ListAsync);
        group.MapPut("/{period}/verification/{employee}", SaveAsync);
        return app;
    }

    private static bool Verifier(HttpContext http) =>
        http.User.IsInRole(Auth.Roles.Finance) || http.User.IsInRole(Auth.Roles.Hr) || http.User.IsInRole(Auth.Roles.Admin);

    private static async Task<IResult> ListAsync(string period, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (!Verifier(http))
        {
            return EvaluationProblems.Problem(http, new Domain.Evaluations.EvaluationError(Domain.Evaluations.EvaluationErrorCode.VerificationFinanceOnly));
        }

        return TypedResults.Ok((await new Verifications(db, time, zone).ListAsync(p, ct)).Select(Dto).ToList());
    }

    private static async Task<IResult> SaveAsync(string period, string employee, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var who = input.Text(employee, "employee", max: 64);
        var (body, unreadable) = await input.BodyAsync<VerificationBody>(ct);
        if (body is null)
        {
            return unreadable!;
        }

        var outcome = input.Choice(body.Outcome, "outcome", ["confirmed", "returned"]);
        var indicator = input.Text(body.Indicator, "indicator", max: 100);
        var reason = input.Text(body.Reason, "reason", max: Domain.Evaluations.VerificationRules.MaxReason);
        if (outcome is null && input.Ok)
        {
            input.Refuse("outcome", EvaluationPagesText.Get(input.Culture, "Api_Verification_Outcome"));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var result = await new Verifications(db, time, zone).SaveAsync(p, who!, outcome == "returned", indicator, reason, body.Version,
            ApiUsers.ActorOf(http.User), http.User.IsInRole(Auth.Roles.Finance), ct);
        return result.Error is { } error ? EvaluationProblems.Problem(http, error) : TypedResults.Ok(Dto(result.View!));
    }

    private static VerificationDto Dto(VerificationView v) =>
        new(v.Period, v.EmployeeId, v.Name, v.Lines, v.Record?.Outcome, v.Record?.Indicator, v.Record?.Reason, v.Record?.VerifiedAt, v.Record?.Version ?? 0);
}
