using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Auth;

/// <summary>
/// Turns the signed-in principal into its <see cref="AccessScope"/> (once per request): the account's linked
/// employee, roles and covered unit (HR, finance) decide the level, the org tree decides the people. Every API handler asks here:
/// <see cref="ForAsync"/> for today's chart (people, the org pages), <see cref="ForPeriodAsync(ClaimsPrincipal, Period, CancellationToken)"/> for anything
/// that belongs to a period (results, ratings, targets, explanations, their exports): the chart in force on the
/// period's last day (docs/transfers.md).
/// </summary>
public sealed class ScopeResolver(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    private readonly Dictionary<DateOnly, AccessScope> _cached = [];
    private (string UserId, string? EmployeeId, string? CoveredUnitId)? _account;

    /// <summary>The scope on today's org chart.</summary>
    public Task<AccessScope> ForAsync(ClaimsPrincipal user, CancellationToken ct = default) => ForDateAsync(user, Today(), ct);

    /// <summary>The scope for records of <paramref name="period"/>: the org chart in force on the period's last day.</summary>
    public Task<AccessScope> ForPeriodAsync(ClaimsPrincipal user, Period period, CancellationToken ct = default) => ForDateAsync(user, period.End, ct);

    /// <summary>The scope for records of a stored period key ("2026-10"); today's chart when the key does not parse.</summary>
    public Task<AccessScope> ForPeriodAsync(ClaimsPrincipal user, string? period, CancellationToken ct = default) =>
        period is not null && Period.TryParse(period, out var p) ? ForPeriodAsync(user, p, ct) : ForAsync(user, ct);

    /// <summary>The scope on the org chart in force on <paramref name="asOf"/>.</summary>
    public async Task<AccessScope> ForDateAsync(ClaimsPrincipal user, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!_cached.TryGetValue(asOf, out var scope))
        {
            scope = await ComputeAsync(user, asOf, ct);
            _cached[asOf] = scope;
        }

        return scope;
    }

    private async Task<AccessScope> ComputeAsync(ClaimsPrincipal user, DateOnly asOf, CancellationToken ct)
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
        string? employeeId = null;
        if (userId is not null)
        {
            // One account lookup per request, however many dates (today's chart, a period's chart) are asked for.
            if (_account is not { } account || account.UserId != userId)
            {
                var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.EmployeeId, u.CoveredUnitId }).SingleOrDefaultAsync(ct);
                account = (userId, row?.EmployeeId, row?.CoveredUnitId);
                _account = account;
            }

            employeeId = account.EmployeeId;

            // An HR or finance account covering one unit sees that subtree (and itself), not everyone; an administrator always sees everyone.
            if (level == ScopeKind.Everyone && account.CoveredUnitId is { } covered && !user.IsInRole(Roles.Admin))
            {
                return await AccessScope.ForCoveredUnitAsync(db, covered, employeeId, comments, asOf, ct);
            }
        }

        return await AccessScope.ForAsync(db, employeeId, level, comments, asOf, ct);
    }

    /// <summary>The company's time zone (<c>Company:TimeZone</c>), in which "today" and every run's as-of date are taken.</summary>
    public CompanyTimeZone Zone => zone;

    /// <summary>Today in the company's time zone.</summary>
    public DateOnly Today() => zone.Today(time);
}
