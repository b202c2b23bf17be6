using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Organisation;

/// <summary>
/// Shared plumbing of the interactive 组织架构 and 人员 pages: a fresh database context per operation (a circuit
/// lives long; edits must never linger in a shared change tracker), the caller's scope and user id, and the
/// messages of a failed save (field errors, or the stale-version conflict).
/// </summary>
public abstract class OrgPageBase : ComponentBase
{
    [Inject]
    protected IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject]
    protected AuthenticationStateProvider Auth { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<OrgText> L { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    protected CompanyTimeZone Zone { get; set; } = default!;

    /// <summary>Field → message of the last failed save.</summary>
    protected Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The conflict message of the last save, or null.</summary>
    protected string? ConflictMessage { get; set; }

    protected string? SavedMessage { get; set; }

    /// <summary>Runs <paramref name="work"/> with a new database context, the caller's scope, today and user id.</summary>
    protected async Task<T> WithDbAsync<T>(Func<JixiaoDbContext, AccessScope, DateOnly, string?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = ScopeFactory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var resolver = scope.ServiceProvider.GetRequiredService<ScopeResolver>();
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        var access = await resolver.ForAsync(user);
        return await work(db, access, resolver.Today(), user.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    /// <summary>Shows the outcome of a save; true when it succeeded.</summary>
    protected bool Show<T>(OrgResult<T> result)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        Errors.Clear();
        ConflictMessage = null;
        SavedMessage = null;
        switch (result.Outcome)
        {
            case OrgOutcome.Ok:
                SavedMessage = L["Saved"];
                return true;
            case OrgOutcome.Conflict:
                var version = result.Value switch
                {
                    OrgUnitEntity u => u.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    EmployeeEntity e => e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => "?",
                };
                ConflictMessage = L["Conflict", version];
                return false;
            case OrgOutcome.NotFound:
                ConflictMessage = L["Conflict", "?"];
                return false;
            default:
                foreach (var p in result.Problems)
                {
                    Errors[p.Field] = Errors.TryGetValue(p.Field, out var before)
                        ? before + " " + p.Message(System.Globalization.CultureInfo.CurrentUICulture)
                        : p.Message(System.Globalization.CultureInfo.CurrentUICulture);
                }

                return false;
        }
    }

    protected string? Error(string field) => Errors.GetValueOrDefault(field);

    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    protected static DateOnly? ParseDate(string? text, string field, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        // The one date rule (RecordDates), as the API reads it, with the API's message (OrgProblemCode.DateInvalid); a date
        // outside the range is reported by OrgService.
        switch (Jixiao.Domain.Data.RecordDates.Parse(text, out var d))
        {
            case Jixiao.Domain.Data.DateInput.Empty:
                return null;
            case Jixiao.Domain.Data.DateInput.Invalid:
                errors[field] = new OrgProblem(field, OrgProblemCode.DateInvalid, [text!]).Message(System.Globalization.CultureInfo.CurrentUICulture);
                return null;
            default:
                return d;
        }
    }

    protected static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A form's date text as a date picker's date: null when empty or not a date (the text itself is kept).</summary>
    protected static DateTime? DateValue(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue)
            : null;

    /// <summary>
    /// A date picked in a date picker, as the form's text. No date (typed text the picker cannot read) keeps the typed
    /// text, which the picker reports through its text: saving then answers with <see cref="ParseDate"/>'s message, and
    /// a field is never emptied by a typo.
    /// </summary>
    protected static void PickDate(DateTime? date, Action<string?> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (date is { } picked)
        {
            set(picked.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
