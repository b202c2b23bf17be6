using Jixiao.Application.Calendar;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// Finance in Chromium on the 工资发放 page: June 2026 (May's bonuses, from May's published run) is prepared by finance, who
/// cannot approve it; finance2 approves it and downloads the payroll file, which is the month's export byte for byte.
/// </summary>
public sealed class PayrollPageTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Finance_prepares_June_a_second_finance_user_approves_it_and_downloads_the_file()
    {
        _ = browser.Browser;
        await using var first = await browser.NewContextAsync();
        var page = await app.SignInAsync(first, "finance", "Demo-finance-2026");
        await page.ClickAsync("#nav-payroll");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工资发放");
        await page.GotoAsync(new Uri(app.Address, "payroll?month=2026-06").ToString());
        await Expect(page.Locator("#payroll-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await Expect(page.Locator("#payroll-state")).ToHaveAttributeAsync("data-state", "none");
        await Expect(page.Locator("#payroll-open")).ToContainTextAsync("尚无已审批的月份");
        await Expect(page.Locator(".payroll-line").First).ToBeVisibleAsync();
        await Expect(page.Locator("#payroll-by-component")).ToContainTextAsync("销售业绩奖金");

        await page.ClickAsync("#payroll-prepare");
        await Expect(page.Locator("#payroll-notice")).ToContainTextAsync("2026-06 已准备");
        await Expect(page.Locator("#payroll-state")).ToHaveAttributeAsync("data-state", "prepared");
        await Expect(page.Locator("#payroll-prepared-by")).ToContainTextAsync("财务部 / finance");
        await page.ClickAsync("#payroll-approve");
        await Expect(page.Locator("#payroll-error")).ToHaveTextAsync("2026-06 由你准备，不能由你审批：请另一位财务人员或系统管理员审批。");
        await Expect(page.Locator("#payroll-state")).ToHaveAttributeAsync("data-state", "prepared");
        await Expect(page.Locator("#payroll-export-csv")).ToHaveCountAsync(0);

        await using var second = await browser.NewContextAsync();
        var approver = await app.SignInAsync(second, "finance2", "Demo-finance2-2026");
        await Expect(approver.Locator("#home-pay")).ToContainTextAsync("待审批的工资发放：2026-06");
        await approver.GotoAsync(new Uri(app.Address, "payroll?month=2026-06").ToString());
        await Expect(approver.Locator("#payroll-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await approver.ClickAsync("#payroll-approve");
        await Expect(approver.Locator("#payroll-notice")).ToHaveTextAsync("2026-06 已审批并锁定。");
        await Expect(approver.Locator("#payroll-state")).ToHaveAttributeAsync("data-state", "approved");
        await Expect(approver.Locator("#payroll-approved-by")).ToContainTextAsync("finance, second approver");
        await Expect(approver.Locator("#payroll-prepare")).ToHaveCountAsync(0);
        await Expect(approver.Locator("#payroll-open")).ToHaveTextAsync("当前可处理的月份：2026-07");
        await approver.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("payroll-1280x800"), FullPage = true });

        var download = await approver.RunAndWaitForDownloadAsync(() => approver.ClickAsync("#payroll-export-csv"));
        Assert.Equal("payroll-2026-06.csv", download.SuggestedFilename);
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            var (csv, _) = await new PayrollService(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), CompanyTimeZone.Default).CsvAsync(Period.Parse("2026-06"));
            Assert.Equal(csv, file);
            Assert.StartsWith("employee,component,earned_period,pay_month,status,amount\n", file, StringComparison.Ordinal);
            Assert.Equal(["payroll.prepare", "payroll.approve"], await db.AuditLog.AsNoTracking().Where(a => a.Subject == "2026-06" && a.Action.StartsWith("payroll.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }

        var xlsx = await approver.RunAndWaitForDownloadAsync(() => approver.ClickAsync("#payroll-export-xlsx"));
        Assert.Equal("payroll-2026-06.xlsx", xlsx.SuggestedFilename);
    }
}
