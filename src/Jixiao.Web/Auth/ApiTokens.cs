using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Auth;

/// <summary>The scopes an API token can carry; each opens exactly the endpoints named after it.</summary>
public static class TokenScopes
{
    /// <summary>Upload data for any source (a CRM pushing sales).</summary>
    public const string DataWrite = "data:write";

    /// <summary>Read calculated results of everyone (pay, grades; never rating comments).</summary>
    public const string ResultsRead = "results:read";

    /// <summary>Read org units and employees.</summary>
    public const string OrgRead = "org:read";

    public static IReadOnlyList<string> All { get; } = [DataWrite, ResultsRead, OrgRead];

    /// <summary>The claim type each granted scope is stored under.</summary>
    public const string ClaimType = "scope";
}

/// <summary>
/// Authentication for integrations: <c>Authorization: Bearer jx_…</c> is looked up by its SHA-256 hash; an
/// unrevoked token signs the request in as the integration with exactly the token's scopes (no roles).
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, JixiaoDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The default scheme: a bearer token goes to <see cref="SchemeName"/>, everything else to the Identity cookie.</summary>
    public const string CookieOrToken = "CookieOrToken";

    /// <summary>Prefix of every token (makes leaked tokens easy to find by secret scanners).</summary>
    public const string Prefix = "jx_";

    /// <summary>A new random token: shown once, stored only as its hash.</summary>
    public static string NewToken() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The bearer token of a request, if it carries one.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerOf(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        // Looked up by hash (unique index): the secret is never compared or stored in clear.
        var hash = Hash(token);
        var stored = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (stored is null || stored.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API token.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "token:" + stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, stored.Name),
        };
        claims.AddRange(stored.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(TokenScopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>Registration of the token scheme next to the Identity cookie.</summary>
public static class ApiTokenAuthentication
{
    /// <summary>Adds the token scheme and the policy scheme that picks cookie or token per request.</summary>
    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder builder)
    {
        builder.AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        builder.AddPolicyScheme(ApiTokenHandler.CookieOrToken, "Cookie or API token", o =>
            o.ForwardDefaultSelector = ctx => ApiTokenHandler.BearerOf(ctx.Request) is null ? IdentityConstants.ApplicationScheme : ApiTokenHandler.SchemeName);
        return builder;
    }

    /// <summary>Whether the principal is an integration token holding <paramref name="scope"/>.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Identity?.AuthenticationType == ApiTokenHandler.SchemeName && user.HasClaim(TokenScopes.ClaimType, scope);

    /// <summary>Whether the principal is an integration token (not a person).</summary>
    public static bool IsToken(this ClaimsPrincipal user) => user.Identity?.AuthenticationType == ApiTokenHandler.SchemeName;
}
