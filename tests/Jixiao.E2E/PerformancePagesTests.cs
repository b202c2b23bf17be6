using Jixiao.Application.Persistence;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>The demo roles in Chromium against the real app: a salesperson's own scores and an explanation; a supervisor's team.</summary>
public sealed class PerformancePagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    /// <summary>Who has a result in S11's unit in the latest calculated month, read from the database.</summary>
    private async Task<string[]> TeamOfS11Async()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var period = ResultQueries.DefaultPeriod(await ResultQueries.CalculatedPeriodsAsync(db, default))!;
        var run = (await ResultQueries.LatestRunAsync(db, period, default))!;
        var results = await db.Results.AsNoTracking().Where(r => r.RunId == run.Id).Select(r => new { r.EmployeeId, r.OrgUnitId }).ToListAsync();
        var unit = results.Single(r => r.EmployeeId == "S11").OrgUnitId;
        return [.. results.Where(r => r.OrgUnitId == unit).Select(r => r.EmployeeId).Order(StringComparer.Ordinal)];
    }

    [SkippableFact]
    public async Task Salesperson_sees_own_scores_and_opens_an_explanation()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "sales", "Demo-sales-2026");

        await page.ClickAsync("#nav-me");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("我的绩效");
        await Expect(page.Locator("#total")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#rank")).ToContainTextAsync("第");
        await Expect(page.Locator("#pay-total")).ToContainTextAsync("¥");
        var indicators = page.Locator("#indicators tbody tr");
        Assert.True(await indicators.CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("my-performance-1280x800") });

        var first = page.Locator("#indicators a[data-indicator]").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        var explanation = page.Locator("#explanation");
        await Expect(explanation).ToBeVisibleAsync();
        await Expect(explanation).ToContainTextAsync("计算说明：" + name);
        await Expect(explanation.Locator(".sources").First).ToContainTextAsync("来源行");
        await explanation.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("my-performance-explanation-1280x800") });

        await page.SetViewportSizeAsync(375, 812);
        await page.GotoAsync(new Uri(app.Address, "me").ToString());
        await Expect(page.Locator("#total")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the page scrolls sideways at phone width ({width} px)");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("my-performance-375x812"), FullPage = true });
    }

    [SkippableFact]
    public async Task Supervisor_team_page_lists_exactly_their_team()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "supervisor", "Demo-supervisor-2026");

        await page.ClickAsync("#nav-team");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("团队");
        var rows = await page.Locator("#team tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.employee)");

        Assert.Equal(await TeamOfS11Async(), rows.Order(StringComparer.Ordinal));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("team-1280x800"), FullPage = true });

        await page.Locator("#team tbody tr[data-employee='P01'] a").ClickAsync();
        await Expect(page.Locator("#total")).ToBeVisibleAsync();
    }
}
