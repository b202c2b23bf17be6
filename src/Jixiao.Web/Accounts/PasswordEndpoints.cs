using System.Security.Claims;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;
using Jixiao.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Accounts;

/// <summary>
/// The forms of the change-password page (<c>/account/password</c>, any signed-in person) and of a first-sign-in link
/// (<c>/account/first-sign-in?token=</c>, anonymous). Both post here with the page's antiforgery token and are
/// answered with a redirect: back to the form with error codes the page puts into words, or home when done.
/// </summary>
public static class PasswordEndpoints
{
    public static IEndpointRouteBuilder MapPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/password", ChangeAsync);
        app.MapPost("/account/first-sign-in", FirstSignInAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Changes the signed-in account's own password (the current one is required). Every other session of the account
    /// ends (new security stamp); this one is signed in again, without the forced-change mark.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
        HttpContext http, SignInManager<AppUser> signIn, JixiaoDbContext db, TimeProvider time)
    {
        if (await signIn.UserManager.GetUserAsync(http.User) is not { } user)
        {
            return TypedResults.LocalRedirect("/login");
        }

        if (string.IsNullOrEmpty(newPassword) || !string.Equals(newPassword, confirmPassword, StringComparison.Ordinal))
        {
            return TypedResults.LocalRedirect("/account/password?error=mismatch");
        }

        user.MustChangePassword = false;
        var result = await signIn.UserManager.ChangePasswordAsync(user, currentPassword ?? "", newPassword);
        if (!result.Succeeded)
        {
            var codes = result.Errors.Select(e => e.Code).ToList();
            return TypedResults.LocalRedirect(codes.Contains(nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "/account/password?error=current"
                : "/account/password?error=policy&codes=" + Uri.EscapeDataString(string.Join(',', codes)));
        }

        db.Audit(time.GetUtcNow().UtcDateTime, user.Id, "account.password.change", user.UserName);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        return TypedResults.LocalRedirect("/?password=changed");
    }

    /// <summary>
    /// Sets the password of the account a valid first-sign-in link belongs to (once; the link is spent) and signs it in.
    /// An unknown, used or expired link, or a disabled account, changes nothing.
    /// </summary>
    private static async Task<IResult> FirstSignInAsync(
        [FromForm] string? token, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
        SignInManager<AppUser> signIn, JixiaoDbContext db, TimeProvider time)
    {
        var back = "/account/first-sign-in?token=" + Uri.EscapeDataString(token ?? "");
        var now = time.GetUtcNow().UtcDateTime;
        var (link, user) = await FindLinkAsync(db, signIn.UserManager, token, now);
        if (link is null || user is null)
        {
            return TypedResults.LocalRedirect(back);
        }

        if (string.IsNullOrEmpty(newPassword) || !string.Equals(newPassword, confirmPassword, StringComparison.Ordinal))
        {
            return TypedResults.LocalRedirect(back + "&error=mismatch");
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        if (await signIn.UserManager.HasPasswordAsync(user))
        {
            await signIn.UserManager.RemovePasswordAsync(user);
        }

        user.MustChangePassword = false;
        var result = await signIn.UserManager.AddPasswordAsync(user, newPassword);
        if (!result.Succeeded)
        {
            return TypedResults.LocalRedirect(back + "&error=policy&codes=" + Uri.EscapeDataString(string.Join(',', result.Errors.Select(e => e.Code))));
        }

        link.UsedAt = now;
        db.Audit(now, user.Id, "account.first-sign-in", user.UserName, "password set with a first-sign-in link");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        await SignIns.RecordAsync(db, user.NormalizedUserName!, now);
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>The unspent, unexpired link with this token and its enabled account, or nulls.</summary>
    public static async Task<(FirstSignInToken? Link, AppUser? User)> FindLinkAsync(JixiaoDbContext db, UserManager<AppUser> users, string? token, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (null, null);
        }

        var hash = AccountSecrets.Hash(token.Trim());
        var link = await db.FirstSignInTokens.SingleOrDefaultAsync(t => t.Hash == hash);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return (null, null);
        }

        var user = await users.FindByIdAsync(link.UserId);
        return user is null || user.IsDisabled ? (null, null) : (link, user);
    }
}

/// <summary>
/// Keeps a session that must change its password (<see cref="JixiaoClaimsFactory.MustChangePasswordClaim"/>, set for a
/// password sign-in) on the change-password page: other pages redirect there, the API answers 403 saying why.
/// Sign-out, the language switch, the page's own form and static files stay reachable.
/// </summary>
public static class PasswordChangeGate
{
    private static readonly string[] Open = ["/account/password", "/account/logout", "/login", "/culture", "/_framework", "/_content", "/_blazor", "/healthz"];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use((context, next) => IsHeld(context) ? HoldAsync(context) : next(context));

    /// <summary>Whether the request belongs to a session that must first change its password and is not on the way there.</summary>
    public static bool IsHeld(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        // A sign-in through the external provider is exempt: its password is the provider's.
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(JixiaoClaimsFactory.MustChangePasswordClaim, "true")
            || user.HasClaim(ClaimTypes.AuthenticationMethod, AccountService.ExternalProvider))
        {
            return false;
        }

        var path = context.Request.Path;
        if (Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // Static files (styles, scripts, fonts): a last segment with an extension.
        var last = path.Value?[(path.Value.LastIndexOf('/') + 1)..] ?? "";
        return !last.Contains('.', StringComparison.Ordinal);
    }

    private static async Task HoldAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var culture = ApiText.Culture(context);
            await TypedResults.Problem(AccountsText.Get(culture, "MustChange_Detail"), statusCode: StatusCodes.Status403Forbidden,
                title: AccountsText.Get(culture, "MustChange_Title")).ExecuteAsync(context);
            return;
        }

        context.Response.Redirect("/account/password?returnUrl=" + Uri.EscapeDataString(LocalUrl.OrHome(context.Request.Path + context.Request.QueryString)));
    }

    /// <summary>Whether the principal's session must change its password.</summary>
    public static bool MustChange(ClaimsPrincipal user) =>
        user?.HasClaim(JixiaoClaimsFactory.MustChangePasswordClaim, "true") == true && !user.HasClaim(ClaimTypes.AuthenticationMethod, AccountService.ExternalProvider);
}
