using System.Globalization;
using Jixiao.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// One time zone for every time shown (issue 12): /plans shows upload times in the company's zone (Asia/Shanghai, UTC+8,
/// named in the column's header) even when the browser stands in another zone (America/Los_Angeles here).
/// </summary>
public sealed class PlansTimeZoneTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Plans_shows_upload_times_in_the_company_zone_when_the_browser_is_elsewhere()
    {
        _ = browser.Browser;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "America/Los_Angeles",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        Assert.Equal("America/Los_Angeles", await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone"));

        await page.ClickAsync("#nav-plans");
        await Expect(page.Locator("#plans-page[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#plan-versions thead")).ToContainTextAsync("上传时间（Asia/Shanghai）");
        List<(int Number, DateTime CreatedAt)> versions;
        using (var scope = app.Services.CreateScope())
        {
            versions = [.. scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().PlanVersions.OrderBy(v => v.Id).AsEnumerable().Select(v => (v.Number, v.CreatedAt))];
        }

        Assert.NotEmpty(versions);
        foreach (var (number, createdAt) in versions)
        {
            // Stored in UTC: shown 8 hours later (Shanghai), not 8 (PST) or 7 (PDT) hours earlier as the browser's zone would.
            await Expect(page.Locator($"#plan-versions tr[data-plan='4s-dealership'][data-version='{number}'] .created"))
                .ToHaveTextAsync(createdAt.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("plans-browser-in-los-angeles-1280x800") });
    }
}
