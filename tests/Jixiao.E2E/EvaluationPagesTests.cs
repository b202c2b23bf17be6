using System.Text;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The evaluation steps in Chromium against the real app (docs/decisions/0019-evaluation-cycle.md), on the demo seeded on
/// 2026-11-26 (October in evaluation, its deadlines past): HR extends self-assessment on the periods page; the salesperson P01 finds the step
/// on the home page, confirms and comments on their lines on a phone and saves a draft, then attaches a PDF and submits
/// on a desktop; their supervisor S11 sees it on the 评分 page, records the talk and submits the scoring.
/// </summary>
public sealed class EvaluationPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private async Task<T> WithDbAsync<T>(Func<JixiaoDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }

    [SkippableFact]
    public async Task Salesperson_assesses_on_a_phone_and_a_desktop_and_the_supervisor_scores_with_the_talk()
    {
        _ = browser.Browser;
        _ = app.Address;
        // ---- HR extends October's self-assessment on the periods page (step, date and reason in MudBlazor inputs) ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
            await page.GotoAsync(new Uri(app.Address, "/periods").ToString());
            await Expect(page.Locator("#periods-page")).ToHaveAttributeAsync("data-interactive", "true");
            await page.ClickAsync("#extend-2026-10");
            await MudInputs.SelectAsync(page, "#extend-step", "自评");
            await MudInputs.FillDateAsync(page, "#extend-due", "2026-11-30");
            await page.FillAsync("#extend-reason", "系统上线，自评延期");
            await page.ClickAsync("#confirm");
            await Expect(page.Locator("#period-message")).ToContainTextAsync("已将期间 2026-10 的自评截止日期延长至 2026-11-30");
        }

        var extension = await WithDbAsync(db => db.DeadlineExtensions.AsNoTracking().SingleAsync(x => x.Period == "2026-10" && x.Step == "self_assessment"));
        Assert.Equal((new DateOnly(2026, 11, 30), "系统上线，自评延期"), (extension.Due, extension.Reason));

        // ---- On a phone: from the home page to the self-assessment, lines confirmed or commented, a draft saved ----
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
            await Expect(page.Locator("#home-due")).ToContainTextAsync("期间 2026-10 的自评：2026-11-30 前");
            await page.ClickAsync("#home-link-self-2026-10");
            await Expect(page.Locator("#self-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("自评");
            await Expect(page.Locator("#due")).ToContainTextAsync("2026-11-30");
            await Expect(page.Locator("#lines .line")).ToHaveCountAsync(5);
            foreach (var code in new[] { "gross_margin", "new_leads", "followup", "satisfaction" })
            {
                await page.Locator($"[data-indicator='{code}'] input[type=checkbox]").CheckAsync();
            }

            await page.FillAsync("#comment-sales", "10月20日成交的一台SUV未计入");
            await page.ClickAsync("#save");
            await Expect(page.Locator("#message")).ToHaveTextAsync("已保存草稿。");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways on a phone: {widths[0]} > {widths[1]}");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("self-assessment-390x844"), FullPage = true });
        }

        var draft = await WithDbAsync(db => db.SelfAssessments.AsNoTracking().Include(s => s.Lines).SingleAsync(s => s.Period == "2026-10" && s.EmployeeId == "P01"));
        Assert.Null(draft.SubmittedAt);
        Assert.Equal("10月20日成交的一台SUV未计入", draft.Lines.Single(l => l.Indicator == "sales").Comment);
        Assert.Equal(4, draft.Lines.Count(l => l.Confirmed));

        // ---- On a desktop: the draft as saved, a file of the wrong content refused, a PDF attached, submitted ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "sales", "Demo-sales-2026");
            await page.ClickAsync("#nav-self");
            await Expect(page.Locator("#self-page")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(page.Locator("#comment-sales")).ToHaveValueAsync("10月20日成交的一台SUV未计入");
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "交车单.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("<html>not a pdf</html>") });
            await Expect(page.Locator("#error")).ToContainTextAsync("文件 交车单.pdf 的内容与扩展名 .pdf 不符");
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "交车单.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n") });
            await Expect(page.Locator("#evidence")).ToContainTextAsync("交车单.pdf");
            await page.ClickAsync("#submit");
            await Expect(page.Locator("#message")).ToHaveTextAsync("自评已提交。");
            await Expect(page.Locator("#submitted")).ToContainTextAsync("已于 2026-11-26 提交");
            Assert.Equal(0, await page.Locator("#submit").CountAsync());
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("self-assessment-1280x800"), FullPage = true });
        }

        // ---- The supervisor scores P01: the self-assessment's comment shown, the talk recorded, submitted ----
        await using (var context = await browser.NewContextAsync())
        {
            var page = await app.SignInAsync(context, "supervisor", "Demo-supervisor-2026");
            await Expect(page.Locator("#home-due")).ToContainTextAsync("期间 2026-10 的上级评分：4 人");
            await page.ClickAsync("#home-link-scoring-2026-10");
            await Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "yes");
            var card = page.Locator("[data-scoring='P01']");
            await Expect(card).ToContainTextAsync("自评已提交");
            await Expect(card).ToContainTextAsync("10月20日成交的一台SUV未计入");
            await Expect(page.Locator("#scoring-intro")).ToContainTextAsync("2026-12-07");

            // Submitting without the talk is refused, saying what is missing.
            await page.FillAsync("#score-comment-P01", "成交稳定，漏计车辆已核实");
            await page.ClickAsync("#score-submit-P01");
            // The person by name, never by code.
            var p01 = await WithDbAsync(db => db.Employees.Where(e => e.Id == "P01").Select(e => e.Name).SingleAsync());
            await Expect(page.Locator("#scoring-error")).ToContainTextAsync($"提交前请记录已与 {p01} 沟通确认结果的日期");
            await MudInputs.FillDateAsync(page, "#talk-on-P01", "2026-11-26");
            await page.FillAsync("#talk-note-P01", "面谈确认，漏计车辆交人力资源部校准时处理");
            await page.ClickAsync("#score-submit-P01");
            await Expect(page.Locator("#scoring-message")).ToContainTextAsync("已提交 P01");
            await Expect(card).ToContainTextAsync("已于 2026-11-26 提交");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("manager-scoring-1280x800"), FullPage = true });
        }

        var review = await WithDbAsync(db => db.ManagerReviews.AsNoTracking().SingleAsync(r => r.Period == "2026-10" && r.EmployeeId == "P01"));
        Assert.Equal(("S11", new DateOnly(2026, 11, 26), "成交稳定，漏计车辆已核实"), (review.ManagerId, review.TalkOn!.Value, review.Comment));
        Assert.NotNull(review.SubmittedAt);
    }
}
