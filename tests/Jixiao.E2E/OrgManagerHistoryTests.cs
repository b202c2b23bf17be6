using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>HR in Chromium: a new manager of a team with an effective date on 组织架构, and the unit's manager history.</summary>
public sealed class OrgManagerHistoryTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Hr_appoints_a_new_manager_from_a_date_and_sees_the_history()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        await page.ClickAsync("#nav-org");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("组织架构");

        await page.ClickAsync("#edit-ST3-T2");
        var history = page.Locator("#manager-history tbody tr");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.Nth(0)).ToContainTextAsync("S32");

        await page.FillAsync("#unit-manager", "S31");
        await page.FillAsync("#unit-manager-from", "2026-11-01");
        await page.ClickAsync("#save-unit");
        await Expect(page.Locator("#saved")).ToBeVisibleAsync();
        await Expect(page.Locator("#unit-ST3-T2")).ToContainTextAsync("S31");

        await page.ClickAsync("#edit-ST3-T2");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(0)).ToContainTextAsync("S32");
        await Expect(history.Nth(0)).ToContainTextAsync("2026-10-31");
        await Expect(history.Nth(1)).ToContainTextAsync("S31");
        await Expect(history.Nth(1)).ToContainTextAsync("2026-11-01");
        await Expect(history.Nth(1)).ToContainTextAsync("至今");

        // A date on or before the current manager's start is refused at the field; nothing changes.
        await page.FillAsync("#unit-manager", "M03");
        await page.FillAsync("#unit-manager-from", "2026-10-01");
        await page.ClickAsync("#save-unit");
        await Expect(MudInputs.FieldError(page, "#unit-manager-from")).ToContainTextAsync("须晚于当前经理任职的开始日期 2026-11-01");
        await Expect(history).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("org-manager-history-1280x800"), FullPage = true });

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var rows = await db.UnitManagers.AsNoTracking().Where(m => m.OrgUnitId == "ST3-T2").OrderBy(m => m.ValidFrom).ToListAsync();
        Assert.Equal([("S32", (DateOnly?)new DateOnly(2026, 11, 1)), ("S31", null)], rows.Select(m => (m.ManagerId, m.ValidTo)));
        Assert.Equal("S31", (await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == "ST3-T2")).ManagerId);
    }
}
