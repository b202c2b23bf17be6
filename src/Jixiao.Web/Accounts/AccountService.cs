using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Accounts;

/// <summary>
/// User administration (docs/decisions/0020-accounts.md): create accounts one by one or in bulk from employees, change
/// the display name, linked employee, roles and covered unit, disable and enable, unlock, reset the password, force a
/// password change, link an external sign-in. Every change checks the account's version (its concurrency stamp; stale
/// → Conflict), what the actor may do (<see cref="AccountActor"/>), is all or nothing (one transaction) and is audited
/// with the account's state before and after. Changes that alter what a session may do (password, roles, employee,
/// covered unit, disabling, forced password change) renew the security stamp, so the account's sessions end.
/// </summary>
public sealed partial class AccountService(JixiaoDbContext db, UserManager<AppUser> users, TimeProvider time, CompanyTimeZone zone, IOptions<AccountOptions> options)
{
    /// <summary>The authentication scheme (and login provider name) of the external OpenID Connect sign-in.</summary>
    public const string ExternalProvider = "oidc";

    /// <summary>The bulk role "by position": each employee gets the role named like their position (manager, supervisor, salesperson).</summary>
    public const string ByPosition = "by-position";

    /// <summary>Positions that name a role.</summary>
    public static readonly string[] PositionRoles = [Roles.Manager, Roles.Supervisor, Roles.Salesperson];

    private AccountOptions Options => options.Value;

    /// <summary>Creates one account with a generated password or a first-sign-in link.</summary>
    public async Task<AccountResult<AccountCreated>> CreateAsync(AccountActor actor, AccountInput input, InitialSecret secret, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<AccountProblem>();
        var userName = input.UserName?.Trim();
        if (string.IsNullOrEmpty(userName))
        {
            problems.Add(new("userName", "UserName_Required"));
        }
        else if (!UserNameRule.IsValidUserName(userName))
        {
            problems.Add(new("userName", "UserName_Invalid", userName));
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            problems.Add(new("userName", "UserName_Taken", userName));
        }

        var roles = CheckRoles(problems, input.Roles);
        var employee = await CheckEmployeeAsync(problems, input.EmployeeId, null, ct);
        var covered = await CheckCoveredUnitAsync(problems, input.CoveredUnitId, roles, ct);
        CheckDisplayName(problems, input.DisplayName);
        if (problems.Count > 0)
        {
            return AccountResults.Invalid<AccountCreated>(problems);
        }

        if (Refusal(actor, roles, employee?.Id) is { } refused)
        {
            return AccountResults.Forbidden<AccountCreated>(refused.Code, refused.Arguments);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (user, credential, identityProblems) = await NewAccountAsync(actor, userName!, Clean(input.DisplayName) ?? employee?.Name, employee, roles, covered, secret, ct);
        if (user is null)
        {
            return AccountResults.Invalid<AccountCreated>(identityProblems);
        }

        Audit(actor, "account.create", user, null, Snapshot(user, roles), secret == InitialSecret.Link ? "first-sign-in link" : "initial password");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AccountResults.Success<AccountCreated>(new(await DtoAsync(actor, user, ct), credential!));
    }

    /// <summary>
    /// Creates one account per employee in <paramref name="employeeIds"/> with <paramref name="role"/> (or
    /// <see cref="ByPosition"/>: the role named like each one's position), user names by
    /// <paramref name="rule"/> (null: the configured rule). All or nothing: any problem (an unknown employee, one that
    /// already has an account, a user name taken) creates no account.
    /// </summary>
    public async Task<AccountResult<IReadOnlyList<AccountCredential>>> BulkCreateAsync(
        AccountActor actor, IReadOnlyList<string>? employeeIds, string? role, string? rule, InitialSecret secret, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var problems = new List<AccountProblem>();
        rule = string.IsNullOrWhiteSpace(rule) ? Options.UserNameRule : rule.Trim();
        if (!UserNameRule.IsValid(rule))
        {
            problems.Add(new("userNameRule", "Rule_Invalid", rule));
        }

        var ids = (employeeIds ?? []).Select(i => i?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 || ids.Count > 5000)
        {
            problems.Add(new("employeeIds", "Employees_Required"));
        }

        var byPosition = role?.Trim() == ByPosition;
        var roles = byPosition ? [] : CheckRoles(problems, string.IsNullOrWhiteSpace(role) ? [] : [role.Trim()]);
        if (problems.Count > 0)
        {
            return AccountResults.Invalid<IReadOnlyList<AccountCredential>>(problems);
        }

        var people = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        var today = zone.Today(time);
        var positions = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && a.ValidFrom <= today && (a.ValidTo == null || a.ValidTo > today))
            .Select(a => new { a.EmployeeId, a.Position }).ToListAsync(ct)).ToDictionary(a => a.EmployeeId, a => a.Position, StringComparer.Ordinal);
        var roleOf = ids.ToDictionary(i => i, i => !byPosition ? roles
            : positions.GetValueOrDefault(i) is { } p && PositionRoles.Contains(p, StringComparer.Ordinal) ? new List<string> { p } : [], StringComparer.Ordinal);
        if (Refusal(actor, roleOf.Values.SelectMany(r => r).Distinct(StringComparer.Ordinal), null, checkEmployee: false) is { } refused)
        {
            return AccountResults.Forbidden<IReadOnlyList<AccountCredential>>(refused.Code, refused.Arguments);
        }

        var linked = await db.Users.AsNoTracking().Where(u => u.EmployeeId != null && ids.Contains(u.EmployeeId))
            .Select(u => new { u.EmployeeId, u.UserName }).ToListAsync(ct);
        var names = ids.Where(people.ContainsKey).ToDictionary(i => i, i => UserNameRule.Apply(rule, i), StringComparer.Ordinal);
        var wanted = names.Values.Select(n => n.ToUpperInvariant()).ToList();
        var taken = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!).ToListAsync(ct);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var field = $"employeeIds[{i}]";
            if (!people.ContainsKey(id) || !actor.CanManage(roleOf[id], id))
            {
                problems.Add(new(field, "Employee_NotFound", id));
            }
            else if (byPosition && roleOf[id].Count == 0)
            {
                problems.Add(new(field, "Position_NoRole", id, positions.GetValueOrDefault(id) ?? "-"));
            }
            else if (linked.FirstOrDefault(l => l.EmployeeId == id) is { } existing)
            {
                problems.Add(new(field, "Employee_HasAccount", id, existing.UserName ?? ""));
            }
            else if (!UserNameRule.IsValidUserName(names[id]))
            {
                problems.Add(new(field, "UserName_Invalid", names[id]));
            }
            else if (taken.Contains(names[id].ToUpperInvariant(), StringComparer.Ordinal) || names.Count(n => string.Equals(n.Value, names[id], StringComparison.OrdinalIgnoreCase)) > 1)
            {
                problems.Add(new(field, "UserName_Taken", names[id]));
            }
        }

        if (problems.Count > 0)
        {
            return AccountResults.Invalid<IReadOnlyList<AccountCredential>>(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = new List<AccountCredential>();
        foreach (var id in ids)
        {
            var (user, credential, identityProblems) = await NewAccountAsync(actor, names[id], people[id].Name, people[id], roleOf[id], null, secret, ct);
            if (user is null)
            {
                await tx.RollbackAsync(ct);
                return AccountResults.Invalid<IReadOnlyList<AccountCredential>>([.. identityProblems.Select(p => p with { Field = $"employeeIds[{ids.IndexOf(id)}]" })]);
            }

            Audit(actor, "account.create", user, null, Snapshot(user, roleOf[id]), (secret == InitialSecret.Link ? "first-sign-in link" : "initial password") + ", bulk");
            created.Add(credential!);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AccountResults.Success<IReadOnlyList<AccountCredential>>(created);
    }

    /// <summary>Changes display name, linked employee (null: unlink), roles and covered unit of the account read at <paramref name="version"/>.</summary>
    public async Task<AccountResult<AccountDto>> UpdateAsync(AccountActor actor, string id, string? version, AccountInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var (user, currentRoles, early) = await LoadForChangeAsync<AccountDto>(actor, id, version, ct);
        if (early is not null)
        {
            return early;
        }

        var problems = new List<AccountProblem>();
        var roles = CheckRoles(problems, input.Roles);
        var employee = await CheckEmployeeAsync(problems, input.EmployeeId, user!.Id, ct);
        var covered = await CheckCoveredUnitAsync(problems, input.CoveredUnitId, roles, ct);
        CheckDisplayName(problems, input.DisplayName);
        if (problems.Count > 0)
        {
            return AccountResults.Invalid<AccountDto>(problems);
        }

        var added = roles.Except(currentRoles, StringComparer.Ordinal).ToList();
        var removed = currentRoles.Except(roles, StringComparer.Ordinal).ToList();
        if (Refusal(actor, added.Concat(removed), employee?.Id) is { } refused)
        {
            return AccountResults.Forbidden<AccountDto>(refused.Code, refused.Arguments);
        }

        if (user.Id == actor.UserId && removed.Contains(Roles.Admin, StringComparer.Ordinal))
        {
            return AccountResults.Invalid<AccountDto>([new("roles", "Self_RemoveAdmin")]);
        }

        var before = Snapshot(user, currentRoles);
        var sessionChange = added.Count > 0 || removed.Count > 0 || user.EmployeeId != employee?.Id || user.CoveredUnitId != covered;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = Clean(input.DisplayName);
        user.EmployeeId = employee?.Id;
        user.CoveredUnitId = covered;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && removed.Count > 0)
        {
            result = await users.RemoveFromRolesAsync(user, removed);
        }

        if (result.Succeeded && added.Count > 0)
        {
            result = await users.AddToRolesAsync(user, added);
        }

        if (result.Succeeded && sessionChange)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return Failed<AccountDto>(result);
        }

        Audit(actor, "account.update", user, before, Snapshot(user, roles));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AccountResults.Success<AccountDto>(await DtoAsync(actor, user, ct));
    }

    /// <summary>Disables (sessions end, no sign-in) or enables the account.</summary>
    public Task<AccountResult<AccountDto>> SetDisabledAsync(AccountActor actor, string id, string? version, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, disabled ? "account.disable" : "account.enable", async user =>
        {
            if (disabled && user.Id == actor.UserId)
            {
                return [new AccountProblem("", "Self_Disable")];
            }

            user.IsDisabled = disabled;
            await Check(disabled ? users.UpdateSecurityStampAsync(user) : users.UpdateAsync(user));
            return [];
        }, ct);

    /// <summary>Ends a lockout after failed sign-ins (and forgets the failed attempts).</summary>
    public Task<AccountResult<AccountDto>> UnlockAsync(AccountActor actor, string id, string? version, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, "account.unlock", async user =>
        {
            await Check(users.SetLockoutEndDateAsync(user, null));
            await Check(users.ResetAccessFailedCountAsync(user));
            return [];
        }, ct);

    /// <summary>Makes the account change its password after its next sign-in (its sessions end now).</summary>
    public Task<AccountResult<AccountDto>> ForcePasswordChangeAsync(AccountActor actor, string id, string? version, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, "account.force-password-change", async user =>
        {
            user.MustChangePassword = true;
            await Check(users.UpdateSecurityStampAsync(user));
            return [];
        }, ct);

    /// <summary>
    /// Replaces the account's password with a generated one (to be changed at the next sign-in) or removes it and
    /// issues a first-sign-in link; the sessions end, the lockout is lifted, older links stop working.
    /// </summary>
    public async Task<AccountResult<AccountCreated>> ResetPasswordAsync(AccountActor actor, string id, string? version, InitialSecret secret, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        AccountCredential? credential = null;
        var changed = await ChangeAsync(actor, id, version, "account.reset-password", async user =>
        {
            credential = await SetSecretAsync(actor, user, secret, ct);
            await Check(users.SetLockoutEndDateAsync(user, null));
            await Check(users.ResetAccessFailedCountAsync(user));
            return [];
        }, ct, secret == InitialSecret.Link ? "first-sign-in link" : "initial password");
        return changed.Ok ? AccountResults.Success<AccountCreated>(new(changed.Value!, credential!)) : new(changed.Outcome, null, changed.Problems);
    }

    /// <summary>Links the account to the external provider's user id <paramref name="providerKey"/> (one account per id).</summary>
    public Task<AccountResult<AccountDto>> AddExternalLoginAsync(AccountActor actor, string id, string? version, string? providerKey, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, "account.external-login.add", async user =>
        {
            var key = providerKey?.Trim();
            if (string.IsNullOrEmpty(key) || key.Length > 200)
            {
                return [new AccountProblem("providerKey", "ExternalLogin_Required")];
            }

            if (await users.FindByLoginAsync(ExternalProvider, key) is { } other)
            {
                return [new AccountProblem("providerKey", "ExternalLogin_Taken", key, other.UserName ?? "")];
            }

            await Check(users.AddLoginAsync(user, new UserLoginInfo(ExternalProvider, key, ExternalProvider)));
            return [];
        }, ct, providerKey?.Trim());

    /// <summary>Removes the link to the external provider's user id <paramref name="providerKey"/> (its sessions end).</summary>
    public Task<AccountResult<AccountDto>> RemoveExternalLoginAsync(AccountActor actor, string id, string? version, string? providerKey, CancellationToken ct = default) =>
        ChangeAsync(actor, id, version, "account.external-login.remove", async user =>
        {
            var logins = await users.GetLoginsAsync(user);
            if (!logins.Any(l => l.LoginProvider == ExternalProvider && l.ProviderKey == providerKey))
            {
                return [new AccountProblem("providerKey", "ExternalLogin_NotFound", providerKey ?? "")];
            }

            await Check(users.RemoveLoginAsync(user, ExternalProvider, providerKey!));
            return [];
        }, ct, providerKey);

    /// <summary>Reads an account the actor may see.</summary>
    public async Task<AccountDto?> GetAsync(AccountActor actor, string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null || !actor.CanView(user.EmployeeId) ? null : await DtoAsync(actor, user, ct);
    }

    /// <summary>
    /// Runs one change of an existing account: found and visible (else NotFound), version current (else Conflict),
    /// manageable by the actor (else Forbidden); <paramref name="change"/> returns problems (nothing saved) or none.
    /// </summary>
    private async Task<AccountResult<AccountDto>> ChangeAsync(
        AccountActor actor, string id, string? version, string action, Func<AppUser, Task<List<AccountProblem>>> change, CancellationToken ct, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (user, roles, early) = await LoadForChangeAsync<AccountDto>(actor, id, version, ct);
        if (early is not null)
        {
            return early;
        }

        var before = Snapshot(user!, roles);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        List<AccountProblem> problems;
        try
        {
            problems = await change(user!);
        }
        catch (IdentityFailure failure)
        {
            return Failed<AccountDto>(failure.Result);
        }

        if (problems.Count > 0)
        {
            return AccountResults.Invalid<AccountDto>(problems);
        }

        Audit(actor, action, user!, before, Snapshot(user!, roles), note);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AccountResults.Success<AccountDto>(await DtoAsync(actor, user!, ct));
    }

    private async Task<(AppUser? User, List<string> Roles, AccountResult<T>? Early)> LoadForChangeAsync<T>(AccountActor actor, string id, string? version, CancellationToken ct)
        where T : class
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || !actor.CanView(user.EmployeeId))
        {
            return (null, [], AccountResults.NotFound<T>());
        }

        if (string.IsNullOrWhiteSpace(version))
        {
            return (null, [], AccountResults.Invalid<T>([new("version", "Version_Required")]));
        }

        if (!string.Equals(version, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return (null, [], AccountResults.Conflict<T>());
        }

        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (!actor.CanManage(roles, user.EmployeeId))
        {
            return (null, [], AccountResults.Forbidden<T>("Forbidden_Account", user.UserName ?? ""));
        }

        _ = ct;
        return (user, roles, null);
    }

    private static AccountResult<T> Failed<T>(IdentityResult result)
        where T : class =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? AccountResults.Conflict<T>()
            : AccountResults.Invalid<T>([.. result.Errors.Select(e => new AccountProblem("password", "Identity_" + e.Code, e.Description))]);

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new IdentityFailure(result);
        }
    }

    /// <summary>An Identity operation failed inside a change: the transaction is not committed.</summary>
    private sealed class IdentityFailure(IdentityResult result) : Exception("An account change failed.")
    {
        public IdentityResult Result { get; } = result;
    }
}
