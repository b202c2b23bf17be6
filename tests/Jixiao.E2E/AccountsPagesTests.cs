using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// Accounts in Chromium: an administrator creates an account for an employee on /users, the new user signs in with the
/// initial password, must change it, and lands on their home; each role's home page at 1280×800 and 390×844.
/// </summary>
public sealed class AccountsPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private const string AdminPassword = "E2e-admin-2026!";

    private async Task EnsureAdminAsync()
    {
        // The server starts on Kestrel first: reading Services before Address would start it in memory, after which
        // Address can no longer switch to Kestrel.
        _ = app.Address;
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("e2e-admin") is null)
        {
            var admin = new AppUser { UserName = "e2e-admin", DisplayName = "E2E 管理员" };
            Assert.True((await users.CreateAsync(admin, AdminPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
        }
    }

    [SkippableFact]
    public async Task Admin_ticks_a_role_on_an_account_and_the_list_and_the_database_show_it()
    {
        _ = browser.Browser;
        await EnsureAdminAsync();
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "e2e-admin", AdminPassword);

        await page.ClickAsync("#nav-users");
        await page.ClickAsync("#open-finance");
        await MudInputs.CheckAsync(page, "#role-hr");
        await page.ClickAsync("#save-account");
        await Expect(page.Locator("#user-finance")).ToContainTextAsync("人力资源");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Contains(Roles.Hr, await users.GetRolesAsync((await users.FindByNameAsync("finance"))!));
        }

        // Untick it again: the demo's finance account is left as it was.
        await page.ClickAsync("#open-finance");
        await page.Locator("#role-hr input[type=checkbox], input#role-hr[type=checkbox]").First.UncheckAsync();
        await page.ClickAsync("#save-account");
        await Expect(page.Locator("#user-finance")).Not.ToContainTextAsync("人力资源");
    }

    [SkippableFact]
    public async Task Admin_creates_an_account_and_the_new_user_changes_the_initial_password_then_sees_their_home()
    {
        _ = browser.Browser;
        await EnsureAdminAsync();
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "e2e-admin", AdminPassword);

        await page.ClickAsync("#nav-users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("账号管理");
        await Expect(page.Locator("#user-sales")).ToContainTextAsync("销售顾问");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("users-1280x800"), FullPage = true });

        await page.ClickAsync("#tab-employees");
        await page.FillAsync("#bulk-q", "P12");
        await Expect(page.Locator("#candidates tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync("#create-for-P12");
        await Expect(page.Locator("#create-user-name")).ToHaveValueAsync("p12");
        await Expect(page.Locator("#create-role-salesperson")).ToBeCheckedAsync();
        await page.ClickAsync("#create-account");
        var secret = page.Locator("#secret-password");
        await Expect(secret).ToBeVisibleAsync();
        var password = (await secret.TextContentAsync())!.Trim();
        Assert.Equal(12, password.Length);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("users-created-1280x800"), FullPage = true });

        // The new user: the initial password signs in, and only the change-password page is reachable until changed.
        await using var userContext = await browser.NewContextAsync();
        var user = await userContext.NewPageAsync();
        await user.GotoAsync(new Uri(app.Address, "login").ToString());
        await user.FillAsync("#userName", "p12");
        await user.FillAsync("#password", password);
        await user.ClickAsync("#login-submit");
        await user.WaitForURLAsync("**/account/password**", new() { Timeout = 90_000 });
        await Expect(user.Locator("#must-change")).ToBeVisibleAsync();
        await user.GotoAsync(new Uri(app.Address, "me").ToString());
        await user.WaitForURLAsync("**/account/password**");

        await user.FillAsync("#currentPassword", password);
        await user.FillAsync("#newPassword", "P12-own-pass-2026!");
        await user.FillAsync("#confirmPassword", "P12-own-pass-2026!");
        await user.ClickAsync("#password-submit");
        await user.WaitForURLAsync("**/?password=changed");
        await Expect(user.Locator("#password-changed")).ToBeVisibleAsync();
        await Expect(user.Locator("#home-my")).ToBeVisibleAsync();
        await Expect(user.Locator("#nav-me")).ToBeVisibleAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "p12");
        Assert.Equal("P12", account.EmployeeId);
        Assert.False(account.MustChangePassword);
        Assert.NotNull(account.LastSignInAt);
        var actions = await db.AuditLog.AsNoTracking().Where(a => a.Subject == "p12").Select(a => a.Action).ToListAsync();
        Assert.Contains("account.create", actions);
        Assert.Contains("account.password.change", actions);
    }

    [SkippableTheory]
    [InlineData("sales", "Demo-sales-2026", "salesperson", "#home-my")]
    [InlineData("supervisor", "Demo-supervisor-2026", "supervisor", "#home-ratings")]
    [InlineData("manager", "Demo-manager-2026", "manager", "#home-team")]
    [InlineData("hr", "Demo-hr-2026", "hr", "#home-accounts")]
    [InlineData("finance", "Demo-finance-2026", "finance", "#home-pay")]
    [InlineData("e2e-admin", AdminPassword, "admin", "#home-settings")]
    public async Task Each_roles_home_shows_its_work_at_desktop_and_phone_width(string user, string password, string role, string card)
    {
        _ = browser.Browser;
        await EnsureAdminAsync();
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, user, password);
        await Expect(page.Locator(card)).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-me")).ToHaveCountAsync(role is "salesperson" or "supervisor" or "manager" ? 1 : 0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"home-{role}-1280x800"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(page.Locator(card)).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide at 390 px");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"home-{role}-390x844"), FullPage = true });
    }
}
