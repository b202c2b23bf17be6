using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Auth;

/// <summary>
/// Identity's user manager, plus: changing an account's roles or disabling it (a lockout end in the future) renews its
/// security stamp, which ends its sessions (<see cref="SessionStamps"/>), as a password change already does; every
/// stored change forgets the account's cached stamp. A lockout after failed sign-ins (AccessFailedAsync) does not end
/// the sessions: a stranger typing wrong passwords must not sign the owner out. Lockouts run on the app's clock
/// (<see cref="TimeProvider"/>), like everything else that reads the lockout end, not on the machine's clock that
/// Identity's own implementation reads.
/// </summary>
public sealed class JixiaoUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    SessionStamps stamps,
    TimeProvider time)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(AppUser user, string role) => await RenewStampAsync(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(AppUser user, IEnumerable<string> roles) => await RenewStampAsync(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(AppUser user, string role) => await RenewStampAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(AppUser user, IEnumerable<string> roles) => await RenewStampAsync(user, await base.RemoveFromRolesAsync(user, roles));

    /// <summary>Disabling (a lockout end in the future) ends the account's sessions; enabling does not need to.</summary>
    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return lockoutEnd is { } end && end > time.GetUtcNow() ? await RenewStampAsync(user, result) : result;
    }

    /// <summary>
    /// Counts a failed sign-in; at <see cref="LockoutOptions.MaxFailedAccessAttempts"/> locks the account for
    /// <see cref="LockoutOptions.DefaultLockoutTimeSpan"/> from the app's now and starts counting again (Identity's rule).
    /// </summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var store = LockoutStore;
        var count = await store.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await store.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await store.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    /// <summary>Whether the account is locked out at the app's now (lockout enabled and its end not passed).</summary>
    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var store = LockoutStore;
        return await store.GetLockoutEnabledAsync(user, CancellationToken)
            && await store.GetLockoutEndDateAsync(user, CancellationToken) is { } end && end >= time.GetUtcNow();
    }

    private IUserLockoutStore<AppUser> LockoutStore =>
        Store as IUserLockoutStore<AppUser> ?? throw new NotSupportedException("The user store does not support lockouts.");

    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.UpdateUserAsync(user);
        stamps.Forget(user.Id);
        return result;
    }

    private async Task<IdentityResult> RenewStampAsync(AppUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}
