using System.Security.Claims;
using Jixiao.Application.Access;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Who may do what to which account (docs/decisions/0020-accounts.md): an administrator manages every account and
/// grants every role; HR manages the accounts that hold neither the administrator nor the HR role and grants finance,
/// manager, supervisor and salesperson; HR covering one unit manages only accounts of employees in that unit's
/// subtree and grants manager, supervisor and salesperson. Nobody disables their own account or removes their own
/// administrator role.
/// </summary>
public sealed class AccountActor
{
    private AccountActor(string? userId, bool isAdmin, bool isHr, AccessScope scope)
    {
        UserId = userId;
        IsAdmin = isAdmin;
        IsHr = isHr;
        Scope = scope;
    }

    /// <summary>Roles a user administrator may open the account pages and API with.</summary>
    public const string Roles = Auth.Roles.Admin + "," + Auth.Roles.Hr;

    /// <summary>The roles HR may grant (and hold on accounts it manages).</summary>
    public static IReadOnlyList<string> HrGrantable { get; } = [Auth.Roles.Finance, Auth.Roles.Manager, Auth.Roles.Supervisor, Auth.Roles.Salesperson];

    /// <summary>The roles HR covering one unit may grant.</summary>
    public static IReadOnlyList<string> UnitHrGrantable { get; } = [Auth.Roles.Manager, Auth.Roles.Supervisor, Auth.Roles.Salesperson];

    public string? UserId { get; }

    public bool IsAdmin { get; }

    public bool IsHr { get; }

    /// <summary>The actor's scope on today's chart (HR covering a unit: that subtree).</summary>
    public AccessScope Scope { get; }

    /// <summary>HR whose scope is one unit's subtree.</summary>
    public bool IsUnitHr => !IsAdmin && Scope.Kind != ScopeKind.Everyone;

    /// <summary>The actor behind a signed-in principal and its scope on today's chart.</summary>
    public static AccountActor Of(ClaimsPrincipal user, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.IsInRole(Auth.Roles.Admin), user.IsInRole(Auth.Roles.Hr), scope);
    }

    /// <summary>The roles this actor may grant.</summary>
    public IReadOnlyList<string> Grantable => IsAdmin ? Auth.Roles.All : !IsHr ? [] : IsUnitHr ? UnitHrGrantable : HrGrantable;

    /// <summary>Whether the actor may change an account holding <paramref name="roles"/>, linked to <paramref name="employeeId"/>.</summary>
    public bool CanManage(IEnumerable<string> roles, string? employeeId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (IsAdmin)
        {
            return true;
        }

        if (!IsHr || roles.Any(r => r is Auth.Roles.Admin or Auth.Roles.Hr))
        {
            return false;
        }

        return !IsUnitHr || (employeeId is not null && Scope.CanSee(employeeId));
    }

    /// <summary>Whether the actor may see an account in the list (HR covering a unit: accounts of its people only).</summary>
    public bool CanView(string? employeeId) => IsAdmin || (IsHr && (!IsUnitHr || (employeeId is not null && Scope.CanSee(employeeId))));

    /// <summary>The roles of <paramref name="roles"/> the actor may not grant.</summary>
    public IReadOnlyList<string> NotGrantable(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var grantable = Grantable;
        return [.. roles.Where(r => !grantable.Contains(r, StringComparer.Ordinal))];
    }
}
