using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// Calibration, publication and an appeal in Chromium against the real app (docs/decisions/0019-evaluation-cycle.md), on the
/// demo seeded on 2026-11-26 (October in evaluation, its deadlines past): HR moves October to calibration on the periods page,
/// previews the forced distribution on the 汇总与校准 page (two of team ST1-T1 raised to S beforehand) and applies it, requests
/// publication; hr2 approves; the salesperson P01 appeals a line of the published result on a desktop and reads the page on a phone.
/// </summary>
public sealed class CalibrationAppealPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private async Task<T> WithScopeAsync<T>(Func<JixiaoDbContext, TimeProvider, CompanyTimeZone, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<CompanyTimeZone>());
    }

    [SkippableFact]
    public async Task Hr_calibrates_and_publishes_hr2_approves_and_the_salesperson_appeals_a_line()
    {
        _ = browser.Browser;
        _ = app.Address;

        // The demo turns cross-department verification on from October (finance's step): this walk-through goes without it
        // (VerificationImprovementPagesTests covers finance's page), so the plan is stored again without it.
        await WithScopeAsync(async (db, time, zone) =>
        {
            var yaml = await db.PlanVersions.OrderBy(v => v.Id).Select(v => v.Yaml).FirstAsync();
            var (version, problems) = await new Jixiao.Application.CalculationRuns.CalculationService(db, time, zone)
                .AddPlanVersionAsync(yaml, "4s-dealership.yaml", null, new DateOnly(2026, 10, 1));
            Assert.True(version is not null, string.Join("; ", problems));
            return version.Id;
        });

        // ---- HR: October to calibration on the periods page ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
            await page.GotoAsync(new Uri(app.Address, "/periods").ToString());
            await Expect(page.Locator("#periods-page")).ToHaveAttributeAsync("data-interactive", "true");
            await page.ClickAsync("#advance-2026-10");
            await page.ClickAsync("#confirm");
            await Expect(page.Locator("#period-2026-10")).ToHaveAttributeAsync("data-state", "calibration");
        }

        // Two of team ST1-T1 raised to S (the API test covers the adjustment itself): the forced distribution then has moves to show.
        var raised = await WithScopeAsync(async (db, time, zone) =>
        {
            var hr = await db.Users.SingleAsync(u => u.UserName == "hr");
            var calibration = new Calibration(db, time, zone);
            var view = await calibration.GetAsync(Period.Parse("2026-10"));
            var ids = view.People.Where(p => p.Unit == "ST1-T1" && p.Grade != "S").OrderByDescending(p => p.Total).Take(2).Select(p => p.EmployeeId).ToList();
            foreach (var id in ids)
            {
                var outcome = await calibration.AdjustAsync(Period.Parse("2026-10"), id, "S", "季度重点客户成交", new Actor(hr.Id, true, false), null);
                Assert.True(outcome.Ok, outcome.Error?.ToString());
            }

            return ids;
        });
        Assert.Equal(2, raised.Count);

        // ---- HR: the calibration page, the preview with reasons, applied on confirmation; publication requested ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
            await page.GotoAsync(new Uri(app.Address, "/periods").ToString());
            await page.ClickAsync("#link-calibration");
            await Expect(page.Locator("#calibration-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("汇总与校准（2026-10）");
            await Expect(page.Locator("#distribution tr[data-unit='ST1-T1'] td.over")).ToHaveCountAsync(1);
            await Expect(page.Locator("#preview")).ToContainTextAsync("S 级最多 1 人（20%），调为 A");
            var moves = await page.Locator("#preview li").CountAsync();
            Assert.True(moves >= 1);
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("calibration-1280x800"), FullPage = true });
            await page.ClickAsync("#forced-preview");
            await Expect(page.Locator("#forced-confirm")).ToContainTextAsync($"确认将以上 {moves} 人的等级下调");
            await page.ClickAsync("#forced-apply");
            await Expect(page.Locator("#cal-message")).ToContainTextAsync($"已应用强制分布：{moves} 人调整。");
            await Expect(page.Locator("#forced-ok")).ToBeVisibleAsync();
            await Expect(page.Locator("#distribution td.over")).ToHaveCountAsync(0);

            await page.GotoAsync(new Uri(app.Address, "/periods").ToString());
            await Expect(page.Locator("#periods-page")).ToHaveAttributeAsync("data-interactive", "true");
            await page.ClickAsync("#request-2026-10");
            await page.ClickAsync("#confirm");
            // The request button and the pending request share the id: wait for the server's answer, not for the id.
            await Expect(page.Locator("#period-message")).ToContainTextAsync("已申请公示期间 2026-10");
        }

        var latest = await WithScopeAsync((db, _, _) => db.Runs.Where(r => r.Period == "2026-10").MaxAsync(r => r.Id));
        Assert.Equal(latest, await WithScopeAsync((db, _, _) => db.EvaluationPeriods.Where(p => p.Key == "2026-10").Select(p => p.RequestedRunId).SingleAsync()));

        // ---- hr2 approves: October is published ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "hr2", "Demo-hr2-2026");
            await page.GotoAsync(new Uri(app.Address, "/periods").ToString());
            await Expect(page.Locator("#periods-page")).ToHaveAttributeAsync("data-interactive", "true");
            await page.ClickAsync("#approve-2026-10");
            await page.ClickAsync("#confirm");
            await Expect(page.Locator("#period-2026-10")).ToHaveAttributeAsync("data-state", "published");
        }

        // ---- P01 appeals a line on a desktop ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "sales", "Demo-sales-2026");
            await page.GotoAsync(new Uri(app.Address, "/me?period=2026-10").ToString());
            await page.ClickAsync("#me-appeals");
            await Expect(page.Locator("#appeals-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.Locator("#appeal-window")).ToContainTextAsync("2026-12-01");
            await page.ClickAsync("#appeal-submit");
            await Expect(page.Locator("#appeal-error")).ToHaveTextAsync("请选择要申诉的指标（至少一项）。");
            await page.Locator("[data-line='sales'] input[type=checkbox]").CheckAsync();
            await page.FillAsync("#appeal-text", "10月20日成交的一台SUV未计入，附交车单。");
            await page.ClickAsync("#appeal-submit");
            await Expect(page.Locator("#appeal-message")).ToContainTextAsync("申诉已提交，人力资源部应于 2026-12-03 前答复。");
            await Expect(page.Locator("[data-appeal]")).ToContainTextAsync("10月20日成交的一台SUV未计入");
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "交车单.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n") });
            await Expect(page.Locator("[data-appeal] .evidence")).ToContainTextAsync("交车单.pdf");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("appeal-1280x800"), FullPage = true });
        }

        var appeal = await WithScopeAsync((db, _, _) => db.Appeals.AsNoTracking().SingleAsync(a => a.Period == "2026-10" && a.EmployeeId == "P01"));
        Assert.Equal(("sales", "10月20日成交的一台SUV未计入，附交车单。"), (appeal.Indicators, appeal.Text));
        Assert.Equal(1, await WithScopeAsync((db, _, _) => db.EvidenceFiles.CountAsync(f => f.AppealId == appeal.Id)));

        // ---- On a phone: the appeal and its status fit the screen ----
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
            var page = await app.SignInAsync(phone, "sales", "Demo-sales-2026");
            await page.GotoAsync(new Uri(app.Address, "/evaluation/appeals").ToString());
            await Expect(page.Locator("#appeals-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.Locator("[data-appeal]")).ToContainTextAsync("答复期限：2026-12-03");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways on a phone: {widths[0]} > {widths[1]}");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("appeal-390x844"), FullPage = true });
        }
    }
}
