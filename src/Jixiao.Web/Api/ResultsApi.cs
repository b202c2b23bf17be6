using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Jixiao.Web.StoredResults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>
/// One person's stored result. In an open period the columns are the points so far and <paramref name="Projection"/>
/// holds the projected total, grade and pay (docs/decisions/0018-projection.md); null for a closed period.
/// </summary>
public sealed record ResultDto(
    string EmployeeId, string Name, string OrgUnitId, string Scorecard, decimal Total, string? Grade, decimal? Coefficient, decimal PayTotal,
    IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<PayLine> Pay, ProjectionDetails? Projection = null);

/// <summary>A node of an explanation tree, with its rule in the reader's language.</summary>
public sealed record ExplanationDto(string Kind, string Label, decimal? Value, string Detail, IReadOnlyList<string> Sources, int SourceCount, IReadOnlyList<ExplanationDto> Children);

/// <summary>
/// /api/v1/results: stored results of the latest run of a period, scoped per record (own, own subtree, or
/// everyone by role); explanations recomputed by the engine for one person.
/// </summary>
public static class ResultsApi
{
    private static readonly string[] Sorts = ResultQueries.Sorts;

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/results").WithTags("Results").RequireAuthorization(Policies.ResultsRead);
        group.MapGet("/me", MeAsync).RequireAuthorization(Policies.AnyRole);
        group.MapGet("/", ListAsync);
        group.MapGet("/{employee}/explanation", ExplanationAsync);
        return app;
    }

    private static readonly Func<JixiaoDbContext, string?, CancellationToken, Task<string?>> LinkedEmployee = EF.CompileAsyncQuery(
        (JixiaoDbContext db, string? userId, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.EmployeeId).SingleOrDefault());

    private static async Task<Results<Ok<ResultDto>, ValidationProblem, ProblemHttpResult>> MeAsync(
        string? period, HttpContext http, JixiaoDbContext db, ResultCache cache, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // "Me" is the employee the account is linked to, whatever the role.
        var userId = ApiUsers.UserId(http);
        var self = await LinkedEmployee(db, userId, ct);
        var runs = await ResultQueries.RunIndexAsync(db, ct);
        var run = runs.LatestOf(p.ToString());
        if (self is null || run is null)
        {
            return self is not null && NotPublished(http, runs, p) is { } notPublished ? notPublished
                : ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", self is null ? "NotLinked" : "NoResult", p.ToString());
        }

        // One's own result, whatever the role.
        var result = await ResultQueries.OwnAsync(db, cache, run, self, ct);
        return result is null ? ApiText.NotFound(http) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<Page<ResultDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? period, string? unit, string? q, string? sort, string? page, string? pageSize,
        HttpContext http, JixiaoDbContext db, ScopeResolver scopes, ResultCache cache, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var unitId = input.Text(unit, "unit");
        var term = input.Text(q, "q");
        var order = input.Sort(sort, Sorts);
        var (pageNumber, size) = input.Paging(page, pageSize);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var runs = await ResultQueries.RunIndexAsync(db, ct);
        var run = runs.LatestOf(p.ToString());
        if (run is null)
        {
            return NotPublished(http, runs, p) ?? ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", "NoResult", p.ToString());
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        return TypedResults.Ok(await ResultQueries.ListAsync(db, cache, scope, run, unitId, term, order, pageNumber, size, ct));
    }

    private static async Task<Results<Ok<ExplanationDto>, ValidationProblem, ProblemHttpResult>> ExplanationAsync(
        string employee, string? period, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        var id = input.Text(employee, "employee");
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var explanation = id is null ? null : await ResultQueries.ExplainAsync(db, time, scopes.Zone, scope, id, p, input.Culture, ct);
        return explanation is null ? ApiText.NotFound(http) : TypedResults.Ok(explanation);
    }

    /// <summary>
    /// 404 saying why when the period has runs but people see none of them: its results are not published yet (in
    /// evaluation or calibration); null otherwise (docs/decisions/0019).
    /// </summary>
    internal static ProblemHttpResult? NotPublished(HttpContext http, RunIndex runs, Period period)
    {
        var state = runs.StateOf(period.ToString());
        return state is PeriodState.Evaluation or PeriodState.Calibration
            ? EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.ResultsNotPublished, period.ToString(), state))
            : null;
    }
}
