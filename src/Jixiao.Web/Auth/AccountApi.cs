using Jixiao.Application.Persistence;
using Jixiao.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Auth;

/// <summary>Sign-in and sign-out for the UI (cookie); forms post here with an antiforgery token.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", LogoutAsync);
        return app;
    }

    private static async Task<RedirectHttpResult> LoginAsync(
        [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, JixiaoDbContext db, TimeProvider time)
    {
        var result = await signIn.PasswordSignInAsync(userName ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
        var now = time.GetUtcNow().UtcDateTime;

        // NotAllowed only comes from JixiaoSignInManager: a disabled account (right password), or a demo account where demo accounts are refused.
        var disabled = result.IsNotAllowed && await db.Users.AnyAsync(u => u.NormalizedUserName == signIn.UserManager.NormalizeName(userName) && u.IsDisabled);
        db.Audit(now, null, result.Succeeded ? "account.login" : "account.login.failed", userName,
            result.IsLockedOut ? "locked out" : disabled ? "disabled" : result.IsNotAllowed ? "demo account refused" : null);
        await db.SaveChangesAsync();
        if (result.Succeeded)
        {
            await SignIns.RecordAsync(db, signIn.UserManager.NormalizeName(userName ?? ""), now);
            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }

        return TypedResults.LocalRedirect(result.IsLockedOut ? "/login?error=locked" : disabled ? "/login?error=disabled" : result.IsNotAllowed ? "/login?error=demo" : "/login?error=invalid");
    }

    /// <summary>
    /// Signs out and renews the account's security stamp, so that this cookie (and any copy of it, and the account's
    /// other sessions) stops working at once (<see cref="SessionStamps"/>). The form's antiforgery token is required: another site cannot sign users out.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, BadRequest>> LogoutAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn, JixiaoDbContext db, TimeProvider time)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            db.Audit(time.GetUtcNow().UtcDateTime, user.Id, "account.logout", user.UserName);
            await db.SaveChangesAsync();
        }

        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }
}

/// <summary>Records successful sign-ins on the account (<see cref="AppUser.LastSignInAt"/>) without touching its version.</summary>
public static class SignIns
{
    /// <summary>Sets the last sign-in of the account with <paramref name="normalizedUserName"/> (one UPDATE; the concurrency stamp stays).</summary>
    public static Task RecordAsync(JixiaoDbContext db, string normalizedUserName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => u.NormalizedUserName == normalizedUserName).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
    }
}
