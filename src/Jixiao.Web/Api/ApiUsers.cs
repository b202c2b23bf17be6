using System.Security.Claims;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>
/// The user helpers every API (and the pages that share their use cases) needs: who is calling, as an id for the
/// audit trail and as an <see cref="Actor"/> for the evaluation cycle's rules, and the names of users shown beside a change.
/// </summary>
public static class ApiUsers
{
    /// <summary>Who is acting: the Identity user id, or "token:N" for an integration.</summary>
    public static string? UserId(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    }

    /// <summary>Who is calling, as the cycle's rules see them.</summary>
    public static Actor ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, user.IsInRole(Roles.Hr), user.IsInRole(Roles.Admin));
    }

    /// <summary>User id → user name of the given ids.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> UserNamesAsync(JixiaoDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, StringComparer.Ordinal, ct);
    }
}
