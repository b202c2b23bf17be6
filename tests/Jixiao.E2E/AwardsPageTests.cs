using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The 奖励申请 page in Chromium (seed 002 "成功签约战略客户，奖励5000-20000元"; the demo plan gets that award kind): on a phone
/// (390×844) HR requests 25,000.00 for P01 — refused under the amount with the range, nothing stored — then 12,000.00, which waits
/// for approval with no approve button for HR, without sideways scrolling; on a desktop (1280×800) finance, who cannot request,
/// approves it. Screenshots of both.
/// </summary>
public sealed class AwardsPageTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Hr_requests_an_award_inside_the_range_and_finance_approves_it()
    {
        _ = browser.Browser;
        _ = app.Address;   // starts the server on Kestrel before its services are used
        Db(db =>
        {
            foreach (var v in db.PlanVersions)
            {
                v.Yaml = v.Yaml.TrimEnd() + "\nawards:\n  - { code: strategic_customer, name: 战略客户签约奖, name_en: Strategic customer award, min: 5000, max: 20000 }\n";
            }

            return db.SaveChanges();
        });
        var person = Db(db => db.Employees.AsNoTracking().Single(e => e.Id == "P01").Name);

        await using (var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        }))
        {
            var page = await app.SignInAsync(phone, "hr", "Demo-hr-2026");
            await page.GotoAsync(new Uri(app.Address, "awards").ToString());
            await Expect(page.Locator("#awards-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("奖励申请");
            await Expect(page.Locator("#awards-none-pending")).ToHaveTextAsync("暂无待审批的奖励。");

            await page.FillAsync("#award-month", "2026-05");
            await page.Locator("#award-month").PressAsync("Tab");
            await MudInputs.SelectAsync(page, "#award-kind", "战略客户签约奖");
            await Expect(MudInputs.Field(page, "#award-kind")).ToContainTextAsync("范围 ¥5,000.00–¥20,000.00");
            await page.FillAsync("#award-person", "P01");
            var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "（P01）" });
            await Expect(option).ToHaveCountAsync(1);
            await option.ClickAsync();
            await Expect(page.Locator("#award-person")).ToHaveValueAsync($"{person}（P01）");
            await page.FillAsync("#award-amount", "25000");
            await page.Locator("#award-amount").PressAsync("Tab");
            await page.FillAsync("#award-reason", "签约华东战略客户");
            await page.Locator("#award-reason").PressAsync("Tab");
            await page.ClickAsync("#award-submit");
            await Expect(MudInputs.FieldError(page, "#award-amount")).ToHaveTextAsync("奖励金额 25000.00 超出该类型的范围 5000.00–20000.00。");
            Assert.Equal(0, Db(db => db.Awards.Count()));

            await page.FillAsync("#award-amount", "12000");
            await page.Locator("#award-amount").PressAsync("Tab");
            await page.ClickAsync("#award-submit");
            await Expect(page.Locator("#awards-notice")).ToContainTextAsync($"已为{person}申请奖励 ¥12,000.00，等待审批。");
            var award = Db(db => db.Awards.AsNoTracking().Single());
            Assert.Equal(("P01", "strategic_customer", "2026-05", 12000.00m, AwardState.Requested), (award.EmployeeId, award.Kind, award.Month, award.Amount, award.State));
            var item = page.Locator($"#awards-pending #award-{award.Id}");
            await Expect(item).ToHaveAttributeAsync("data-state", "requested");
            await Expect(item).ToContainTextAsync("¥12,000.00");
            await Expect(item).ToContainTextAsync("战略客户签约奖 · 2026-05");
            await Expect(page.Locator($"#approve-{award.Id}")).ToHaveCountAsync(0); // never the requester
            await Expect(page.Locator($"#waiting-{award.Id}")).ToHaveTextAsync("由你申请：须由另一位财务人员或系统管理员审批。");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]} > {widths[1]}");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("awards-request-390x844"), FullPage = true });
        }

        await using var desktop = await browser.NewContextAsync();
        var finance = await app.SignInAsync(desktop, "finance", "Demo-finance-2026");
        await Expect(finance.Locator("#nav-awards")).ToBeVisibleAsync();
        await finance.GotoAsync(new Uri(app.Address, "awards").ToString());
        await Expect(finance.Locator("#awards-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await Expect(finance.Locator("#award-form")).ToHaveCountAsync(0); // finance decides, HR requests
        var id = Db(db => db.Awards.AsNoTracking().Single().Id);
        await finance.FillAsync($"#note-{id}", "合同已核");
        await finance.ClickAsync($"#approve-{id}");
        await Expect(finance.Locator("#awards-notice")).ToContainTextAsync($"已批准{person}的奖励 ¥12,000.00，将随次月工资发放。");
        var decided = finance.Locator($"#awards-decided #award-{id}");
        await Expect(decided).ToHaveAttributeAsync("data-state", "approved");
        await Expect(decided).ToContainTextAsync("备注：合同已核");
        await Expect(finance.Locator("#awards-none-pending")).ToBeVisibleAsync();
        var stored = Db(db => db.Awards.AsNoTracking().Single());
        Assert.Equal(AwardState.Approved, stored.State);
        Assert.NotEqual(stored.RequestedBy, stored.DecidedBy);
        await finance.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("awards-approved-1280x800"), FullPage = true });
    }

    private T Db<T>(Func<JixiaoDbContext, T> query)
    {
        using var scope = app.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }
}
