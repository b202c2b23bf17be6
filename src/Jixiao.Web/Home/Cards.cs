using System.Globalization;
using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Periods;
using Jixiao.Web.Accounts;
using Jixiao.Web.Auth;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Home;

/// <summary>
/// My results: the latest periods of the linked employee among the runs people see (docs/decisions/0019: never a draft,
/// nothing of a period in evaluation or calibration; an open one marked provisional).
/// </summary>
public sealed class MyResultCard : IHomeCard
{
    public int Order => 10;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => employeeId is not null;

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var me = home.EmployeeId!;
        var visible = (await ResultQueries.RunIndexAsync(home.Db, ct)).Latest.Values.Select(r => r.Id).ToList();
        var rows = await (from r in home.Db.Results.AsNoTracking()
                          join run in home.Db.Runs.AsNoTracking() on r.RunId equals run.Id
                          where r.EmployeeId == me && visible.Contains(run.Id)
                          select new { run.Id, run.Period, r.Total, r.Grade, r.PayTotal }).ToListAsync(ct);
        var latest = rows.Select(r => (Row: r, Period: Period.TryParse(r.Period, out var p) ? p : (Period?)null))
            .Where(x => x.Period is not null).OrderByDescending(x => x.Period!.Value.End).ThenBy(x => x.Period!.Value.Kind).Take(2).ToList();
        var lines = latest.Select(x => home.Text[x.Period!.Value.End >= home.Today ? "Home_MyLineOpen" : "Home_MyLine",
            x.Row.Period, LocaleFormat.Number(x.Row.Total), x.Row.Grade ?? "—", LocaleFormat.Money(x.Row.PayTotal)].Value).ToList();
        if (lines.Count == 0)
        {
            lines.Add(home.Text["Home_MyNone"].Value);
        }

        return new("home-my", home.Text["Home_My"], latest.Count > 0 ? home.Text["Home_Points", LocaleFormat.Number(latest[0].Row.Total)].Value : null, lines,
            [new(home.Text["Home_OpenMy"], "/me", "home-link-me")]);
    }
}

/// <summary>The team of a supervisor or manager: who is in it today and who was behind in the latest calculated month.</summary>
public sealed class TeamCard : IHomeCard
{
    public int Order => 20;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => employeeId is not null && user.In(Roles.Supervisor, Roles.Manager);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var members = home.Scope.Employees.Count(e => e != home.EmployeeId);
        var lines = new List<string> { home.Text["Home_TeamSize", members] };
        var run = await LatestMonthRunAsync(home.Db, ct);
        if (run is not null)
        {
            var units = home.Scope.Units.ToList();
            var behind = await home.Db.Results.AsNoTracking().Where(r => r.RunId == run.Id && units.Contains(r.OrgUnitId) && r.EmployeeId != home.EmployeeId)
                .Select(r => r.Total).ToListAsync(ct);
            lines.Add(home.Text["Home_TeamBehind", run.Period, behind.Count(t => t < 70m), behind.Count]);
        }

        return new("home-team", home.Text["Home_Team"], home.Text["Home_People", members], lines, [new(home.Text["Home_OpenTeam"], "/team", "home-link-team")]);
    }

    /// <summary>The run people see of the latest month that has one (docs/decisions/0019: never a draft, nothing of a month in evaluation).</summary>
    public static async Task<RunRef?> LatestMonthRunAsync(JixiaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var index = await ResultQueries.RunIndexAsync(db, ct);
        return index.Latest.Values.Where(r => Period.TryParse(r.Period, out var p) && p.Kind == PeriodKind.Month)
            .OrderByDescending(r => r.Period, StringComparer.Ordinal).FirstOrDefault();
    }
}

/// <summary>Ratings to give this month: the people in the rater's scope with a rating indicator not rated yet.</summary>
public sealed class RatingsDueCard(TimeProvider time, ScopeResolver scopes) : IHomeCard
{
    public int Order => 30;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.In(Roles.Supervisor, Roles.Manager, Roles.Hr);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        // The month's ratings are scoped by the month's org chart, as on the 评分 page.
        var month = new Period(PeriodKind.Month, home.Today.Year, home.Today.Month);
        var people = await new RatingService(home.Db, time).LoadAsync(await scopes.ForPeriodAsync(home.User, month, ct), month, ct);
        if (people is null)
        {
            return null;
        }

        var due = people.Count(p => p.Entries.Any(e => e.Points is null));
        var line = people.Count == 0 ? home.Text["Home_RatingsNone", month.ToString()]
            : due > 0 ? home.Text["Home_RatingsDue", month.ToString(), due, people.Count] : home.Text["Home_RatingsDone", month.ToString(), people.Count];
        return new("home-ratings", home.Text["Home_Ratings"], home.Text["Home_People", due], [line],
            [new(home.Text["Home_OpenRatings"], "/ratings", "home-link-ratings")], Attention: due > 0);
    }
}

/// <summary>Periods and calculation (HR, administrator): the latest runs, with people not computed.</summary>
public sealed class CalculationCard : IHomeCard
{
    public int Order => 40;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.In(Roles.Hr, Roles.Admin);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var runs = await home.Db.Runs.AsNoTracking().OrderByDescending(r => r.Id).Take(100).ToListAsync(ct);
        var latest = runs.GroupBy(r => r.Period).Select(g => g.First()).OrderByDescending(r => r.Id).Take(3).ToList();
        var lines = latest.Select(r => home.Text[r.Failed > 0 ? "Home_RunLineFailed" : "Home_RunLine", r.Period,
            LocaleFormat.Date(home.Zone.Date(r.StartedAt)), r.Computed, r.Failed].Value).ToList();
        if (lines.Count == 0)
        {
            lines.Add(home.Text["Home_RunNone"].Value);
        }

        var links = new List<HomeLink> { new(home.Text["Home_OpenCalculation"], "/calculation", "home-link-calculation"), new(home.Text["Home_OpenPlans"], "/plans", "home-link-plans") };
        if (home.User.IsInRole(Roles.Hr))
        {
            links.Add(new(home.Text["Home_OpenTargets"], "/targets", "home-link-targets"));
        }

        return new("home-calculation", home.Text["Home_Calculation"], latest.Count > 0 ? latest[0].Period : null, lines, links, Attention: latest.Any(r => r.Failed > 0));
    }
}

/// <summary>Data (HR, finance): the latest uploads.</summary>
public sealed class DataCard : IHomeCard
{
    public int Order => 50;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.In(Roles.Hr, Roles.Finance);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var uploads = await home.Db.Uploads.AsNoTracking().OrderByDescending(u => u.Id).Take(3).ToListAsync(ct);
        var lines = uploads.Select(u => home.Text["Home_UploadLine", u.Source, LocaleFormat.Date(home.Zone.Date(u.UploadedAt)), u.Inserted + u.Updated + u.Unchanged].Value).ToList();
        if (lines.Count == 0)
        {
            lines.Add(home.Text["Home_UploadNone"].Value);
        }

        return new("home-data", home.Text["Home_Data"], null, lines, [new(home.Text["Home_OpenData"], "/data", "home-link-data")]);
    }
}

/// <summary>Pay (finance): the bonus total of the latest calculated month in the finance user's scope and the payroll months awaiting approval.</summary>
public sealed class PayCard : IHomeCard
{
    public int Order => 60;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.IsInRole(Roles.Finance);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var run = await TeamCard.LatestMonthRunAsync(home.Db, ct);
        var lines = new List<string>();
        string? figure = null;
        if (run is not null)
        {
            var results = await home.Db.Results.AsNoTracking().Where(r => r.RunId == run.Id).Select(r => new { r.EmployeeId, r.OrgUnitId, r.PayTotal }).ToListAsync(ct);
            var visible = results.Where(r => home.Scope.CanSeeResult(r.EmployeeId, r.OrgUnitId)).ToList();
            var total = visible.Sum(r => r.PayTotal);
            figure = LocaleFormat.MoneyShort(total);
            lines.Add(home.Text["Home_PayLine", run.Period, LocaleFormat.Money(total), visible.Count]);
        }
        else
        {
            lines.Add(home.Text["Home_RunNone"].Value);
        }

        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var awaiting = await home.Db.PayrollMonths.AsNoTracking().Where(m => m.State == Application.Payroll.PayrollMonthState.Prepared)
            .OrderBy(m => m.Month).Select(m => m.Month).ToListAsync(ct);
        lines.Add(awaiting.Count == 0 ? PayrollText.Get(culture, "Home_NoneAwaiting") : PayrollText.Get(culture, "Home_Awaiting", string.Join("、", awaiting)));
        return new("home-pay", home.Text["Home_Pay"], figure, lines,
            [new(PayrollText.Get(culture, "Home_Open"), "/payroll", "home-link-payroll"), new(home.Text["Home_OpenPlans"], "/plans", "home-link-plans-pay")],
            Attention: awaiting.Count > 0);
    }
}

/// <summary>Accounts (administrator, HR): how many, who has none yet, who is locked or disabled.</summary>
public sealed class AccountsCard(TimeProvider time) : IHomeCard
{
    public int Order => 70;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.In(Roles.Admin, Roles.Hr);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var accounts = await home.Db.Users.AsNoTracking().Select(u => new { u.EmployeeId, u.IsDisabled, u.LockoutEnd }).ToListAsync(ct);
        var employees = await home.Db.Employees.AsNoTracking().Where(e => e.LeaveDate == null || e.LeaveDate >= home.Today).Select(e => e.Id).ToListAsync(ct);
        var actor = AccountActor.Of(home.User, home.Scope);
        var visible = accounts.Where(a => actor.CanView(a.EmployeeId)).ToList();
        var linked = accounts.Select(a => a.EmployeeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var without = employees.Count(e => !linked.Contains(e) && (!actor.IsUnitHr || home.Scope.CanSee(e)));
        var now = time.GetUtcNow();
        var locked = visible.Count(a => a.LockoutEnd > now);
        var lines = new List<string>
        {
            home.Text["Home_AccountsLine", visible.Count, visible.Count(a => a.IsDisabled)],
            home.Text["Home_AccountsWithout", without],
        };
        if (locked > 0)
        {
            lines.Add(home.Text["Home_AccountsLocked", locked].Value);
        }

        return new("home-accounts", home.Text["Home_Accounts"], visible.Count.ToString(CultureInfo.CurrentCulture), lines,
            [new(home.Text["Home_OpenUsers"], "/users", "home-link-users")], Attention: locked > 0);
    }
}

/// <summary>Organisation (administrator, HR): units and people, the org pages and the calendar.</summary>
public sealed class OrganisationCard : IHomeCard
{
    public int Order => 80;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.In(Roles.Admin, Roles.Hr);

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        var units = await home.Db.OrgUnits.CountAsync(ct);
        var people = home.Scope.Kind == ScopeKind.Everyone
            ? await home.Db.Employees.CountAsync(e => e.LeaveDate == null || e.LeaveDate >= home.Today, ct)
            : home.Scope.Employees.Count;
        return new("home-org", home.Text["Home_Org"], null, [home.Text["Home_OrgLine", units, people]],
            [new(home.Text["Home_OpenOrg"], "/org", "home-link-org"), new(home.Text["Home_OpenPeople"], "/people", "home-link-people"), new(home.Text["Home_OpenCalendar"], "/calendar", "home-link-calendar")]);
    }
}

/// <summary>Settings (administrator): the user name rule and the external sign-in.</summary>
public sealed class SettingsCard(IOptions<AccountOptions> accounts, OidcSettings oidc) : IHomeCard
{
    public int Order => 90;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => user.IsInRole(Roles.Admin);

    public Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct) =>
        Task.FromResult<HomeCardView?>(new("home-settings", home.Text["Home_Settings"], null,
            [home.Text["Home_SettingsRule", accounts.Value.UserNameRule], oidc.Enabled ? home.Text["Settings_OidcOn", oidc.DisplayName] : home.Text["Settings_OidcOff"]],
            [new(home.Text["Home_OpenSettings"], "/settings", "home-link-settings"), new(home.Text["Home_OpenPlans"], "/plans", "home-link-plans-admin")]));
}
