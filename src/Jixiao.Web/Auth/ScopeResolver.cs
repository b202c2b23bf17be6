using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Auth;

/// <summary>
/// Turns the signed-in principal into its <see cref="AccessScope"/> (once per request): the account's linked
/// employee and roles decide the level, the org tree decides the people. Every API handler asks here.
/// </summary>
public sealed class ScopeResolver(JixiaoDbContext db, TimeProvider time)
{
    private AccessScope? _cached;

    public async Task<AccessScope> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _cached ??= await ComputeAsync(user, ct);
    }

    private async Task<AccessScope> ComputeAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return AccessScope.Nobody;
        }

        if (user.IsToken())
        {
            // Integrations read everyone's results when granted results:read, never rating comments.
            return AccessScope.All(ratingComments: false);
        }

        var level = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Hr) || user.IsInRole(Roles.Finance) ? ScopeKind.Everyone
            : user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Supervisor) ? ScopeKind.Subtree
            : user.IsInRole(Roles.Salesperson) ? ScopeKind.Self
            : ScopeKind.None;
        var comments = !(user.IsInRole(Roles.Finance) && !user.IsInRole(Roles.Hr) && !user.IsInRole(Roles.Admin));
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var employeeId = userId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.EmployeeId).SingleOrDefaultAsync(ct);
        return await AccessScope.ForAsync(db, employeeId, level, comments, Today(), ct);
    }

    /// <summary>Today in the company's time zone (<see cref="RunClock.Company"/>).</summary>
    public DateOnly Today() => RunClock.Date(time.GetUtcNow().UtcDateTime);
}
