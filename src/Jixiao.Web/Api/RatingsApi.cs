using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>A rater's points for one indicator; <see cref="Comment"/> is null for readers who may not see comments (finance).</summary>
public sealed record RatingDto(string EmployeeId, string Period, string Indicator, decimal Points, string? Rater, string? Comment);

/// <summary>/api/v1/ratings: ratings entered for people in scope.</summary>
public static class RatingsApi
{
    public static IEndpointRouteBuilder MapRatingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/ratings").WithTags("Ratings").RequireAuthorization(Policies.AnyRole).MapGet("/", ListAsync);
        return app;
    }

    private static async Task<Results<Ok<List<RatingDto>>, ValidationProblem>> ListAsync(
        string? period, string? employee, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        if (ResultsApi.ParsePeriod(http, period, out var p) is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var key = p.ToString();
        var query = db.Ratings.AsNoTracking().Where(r => r.Period == key);
        if (scope.Kind != ScopeKind.Everyone)
        {
            var visible = scope.Employees.ToList();
            query = query.Where(r => visible.Contains(r.EmployeeId));
        }

        if (!string.IsNullOrWhiteSpace(employee))
        {
            query = query.Where(r => r.EmployeeId == employee);
        }

        var rows = scope.Filter(await query.OrderBy(r => r.EmployeeId).ThenBy(r => r.Indicator).ToListAsync(ct), r => r.EmployeeId)
            .Select(r => new RatingDto(r.EmployeeId, r.Period, r.Indicator, r.Points, r.Rater, scope.SeesRatingComments ? r.Comment : null))
            .ToList();
        return TypedResults.Ok(rows);
    }
}
