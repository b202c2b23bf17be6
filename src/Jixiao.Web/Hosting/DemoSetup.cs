using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Hosting;

/// <summary>A demo login: user name, password, role and the employee it is linked to.</summary>
public sealed record DemoLogin(string UserName, string Password, string Role, string? EmployeeId, string Description);

/// <summary>
/// Every start: under <see cref="StartupLock"/>, migrates the database and makes sure a data-protection key exists.
/// First start: creates the roles and an administrator with a generated password,
/// and (unless --no-demo) seeds the demo company on the 4S template with its logins and calculated results.
/// </summary>
public static class DemoSetup
{
    /// <summary>
    /// The demo logins (documented in README, passwords included): marked as demo accounts (<see cref="DemoAccounts"/>),
    /// refused at sign-in in Production unless allowed. The demo company is sample data, not for production.
    /// </summary>
    public static IReadOnlyList<DemoLogin> Logins { get; } =
    [
        new("hr", "Demo-hr-2026", Roles.Hr, null, "人力资源部 / HR"),
        new("hr2", "Demo-hr2-2026", Roles.Hr, null, "人力资源部（公示复核）/ HR, second approver"),
        new("finance", "Demo-finance-2026", Roles.Finance, null, "财务部 / finance"),
        new("finance2", "Demo-finance2-2026", Roles.Finance, null, "财务部（发放复核）/ finance, second approver"),
        new("manager", "Demo-manager-2026", Roles.Manager, "M01", "城东店销售经理 / store manager (M01)"),
        new("supervisor", "Demo-supervisor-2026", Roles.Supervisor, "S11", "城东店销售一组主管 / supervisor (S11)"),
        new("sales", "Demo-sales-2026", Roles.Salesperson, "P01", "城东店销售顾问 / salesperson (P01)"),
    ];

    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo, TextWriter output, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<JixiaoDbContext>();

        // Another instance starting at the same time waits here until this one has migrated and seeded.
        await using var startupLock = await StartupLock.AcquireAsync(db, ct);
        await DatabaseMigrator.MigrateLockedAsync(db, ct);

        // Create the first data-protection key now, under the lock, so all instances share one key from the start.
        _ = sp.GetService<IDataProtectionProvider>()?.CreateProtector("Jixiao.Startup").Protect("ready");

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("admin") is null)
        {
            var password = AdminPassword.Generate();
            var admin = new AppUser { UserName = "admin", DisplayName = "系统管理员" };
            Check(await users.CreateAsync(admin, password));
            Check(await users.AddToRoleAsync(admin, Roles.Admin));
            output.WriteLine($"Administrator login (shown once): admin / {password}");
        }

        await MarkDemoAccountsAsync(users);
        if (!seedDemo || await db.OrgUnits.AnyAsync(ct))
        {
            return;
        }

        // The demo's months are relative to the app's clock: the six months before today's and today's month to date,
        // calculated as of today, so the open month shows a projection until its last day (docs/decisions/0018-projection.md).
        var time = sp.GetRequiredService<TimeProvider>();
        var zone = sp.GetRequiredService<CompanyTimeZone>();
        var calendar = new DemoCalendar(zone.Today(time));
        var imported = await new DataImporter(db, time).ImportAsync(DemoCompany.Files(calendar), "seed", calendar.Since, ct);
        if (!imported.Ok)
        {
            throw new InvalidOperationException("The demo data does not import: " + string.Join("; ", imported.Errors));
        }

        var calc = new CalculationService(db, time, zone);
        var yaml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "4s-dealership.yaml"), ct);
        var (version, problems) = await calc.AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed", ct);
        if (version is null)
        {
            throw new InvalidOperationException("The 4S template does not load: " + string.Join("; ", problems));
        }

        // From last month on, the demo's plan turns cross-department verification on (finance confirms the figures behind
        // each result before calibration): the same template, stored again in force from last month's first day.
        if (yaml.Contains("\nevaluation:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The 4S template has its own evaluation settings: turn verification on there.");
        }

        var verifiedFrom = calendar.Months[^1];
        var (verified, verifiedProblems) = await calc.AddPlanVersionAsync(yaml.TrimEnd() + "\nevaluation:\n  verification: true\n", "4s-dealership.yaml", "seed", verifiedFrom, ct);
        if (verified is null)
        {
            throw new InvalidOperationException("The 4S template with verification does not load: " + string.Join("; ", verifiedProblems));
        }

        var names = await db.Employees.ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        output.WriteLine($"Demo company seeded (4S dealership template, 3 stores, {calendar.FirstMonth} to {calendar.LastMonth} and {calendar.CurrentMonth} to {calendar.DataThrough.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}). Demo logins:");
        foreach (var login in Logins)
        {
            var user = new AppUser
            {
                UserName = login.UserName,
                EmployeeId = login.EmployeeId,
                DisplayName = login.EmployeeId is { } id ? names[id] : login.Description,
            };
            Check(await users.CreateAsync(user, login.Password));
            Check(await users.AddToRoleAsync(user, login.Role));
            Check(await users.AddClaimAsync(user, DemoAccounts.Claim));
            output.WriteLine($"  {login.UserName,-10} / {login.Password,-22} {login.Description}");
        }

        // The periods' cycle relative to today (docs/decisions/0019): older months and the quarter closed with published runs
        // (hr requested, hr2 approved), the month before last published with an appeal open, last month in evaluation
        // (finance verifies), this month open.
        var requester = (await users.FindByNameAsync("hr"))!.Id;
        var approver = (await users.FindByNameAsync("hr2"))!.Id;
        await DemoCycle.SeedAsync(db, time, zone, calendar.Periods, requester, approver, ct);
    }

    /// <summary>
    /// Marks accounts seeded before demo accounts carried their claim: an account named like a demo login that still
    /// has the published password is a demo account, whoever created it.
    /// </summary>
    private static async Task MarkDemoAccountsAsync(UserManager<AppUser> users)
    {
        foreach (var login in Logins)
        {
            if (await users.FindByNameAsync(login.UserName) is { } user
                && !(await users.GetClaimsAsync(user)).Any(c => c.Type == DemoAccounts.ClaimType)
                && await users.CheckPasswordAsync(user, login.Password))
            {
                Check(await users.AddClaimAsync(user, DemoAccounts.Claim));
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
