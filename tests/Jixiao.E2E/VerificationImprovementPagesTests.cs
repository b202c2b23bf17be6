using Jixiao.Application.CalculationRuns;
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
/// Cross-department verification and the feedback and improvement page in Chromium (docs/decisions/0019-evaluation-cycle.md),
/// on the demo seeded on 2026-11-26 with a plan version turning verification on from October (its deadline extended by HR):
/// finance confirms P02 and sends a line of P01's back with a reason; October is then verified, calibrated (P01 to grade C),
/// published; the supervisor S11 records the feedback talk with P01 and writes P01's improvement plan; P01 reads it on a phone.
/// </summary>
public sealed class VerificationImprovementPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private static readonly Period October = Period.Parse("2026-10");

    private async Task<T> WithScopeAsync<T>(Func<JixiaoDbContext, TimeProvider, CompanyTimeZone, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<CompanyTimeZone>());
    }

    private async Task<Actor> ActorAsync(string user) =>
        await WithScopeAsync(async (db, _, _) => new Actor((await db.Users.SingleAsync(u => u.UserName == user)).Id, IsHr: true, IsAdmin: false));

    [SkippableFact]
    public async Task Finance_verifies_the_manager_records_the_talk_and_a_plan_and_the_employee_reads_it()
    {
        _ = browser.Browser;
        _ = app.Address;
        var hr = await ActorAsync("hr");
        var lineName = await WithScopeAsync(async (db, time, zone) =>
        {
            var yaml = await db.PlanVersions.OrderBy(v => v.Id).Select(v => v.Yaml).FirstAsync();
            var (version, problems) = await new CalculationService(db, time, CompanyTimeZone.Default).AddPlanVersionAsync(yaml.TrimEnd() + "\nevaluation:\n  verification: true\n", "4s-dealership.yaml", hr.UserId, new DateOnly(2026, 10, 1));
            Assert.True(version is not null, string.Join("; ", problems));
            var extended = await new PeriodWorkflow(db, time, zone).ExtendAsync(October, EvaluationStep.Verification, new DateOnly(2026, 11, 30), "财务月结后复核", hr);
            Assert.True(extended.Ok, extended.Error?.ToString());
            var basis = await db.EvaluationPeriods.Where(p => p.Key == "2026-10").Select(p => p.BasisRunId).SingleAsync();
            return (await EvaluationPeople.BasisAsync(db, basis, "P01"))!.Indicators[0].Name;
        });

        // ---- Finance: confirms P02, sends a line of P01's back with a reason ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "finance", "Demo-finance-2026");
            await Expect(page.Locator("#home-due")).ToContainTextAsync("期间 2026-10 的跨部门复核");
            await page.ClickAsync("#home-link-verification");
            await Expect(page.Locator("#verification-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.Locator("#verify-summary")).ToContainTextAsync("已确认 0 /");
            await page.ClickAsync("#verify-confirm-P02");
            await Expect(page.Locator("[data-employee='P02']")).ToHaveAttributeAsync("data-outcome", "confirmed");
            await page.ClickAsync("#verify-return-P01");
            await Expect(page.Locator("#verify-error")).ToContainTextAsync("须指明指标并填写原因");
            await MudInputs.SelectAsync(page, "#verify-line-P01", lineName);
            await page.FillAsync("#verify-reason-P01", "10月回款单与系统不符，请门店核对");
            await page.ClickAsync("#verify-return-P01");
            await Expect(page.Locator("[data-employee='P01']")).ToHaveAttributeAsync("data-outcome", "returned");
            await Expect(page.Locator("[data-employee='P01'] div.verify-returned")).ToContainTextAsync("10月回款单与系统不符");
            await Expect(page.Locator("#verify-summary")).ToContainTextAsync("已确认 1 /");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("verification-1280x800"), FullPage = true });
        }

        var (p01, p02) = await WithScopeAsync(async (db, _, _) => (
            await db.Verifications.AsNoTracking().SingleAsync(v => v.Period == "2026-10" && v.EmployeeId == "P01"),
            await db.Verifications.AsNoTracking().SingleAsync(v => v.Period == "2026-10" && v.EmployeeId == "P02")));
        Assert.Equal(("returned", "10月回款单与系统不符，请门店核对"), (p01.Outcome, p01.Reason));
        Assert.Equal("confirmed", p02.Outcome);

        // Everyone else verified (and P01 again), calibration (P01 to grade C), publication requested by hr and approved by hr2.
        var hr2 = await ActorAsync("hr2");
        var finance = await WithScopeAsync(async (db, _, _) => new Actor((await db.Users.SingleAsync(u => u.UserName == "finance")).Id, false, false));
        await WithScopeAsync(async (db, time, zone) =>
        {
            var verifications = new Verifications(db, time, zone);
            foreach (var v in (await verifications.ListAsync(October)).Where(v => v.Record?.Outcome != "confirmed"))
            {
                var saved = await verifications.SaveAsync(October, v.EmployeeId, false, null, null, null, finance, isFinance: true);
                Assert.True(saved.Ok, saved.Error?.ToString());
            }

            var moved = await new PeriodWorkflow(db, time, zone).AdvanceAsync(October, PeriodState.Calibration, hr, null);
            Assert.True(moved.Ok, moved.Error?.ToString());
            var graded = await new Calibration(db, time, zone).AdjustAsync(October, "P01", "C", "回款核对后业绩下调", hr, null);
            Assert.True(graded.Ok, graded.Error?.ToString());
            var run = await db.Runs.Where(r => r.Period == "2026-10").MaxAsync(r => r.Id);
            Assert.True((await new Publication(db, time, zone).RequestAsync(October, run, hr)).Ok);
            var published = await new Publication(db, time, zone).ApproveAsync(October, hr2);
            Assert.True(published.Ok, published.Error?.ToString());
            return 0;
        });

        // ---- The supervisor S11: the feedback talk with P01 and P01's improvement plan ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "supervisor", "Demo-supervisor-2026");
            await Expect(page.Locator("#home-due")).ToContainTextAsync("期间 2026-10 的反馈面谈：4 人未记录");
            await page.ClickAsync("#home-link-improvement-2026-10");
            await Expect(page.Locator("#improvement-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.Locator(".talk[data-employee='P01']")).ToHaveAttributeAsync("data-held", "false");
            await page.FillAsync("#talk-note-P01", "逐项讲解了回款核对的结果，约定每周复盘商机。");
            await page.ClickAsync("#talk-save-P01");
            await Expect(page.Locator("#plan-message")).ToContainTextAsync("已记录与");
            await Expect(page.Locator(".talk[data-employee='P01']")).ToHaveAttributeAsync("data-held", "true");
            await page.FillAsync("#plan-goals-P01", "三个月内月度回款达成率不低于 95%。");
            await page.FillAsync("#plan-actions-P01", "每周五与主管核对回款台账；参加一次信贷产品培训。");
            await page.ClickAsync("#plan-save-P01");
            await Expect(page.Locator(".plan[data-employee='P01']")).ToHaveAttributeAsync("data-written", "true");
            await page.FillAsync("#plan-note-P01", "第一周：回款台账已建立。");
            await page.ClickAsync("#plan-note-save-P01");
            await Expect(page.Locator(".plan[data-employee='P01'] .notes")).ToContainTextAsync("回款台账已建立");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("improvement-1280x800"), FullPage = true });
        }

        var review = await WithScopeAsync((db, _, _) => db.ManagerReviews.AsNoTracking().SingleAsync(r => r.Period == "2026-10" && r.EmployeeId == "P01"));
        Assert.Equal((new DateOnly(2026, 11, 26), "逐项讲解了回款核对的结果，约定每周复盘商机。"), (review.FeedbackOn, review.FeedbackNote));

        // ---- P01 on a phone: their plan, read-only, fits the screen ----
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
            await page.GotoAsync(new Uri(app.Address, "/me?period=2026-10").ToString());
            await page.ClickAsync("#me-improvement");
            await Expect(page.Locator("#improvement-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.Locator(".plan[data-employee='P01']")).ToContainTextAsync("三个月内月度回款达成率不低于 95%。");
            await Expect(page.Locator("#plan-goals-P01")).ToHaveCountAsync(0);
            await Expect(page.Locator(".talk")).ToHaveCountAsync(0);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways on a phone: {widths[0]} > {widths[1]}");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("improvement-390x844"), FullPage = true });
        }
    }
}
