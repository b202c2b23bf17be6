using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>A token to create: a name and its scopes.</summary>
public sealed record TokenRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>A stored token (never its secret).</summary>
public sealed record TokenDto(long Id, string Name, IReadOnlyList<string> Scopes, string? CreatedBy, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>A newly created token: <see cref="Token"/> is shown this once and never again.</summary>
public sealed record TokenCreated(long Id, string Name, IReadOnlyList<string> Scopes, string Token);

/// <summary>/api/v1/tokens: API tokens for integrations (HR, administrator), stored as SHA-256 hashes, revocable.</summary>
public static class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tokens").WithTags("API tokens").RequireAuthorization(Policies.HrOrAdmin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync).Accepts<TokenRequest>("application/json").Produces<TokenCreated>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapDelete("/{id}", RevokeAsync);
        return app;
    }

    private static async Task<Ok<List<TokenDto>>> ListAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(tokens.Select(t => new TokenDto(t.Id, t.Name, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.CreatedBy, t.CreatedAt, t.RevokedAt)).ToList());
    }

    private static async Task<IResult> CreateAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (request, unreadable) = await input.BodyAsync<TokenRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new Dictionary<string, string[]>();
        var name = request!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            errors["name"] = [ApiText.Get(http, "TokenName_Required")];
        }

        var scopes = (request.Scopes ?? []).Select(s => (s ?? "").Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = scopes.Where(s => !TokenScopes.All.Contains(s, StringComparer.Ordinal)).Select(ApiInput.Shown).ToList();
        if (scopes.Count == 0)
        {
            errors["scopes"] = [ApiText.Get(http, "TokenScopes_Required")];
        }
        else if (unknown.Count > 0)
        {
            errors["scopes"] = [.. unknown.Select(s => ApiText.Get(http, "TokenScope_Unknown", s, string.Join(", ", TokenScopes.All)))];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: ApiText.Get(http, "Invalid_Title"));
        }

        var secret = ApiTokenHandler.NewToken();
        var now = time.GetUtcNow().UtcDateTime;
        var userId = ApiUsers.UserId(http);
        var token = new ApiToken { Name = name!, Hash = ApiTokenHandler.Hash(secret), Scopes = string.Join(' ', scopes), CreatedBy = userId, CreatedAt = now };
        db.ApiTokens.Add(token);
        db.Audit(now, userId, "token.create", name, token.Scopes);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new TokenCreated(token.Id, token.Name, scopes, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var tokenId = ApiInput.Id(id);
        var token = tokenId is null ? null : await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
        {
            return ApiText.NotFound(http);
        }

        if (token.RevokedAt is null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            token.RevokedAt = now;
            db.Audit(now, ApiUsers.UserId(http), "token.revoke", token.Name);
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.NoContent();
    }
}
