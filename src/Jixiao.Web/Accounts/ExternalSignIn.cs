using System.Security.Claims;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Sign-in through an external OpenID Connect provider (enterprise WeChat, DingTalk, Feishu, Azure AD …), configured
/// in appsettings section <c>Authentication:Oidc</c> (docs/deployment.md, "Sign-in with an external provider"). Off
/// while <see cref="Authority"/> or <see cref="ClientId"/> is empty.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The provider's issuer URL (its <c>/.well-known/openid-configuration</c> is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button ("使用 {DisplayName} 登录").</summary>
    public string DisplayName { get; set; } = "SSO";

    /// <summary>The id_token claim that is the provider's user id, stored as the account's external login (default <c>sub</c>).</summary>
    public string ClaimForUserId { get; set; } = "sub";

    /// <summary>Space-separated scopes asked for (default <c>openid profile</c>).</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>Where the provider sends the user back (register it at the provider as https://host/signin-oidc).</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Only false for a provider on plain HTTP in a test set-up.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Matching at the first sign-in of a provider user id that no account is linked to yet (none: only links an administrator made).</summary>
    public OidcAutoLink AutoLink { get; set; } = new();

    /// <summary>Whether the external sign-in is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Automatic linking at the first external sign-in: the value of <see cref="Claim"/> (e.g. <c>preferred_username</c>,
/// <c>employee_id</c>) is compared with each account's user name (<see cref="MatchTo"/> <c>UserName</c>) or linked
/// employee id (<c>EmployeeId</c>); the one enabled account that matches is linked to the provider user id.
/// </summary>
public sealed class OidcAutoLink
{
    public string? Claim { get; set; }

    /// <summary><c>UserName</c> or <c>EmployeeId</c>.</summary>
    public string? MatchTo { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Claim) && MatchTo is "UserName" or "EmployeeId";
}

/// <summary>Registration of the provider and the sign-in endpoints (<c>/account/external</c>, its callback and the refusal page).</summary>
public static class ExternalSignIn
{
    /// <summary>Adds the OpenID Connect handler when configured (code flow with PKCE; the external cookie holds the result until the callback).</summary>
    public static AuthenticationBuilder AddJixiaoOidc(this AuthenticationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings();
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return builder;
        }

        return builder.AddOpenIdConnect(AccountService.ExternalProvider, settings.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.CallbackPath = settings.CallbackPath;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                o.Scope.Add(scope);
            }

            // A provider error or a broken answer: a page in the user's language, not an exception.
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/account/external/refused?reason=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/external", Challenge).AllowAnonymous();
        app.MapGet("/account/external/callback", CallbackAsync).AllowAnonymous();
        return app;
    }

    private static IResult Challenge(string? returnUrl, OidcSettings settings)
    {
        if (!settings.Enabled)
        {
            return TypedResults.LocalRedirect("/login");
        }

        var properties = new AuthenticationProperties { RedirectUri = "/account/external/callback?returnUrl=" + Uri.EscapeDataString(LocalUrl.OrHome(returnUrl)) };
        return TypedResults.Challenge(properties, [AccountService.ExternalProvider]);
    }

    /// <summary>
    /// Back from the provider: the provider user id (<see cref="OidcSettings.ClaimForUserId"/>) signs in the account linked
    /// to it, or (auto-link) the one account matching the configured claim, which is then linked. Unknown users and
    /// disabled accounts are refused with a page saying so; every outcome is audited.
    /// </summary>
    private static async Task<IResult> CallbackAsync(
        string? returnUrl, HttpContext http, OidcSettings settings, SignInManager<AppUser> signIn, JixiaoDbContext db, TimeProvider time)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var principal = external.Succeeded ? external.Principal : null;
        var key = principal?.FindFirstValue(settings.ClaimForUserId);
        var now = time.GetUtcNow().UtcDateTime;
        if (!settings.Enabled || principal is null || string.IsNullOrEmpty(key))
        {
            return TypedResults.LocalRedirect("/account/external/refused?reason=failed");
        }

        var users = signIn.UserManager;
        var user = await users.FindByLoginAsync(AccountService.ExternalProvider, key);
        if (user is null && settings.AutoLink.Enabled && principal.FindFirstValue(settings.AutoLink.Claim!) is { Length: > 0 } value)
        {
            user = await MatchAsync(db, users, settings.AutoLink, value);
            if (user is not null)
            {
                var linked = await users.AddLoginAsync(user, new UserLoginInfo(AccountService.ExternalProvider, key, settings.DisplayName));
                db.Audit(now, user.Id, "account.external-login.auto-link", user.UserName, $"{settings.AutoLink.Claim} {value} → provider user id {key}");
                user = linked.Succeeded ? user : null;
            }
        }

        if (user is null)
        {
            db.Audit(now, null, "account.login.external.unknown", key, "no account is linked to this provider user id");
            await db.SaveChangesAsync();
            return TypedResults.LocalRedirect("/account/external/refused?reason=unknown&id=" + Uri.EscapeDataString(key));
        }

        if (!await signIn.CanSignInAsync(user))
        {
            db.Audit(now, user.Id, "account.login.failed", user.UserName, user.IsDisabled ? "external; disabled" : "external; not allowed");
            await db.SaveChangesAsync();
            return TypedResults.LocalRedirect("/account/external/refused?reason=" + (user.IsDisabled ? "disabled" : "demo"));
        }

        db.Audit(now, user.Id, "account.login", user.UserName, "external " + key);
        await db.SaveChangesAsync();
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: AccountService.ExternalProvider);
        await SignIns.RecordAsync(db, user.NormalizedUserName!, now);
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>The one account whose user name or linked employee id equals <paramref name="value"/> and that has no link to this provider yet.</summary>
    private static async Task<AppUser?> MatchAsync(JixiaoDbContext db, UserManager<AppUser> users, OidcAutoLink rule, string value)
    {
        var normalized = users.NormalizeName(value);
        var candidates = rule.MatchTo == "UserName"
            ? await db.Users.Where(u => u.NormalizedUserName == normalized).ToListAsync()
            : await db.Users.Where(u => u.EmployeeId == value).ToListAsync();
        if (candidates.Count != 1)
        {
            return null;
        }

        var user = candidates[0];
        var logins = await users.GetLoginsAsync(user);
        return logins.Any(l => l.LoginProvider == AccountService.ExternalProvider) ? null : user;
    }

    /// <summary>Whether the principal signed in through the external provider.</summary>
    public static bool IsExternal(ClaimsPrincipal user) => user?.HasClaim(ClaimTypes.AuthenticationMethod, AccountService.ExternalProvider) == true;
}
