using System.Security.Claims;
using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Auth;

/// <summary>
/// Identity's claims of a signed-in account (id, name, roles, security stamp, stored claims such as the demo mark),
/// plus <see cref="MustChangePasswordClaim"/> while the account must change its password (the cookie itself says so, and
/// <see cref="Accounts.PasswordChangeGate"/> keeps such a session on the change-password page without a query) and the
/// linked employee (<see cref="EmployeeClaim"/>: the navigation shows 我的绩效 only to linked accounts, without a query).
/// </summary>
public sealed class JixiaoClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    /// <summary>Claim (value "true") of a session that must change its password before anything else.</summary>
    public const string MustChangePasswordClaim = "jixiao:must-change-password";

    /// <summary>Claim holding the linked employee's id (absent when the account is not linked); linking or unlinking ends the sessions.</summary>
    public const string EmployeeClaim = "jixiao:employee";

    /// <summary>Claim ("true"/"false") saying the session knows whether the account is linked (sessions from before it existed lack it).</summary>
    public const string LinkedClaim = "jixiao:linked";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LinkedClaim, user.EmployeeId is null ? "false" : "true"));
        if (user.EmployeeId is { } employee)
        {
            identity.AddClaim(new Claim(EmployeeClaim, employee));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
