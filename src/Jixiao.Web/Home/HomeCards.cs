using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Home;

/// <summary>A link on a home card.</summary>
public sealed record HomeLink(string Text, string Href, string Id);

/// <summary>
/// One card of the start page: a title, an optional headline figure, lines of text and links. <see cref="Attention"/>
/// marks something waiting for the user (ratings to give, accounts locked).
/// </summary>
public sealed record HomeCardView(string Id, string Title, string? Figure, IReadOnlyList<string> Lines, IReadOnlyList<HomeLink> Links, bool Attention = false);

/// <summary>What a card is built from: the user, their scope on today's chart, their linked employee, today, the database, the texts and the company's time zone.</summary>
public sealed record HomeContext(
    ClaimsPrincipal User,
    AccessScope Scope,
    string? EmployeeId,
    DateOnly Today,
    JixiaoDbContext Db,
    TimeProvider Time,
    IStringLocalizer<AccountsText> Text,
    CompanyTimeZone Zone);

/// <summary>
/// A card of the start page (/). Each role's home is the cards whose <see cref="AppliesTo"/> holds for the user, by
/// <see cref="Order"/>. A new feature (evaluation steps due, payroll approvals) adds a class and one line in
/// <see cref="HomeCardRegistration.AddHomeCards"/>; the page needs no change.
/// </summary>
public interface IHomeCard
{
    /// <summary>Position on the page (smaller first).</summary>
    int Order { get; }

    /// <summary>Whether the card belongs on this user's home page.</summary>
    bool AppliesTo(ClaimsPrincipal user, string? employeeId);

    /// <summary>The card's content, or null when it has nothing to say.</summary>
    Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct);
}

/// <summary>The home cards, registered in the order of the roles' work.</summary>
public static class HomeCardRegistration
{
    public static IServiceCollection AddHomeCards(this IServiceCollection services)
    {
        services.AddScoped<IHomeCard, DueStepsCard>();
        services.AddScoped<IHomeCard, MyResultCard>();
        services.AddScoped<IHomeCard, TeamCard>();
        services.AddScoped<IHomeCard, RatingsDueCard>();
        services.AddScoped<IHomeCard, CalculationCard>();
        services.AddScoped<IHomeCard, DataCard>();
        services.AddScoped<IHomeCard, PayCard>();
        services.AddScoped<IHomeCard, AccountsCard>();
        services.AddScoped<IHomeCard, OrganisationCard>();
        services.AddScoped<IHomeCard, SettingsCard>();
        return services;
    }

    /// <summary>The cards of <paramref name="context"/>'s user, built in order (cards with nothing to say left out).</summary>
    public static async Task<List<HomeCardView>> BuildAsync(IEnumerable<IHomeCard> cards, HomeContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(context);
        var views = new List<HomeCardView>();
        foreach (var card in cards.Where(c => c.AppliesTo(context.User, context.EmployeeId)).OrderBy(c => c.Order))
        {
            if (await card.BuildAsync(context, ct) is { } view)
            {
                views.Add(view);
            }
        }

        return views;
    }

    /// <summary>Whether the user has any of <paramref name="roles"/>.</summary>
    public static bool In(this ClaimsPrincipal user, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        return roles.Any(user.IsInRole);
    }

    /// <summary>The employee the account is linked to, from its session (<see cref="JixiaoClaimsFactory.EmployeeClaim"/>).</summary>
    public static string? EmployeeOf(ClaimsPrincipal user) => user?.FindFirstValue(JixiaoClaimsFactory.EmployeeClaim);

    /// <summary>
    /// Whom the account's notifications are addressed to (docs/decisions/0023-notifications.md): its employee when linked, else
    /// the account itself (<see cref="Application.Evaluations.DueSteps.AccountKey"/>: HR's and finance's steps); null when signed out.
    /// </summary>
    public static string? RecipientOf(ClaimsPrincipal user) =>
        EmployeeOf(user) ?? (user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? Application.Evaluations.DueSteps.AccountKey(id) : null);

    /// <summary>Whether the account has a 我的绩效 page: linked to an employee (sessions from before the claim existed: by a sales role).</summary>
    public static bool HasOwnResults(ClaimsPrincipal user) =>
        user is not null && (EmployeeOf(user) is not null
            || (!user.HasClaim(c => c.Type == JixiaoClaimsFactory.LinkedClaim) && user.In(Roles.Salesperson, Roles.Supervisor, Roles.Manager)));
}
