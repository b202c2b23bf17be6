using System.Globalization;
using System.Text.RegularExpressions;
using Jixiao.Application.Access;
using Jixiao.Application.Audit;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Audit;

/// <summary>The audit search as typed: person (name or employee number), period, action, dates (company dates, both ends included).</summary>
public sealed record AuditFilterInput(string? Person, string? Period, string? Action, string? From, string? To);

/// <summary>
/// Turns the search as typed into an <see cref="AuditQuery"/> for the page and the API alike: every value checked
/// through <see cref="ApiInput"/> (a bad one is refused with where and why, and nothing is searched), the person found by
/// employee number or by name, the dates turned into the company's days, and the search limited to the people
/// the caller's scope covers when it does not cover everyone.
/// </summary>
public static partial class AuditFilters
{
    /// <summary>Who may search the audit log: HR (within the unit they cover, if any) and administrators.</summary>
    public const string Roles = Jixiao.Web.Auth.Roles.Hr + "," + Jixiao.Web.Auth.Roles.Admin;

    /// <summary>The most people a name may match.</summary>
    public const int PeopleMax = 500;

    public static async Task<AuditQuery?> ParseAsync(ApiInput input, AuditFilterInput typed, JixiaoDbContext db, CompanyTimeZone zone, AccessScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(scope);
        var period = input.OptionalPeriod(typed.Period)?.ToString();
        var person = input.Text(typed.Person, "person")?.Trim();
        var action = input.Text(typed.Action, "action", max: 100)?.Trim();
        if (action is { Length: > 0 } && !ActionPattern().IsMatch(action))
        {
            input.Refuse("action", AuditText.Get(input.Culture, "ActionInvalid", ApiInput.Shown(action)));
        }

        var from = input.Date(typed.From, "from");
        var to = input.Date(typed.To, "to");
        if (from is { } f && to is { } t && f > t)
        {
            input.Refuse("to", AuditText.Get(input.Culture, "RangeInvalid"));
        }

        List<string>? people = null;
        if (input.Ok && person is { Length: > 0 })
        {
            people = await db.Employees.AsNoTracking().Where(e => e.Id == person || e.Name.Contains(person)).OrderBy(e => e.Id).Select(e => e.Id)
                .Take(PeopleMax).ToListAsync(ct);
            if (people.Count == 0)
            {
                input.Refuse("person", AuditText.Get(input.Culture, "PersonUnknown", ApiInput.Shown(person)));
            }
        }

        if (!input.Ok)
        {
            return null;
        }

        return new AuditQuery(
            People: people,
            Period: period,
            Action: string.IsNullOrEmpty(action) ? null : action,
            FromUtc: from is { } start ? Utc(start, zone) : null,
            ToUtc: to is { } end ? Utc(end.AddDays(1), zone) : null,
            Employees: scope.Kind == ScopeKind.Everyone ? null : scope.Employees);
    }

    /// <summary>The UTC instant at which the company's day <paramref name="day"/> starts.</summary>
    public static DateTime Utc(DateOnly day, CompanyTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone.Zone);
    }

    /// <summary>The query string of a search, to page or export it.</summary>
    public static string Query(AuditFilterInput typed, int? page = null, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("person", typed.Person);
        Add("period", typed.Period);
        Add("action", typed.Action);
        Add("from", typed.From);
        Add("to", typed.To);
        Add("page", page?.ToString(CultureInfo.InvariantCulture));
        Add("format", format);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    [GeneratedRegex("^[a-z0-9_.-]+$")]
    private static partial Regex ActionPattern();
}
