using System.Security.Claims;
using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Auth;

/// <summary>
/// Identity's claims of a signed-in account (id, name, roles, security stamp, stored claims such as the demo mark),
/// plus <see cref="MustChangePasswordClaim"/> while the account must change its password: the cookie itself says so,
/// and <see cref="Accounts.PasswordChangeGate"/> keeps such a session on the change-password page without a query.
/// </summary>
public sealed class JixiaoClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    /// <summary>Claim (value "true") of a session that must change its password before anything else.</summary>
    public const string MustChangePasswordClaim = "jixiao:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
