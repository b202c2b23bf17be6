using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.StoredResults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>
/// /api/v1/runs/{id}/comparison, /not-computed and /totals: what the 计算 page shows of a run, read-only, from the same
/// application services as the page (<see cref="RunComparisonPage"/>, <see cref="NotComputed"/>, <see cref="RunTotals"/>),
/// paged or aggregated in the database (issue 13). Same readers as GET /api/v1/runs/{id} (RunsRead); HR or finance
/// covering one unit see the rows of that subtree's people only (the totals are the page's headline: the whole run).
/// </summary>
public static class CalculationPageApi
{
    public static RouteGroupBuilder MapCalculationPageApi(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/{id}/comparison", ComparisonAsync).RequireAuthorization(Policies.RunsRead);
        group.MapGet("/{id}/not-computed", NotComputedAsync).RequireAuthorization(Policies.RunsRead);
        group.MapGet("/{id}/totals", TotalsAsync).RequireAuthorization(Policies.RunsRead);
        return group;
    }

    private static async Task<Results<Ok<RunChangesPage>, ValidationProblem, ProblemHttpResult>> ComparisonAsync(
        string id, string? page, string? pageSize, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (number, size) = input.Paging(page, pageSize);
        if (await ScopeOfRunAsync(id, http, db, scopes, ct) is not { } run)
        {
            return ApiText.NotFound(http);
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var found = await RunComparisonPage.ForRunAsync(db, run.Id, run.Scope.Kind == ScopeKind.Everyone ? null : run.Scope.Employees, number, size, ct);
        if (found is null)
        {
            return ApiText.NotFound(http);
        }

        return TypedResults.Ok(new RunChangesPage(found.RunId, found.PreviousRunId, found.Total, number, size, [.. found.Changes.Select(c => new RunChangeRow(
            c.EmployeeId, c.Name, c.OrgUnitId, c.Kind.ToString().ToLowerInvariant(), c.OldTotal, c.NewTotal, c.TotalDelta, c.OldPay, c.NewPay, c.PayDelta, c.OldGrade, c.NewGrade))]));
    }

    private static async Task<Results<Ok<Page<NotComputedRow>>, ValidationProblem, ProblemHttpResult>> NotComputedAsync(
        string id, string? page, string? pageSize, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (number, size) = input.Paging(page, pageSize);
        if (await ScopeOfRunAsync(id, http, db, scopes, ct) is not { } run)
        {
            return ApiText.NotFound(http);
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var found = await NotComputed.PageAsync(db, run.Id, run.Scope, number, size, input.Culture, ct);
        return found is { } f ? TypedResults.Ok(new Page<NotComputedRow>(f.Rows, f.Total, number, size)) : ApiText.NotFound(http);
    }

    private static async Task<Results<Ok<RunTotalsDto>, ProblemHttpResult>> TotalsAsync(string id, HttpContext http, JixiaoDbContext db, ResultCache cache, CancellationToken ct)
    {
        var totals = ApiInput.Id(id) is { } runId ? await cache.RunTotalsAsync(db, runId, ct) : null;
        return totals is null ? ApiText.NotFound(http) : TypedResults.Ok(new RunTotalsDto(ApiInput.Id(id)!.Value, totals.People, totals.PayTotal, totals.ProjectedPayTotal));
    }

    /// <summary>The run (by its route id) and the caller's scope in its period (as GET /api/v1/runs/{id}); null: no such run.</summary>
    private static async Task<(long Id, AccessScope Scope)?> ScopeOfRunAsync(string id, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } runId)
        {
            return null;
        }

        var period = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Period).SingleOrDefaultAsync(ct);
        return period is null ? null : (runId, await scopes.ForPeriodAsync(http.User, period, ct));
    }
}
