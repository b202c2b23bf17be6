using System.Globalization;
using System.Text.RegularExpressions;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The web app with its clock at <see cref="TestClock.Now"/> (2026-11-26 09:00 in Shanghai): the demo is seeded that
/// day, so November (data to the 25th) is an open month (day 26 of 30) and its run carries a projection.
/// </summary>
public sealed class OpenNovemberAppServer : WebAppServer;

/// <summary>
/// docs/number-format.md in Chromium: /team's projected columns in the open November, headline money in 万 with the
/// exact amount in the title (/calculation, /targets), MudBlazor popovers on an interactive page, and the salesperson
/// pages at phone width.
/// </summary>
public sealed class LocaleFormatE2ETests(BrowserFixture browser, OpenNovemberAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<OpenNovemberAppServer>
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions SlowText = new() { Timeout = 60_000 };

    private T Db<T>(Func<JixiaoDbContext, T> query)
    {
        using var scope = app.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }

    [SkippableFact]
    public async Task Team_in_the_open_month_shows_projected_columns_and_who_is_projected_behind()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "manager", "Demo-manager-2026");
        await page.GotoAsync(new Uri(app.Address, "team?period=2026-11").ToString());

        await Expect(page.Locator("#team-projection-note")).ToContainTextAsync("2026-11 尚未结束（截至 2026-11-26，第 26 天，共 30 天）");
        var header = page.Locator("#team thead");
        await Expect(header).ToContainTextAsync("预计总分");
        await Expect(header).ToContainTextAsync("预计奖金");
        var rows = page.Locator("#team tbody tr");
        var count = await rows.CountAsync();
        Assert.True(count >= 5, $"the manager's store shows {count} rows");

        // Every row's projected total is the stored projection of that person in the November run.
        var stored = Db(db =>
        {
            var run = db.Runs.Where(r => r.Period == "2026-11").Max(r => r.Id);
            return db.Results.AsNoTracking().Where(r => r.RunId == run).ToList()
                .ToDictionary(r => r.EmployeeId, r => System.Text.Json.JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)!.Projection!);
        });
        var behind = 0;
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var id = (await row.GetAttributeAsync("data-employee"))!;
            var projection = stored[id];
            await Expect(row.Locator(".projected-total")).ToHaveTextAsync(projection.Total.ToString("N2", Zh));
            await Expect(row.Locator(".projected-bonus")).ToHaveTextAsync("¥" + projection.PayTotal.ToString("N2", Zh));
            var projectedBehind = await row.Locator(".projected-status").GetAttributeAsync("data-projected-behind") == "true";
            var expected = projection.Total < 70m || projection.Indicators.Any(x => x.Achievement < 0.6m);
            Assert.Equal(expected, projectedBehind);
            behind += projectedBehind ? 1 : 0;
        }

        await Expect(page.Locator("#projected-behind-count")).ToHaveTextAsync($"本页 {behind} 人预计落后目标。");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("team-projection-1280x800"), FullPage = true });
    }

    [SkippableFact]
    public async Task Calculation_shows_the_bonus_total_in_wan_and_its_pager_popover_opens()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(app.Address, "calculation").ToString());
        await Expect(page.Locator("#calculation-page[data-interactive=true]")).ToBeVisibleAsync(Slow);
        await page.Locator("#period").FillAsync("2026-11");
        await page.Locator("#period").PressAsync("Tab");
        await Expect(page.Locator("#latest")).ToContainTextAsync("2026-11", SlowText);

        var (people, pay, projected) = Db(db =>
        {
            var run = db.Runs.Where(r => r.Period == "2026-11").Max(r => r.Id);
            var rows = db.Results.AsNoTracking().Where(r => r.RunId == run).ToList();
            return (rows.Count, rows.Sum(r => r.PayTotal), rows.Sum(r => System.Text.Json.JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)!.Projection!.PayTotal));
        });
        Assert.True(pay >= 10_000m, $"the November bonus total is {pay}");
        var figure = page.Locator("#run-pay-total");
        await Expect(page.Locator("#run-headline")).ToContainTextAsync($"本次计算 {people} 人", SlowText);
        await Expect(figure).ToHaveTextAsync("¥" + Math.Round(pay / 10_000m, 2, MidpointRounding.AwayFromZero).ToString("N2", Zh) + "万");
        await Expect(figure).ToHaveAttributeAsync("title", "¥" + pay.ToString("N2", Zh));
        await Expect(page.Locator("#run-projected-pay-total")).ToHaveAttributeAsync("title", "¥" + projected.ToString("N2", Zh));

        // The results table stays exact to the cent.
        await Expect(page.Locator("#results tbody tr").First.Locator(".pay")).ToHaveTextAsync(new Regex(@"^¥\d{1,3}(,\d{3})*\.\d\d$"));

        // The pager's rows-per-page list is a MudSelect: its popover opens (MudPopoverProvider) and 50 shows everyone.
        await Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(20);
        await page.Locator(".mud-table-pagination-select .mud-input").First.ClickAsync();
        var fifty = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "50" });
        await Expect(fifty).ToBeVisibleAsync(Slow);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("calculation-pager-popover-1280x800") });
        await fifty.ClickAsync();
        await Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(Math.Min(people, 50));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("calculation-headline-1280x800"), FullPage = true });

        // /targets: a money metric's annual target as a headline in 万, exact in the title.
        await page.GotoAsync(new Uri(app.Address, "targets").ToString());
        await page.Locator("#ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await MudInputs.SelectAsync(page, "#metric", "(revenue)");
        await MudInputs.SelectAsync(page, "#subject", "(ST1)");
        // The stored figures of revenue / ST1 are in (typing before they arrive would be overwritten by them).
        await Expect(page.Locator("#targets-form")).ToHaveAttributeAsync("data-loaded", "revenue/ST1");
        await page.FillAsync("#annual", "12345678");
        var annual = page.Locator("#targets-headline .annual").First;
        await Expect(annual).ToHaveTextAsync("¥1,234.57万");
        await Expect(annual).ToHaveAttributeAsync("title", "¥12,345,678.00");
    }

    [SkippableFact]
    public async Task Salesperson_pages_fit_a_phone_in_the_open_month()
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

        await page.GotoAsync(new Uri(app.Address, "me?period=2026-11").ToString());
        await Expect(page.Locator("#projection")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "#points-so-far", "#projected-total", "#projected-grade", "#projected-bonus", "#total", "#grade", "#pay-total", "#rank");
        await Expect(page.Locator("#projected-bonus .money-figure")).ToHaveAttributeAsync("title", new Regex(@"^¥\d{1,3}(,\d{3})*\.\d\d$"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("me-open-month-390x844"), FullPage = true });

        // The explanation view of an indicator.
        await page.GotoAsync(new Uri(app.Address, "me?period=2026-11&explain=indicator%3Agross_margin").ToString());
        await Expect(page.Locator("#explanation")).ToContainTextAsync("销售毛利");
        await AssertFitsAsync(page, "#explanation");
        await page.Locator("#explanation").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("me-explanation-390x844"), FullPage = true });

        // A closed month in English: exact money, no 万 (October is in evaluation in November, its results not yet published).
        await page.GotoAsync(new Uri(app.Address, "culture/en?returnUrl=%2Fme%3Fperiod%3D2026-09").ToString());
        await Expect(page.Locator("#pay-total")).ToHaveTextAsync(new Regex(@"^¥\d{1,3}(,\d{3})*\.\d\d$"));
        await AssertFitsAsync(page, "#total", "#pay-total", "#rank");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("me-en-390x844"), FullPage = true });
    }

    /// <summary>The page never scrolls sideways, and each element is visible, not empty and inside the 390 px viewport.</summary>
    private static async Task AssertFitsAsync(IPage page, params string[] selectors)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url}: document scrolls horizontally: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        Assert.True(widths[2] <= widths[1], $"{page.Url}: body scrolls horizontally: scrollWidth {widths[2]} > clientWidth {widths[1]}");
        foreach (var selector in selectors)
        {
            var element = page.Locator(selector);
            await Expect(element).ToBeVisibleAsync();
            await Expect(element).Not.ToBeEmptyAsync();
            var box = await element.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= widths[1] + 0.5, $"{page.Url}: {selector} is outside the viewport horizontally: x {box.X}, width {box.Width}");
        }
    }
}
