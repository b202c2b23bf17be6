using System.Collections.Concurrent;
using System.Security.Claims;
using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Auth;

/// <summary>
/// Ends sessions when their account's security stamp changes (sign-out, password change, role change, disabling:
/// <see cref="JixiaoUserManager"/>). Every cookie request compares the stamp in the cookie with the account's: from a
/// per-process cache of stamps confirmed in the last <see cref="MaxAge"/>, so a page costs no extra query while the
/// user keeps clicking. A change made through this process forgets the account's entry at once, so the old cookie is
/// refused on its next request; a change made by another instance behind the same load balancer is seen within
/// <see cref="MaxAge"/> (docs/deployment.md).
/// </summary>
public sealed class SessionStamps(TimeProvider time)
{
    /// <summary>How long a confirmed stamp is trusted without asking the database again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset CheckedAt)> _confirmed = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Bumped by every <see cref="Forget"/>: a database read that started before it is not cached.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether <paramref name="stamp"/> was confirmed as the account's current stamp within <see cref="MaxAge"/>.</summary>
    public bool IsConfirmed(string userId, string stamp) =>
        _confirmed.TryGetValue(userId, out var entry) && string.Equals(entry.Stamp, stamp, StringComparison.Ordinal)
        && time.GetUtcNow() - entry.CheckedAt < MaxAge;

    /// <summary>Remembers a stamp just read from the database, unless the account changed since <paramref name="generation"/>.</summary>
    public void Confirm(string userId, string stamp, long generation)
    {
        var checkedAt = time.GetUtcNow();
        if (Generation == generation)
        {
            _confirmed[userId] = (stamp, checkedAt);
        }
    }

    /// <summary>Forgets what is known about the account: its next request reads the stamp from the database.</summary>
    public void Forget(string userId)
    {
        Interlocked.Increment(ref _generation);
        _confirmed.TryRemove(userId, out _);
    }

    /// <summary>The cookie's OnValidatePrincipal: refuses (and deletes) a cookie whose stamp is no longer the account's.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await IsCurrentAsync(context.Principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// Whether <paramref name="principal"/> (a signed-in person) still carries its account's security stamp: from the
    /// cache when confirmed lately, else one single-column read by primary key.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }

        var stamps = services.GetRequiredService<SessionStamps>();
        if (stamps.IsConfirmed(userId, stamp))
        {
            return true;
        }

        var generation = stamps.Generation;
        var db = services.GetRequiredService<JixiaoDbContext>();
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        if (current is null || !string.Equals(current, stamp, StringComparison.Ordinal))
        {
            return false;
        }

        stamps.Confirm(userId, stamp, generation);
        return true;
    }
}
