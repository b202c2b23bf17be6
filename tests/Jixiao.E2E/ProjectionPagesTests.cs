using Jixiao.Testing;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The web app on Kestrel with its clock standing at 2026-10-20 10:00 in Shanghai: the demo's October is seeded as
/// an open period (day 20 of 31), so its results carry a projection.
/// </summary>
public sealed class OpenOctoberAppServer : WebAppServer
{
    protected override TimeProvider Clock { get; } = TestClock.At(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero));
}

/// <summary>A salesperson's provisional standing in an open month, at desktop and phone width (docs/decisions/0018).</summary>
public sealed class ProjectionPagesTests(BrowserFixture browser, OpenOctoberAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<OpenOctoberAppServer>
{
    [SkippableFact]
    public async Task Salesperson_sees_points_so_far_projected_total_and_progress()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "sales", "Demo-sales-2026");

        await page.GotoAsync(new Uri(app.Address, "me?period=2026-10").ToString());
        var panel = page.Locator("#projection");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("#provisional")).ToHaveTextAsync("暂定");
        await Expect(panel).ToContainTextAsync("截至 2026-10-20 得分");
        await Expect(panel).ToContainTextAsync("第 20 天，共 31 天");
        await Expect(panel.Locator("#projected-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d,]*\.\d\d$"));
        await Expect(panel.Locator("#projected-bonus")).ToContainTextAsync("¥");
        await Expect(panel.Locator("#projected-grade")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[SABC]$"));
        Assert.True(await panel.Locator("[data-progress] .mud-progress-linear").CountAsync() >= 5);
        await Expect(panel.Locator("[data-progress='gross_margin'] .projected-actual")).ToContainTextAsync("预计期末");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("projection-1280x800"), FullPage = true });

        // The progress list's indicator names open the same explanation as the table.
        await panel.Locator("[data-progress='gross_margin'] a").ClickAsync();
        await Expect(page.Locator("#explanation")).ToContainTextAsync("计算说明：销售毛利");

        // A closed month looks as before (September is in evaluation on 2026-10-20, its results not yet published).
        await page.GotoAsync(new Uri(app.Address, "me?period=2026-08").ToString());
        await Expect(page.Locator("#total")).ToBeVisibleAsync();
        await Expect(page.Locator("#projection")).ToHaveCountAsync(0);

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(new Uri(app.Address, "me?period=2026-10").ToString());
        await Expect(page.Locator("#projected-total")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page scrolls sideways at phone width ({width} px)");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("projection-390x844"), FullPage = true });
    }
}
