using System.Security.Cryptography;
using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Auth;

/// <summary>
/// Identity's sign-in manager, plus: a user name without an account costs the same password hashing as a wrong
/// password (sign-in time does not reveal which accounts exist), disabled accounts are refused (NotAllowed, only with
/// the right password), and demo accounts are refused where <see cref="DemoAccounts.Refused"/> says so (NotAllowed).
/// </summary>
public sealed class JixiaoSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    IHostEnvironment environment,
    IConfiguration configuration)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private static string? _nobodysHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // The hashing a wrong password for an existing account costs, against a hash of a random password.
            _nobodysHash ??= UserManager.PasswordHasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            _ = UserManager.PasswordHasher.VerifyHashedPassword(Nobody, _nobodysHash, password ?? "");
            return SignInResult.Failed;
        }

        if (user.IsDisabled)
        {
            // A disabled account says so only to someone who knows its password (no probing which accounts are disabled).
            return await UserManager.CheckPasswordAsync(user, password ?? "") ? SignInResult.NotAllowed : SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    /// <summary>Disabled accounts never sign in; demo accounts cannot sign in where they are refused (Production unless allowed).</summary>
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDisabled || !await base.CanSignInAsync(user))
        {
            return false;
        }

        return !DemoAccounts.Refused(environment, configuration)
            || !(await UserManager.GetClaimsAsync(user)).Any(c => c.Type == DemoAccounts.ClaimType);
    }
}
