using System.Text.Json;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>One person's stored result.</summary>
public sealed record ResultDto(
    string EmployeeId, string Name, string OrgUnitId, string Scorecard, decimal Total, string? Grade, decimal? Coefficient, decimal PayTotal,
    IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<PayLine> Pay);

/// <summary>A node of an explanation tree, with its rule in the reader's language.</summary>
public sealed record ExplanationDto(string Kind, string Label, decimal? Value, string Detail, IReadOnlyList<string> Sources, int SourceCount, IReadOnlyList<ExplanationDto> Children);

/// <summary>
/// /api/v1/results: stored results of the latest run of a period, scoped per record (own, own subtree, or
/// everyone by role); explanations recomputed by the engine for one person.
/// </summary>
public static class ResultsApi
{
    private static readonly string[] Sorts = ["employee", "name", "total", "pay", "grade", "unit"];

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/results").WithTags("Results").RequireAuthorization(Policies.ResultsRead);
        group.MapGet("/me", MeAsync).RequireAuthorization(Policies.AnyRole);
        group.MapGet("/", ListAsync);
        group.MapGet("/{employee}/explanation", ExplanationAsync);
        return app;
    }

    private static async Task<Results<Ok<ResultDto>, ValidationProblem, ProblemHttpResult>> MeAsync(
        string? period, HttpContext http, JixiaoDbContext db, CancellationToken ct)
    {
        if (ParsePeriod(http, period, out var p) is { } invalid)
        {
            return invalid;
        }

        // "Me" is the employee the account is linked to, whatever the role.
        var userId = PlansApi.UserId(http);
        var self = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.EmployeeId).SingleOrDefaultAsync(ct);
        var run = await LatestRunAsync(db, p.ToString(), ct);
        if (self is null || run is null)
        {
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", self is null ? "NotLinked" : "NoResult", p.ToString());
        }

        var row = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == run.Id && r.EmployeeId == self, ct);
        return row is null ? ApiText.NotFound(http) : TypedResults.Ok(Dto(row));
    }

    private static async Task<Results<Ok<Page<ResultDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? period, string? unit, string? q, string? sort, int? page, int? pageSize,
        HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        if (ParsePeriod(http, period, out var p) is { } invalid)
        {
            return invalid;
        }

        if (ApiText.Paging(http, page, pageSize, out var pageNumber, out var size) is { } badPage)
        {
            return badPage;
        }

        var key = (sort ?? "employee").TrimStart('-');
        if (!Sorts.Contains(key, StringComparer.Ordinal))
        {
            return ApiText.Invalid(http, "sort", "Sort_Invalid", sort, string.Join(", ", Sorts));
        }

        var run = await LatestRunAsync(db, p.ToString(), ct);
        if (run is null)
        {
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", "NoResult", p.ToString());
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var query = db.Results.AsNoTracking().Where(r => r.RunId == run.Id);
        if (scope.Kind != ScopeKind.Everyone)
        {
            var visible = scope.Employees.ToList();
            query = query.Where(r => visible.Contains(r.EmployeeId));
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            var units = (await EmployeesApi.Subtree(db, unit, ct)).ToList();
            query = query.Where(r => units.Contains(r.OrgUnitId));
        }

        // Checked per record as well, then filtered and sorted in memory (SQLite cannot order decimals).
        var rows = scope.Filter(await query.ToListAsync(ct), r => r.EmployeeId).Select(Dto);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            rows = rows.Where(r => r.EmployeeId.Contains(term, StringComparison.OrdinalIgnoreCase) || r.Name.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        var descending = sort?.StartsWith('-') == true;
        IOrderedEnumerable<ResultDto> ordered = key switch
        {
            "name" => descending ? rows.OrderByDescending(r => r.Name, StringComparer.Ordinal) : rows.OrderBy(r => r.Name, StringComparer.Ordinal),
            "total" => descending ? rows.OrderByDescending(r => r.Total) : rows.OrderBy(r => r.Total),
            "pay" => descending ? rows.OrderByDescending(r => r.PayTotal) : rows.OrderBy(r => r.PayTotal),
            "grade" => descending ? rows.OrderByDescending(r => r.Grade, StringComparer.Ordinal) : rows.OrderBy(r => r.Grade, StringComparer.Ordinal),
            "unit" => descending ? rows.OrderByDescending(r => r.OrgUnitId, StringComparer.Ordinal) : rows.OrderBy(r => r.OrgUnitId, StringComparer.Ordinal),
            _ => descending ? rows.OrderByDescending(r => r.EmployeeId, StringComparer.Ordinal) : rows.OrderBy(r => r.EmployeeId, StringComparer.Ordinal),
        };
        var all = ordered.ThenBy(r => r.EmployeeId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Page<ResultDto>(all.Skip((pageNumber - 1) * size).Take(size).ToList(), all.Count, pageNumber, size));
    }

    private static async Task<Results<Ok<ExplanationDto>, ValidationProblem, ProblemHttpResult>> ExplanationAsync(
        string employee, string? period, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        if (ParsePeriod(http, period, out var p) is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        if (!scope.CanSee(employee))
        {
            return ApiText.NotFound(http);
        }

        var result = await new CalculationService(db, time).ComputeAsync(p, new CalculationOptions { Explain = [employee] }, ct);
        if (result is null || !result.Explanations.TryGetValue(employee, out var root))
        {
            return ApiText.NotFound(http);
        }

        return TypedResults.Ok(Explain(root, ApiText.Culture(http)));
    }

    internal static ValidationProblem? ParsePeriod(HttpContext http, string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ApiText.Invalid(http, "period", "Period_Required");
        }

        return Period.TryParse(text, out period) ? null : ApiText.Invalid(http, "period", "Period_Invalid", text);
    }

    internal static Task<CalculationRun?> LatestRunAsync(JixiaoDbContext db, string period, CancellationToken ct) =>
        db.Runs.AsNoTracking().Where(r => r.Period == period && r.Status == RunStatus.Succeeded).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    internal static ResultDto Dto(PersonResult r)
    {
        var details = JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson);
        return new ResultDto(r.EmployeeId, details?.Name ?? r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal,
            details?.Indicators ?? [], details?.Pay ?? []);
    }

    private static ExplanationDto Explain(Explanation node, System.Globalization.CultureInfo culture) =>
        new(node.Kind.ToString().ToLowerInvariant(), node.Label, node.Value, ExplanationText.Detail(node, culture),
            node.Sources, node.SourceCount, [.. node.Children.Select(c => Explain(c, culture))]);
}
