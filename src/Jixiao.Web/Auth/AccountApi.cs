using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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
        db.Audit(now, null, result.Succeeded ? "account.login" : "account.login.failed", userName,
            result.IsLockedOut ? "locked out" : null);
        await db.SaveChangesAsync();
        if (result.Succeeded)
        {
            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "/" : returnUrl;
            return TypedResults.LocalRedirect(target);
        }

        return TypedResults.LocalRedirect(result.IsLockedOut ? "/login?error=locked" : "/login?error=invalid");
    }

    private static async Task<RedirectHttpResult> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }
}
