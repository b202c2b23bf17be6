using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// HR opens 2026 in Chromium: the stored targets are on screen; the months closed periods read (May–September in the
/// demo) are marked closed and read-only up front, and a re-split that would change them is refused before anything is
/// saved (docs/decisions/0019). By hand, a change of calculated open months (October, November) is listed old → new,
/// waits for the overwrite confirmation, and is then saved, the closed months untouched.
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

    private static string Plain(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task Hr_sees_closed_months_read_only_a_resplit_refused_up_front_and_confirms_an_overwrite_of_open_months()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        page.SetDefaultTimeout(60_000);
        SetDefaultExpectTimeout(30_000);

        await page.GotoAsync(new Uri(app.Address, "targets").ToString());
        await page.Locator("#ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await MudInputs.SelectAsync(page, "#year", "2026");
        await MudInputs.SelectAsync(page, "#metric", "(vehicles)");
        await MudInputs.SelectAsync(page, "#subject", "(ST1)");

        // The stored targets are on screen, by hand; the closed months are marked and cannot be typed into.
        var may = await StoredAsync("P01", "2026-05");
        var october = await StoredAsync("P01", "2026-10");
        var november = await StoredAsync("P01", "2026-11");
        await Expect(page.Locator("#stored")).ToContainTextAsync("显示的是已保存的 2026 年目标");
        await Expect(page.Locator("#plan input[data-cell='P01:5']")).ToHaveValueAsync(Plain(may!.Value));
        await Expect(page.Locator("#plan input[data-cell='P01:10']")).ToHaveValueAsync(Plain(october!.Value));
        await Expect(page.Locator("#plan input[data-cell='P01:5']")).Not.ToBeEditableAsync();
        await Expect(page.Locator("#plan th[data-col='5']")).ToContainTextAsync("已关闭");
        await Expect(page.Locator("#closed")).ToContainTextAsync("2026-05 已关闭");
        await Expect(page.Locator("#summary")).ToContainTextAsync("所有合计一致");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("targets-stored-1280x800"), FullPage = true });

        // A re-split by ratio would change the closed months: refused on screen, before anything is saved.
        await page.ClickAsync("#method [data-method='Ratio']");
        await Expect(page.Locator("#stored")).ToContainTextAsync("正在重新分解");
        await page.FillAsync("#annual", "1200");
        await Expect(page.Locator("#closed-refused")).ToContainTextAsync("已关闭期间 2026-05");
        await Expect(page.Locator("#apply")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("targets-closed-refused-1280x800"), FullPage = true });

        // Back to the stored figures; by hand, one vehicle moves from November to October (both calculated, neither closed).
        await page.ClickAsync("#method [data-method='Hand']");
        await MudInputs.SelectAsync(page, "#subject", "(ST1-T1)");
        await Expect(page.Locator("#plan tbody tr").First).ToHaveAttributeAsync("data-subject", "ST1-T1");
        await MudInputs.SelectAsync(page, "#subject", "(ST1)");
        await Expect(page.Locator("#plan tbody tr").First).ToHaveAttributeAsync("data-subject", "ST1");
        await Expect(page.Locator("#stored")).ToContainTextAsync("显示的是已保存的 2026 年目标");
        await page.FillAsync("#plan input[data-cell='P01:10']", Plain(october.Value + 1));
        await page.FillAsync("#plan input[data-cell='P01:11']", Plain(november!.Value - 1));
        // The stored challenges stay with their months: every sum still matches.
        await Expect(page.Locator("#summary")).ToContainTextAsync("所有合计一致");
        var locked = page.Locator("#locked");
        await Expect(locked).ToContainTextAsync("已计算期间的目标将被改动");
        await Expect(page.Locator("#locked tr[data-locked='P01:2026-10']")).ToContainTextAsync(Plain(october.Value) + " /");
        await Expect(page.Locator("#plan input[data-cell='P01:10']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\blocked\\b"));
        await Expect(page.Locator("#apply")).ToBeDisabledAsync();

        await MudInputs.CheckAsync(page, "#confirm-overwrite");
        await Expect(page.Locator("#apply")).ToBeEnabledAsync();
        await page.ClickAsync("#apply");
        await Expect(page.Locator("#message")).ToContainTextAsync("已保存");
        await Expect(page.Locator("#message")).ToContainTextAsync("请重新计算 2026-10");
        Assert.Equal(october + 1, await StoredAsync("P01", "2026-10"));
        Assert.Equal(november - 1, await StoredAsync("P01", "2026-11"));
        // Closed months untouched; nothing written where nothing was stored.
        Assert.Equal(may, await StoredAsync("P01", "2026-05"));
        Assert.Null(await StoredAsync("P01", "2026-01"));
        Assert.Null(await StoredAsync("ST1-T1", "2026-05"));
    }
}
