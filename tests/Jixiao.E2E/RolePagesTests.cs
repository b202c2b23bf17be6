using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// Each demo role's home page and main page (administrator, HR, the second HR approver, finance, store manager,
/// supervisor, salesperson) at 1280×800 and 390×844 (screenshots under artifacts/): no page
/// scrolls sideways on a phone, headings show no focus box, a refused page
/// says so with a way home, and the manager's 我的绩效 opens on their quarter.
/// </summary>
public sealed class RolePagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private const string AdminPassword = "E2e-roles-admin-2026!";

    public static TheoryData<string, string, string> RoleCases => new()
    {
        { "sales", "Demo-sales-2026", "me" },
        { "supervisor", "Demo-supervisor-2026", "team" },
        { "manager", "Demo-manager-2026", "me" },
        { "hr", "Demo-hr-2026", "targets" },
        { "hr2", "Demo-hr2-2026", "periods" },
        { "finance", "Demo-finance-2026", "plans" },
        { "e2e-roles-admin", AdminPassword, "users" },
    };

    private async Task EnsureAdminAsync()
    {
        // Kestrel first (reading Services before Address would start the server in memory).
        _ = app.Address;
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("e2e-roles-admin") is null)
        {
            var admin = new AppUser { UserName = "e2e-roles-admin", DisplayName = "E2E 管理员" };
            Assert.True((await users.CreateAsync(admin, AdminPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
        }
    }

    private async Task<IBrowserContext> ContextAsync(int width, int height) => await browser.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
        ViewportSize = new ViewportSize { Width = width, Height = height },
        IsMobile = width < 600,
        HasTouch = width < 600,
    });

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        Assert.True(widths[0] <= widths[1] && widths[2] <= widths[1], $"{what} scrolls sideways: scrollWidth {widths[0]}/{widths[2]} > clientWidth {widths[1]}");
    }

    [SkippableTheory]
    [MemberData(nameof(RoleCases))]
    public async Task Home_and_main_page_of_each_role_at_desktop_and_phone_width(string user, string password, string main)
    {
        _ = browser.Browser;
        await EnsureAdminAsync();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await using var context = await ContextAsync(width, height);
            var page = await app.SignInAsync(context, user, password);
            foreach (var (name, path) in new[] { ("home", ""), (main, main) })
            {
                var response = await page.GotoAsync(new Uri(app.Address, path).ToString());
                Assert.Equal(200, response!.Status);
                var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First;
                await Expect(heading).ToBeVisibleAsync();
                // FocusOnNavigate focuses the heading: no box is drawn around it.
                await heading.FocusAsync();
                await Expect(heading).ToHaveCSSAsync("outline-style", "none");
                // Every role's pages fit a phone: wide tables scroll inside their frame, never the page.
                if (width < 600)
                {
                    await AssertNoSidewaysScrollAsync(page, $"{user} {path} at {width} px");
                }

                await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"role-{user}-{name}-{width}x{height}"), FullPage = true });
            }
        }
    }

    [SkippableFact]
    public async Task Manager_opens_on_the_quarter_and_is_offered_only_periods_with_results()
    {
        _ = browser.Browser;
        await using var context = await ContextAsync(390, 844);
        var page = await app.SignInAsync(context, "manager", "Demo-manager-2026");

        await page.GotoAsync(new Uri(app.Address, "me").ToString());

        var options = await page.Locator("#period option").AllInnerTextsAsync();
        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.Contains("-Q", o, StringComparison.Ordinal));
        Assert.Equal(options[0], await page.Locator("#period").InputValueAsync());
        await Expect(page.Locator("#total")).Not.ToBeEmptyAsync();
        await Expect(page.Locator(".scroll-hint")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "manager /me");
    }

    [SkippableFact]
    public async Task A_refused_page_says_so_with_a_way_home()
    {
        _ = browser.Browser;
        await using var context = await ContextAsync(390, 844);
        var page = await app.SignInAsync(context, "sales", "Demo-sales-2026");

        var response = await page.GotoAsync(new Uri(app.Address, "users").ToString());

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("#error-title")).ToHaveTextAsync("无权查看此页面");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("forbidden-390x844") });
        await page.GetByRole(AriaRole.Link, new() { Name = "返回首页" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.Address, "").ToString());
    }
}
