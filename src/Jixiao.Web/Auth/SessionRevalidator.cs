using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Jixiao.Web.Auth;

/// <summary>
/// The authentication state of an interactive page (a Blazor circuit, which outlives the request that opened it): every
/// <see cref="Interval"/> the circuit's user is checked like a cookie (<see cref="SessionStamps"/>); after sign-out,
/// a password or role change or disabling, the open page loses its user and shows the sign-in prompt.
/// </summary>
public sealed class SessionRevalidator(ILoggerFactory loggers, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>How often an open interactive page re-checks its user.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        await using var scope = scopes.CreateAsyncScope();
        return await SessionStamps.IsCurrentAsync(authenticationState.User, scope.ServiceProvider, cancellationToken);
    }
}
