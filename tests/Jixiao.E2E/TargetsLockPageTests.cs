using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// HR re-splits 2026 in Chromium: the months already calculated (May–November in the demo) are shown as locked with old
/// → new, applying is impossible until the overwrite is confirmed, and, as May–September are closed, the save is then
/// refused with the closed period named and nothing stored (docs/decisions/0019).
/// </summary>
public sealed class TargetsLockPageTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private async Task<decimal?> StoredAsync(string subject, string period)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var row = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Subject == subject && t.Metric == "vehicles" && t.Period == period);
        return row?.Value;
    }

    [SkippableFact]
    public async Task Hr_sees_calculated_months_locked_confirms_the_overwrite_and_closed_months_refuse_it()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        page.SetDefaultTimeout(60_000);
        SetDefaultExpectTimeout(30_000);

        await page.GotoAsync(new Uri(app.Address, "targets").ToString());
        await page.Locator("#ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#year", "2026");
        await page.SelectOptionAsync("#metric", "vehicles");
        await page.SelectOptionAsync("#subject", "ST1");
        await page.FillAsync("#annual", "1200");
        await Expect(page.Locator("#summary")).ToContainTextAsync("所有合计一致");

        // The locked months are listed old → new with the runs that read them; their cells are marked; apply waits for the confirmation.
        var before = await StoredAsync("P01", "2026-10");
        var locked = page.Locator("#locked");
        await Expect(locked).ToContainTextAsync("已计算期间的目标将被改动");
        await Expect(locked).ToContainTextAsync("2026-05, 2026-06, 2026-07, 2026-08, 2026-09, 2026-10");
        await Expect(locked).ToContainTextAsync("2026-Q3");
        var october = page.Locator("#locked tr[data-locked='P01:2026-10']");
        await Expect(october).ToContainTextAsync(before!.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + " /");
        await Expect(page.Locator("#plan input[data-cell='P01:10']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\blocked\\b"));
        await Expect(page.Locator("#plan input[data-cell='P01:1']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\blocked\\b"));
        await Expect(page.Locator("#apply")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("targets-locked-1280x800"), FullPage = true });

        await page.CheckAsync("#confirm-overwrite");
        await Expect(page.Locator("#apply")).ToBeEnabledAsync();
        var annualBefore = await StoredAsync("ST1", "2026");
        await page.ClickAsync("#apply");
        // May–September are closed in the demo (docs/decisions/0019): no confirmation overwrites what a closed period read;
        // the refusal names the closed period and how to correct it, and nothing is stored.
        await Expect(page.Locator("#message")).ToContainTextAsync("期间 2026-05 已关闭");
        await Expect(page.Locator("#message")).ToContainTextAsync("调整");
        Assert.Equal(annualBefore, await StoredAsync("ST1", "2026"));
        Assert.Equal(before, await StoredAsync("P01", "2026-10"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("targets-closed-refused-1280x800"), FullPage = true });
    }
}
