using System.Text.Json;
using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Web.Auth;
using Jixiao.Web.Plans;
using Jixiao.Web.StoredResults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>What to calculate.</summary>
public sealed record RunRequest(string? Period, string? Unit = null);

/// <summary>A stored calculation run; <see cref="Visibility"/> is draft, published or discarded (docs/decisions/0019).</summary>
public sealed record RunDto(long Id, string Period, long PlanVersionId, string InputFingerprint, string CodeVersion, string? StartedBy, DateTime StartedAt, DateTime? FinishedAt, string Status, int Computed, int Failed, IReadOnlyList<string> Errors, string Visibility = "draft");

/// <summary>How one person's outcome differs from the previous run of the same period.</summary>
public sealed record ResultChange(string EmployeeId, string Name, string Change, decimal? OldTotal, decimal? NewTotal, decimal? OldPay, decimal? NewPay, string? OldGrade, string? NewGrade);

/// <summary>A run with everyone's results and what changed since the previous run of its period.</summary>
public sealed record RunDetail(RunDto Run, long? PreviousRunId, IReadOnlyList<ResultDto> Results, IReadOnlyList<ResultChange> Changes, RunTotalsDto? Totals = null);

/// <summary>
/// The calculation page's headline figures of a run (whole run, whatever the caller's scope, as on the page): people
/// computed, the sum of their pay totals, and for an open period the sum of the projected pay totals (null when none).
/// </summary>
public sealed record RunTotalsDto(long RunId, int People, decimal PayTotal, decimal? ProjectedPayTotal);

/// <summary>One person whose outcome differs from the previous run, as a row of the calculation page's comparison.</summary>
public sealed record RunChangeRow(
    string EmployeeId, string Name, string OrgUnitId, string Change, decimal? OldTotal, decimal? NewTotal, decimal? TotalDelta,
    decimal? OldPay, decimal? NewPay, decimal? PayDelta, string? OldGrade, string? NewGrade);

/// <summary>One page of a run's comparison with the previous run of its period (<see cref="RunComparisonPage"/>).</summary>
public sealed record RunChangesPage(long RunId, long? PreviousRunId, int Total, int PageNumber, int PageSize, IReadOnlyList<RunChangeRow> Items);

/// <summary>/api/v1/runs: calculation runs (HR runs; HR, administrator and finance read whole runs).</summary>
public static class CalculationApi
{
    public static IEndpointRouteBuilder MapCalculationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runs").WithTags("Calculation");
        group.MapPost("/", RunAsync).RequireAuthorization(Policies.CalculationRun).Accepts<RunRequest>("application/json")
            .Produces<RunDetail>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.RunsRead);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.RunsRead);
        // What the calculation page shows, page by page (issue 13): CalculationPageApi.cs.
        group.MapCalculationPageApi();
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (request, unreadable) = await input.BodyAsync<RunRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var period = input.Period(request!.Period);
        var unit = input.Text(request.Unit, "unit");
        if (unit is not null && !await db.OrgUnits.AnyAsync(u => u.Id == unit, ct))
        {
            input.Refuse("unit", new OrgProblem("unit", OrgProblemCode.UnitUnknown, [ApiInput.Shown(unit)]).Message(input.Culture));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // HR covering one unit recalculates only that unit or one below it (docs/decisions/0020-accounts.md).
        var scope = await scopes.ForPeriodAsync(http.User, period, ct);
        if (scope.Kind != ScopeKind.Everyone && (unit is null || !scope.Units.Contains(unit)))
        {
            var culture = ApiText.Culture(http);
            return TypedResults.Problem(AccountsText.Get(culture, "Calc_OutsideUnit"), statusCode: StatusCodes.Status403Forbidden, title: AccountsText.Get(culture, "Forbidden_Title"));
        }

        RunOutcome? outcome;
        try
        {
            outcome = await new CalculationService(db, time, scopes.Zone).RunAsync(period, ApiUsers.UserId(http), unit, ct);
        }
        catch (EvaluationException refused)
        {
            // A closed period is never re-run: nothing is stored (docs/decisions/0019).
            return EvaluationProblems.Problem(http, refused.Error);
        }

        if (outcome is null)
        {
            return ApiText.Problem(http, StatusCodes.Status409Conflict, "NoPlan_Title", "NoPlan");
        }

        var detail = await DetailAsync(db, outcome.Run.Id, http, scope, ct);
        return TypedResults.Created($"/api/v1/runs/{outcome.Run.Id}", detail!);
    }

    private static async Task<Results<Ok<List<RunDto>>, ValidationProblem>> ListAsync(string? period, HttpContext http, JixiaoDbContext db, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var asked = input.OptionalPeriod(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var query = db.Runs.AsNoTracking();
        if (asked is { } p)
        {
            var key = p.ToString();
            query = query.Where(r => r.Period == key);
        }

        var runs = await query.OrderByDescending(r => r.Id).Take(200).ToListAsync(ct);
        var names = await PlanNames.OfVersionsAsync(db, runs.Select(r => r.PlanVersionId), ApiText.Culture(http), ct);
        return TypedResults.Ok(runs.Select(r => Dto(r, http, names.GetValueOrDefault(r.PlanVersionId))).ToList());
    }

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetAsync(string id, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var runId = ApiInput.Id(id);
        var period = runId is { } rid ? await db.Runs.AsNoTracking().Where(r => r.Id == rid).Select(r => r.Period).SingleOrDefaultAsync(ct) : null;
        var detail = period is null ? null : await DetailAsync(db, runId!.Value, http, await scopes.ForPeriodAsync(http.User, period, ct), ct);
        return detail is null ? ApiText.NotFound(http) : TypedResults.Ok(detail);
    }

    /// <summary>The run with the results and changes <paramref name="scope"/> may see (HR or finance covering a unit: that subtree's).</summary>
    private static async Task<RunDetail?> DetailAsync(JixiaoDbContext db, long id, HttpContext http, AccessScope scope, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return null;
        }

        var results = (await db.Results.AsNoTracking().Where(r => r.RunId == id).ToListAsync(ct))
            .Where(r => scope.CanSeeResult(r.EmployeeId, r.OrgUnitId))
            .Select(ResultQueries.Dto).OrderBy(r => r.EmployeeId, StringComparer.Ordinal).ToList();
        var comparison = await RunComparison.ForRunAsync(db, id, ct);
        var changes = scope.Filter(comparison!.Changes, c => c.EmployeeId).Select(c => new ResultChange(c.EmployeeId, c.Name, c.Kind.ToString().ToLowerInvariant(),
            c.OldTotal, c.NewTotal, c.OldPay, c.NewPay, c.OldGrade, c.NewGrade)).ToList();
        var names = await PlanNames.OfVersionsAsync(db, [run.PlanVersionId], ApiText.Culture(http), ct);
        var totals = await RunTotals.ForRunAsync(db, id, ct);
        return new RunDetail(Dto(run, http, names.GetValueOrDefault(run.PlanVersionId)), comparison.PreviousRunId, results, changes,
            new RunTotalsDto(id, totals.People, totals.PayTotal, totals.ProjectedPayTotal));
    }

    private static RunDto Dto(CalculationRun r, HttpContext http, PlanNames? names)
    {
        var culture = ApiText.Culture(http);
        var errors = r.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<CalculationError>>(r.ErrorsJson) ?? [];
        return new RunDto(r.Id, r.Period, r.PlanVersionId, r.InputFingerprint, r.CodeVersion, r.StartedBy, r.StartedAt, r.FinishedAt,
            r.Status.ToString().ToLowerInvariant(), r.Computed, r.Failed, [.. errors.Select(e => e.Format(culture, names?.Codes))], r.Visibility.ToString().ToLowerInvariant());
    }
}
