using System.Security.Claims;

namespace Jixiao.Web.Auth;

/// <summary>
/// Demo accounts: the seeded logins whose passwords the README publishes. They carry the claim <see cref="ClaimType"/>,
/// the app bar and the sign-in page say so, and in Production they cannot sign in unless
/// <see cref="AllowInProductionKey"/> is true (docs/deployment.md).
/// </summary>
public static class DemoAccounts
{
    /// <summary>The user claim (value "true") that marks a demo account.</summary>
    public const string ClaimType = "jixiao:demo";

    /// <summary>Configuration key that lets demo accounts sign in when the environment is Production.</summary>
    public const string AllowInProductionKey = "Demo:AllowDemoAccountsInProduction";

    /// <summary>The claim stored on a demo account.</summary>
    public static Claim Claim => new(ClaimType, "true");

    /// <summary>Whether the signed-in user is a demo account.</summary>
    public static bool IsDemo(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(ClaimType, "true");
    }

    /// <summary>Whether demo accounts are refused at sign-in here: Production, unless explicitly allowed.</summary>
    public static bool Refused(IHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsProduction() && !configuration.GetValue<bool>(AllowInProductionKey);
    }
}
