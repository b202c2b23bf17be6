using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Plumbing of the interactive 账号 page and its parts: a fresh service scope (database context, account service) per
/// operation, the signed-in actor, and the messages of a failed change (field errors, conflict, refusal).
/// </summary>
public abstract class UsersPageBase : ComponentBase
{
    [Inject]
    protected IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject]
    protected AuthenticationStateProvider Auth { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<AccountsText> L { get; set; } = default!;

    [Inject]
    protected NavigationManager Nav { get; set; } = default!;

    [Inject]
    protected CompanyTimeZone Zone { get; set; } = default!;

    /// <summary>Field → message of the last failed change.</summary>
    protected Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A conflict or refusal message of the last change, or null.</summary>
    protected string? Problem { get; set; }

    protected string? Done { get; set; }

    /// <summary>Runs <paramref name="work"/> with a new scope's account service, database, the actor and today.</summary>
    protected async Task<T> WithAccountsAsync<T>(Func<AccountService, JixiaoDbContext, AccountActor, DateOnly, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = ScopeFactory.CreateScope();
        var services = scope.ServiceProvider;
        var resolver = services.GetRequiredService<ScopeResolver>();
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        var actor = AccountActor.Of(user, await resolver.ForAsync(user));
        return await work(services.GetRequiredService<AccountService>(), services.GetRequiredService<JixiaoDbContext>(), actor, resolver.Today());
    }

    /// <summary>Shows the outcome of a change; true when it succeeded.</summary>
    protected bool Show<T>(AccountResult<T> result)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        Errors.Clear();
        Problem = null;
        Done = null;
        var culture = CultureInfo.CurrentUICulture;
        switch (result.Outcome)
        {
            case AccountOutcome.Ok:
                Done = L["Saved"];
                return true;
            case AccountOutcome.Conflict:
                Problem = L["Conflict"];
                return false;
            case AccountOutcome.NotFound:
                Problem = L["NotFound"];
                return false;
            case AccountOutcome.Forbidden:
                Problem = AccountsText.Message(culture, result.Problems[0]);
                return false;
            default:
                foreach (var p in result.Problems)
                {
                    var field = p.Field.Length == 0 ? "form" : p.Field;
                    var message = AccountsText.Message(culture, p);
                    Errors[field] = Errors.TryGetValue(field, out var before) ? before + " " + message : message;
                }

                return false;
        }
    }

    protected string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>A role's name in the UI language.</summary>
    protected string RoleName(string role) => L["Role_" + role];

    /// <summary>A UTC time in the company's time zone, or a dash.</summary>
    protected string When(DateTime? utc) => When(utc is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null);

    /// <summary>An instant in the company's time zone (date in the UI language's format, then hh:mm), or a dash.</summary>
    protected string When(DateTimeOffset? instant)
    {
        if (instant is not { } at)
        {
            return "—";
        }

        var local = TimeZoneInfo.ConvertTime(at, Zone.Zone);
        return LocaleFormat.Date(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The link of a first-sign-in token on this site.</summary>
    protected string LinkOf(string token) => UsersApi.LinkUrl(Nav.BaseUri, token);
}
