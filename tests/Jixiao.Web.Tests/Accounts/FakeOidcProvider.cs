using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>
/// A minimal OpenID Connect provider on Kestrel at 127.0.0.1 (a free port): discovery document, JWKS, an authorize
/// endpoint that approves at once (answering with the form_post page the browser submits), and a token endpoint that
/// checks the client secret and the PKCE verifier and issues an RS256-signed id_token for <see cref="Subject"/> with
/// <see cref="Claims"/>. Times in the token are fixed (iat 2026-01-01, exp 2100-01-01): the test reads no clock.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "jixiao-test";
    public const string ClientSecret = "test-client-secret";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge, string Subject, Dictionary<string, string> Claims)> _codes = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>The provider user id the next authorization signs in.</summary>
    public string Subject { get; set; } = "wx-0001";

    /// <summary>More claims of the next id_token (e.g. employee_id).</summary>
    public Dictionary<string, string> Claims { get; } = new(StringComparer.Ordinal);

    /// <summary>Token requests answered (each checked for secret and PKCE).</summary>
    public int TokensIssued { get; private set; }

    public string Authority { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        var key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) => Authorize(request));
        _app.MapPost("/token", async (HttpRequest request) => await TokenAsync(request, key));
        await _app.StartAsync();
        Authority = _app.Urls.Single().TrimEnd('/');
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["code_challenge"]))
        {
            return Results.BadRequest("bad authorization request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (q["nonce"].ToString(), q["code_challenge"].ToString(), Subject, new Dictionary<string, string>(Claims, StringComparer.Ordinal));
        var redirect = q["redirect_uri"].ToString();
        var state = q["state"].ToString();
        if (q["response_mode"] == "form_post")
        {
            var html = $"""
                <html><body onload="document.forms[0].submit()"><form method="post" action="{WebUtility.HtmlEncode(redirect)}">
                <input type="hidden" name="code" value="{code}" /><input type="hidden" name="state" value="{WebUtility.HtmlEncode(state)}" />
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        }

        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request, RsaSecurityKey key)
    {
        var form = await request.ReadFormAsync();
        var (id, secret) = ClientOf(request, form);
        if (id != ClientId || secret != ClientSecret || form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (challenge != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
        }

        var claims = new Dictionary<string, object> { ["sub"] = grant.Subject, ["nonce"] = grant.Nonce, ["iat"] = 1767225600L, ["name"] = "Test " + grant.Subject };
        foreach (var (type, value) in grant.Claims)
        {
            claims[type] = value;
        }

        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            Expires = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        TokensIssued++;
        return Results.Json(new { access_token = "at-" + grant.Subject, token_type = "Bearer", expires_in = 3600, id_token = token });
    }

    private static (string? Id, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }
}
