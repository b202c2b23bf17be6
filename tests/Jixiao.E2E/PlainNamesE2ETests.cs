using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// Names, never codes, in Chromium (issue 12): /people lists units (with their store when the name repeats), positions and levels by name, a new person's position is
/// chosen from a list of names (no free text), and the app bar fits a 390 px phone for the role with the most menu items.
/// </summary>
public sealed class PlainNamesE2ETests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Hr_sees_names_on_people_and_chooses_a_position_from_a_list()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        page.SetDefaultTimeout(60_000);
        SetDefaultExpectTimeout(30_000);

        await page.ClickAsync("#nav-people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员");
        await page.FillAsync("#filter-q", "P01");
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        var row = page.Locator("#person-P01");
        await Expect(row).ToContainTextAsync("销售顾问");
        await Expect(row).ToContainTextAsync("骨干");
        await Expect(row).Not.ToContainTextAsync("salesperson");
        // 销售一组 is a name in every store: the store comes with it, as on /team.
        await Expect(row).ToContainTextAsync("星辉汽车城东店 / 销售一组");

        await page.ClickAsync("#new-person");
        await Expect(page.Locator("#person-form")).ToBeVisibleAsync();
        // The position is a list of names: open it and pick 销售主管; the field shows the name, not the code.
        await page.Locator("#person-position").ClickAsync();
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(options.Filter(new() { HasText = "销售顾问" })).ToHaveCountAsync(1);
        await Expect(options.Filter(new() { HasText = "总经理" })).ToHaveCountAsync(1);
        await options.Filter(new() { HasText = "销售主管" }).ClickAsync();
        await Expect(page.Locator("#person-position")).ToHaveValueAsync("销售主管");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("people-position-list-1280x800") });
    }

    [SkippableFact]
    public async Task The_app_bar_fits_a_390px_phone()
    {
        _ = browser.Browser;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        await page.GotoAsync(app.Address.ToString());

        var bar = page.Locator(".mud-appbar").First;
        await Expect(bar).ToBeVisibleAsync();
        var widths = await bar.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth, Math.round(e.getBoundingClientRect().right)]");
        Assert.True(widths[0] <= widths[1] && widths[2] <= 390, $"the app bar does not fit 390 px: scrollWidth {widths[0]}, clientWidth {widths[1]}, right {widths[2]}");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("appbar-hr-390x844") });
    }
}
