using Jixiao.Application.Access;
using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The 业绩分配 page in Chromium (seed 003 §五.3): on a phone (390×844) the salesperson P01 picks one of his sales of an open
/// period, keeps himself at 60% and adds a teammate at 40% — Submit stays disabled until the total is exactly 100% — and submits,
/// without sideways scrolling; on a desktop the manager M01 approves it; the shares are then the sale's credit rows and P01's
/// list shows the split approved. Screenshots of both.
/// </summary>
public sealed class CreditsPageTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Salesperson_splits_a_sale_60_40_and_the_manager_approves_it()
    {
        _ = browser.Browser;
        _ = app.Address;   // starts the server on Kestrel before its services are used
        var (sale, date) = await DbAsync(async db =>
        {
            var self = await AccessScope.ForAsync(db, "P01", ScopeKind.Self, false, new DateOnly(2026, 12, 31));
            var s = (await new JointSalesService(db, app.Services.GetRequiredService<TimeProvider>()).CandidatesAsync(self, null, 1))[0];
            return (s.Id, s.Date);
        });
        var (mate, mateName) = await DbAsync(db => db.Employees.Where(e => e.Id != "P01" && e.HireDate <= date && (e.LeaveDate == null || e.LeaveDate >= date)
            && e.Assignments.Any(a => a.OrgUnitId == "ST1-T1" && a.Position == "salesperson")).OrderBy(e => e.Id).Select(e => new { e.Id, e.Name }).FirstAsync()
            .ContinueWith(t => (t.Result.Id, t.Result.Name), TaskScheduler.Default));

        await using (var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        }))
        {
            var page = await app.SignInAsync(phone, "sales", "Demo-sales-2026");
            await page.GotoAsync(new Uri(app.Address, "credits").ToString());
            await Expect(page.Locator("#credits-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("业绩分配");
            await Expect(page.Locator("#credits-mine-empty")).ToContainTextAsync("你还没有提交过业绩分配申请");

            await page.FillAsync("#credits-sale", sale);
            var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = sale });
            await Expect(option).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await option.ClickAsync();
            await Expect(page.Locator("#credits-person-0")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("（P01）$"));
            await page.FillAsync("#credits-share-0", "60");
            await page.Locator("#credits-share-0").PressAsync("Tab");
            await page.FillAsync("#credits-person-1", mate);
            var person = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"（{mate}）" });
            await Expect(person).ToHaveCountAsync(1);
            await person.ClickAsync();
            await Expect(page.Locator("#credits-sum")).ToContainTextAsync("合计 60%");
            await Expect(page.Locator("#credits-sum")).ToContainTextAsync("还差 40%");
            await Expect(page.Locator("#credits-submit")).ToBeDisabledAsync();
            await page.FillAsync("#credits-share-1", "40");
            await page.Locator("#credits-share-1").PressAsync("Tab");
            await Expect(page.Locator("#credits-sum")).ToContainTextAsync("合计恰好为 100%");
            await Expect(page.Locator("#credits-submit")).ToBeEnabledAsync();
            await page.ClickAsync("#credits-submit");
            await Expect(page.Locator("#credits-notice")).ToContainTextAsync($"已提交销售记录 {sale} 的业绩分配申请，等待审批。");
            var mine = page.Locator($"#credits-mine li[data-sale='{sale}']");
            await Expect(mine).ToHaveAttributeAsync("data-state", "pending");
            await Expect(mine.Locator(".credit-approve")).ToHaveCountAsync(0); // never the requester
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]} > {widths[1]}");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("credits-request-390x844"), FullPage = true });
        }

        await using var desktop = await browser.NewContextAsync();
        var manager = await app.SignInAsync(desktop, "manager", "Demo-manager-2026");
        await Expect(manager.Locator("#nav-credits")).ToBeVisibleAsync();
        await manager.GotoAsync(new Uri(app.Address, "credits").ToString());
        await Expect(manager.Locator("#credits-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        var waiting = manager.Locator($"#credits-approve li[data-sale='{sale}']");
        await Expect(waiting).ToContainTextAsync($"{mateName} 40%");
        await waiting.Locator(".credit-approve").ClickAsync();
        await Expect(manager.Locator("#credits-notice")).ToContainTextAsync($"已批准销售记录 {sale} 的业绩分配");
        await Expect(manager.Locator("#credits-approve-empty")).ToBeVisibleAsync();
        await manager.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("credits-approved-1280x800"), FullPage = true });

        // The credits show up: the sale's credit rows, and P01's list shows the split approved.
        var rows = await DbAsync(db => db.Credits.AsNoTracking().Where(c => c.SaleId == sale).OrderByDescending(c => c.Share).Select(c => new { c.EmployeeId, c.Share }).ToListAsync());
        Assert.Equal([("P01", 0.6m), (mate, 0.4m)], rows.Select(r => (r.EmployeeId, r.Share)));
        await using var again = await browser.NewContextAsync();
        var sales = await app.SignInAsync(again, "sales", "Demo-sales-2026");
        await sales.GotoAsync(new Uri(app.Address, "credits").ToString());
        await Expect(sales.Locator("#credits-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await Expect(sales.Locator($"#credits-mine li[data-sale='{sale}']")).ToHaveAttributeAsync("data-state", "approved");
    }

    private async Task<T> DbAsync<T>(Func<JixiaoDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }
}
