using System.Globalization;
using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Payroll;

/// <summary>One person's share of a split as shown.</summary>
public sealed record JointShareDto(string Employee, string Name, decimal Share);

/// <summary>
/// A joint-sale request as shown: the sale (id, owner, date, customer, amount), the shares, the state, who requested and decided,
/// and what the caller may do with it.
/// </summary>
public sealed record JointSaleDto(long Id, string Sale, string Owner, string OwnerName, DateOnly Date, string Customer, decimal Amount, string State, string StateName,
    IReadOnlyList<JointShareDto> Shares, string? Note, string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote,
    bool Mine, bool MayDecide, bool MayWithdraw);

/// <summary>A sale the form offers: id, owner, date, customer and amount.</summary>
public sealed record JointSaleCandidateDto(string Id, string Owner, string OwnerName, DateOnly Date, string Customer, decimal Amount);

/// <summary>
/// Who sees and does what with joint-sale requests (业绩分配), shared by /api/v1/credits and the /credits page. Scopes are those of
/// the org chart on the last day of the sale's month. HR, finance and administrators read every request; others the requests they
/// made, of sales they see (their own; a supervisor's or manager's team) and those they share in. The owner, a person credited or
/// a supervisor or manager above the owner requests; the head of the owner's unit or someone above (a supervisor or manager) or an
/// administrator decides — never the requester nor a person credited; the requester withdraws a waiting request.
/// </summary>
public static class JointSaleViews
{
    /// <summary>The roles that see the page.</summary>
    public const string Roles = Auth.Roles.Salesperson + "," + Auth.Roles.Supervisor + "," + Auth.Roles.Manager + "," + Auth.Roles.Hr + "," + Auth.Roles.Admin;

    /// <summary>The roles that may request a split (still only of sales they own, share or see as supervisor or manager).</summary>
    public static bool MayRequest(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Auth.Roles.Salesperson) || user.IsInRole(Auth.Roles.Supervisor) || user.IsInRole(Auth.Roles.Manager);
    }

    /// <summary>The month of a sale: its scope is the org chart of the month's last day.</summary>
    public static Period MonthOf(DateOnly date) => Period.Containing(date, PeriodKind.Month);

    /// <summary>Whether the user may read request <paramref name="r"/> (<paramref name="scope"/>: the scope of the sale's month).</summary>
    public static bool MayRead(ClaimsPrincipal user, AccessScope scope, JointSaleEntity r)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        return scope.Kind == ScopeKind.Everyone || r.RequestedBy == user.FindFirstValue(ClaimTypes.NameIdentifier) || scope.CanSee(r.OwnerId)
            || (scope.Self is { } self && r.Shares.Any(s => s.EmployeeId == self));
    }

    /// <summary>Whether the user heads the unit of <paramref name="owner"/> or one above it (a supervisor or manager), or is an administrator; never the owner.</summary>
    public static bool ManagesOwner(ClaimsPrincipal user, AccessScope scope, string owner)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Self != owner && (user.IsInRole(Auth.Roles.Admin)
            || ((user.IsInRole(Auth.Roles.Manager) || user.IsInRole(Auth.Roles.Supervisor)) && scope.Kind == ScopeKind.Subtree && scope.CanSee(owner)));
    }

    /// <summary>Whether the user may decide <paramref name="r"/> now (waiting, not theirs, not credited to them, above its owner).</summary>
    public static bool MayDecide(ClaimsPrincipal user, AccessScope scope, JointSaleEntity r)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        return r.State == JointSaleState.Pending && r.RequestedBy != user.FindFirstValue(ClaimTypes.NameIdentifier)
            && !(scope.Self is { } self && r.Shares.Any(s => s.EmployeeId == self)) && ManagesOwner(user, scope, r.OwnerId);
    }

    /// <summary>
    /// The requests the user may read, newest first: in <paramref name="period"/> and <paramref name="state"/> when given;
    /// <paramref name="view"/> "mine" keeps those the user requested or shares in, "approve" those the user may decide now.
    /// </summary>
    public static async Task<IReadOnlyList<JointSaleDto>> ListAsync(JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, ClaimsPrincipal user, Period? period,
        JointSaleState? state, string view, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var rows = await new JointSalesService(db, time).ListAsync(period, state, ct);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var kept = new List<(JointSaleEntity Row, AccessScope Scope)>();
        foreach (var r in rows)
        {
            var scope = await scopes.ForPeriodAsync(user, MonthOf(r.SaleDate), ct);
            if (!MayRead(user, scope, r))
            {
                continue;
            }

            var keep = view switch
            {
                "mine" => r.RequestedBy == userId || (scope.Self is { } self && (r.OwnerId == self || r.Shares.Any(s => s.EmployeeId == self))),
                "approve" => MayDecide(user, scope, r),
                _ => true,
            };
            if (keep)
            {
                kept.Add((r, scope));
            }
        }

        return await DtosAsync(db, user, kept, culture, ct);
    }

    /// <summary>One request as shown to the user (who may read it).</summary>
    public static async Task<JointSaleDto> DtoAsync(JixiaoDbContext db, ScopeResolver scopes, ClaimsPrincipal user, JointSaleEntity r, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(r);
        var scope = await scopes.ForPeriodAsync(user, MonthOf(r.SaleDate), ct);
        return (await DtosAsync(db, user, [(r, scope)], culture, ct))[0];
    }

    /// <summary>The sales the user may split matching <paramref name="search"/> (their own; a supervisor's or manager's team), at most 20.</summary>
    public static async Task<IReadOnlyList<JointSaleCandidateDto>> CandidatesAsync(JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, ClaimsPrincipal user,
        string? search, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (!MayRequest(user))
        {
            return [];
        }

        var scope = await scopes.ForAsync(user, ct);
        var rows = await new JointSalesService(db, time).CandidatesAsync(scope, search, 20, ct);
        var names = await NamesAsync(db, rows.Select(r => r.Owner), ct);
        return [.. rows.Select(r => new JointSaleCandidateDto(r.Id, r.Owner, names.GetValueOrDefault(r.Owner, r.Owner), r.Date, r.Customer, r.Amount))];
    }

    private static async Task<List<JointSaleDto>> DtosAsync(JixiaoDbContext db, ClaimsPrincipal user, List<(JointSaleEntity Row, AccessScope Scope)> rows, CultureInfo culture,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var names = await NamesAsync(db, rows.SelectMany(x => x.Row.Shares.Select(s => s.EmployeeId).Append(x.Row.OwnerId)), ct);
        var users = await PayrollViews.UserNamesAsync(db, rows.SelectMany(x => new[] { x.Row.RequestedBy, x.Row.DecidedBy }), ct);
        var saleIds = rows.Select(x => x.Row.SaleId).Distinct().ToList();
        var sales = await db.Sales.AsNoTracking().Where(s => saleIds.Contains(s.ExternalId)).Select(s => new { s.ExternalId, s.Customer, s.Amount })
            .ToDictionaryAsync(s => s.ExternalId, StringComparer.Ordinal, ct);
        return [.. rows.Select(x =>
        {
            var r = x.Row;
            var state = r.State.ToString().ToLowerInvariant();
            var sale = sales.GetValueOrDefault(r.SaleId);
            return new JointSaleDto(r.Id, r.SaleId, r.OwnerId, names.GetValueOrDefault(r.OwnerId, r.OwnerId), r.SaleDate, sale?.Customer ?? "", sale?.Amount ?? 0m, state,
                CreditsText.Get(culture, "Credits_State_" + state),
                [.. r.Shares.OrderByDescending(s => s.Share).ThenBy(s => s.EmployeeId, StringComparer.Ordinal).Select(s => new JointShareDto(s.EmployeeId, names.GetValueOrDefault(s.EmployeeId, s.EmployeeId), s.Share))],
                r.Note, users.GetValueOrDefault(r.RequestedBy, r.RequestedBy), r.RequestedAt, r.DecidedBy is { } by ? users.GetValueOrDefault(by, by) : null, r.DecidedAt,
                r.DecisionNote, Mine: r.RequestedBy == userId, MayDecide: MayDecide(user, x.Scope, r), MayWithdraw: r.State == JointSaleState.Pending && r.RequestedBy == userId);
        })];
    }

    private static async Task<Dictionary<string, string>> NamesAsync(JixiaoDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var list = ids.Distinct(StringComparer.Ordinal).ToList();
        return await db.Employees.AsNoTracking().Where(e => list.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
    }
}
