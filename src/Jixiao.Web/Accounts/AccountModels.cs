namespace Jixiao.Web.Accounts;

/// <summary>A field-level problem of an account change: the API field, a message code (AccountsText) and its arguments.</summary>
public sealed record AccountProblem(string Field, string Code, params string[] Arguments);

/// <summary>How an account change ended.</summary>
public enum AccountOutcome
{
    Ok,
    Invalid,
    NotFound,

    /// <summary>The caller's version is stale: the account changed since it was read.</summary>
    Conflict,

    /// <summary>The caller may not make this change (a role it cannot grant, an account it cannot manage).</summary>
    Forbidden,
}

/// <summary>The outcome of an account change: the value, or the problems (for Forbidden: one problem saying why).</summary>
public sealed record AccountResult<T>(AccountOutcome Outcome, T? Value, IReadOnlyList<AccountProblem> Problems)
    where T : class
{
    public bool Ok => Outcome == AccountOutcome.Ok;

}

/// <summary>Builders of <see cref="AccountResult{T}"/>.</summary>
public static class AccountResults
{
    public static AccountResult<T> Success<T>(T value)
        where T : class => new(AccountOutcome.Ok, value, []);

    public static AccountResult<T> Invalid<T>(IReadOnlyList<AccountProblem> problems)
        where T : class => new(AccountOutcome.Invalid, null, problems);

    public static AccountResult<T> Forbidden<T>(string code, params string[] args)
        where T : class => new(AccountOutcome.Forbidden, null, [new AccountProblem("", code, args)]);

    public static AccountResult<T> NotFound<T>()
        where T : class => new(AccountOutcome.NotFound, null, []);

    public static AccountResult<T> Conflict<T>()
        where T : class => new(AccountOutcome.Conflict, null, []);
}

/// <summary>How a new account (or a reset one) gets its first password.</summary>
public enum InitialSecret
{
    /// <summary>A generated password shown once; the user must change it at the first sign-in.</summary>
    Password,

    /// <summary>A one-time first-sign-in link (valid <see cref="AccountOptions.FirstSignInLinkDays"/> days) where the user sets a password.</summary>
    Link,
}

/// <summary>An account as the /users page and <c>/api/v1/users</c> show it (never a password or hash).</summary>
public sealed record AccountDto(
    string Id,
    string UserName,
    string? DisplayName,
    string? EmployeeId,
    string? EmployeeName,
    IReadOnlyList<string> Roles,
    string? CoveredUnitId,
    string? CoveredUnitName,
    bool IsDisabled,
    DateTimeOffset? LockedUntil,
    bool MustChangePassword,
    bool HasPassword,
    bool IsDemo,
    DateTime? LastSignInAt,
    DateTime? CreatedAt,
    IReadOnlyList<string> ExternalLogins,
    bool CanManage,
    string Version);

/// <summary>
/// A secret handed out once: the generated password, or the first-sign-in link token (the caller makes the URL:
/// <c>/account/first-sign-in?token=…</c>) and when it expires.
/// </summary>
public sealed record AccountCredential(string UserId, string UserName, string? EmployeeId, string? EmployeeName, string? Password, string? LinkToken, DateTime? LinkExpiresAt);

/// <summary>An account with the secret it was given.</summary>
public sealed record AccountCreated(AccountDto Account, AccountCredential Credential);

/// <summary>A new account: user name, display name, the employee it belongs to, roles and (HR, finance) the covered unit.</summary>
public sealed record AccountInput(string? UserName, string? DisplayName, string? EmployeeId, IReadOnlyList<string>? Roles, string? CoveredUnitId);

/// <summary>An employee the bulk creation can make an account for (the /users page's list, filtered by unit, position, without account).</summary>
public sealed record AccountCandidate(string EmployeeId, string Name, string? OrgUnitId, string? UnitName, string? Position, string? AccountUserName);
