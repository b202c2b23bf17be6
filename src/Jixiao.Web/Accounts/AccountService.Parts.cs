using System.Globalization;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Accounts;

/// <summary>Checks, new accounts, secrets, audit snapshots and reads of <see cref="AccountService"/>.</summary>
public sealed partial class AccountService
{
    /// <summary>Status filters of <see cref="ListAsync"/>.</summary>
    public static readonly string[] Statuses = ["active", "disabled", "locked", "must-change", "linked", "unlinked"];

    /// <summary>One page of the accounts the actor may see, filtered by text (user name, display name, employee id or name), role and status.</summary>
    public async Task<Api.Page<AccountDto>> ListAsync(AccountActor actor, string? q, string? role, string? status, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var query = db.Users.AsNoTracking();
        if (!actor.IsAdmin && actor.IsUnitHr)
        {
            var visible = actor.Scope.Employees.ToList();
            query = query.Where(u => u.EmployeeId != null && visible.Contains(u.EmployeeId));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var named = db.Employees.Where(e => e.Name.Contains(term)).Select(e => e.Id);
            query = query.Where(u => u.UserName!.Contains(term) || (u.DisplayName != null && u.DisplayName.Contains(term))
                || (u.EmployeeId != null && (u.EmployeeId.Contains(term) || named.Contains(u.EmployeeId))));
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            var holders = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == role select ur.UserId;
            query = query.Where(u => holders.Contains(u.Id));
        }

        query = status switch
        {
            "active" => query.Where(u => !u.IsDisabled),
            "disabled" => query.Where(u => u.IsDisabled),
            "must-change" => query.Where(u => u.MustChangePassword),
            "linked" => query.Where(u => u.EmployeeId != null),
            "unlinked" => query.Where(u => u.EmployeeId == null),
            _ => query,
        };

        var rows = await query.OrderBy(u => u.UserName).ToListAsync(ct);
        if (status == "locked")
        {
            // SQLite cannot compare DateTimeOffset columns: the lock state is checked on the rows read.
            var now = time.GetUtcNow();
            rows = [.. rows.Where(u => u.LockoutEnd > now)];
        }

        var pageRows = rows.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new Api.Page<AccountDto>(await DtosAsync(actor, pageRows, ct), rows.Count, page, pageSize);
    }

    /// <summary>
    /// The employees the actor may make accounts for, as listed today, filtered by unit subtree, position, text, and
    /// (when <paramref name="withoutAccount"/>) only those without an account; each with the user name of its account.
    /// </summary>
    public async Task<List<AccountCandidate>> CandidatesAsync(AccountActor actor, string? unit, string? position, string? q, bool withoutAccount, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var people = await PeopleQueries.FilterAsync(db, actor.Scope, today, unit, position, q, "id", ct);
        var ids = people.Select(p => p.Id).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => u.EmployeeId != null)
            .Select(u => new { u.EmployeeId, u.UserName }).ToListAsync(ct);
        var byEmployee = accounts.GroupBy(a => a.EmployeeId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().UserName, StringComparer.Ordinal);
        return [.. people.Select(p => new AccountCandidate(p.Id, p.Name, p.OrgUnitId, p.UnitName, p.Position, byEmployee.GetValueOrDefault(p.Id)))
            .Where(c => !withoutAccount || c.AccountUserName is null)];
    }

    private static List<string> CheckRoles(List<AccountProblem> problems, IReadOnlyList<string>? requested)
    {
        var roles = (requested ?? []).Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var unknown in roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)))
        {
            problems.Add(new("roles", "Role_Unknown", unknown, string.Join(", ", Roles.All)));
        }

        if (roles.Count == 0)
        {
            problems.Add(new("roles", "Role_Required"));
        }

        return roles;
    }

    private async Task<EmployeeEntity?> CheckEmployeeAsync(List<AccountProblem> problems, string? employeeId, string? accountId, CancellationToken ct)
    {
        var id = Clean(employeeId);
        if (id is null)
        {
            return null;
        }

        var employee = await db.Employees.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null)
        {
            problems.Add(new("employeeId", "Employee_NotFound", id));
            return null;
        }

        var other = await db.Users.AsNoTracking().Where(u => u.EmployeeId == id && u.Id != accountId).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            problems.Add(new("employeeId", "Employee_HasAccount", id, other));
        }

        return employee;
    }

    private async Task<string?> CheckCoveredUnitAsync(List<AccountProblem> problems, string? unitId, List<string> roles, CancellationToken ct)
    {
        var id = Clean(unitId);
        if (id is null)
        {
            return null;
        }

        if (!roles.Contains(Roles.Hr, StringComparer.Ordinal) && !roles.Contains(Roles.Finance, StringComparer.Ordinal))
        {
            problems.Add(new("coveredUnitId", "CoveredUnit_NeedsRole"));
        }
        else if (!await db.OrgUnits.AnyAsync(u => u.Id == id, ct))
        {
            problems.Add(new("coveredUnitId", "CoveredUnit_NotFound", id));
        }

        return id;
    }

    private static void CheckDisplayName(List<AccountProblem> problems, string? displayName)
    {
        if (displayName?.Trim().Length > 100)
        {
            problems.Add(new("displayName", "DisplayName_TooLong"));
        }
    }

    /// <summary>Why the actor may not grant or take <paramref name="roles"/> on an account of <paramref name="employeeId"/>, or null.</summary>
    private static AccountProblem? Refusal(AccountActor actor, IEnumerable<string> roles, string? employeeId, bool checkEmployee = true)
    {
        var denied = actor.NotGrantable(roles);
        if (denied.Count > 0)
        {
            return new("roles", "Role_NotGrantable", string.Join(", ", denied));
        }

        return checkEmployee && actor.IsUnitHr && (employeeId is null || !actor.Scope.CanSee(employeeId))
            ? new("employeeId", "Forbidden_OutsideUnit")
            : null;
    }

    private async Task<(AppUser? User, AccountCredential? Credential, List<AccountProblem> Problems)> NewAccountAsync(
        AccountActor actor, string userName, string? displayName, EmployeeEntity? employee, List<string> roles, string? covered, InitialSecret secret, CancellationToken ct)
    {
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            EmployeeId = employee?.Id,
            CoveredUnitId = covered,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            await Check(users.CreateAsync(user));
            if (roles.Count > 0)
            {
                await Check(users.AddToRolesAsync(user, roles));
            }

            return (user, await SetSecretAsync(actor, user, secret, ct), []);
        }
        catch (IdentityFailure failure)
        {
            return (null, null, [.. failure.Result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)
                ? new AccountProblem("userName", "UserName_Taken", userName)
                : new AccountProblem("userName", "Identity_" + e.Code, e.Description))]);
        }
    }

    /// <summary>Gives the account a generated password (to change at the next sign-in) or a first-sign-in link; older links stop working.</summary>
    private async Task<AccountCredential> SetSecretAsync(AccountActor actor, AppUser user, InitialSecret secret, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.FirstSignInTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (await users.HasPasswordAsync(user))
        {
            await Check(users.RemovePasswordAsync(user));
        }

        var employeeName = user.EmployeeId is null ? null : await db.Employees.AsNoTracking().Where(e => e.Id == user.EmployeeId).Select(e => e.Name).SingleOrDefaultAsync(ct);
        if (secret == InitialSecret.Password)
        {
            var password = AccountSecrets.Password(Math.Clamp(Options.InitialPasswordLength, 12, 64));
            user.MustChangePassword = true;
            await Check(users.AddPasswordAsync(user, password));
            return new(user.Id, user.UserName!, user.EmployeeId, employeeName, password, null, null);
        }

        var token = AccountSecrets.LinkToken();
        var expires = now.AddDays(Math.Clamp(Options.FirstSignInLinkDays, 1, 90));
        db.FirstSignInTokens.Add(new FirstSignInToken { UserId = user.Id, Hash = AccountSecrets.Hash(token), CreatedBy = actor.UserId, CreatedAt = now, ExpiresAt = expires });
        user.MustChangePassword = false;
        await Check(users.UpdateSecurityStampAsync(user));
        return new(user.Id, user.UserName!, user.EmployeeId, employeeName, null, token, expires);
    }

    private void Audit(AccountActor actor, string action, AppUser user, string? before, string after, string? note = null) =>
        db.Audit(time.GetUtcNow().UtcDateTime, actor.UserId, action, user.UserName,
            (before is null ? after : $"{before} → {after}") + (note is null ? "" : $" ({note})"));

    /// <summary>The account's state as the audit log records it before and after a change.</summary>
    private string Snapshot(AppUser user, IEnumerable<string> roles)
    {
        var locked = user.LockoutEnd is { } end && end > time.GetUtcNow() ? end.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "-";
        return $"roles {Join(roles)}; employee {user.EmployeeId ?? "-"}; covered unit {user.CoveredUnitId ?? "-"}; name {user.DisplayName ?? "-"}; "
            + $"disabled {(user.IsDisabled ? "yes" : "no")}; must change password {(user.MustChangePassword ? "yes" : "no")}; locked until {locked}";
    }

    private static string Join(IEnumerable<string> roles)
    {
        var text = string.Join(",", roles.Order(StringComparer.Ordinal));
        return text.Length == 0 ? "-" : text;
    }

    private async Task<AccountDto> DtoAsync(AccountActor actor, AppUser user, CancellationToken ct) => (await DtosAsync(actor, [user], ct))[0];

    private async Task<List<AccountDto>> DtosAsync(AccountActor actor, List<AppUser> page, CancellationToken ct)
    {
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var logins = await db.UserLogins.AsNoTracking().Where(l => ids.Contains(l.UserId)).Select(l => new { l.UserId, l.ProviderKey }).ToListAsync(ct);
        var demo = await db.UserClaims.AsNoTracking().Where(c => ids.Contains(c.UserId) && c.ClaimType == DemoAccounts.ClaimType).Select(c => c.UserId).ToListAsync(ct);
        var employeeIds = page.Select(u => u.EmployeeId).OfType<string>().ToList();
        var employees = await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
        var unitIds = page.Select(u => u.CoveredUnitId).OfType<string>().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, StringComparer.Ordinal, ct);
        var now = time.GetUtcNow();
        return [.. page.Select(u =>
        {
            var own = roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList();
            return new AccountDto(u.Id, u.UserName ?? "", u.DisplayName, u.EmployeeId, u.EmployeeId is null ? null : employees.GetValueOrDefault(u.EmployeeId), own,
                u.CoveredUnitId, u.CoveredUnitId is null ? null : units.GetValueOrDefault(u.CoveredUnitId), u.IsDisabled,
                u.LockoutEnd is { } end && end > now ? end : null, u.MustChangePassword, u.PasswordHash is not null, demo.Contains(u.Id),
                u.LastSignInAt, u.CreatedAt, [.. logins.Where(l => l.UserId == u.Id).Select(l => l.ProviderKey).Order(StringComparer.Ordinal)],
                actor.CanManage(own, u.EmployeeId), u.ConcurrencyStamp ?? "");
        })];
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
