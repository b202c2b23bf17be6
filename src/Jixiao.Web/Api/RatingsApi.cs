using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Evaluations;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>A rater's points for one indicator; <see cref="Comment"/> is null for readers who may not see comments (finance).</summary>
public sealed record RatingDto(string EmployeeId, string Period, string Indicator, decimal Points, string? Rater, string? Comment);

/// <summary>The people the caller may rate in a period, with their rating indicators (max points, rubric) and current ratings.</summary>
public sealed record RatingSheetDto(string Period, IReadOnlyList<RatedPerson> People);

/// <summary>One rating to save; <see cref="Version"/> is the token read from the sheet (null for a first rating).</summary>
public sealed record RatingItemDto(string? EmployeeId, string? Indicator, decimal? Points, string? Comment, long? Version);

/// <summary>A batch of ratings for one period, saved all or nothing.</summary>
public sealed record RatingsSaveDto(string? Period, IReadOnlyList<RatingItemDto>? Items);

/// <summary>
/// /api/v1/ratings: ratings entered for people in scope; the rating sheet of a period and a batch save
/// (managers and supervisors for their subtree, HR for everyone; nobody rates themselves).
/// </summary>
public static class RatingsApi
{
    public static IEndpointRouteBuilder MapRatingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ratings").WithTags("Ratings").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/", ListAsync);
        var raters = Exports.RaterRoles.Split(',');
        group.MapGet("/sheet", SheetAsync).RequireAuthorization(p => p.RequireRole(raters));
        group.MapPut("/", SaveAsync).RequireAuthorization(p => p.RequireRole(raters)).Accepts<RatingsSaveDto>("application/json")
            .Produces<List<RatingEntry>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Who a rating entered by <paramref name="user"/> names as its rater: their employee id, else their user name.</summary>
    public static string RaterOf(AccessScope scope, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        return scope.Self ?? user.Identity?.Name ?? "?";
    }

    private static async Task<Results<Ok<RatingSheetDto>, ValidationProblem, ProblemHttpResult>> SheetAsync(
        string? period, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var people = await new RatingService(db, time).LoadAsync(scope, p, ct);
        if (people is null)
        {
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NoPlan_Title", "NoPlan");
        }

        // Finance never opens the sheet; the rule is kept here too in case the roles change.
        var shown = scope.SeesRatingComments ? people
            : [.. people.Select(x => x with { Entries = [.. x.Entries.Select(e => e with { Comment = null })] })];
        return TypedResults.Ok(new RatingSheetDto(p.ToString(), shown));
    }

    /// <summary>
    /// Saves a batch of ratings, all or nothing: 400 with every field error (items[i].points …) in the caller's
    /// language, 404 when a person is unknown or outside the caller's subtree, 409 when a version is stale.
    /// </summary>
    private static async Task<IResult> SaveAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<RatingsSaveDto>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var p = input.Period(body!.Period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var culture = input.Culture;
        if (body.Items is not { Count: > 0 } items)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["items"] = [RatingsText.Get(culture, "NothingChanged")] },
                title: RatingsText.Get(culture, "Invalid_Title"));
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                errors[$"items[{i}]"] = [ApiText.Get(http, "Item_Empty")];
                continue;
            }

            if (items[i].Points is null)
            {
                errors[$"items[{i}].points"] = [RatingsText.Get(culture, "Error_PointsRequired")];
            }

            if (string.IsNullOrWhiteSpace(items[i].Indicator))
            {
                errors[$"items[{i}].indicator"] = [RatingsText.Get(culture, "Error_Indicator", items[i].Indicator ?? "", items[i].EmployeeId ?? "")];
            }
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var inputs = errors.Count > 0 ? [] : items.Select(x => new RatingInput(x.EmployeeId ?? "", x.Indicator ?? "", x.Points ?? 0m, x.Comment, x.Version)).ToList();
        var outcome = errors.Count > 0 ? null
            : await new RatingService(db, time).SaveAsync(scope, p, RaterOf(scope, http.User), ApiUsers.UserId(http), inputs, ct);
        if (outcome is null || outcome.Status == RatingSaveStatus.Invalid)
        {
            foreach (var e in outcome?.Errors ?? [])
            {
                var field = $"items[{e.Index}].{e.Field}";
                var message = RatingsText.Get(culture, e.Code, [.. e.Args]);
                errors[field] = errors.TryGetValue(field, out var old) ? [.. old, message] : [message];
            }

            return TypedResults.ValidationProblem(errors, title: RatingsText.Get(culture, "Invalid_Title"));
        }

        return outcome.Status switch
        {
            RatingSaveStatus.Saved => TypedResults.Ok(outcome.Saved.ToList()),
            RatingSaveStatus.NotFound => ApiText.NotFound(http),
            RatingSaveStatus.NoPlan => ApiText.Problem(http, StatusCodes.Status404NotFound, "NoPlan_Title", "NoPlan"),
            RatingSaveStatus.Closed => EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.PeriodClosed, p.ToString())),
            RatingSaveStatus.Submitted => EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.ManagerScoringSubmitted, outcome.Errors[0].Args[0], p.ToString())),
            RatingSaveStatus.NotDirectManager => EvaluationProblems.Problem(http, new EvaluationError(EvaluationErrorCode.ManagerScoringNotDirectManager, outcome.Errors[0].Args[0], p.ToString())),
            _ => Conflict(http, culture, outcome.Errors),
        };
    }

    private static ProblemHttpResult Conflict(HttpContext http, System.Globalization.CultureInfo culture, IReadOnlyList<RatingFieldError> errors)
    {
        var first = errors[0];
        var details = new HttpValidationProblemDetails(errors.ToDictionary(e => $"items[{e.Index}].version", e => new[] { RatingsText.Get(culture, e.Code, [.. e.Args]) }))
        {
            Status = StatusCodes.Status409Conflict,
            Title = RatingsText.Get(culture, "Conflict_Title"),
            Detail = RatingsText.Get(culture, "Conflict", [.. first.Args]),
        };
        return TypedResults.Problem(details);
    }

    private static async Task<Results<Ok<List<RatingDto>>, ValidationProblem>> ListAsync(
        string? period, string? employee, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        employee = input.Text(employee, "employee");
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // Scoped by the org chart of the requested period, not today's (docs/transfers.md).
        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
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
