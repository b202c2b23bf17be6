using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>HR in Chromium on the 工作日历 page: the 2026 notice's holidays and 调休, a company holiday added and removed, a year without a notice.</summary>
public sealed class CalendarPageTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Hr_sees_the_2026_holidays_and_adds_and_removes_a_company_holiday()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");

        await page.ClickAsync("#nav-calendar");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作日历");
        await page.GotoAsync(new Uri(app.Address, "calendar?year=2026").ToString());
        await Expect(page.Locator("#calendar-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await Expect(page.Locator("#year-title")).ToHaveTextAsync("2026 年");
        await Expect(page.Locator("#notice-known")).ToContainTextAsync("2026 年节假日安排通知");
        await Expect(page.Locator("#working-days")).ToHaveTextAsync("全年工作日 248 天");

        // 国庆 Oct 1–7 off, Oct 10 a 调休 Saturday; 春节 Feb 15–23 with Feb 14 and 28 working.
        await Expect(page.Locator("#day-2026-10-10")).ToHaveAttributeAsync("data-kind", "adjusted_workday");
        await Expect(page.Locator("#day-2026-10-10")).ToContainTextAsync("班");
        await Expect(page.Locator("#day-2026-10-01")).ToHaveAttributeAsync("data-kind", "holiday");
        await Expect(page.Locator("#day-2026-10-01")).ToHaveAttributeAsync("title", "2026-10-01 法定节假日 · 国庆节");

        // The page's scoped styles (CalendarPage.razor.css, served in jixiao-web.styles.css) apply: a holiday is red on
        // pink, a 调休 Saturday dark amber on light yellow, and the months stand in a grid.
        Assert.Equal(("rgb(253, 226, 225)", "rgb(179, 38, 30)"), await ColoursAsync(page, "#day-2026-10-01"));
        Assert.Equal(("rgb(255, 241, 194)", "rgb(122, 82, 0)"), await ColoursAsync(page, "#day-2026-10-10"));
        Assert.Equal("grid", await page.Locator("#months").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        await Expect(page.Locator("#summary-10")).ToHaveTextAsync("1–7日 国庆节 · 10日 调休上班");
        await Expect(page.Locator("#summary-2")).ToHaveTextAsync("14日 调休上班 · 15–23日 春节 · 28日 调休上班");
        await Expect(page.Locator("#summary-9")).ToHaveTextAsync("20日 调休上班 · 25–27日 中秋节");
        await Expect(page.Locator("#no-company-changes")).ToBeVisibleAsync();

        await page.ClickAsync("#day-2026-10-09");
        await Expect(page.Locator("#day-national")).ToHaveTextAsync("国家日历：工作日");
        await page.FillAsync("#day-name", "公司年会");
        await page.ClickAsync("#make-holiday");
        await Expect(page.Locator("#saved")).ToHaveTextAsync("已保存。");
        await Expect(page.Locator("#day-2026-10-09")).ToHaveAttributeAsync("data-kind", "company_holiday");
        await Expect(page.Locator("#summary-10")).ToHaveTextAsync("1–7日 国庆节 · 9日 公司年会 · 10日 调休上班");
        await Expect(page.Locator("#change-2026-10-09")).ToContainTextAsync("公司年会");
        await Expect(page.Locator("#change-2026-10-09")).ToContainTextAsync("hr");
        await Expect(page.Locator("#day-company")).ToContainTextAsync("公司调整：公司假日 · 公司年会");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("calendar-1280x800"), FullPage = true });

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            var row = await db.CalendarDays.AsNoTracking().SingleAsync();
            Assert.Equal((new DateOnly(2026, 10, 9), "holiday", "公司年会"), (row.Date, row.Kind, row.Name));
            Assert.Equal(["calendar.day.set"], await db.AuditLog.AsNoTracking().Where(a => a.Subject == "2026-10-09").Select(a => a.Action).ToListAsync());
        }

        await page.ClickAsync("#remove-change");
        await Expect(page.Locator("#saved")).ToContainTextAsync("已撤销公司调整");
        await Expect(page.Locator("#day-2026-10-09")).ToHaveAttributeAsync("data-kind", "workday");
        await Expect(page.Locator("#no-company-changes")).ToBeVisibleAsync();

        // A year without a State Council notice: the law's holidays, and a warning that 调休 is not known yet.
        await page.ClickAsync("#next-year");
        await Expect(page.Locator("#year-title")).ToHaveTextAsync("2027 年");
        await Expect(page.Locator("#notice-warning")).ToContainTextAsync("国务院办公厅尚未公布 2027 年的节假日安排");
        await Expect(page.Locator("#summary-2")).ToHaveTextAsync("5–8日 春节");
        await Expect(page.Locator("#day-2027-02-06")).ToHaveAttributeAsync("data-kind", "holiday");
    }

    private static async Task<(string Background, string Colour)> ColoursAsync(IPage page, string id)
    {
        var colours = await page.Locator(id).EvaluateAsync<string[]>("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]");
        return (colours[0], colours[1]);
    }
}
