using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>我的绩效 on a phone (390×844): no horizontal scrolling, and the key numbers are on screen without it.</summary>
public sealed class PhoneWidthTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task My_performance_fits_a_phone_and_shows_the_key_numbers()
    {
        _ = browser.Browser;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var page = await app.SignInAsync(context, "sales", "Demo-sales-2026");
        await page.GotoAsync(new Uri(app.Address, "me").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("我的绩效");

        // The page itself never scrolls sideways (wide tables scroll inside their own box).
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        Assert.True(widths[0] <= widths[1], $"document scrolls horizontally: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        Assert.True(widths[2] <= widths[1], $"body scrolls horizontally: scrollWidth {widths[2]} > clientWidth {widths[1]}");

        // Total, grade, pay and rank: visible, non-empty and entirely inside the 390 px viewport.
        foreach (var id in new[] { "#total", "#grade", "#pay-total", "#rank" })
        {
            var number = page.Locator(id);
            await Expect(number).ToBeVisibleAsync();
            await Expect(number).Not.ToBeEmptyAsync();
            var box = await number.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{id} is outside the viewport horizontally: x {box.X}, width {box.Width}");
        }

        await Expect(page.Locator("#pay-total")).ToContainTextAsync("¥");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("my-performance-390x844"), FullPage = true });
    }
}
