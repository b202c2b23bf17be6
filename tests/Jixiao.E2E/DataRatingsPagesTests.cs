using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Domain.Periods;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The 评分 and 数据 pages in Chromium against the real app: a manager rates a report (inline error, save, a conflict
/// when someone else saved meanwhile, picked up by a recalculation); HR downloads a template, uploads a workbook with
/// one bad row, sees the row and column, fixes it and sees the upload in the list.
/// </summary>
public sealed class DataRatingsPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private async Task<T> WithDbAsync<T>(Func<JixiaoDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }

    [SkippableFact]
    public async Task Manager_rates_a_report_saves_and_a_recalculation_uses_it()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "manager", "Demo-manager-2026");

        await page.ClickAsync("#nav-team");
        await Expect(page.Locator("#team tbody tr[data-employee='S11']")).ToBeVisibleAsync();

        await page.ClickAsync("#nav-ratings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("评分");
        await Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "yes");
        var period = await WithDbAsync(async db => ResultQueries.DefaultPeriod(await ResultQueries.CalculatedPeriodsAsync(db, default))!);
        await Expect(page.Locator("#period")).ToHaveValueAsync(period);
        var row = page.Locator("#ratings tbody tr[data-employee='S11'][data-indicator='team_management']");
        await Expect(row).ToContainTextAsync("培训参与度高");
        Assert.Equal(0, await page.Locator("#ratings tbody tr[data-employee='M01']").CountAsync());

        // Out of range: a clear inline error, and saving is refused.
        await page.FillAsync("#points-S11-team_management", "35");
        await Expect(row).ToContainTextAsync("超出范围");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#message")).ToContainTextAsync("未保存任何评分");

        await page.FillAsync("#points-S11-team_management", "25.5");
        await Expect(row).Not.ToContainTextAsync("超出范围");
        await page.FillAsync("#comment-S11-team_management", "新人带教成效明显");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#message")).ToContainTextAsync("已保存 1 项评分");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-saved-1280x800"), FullPage = true });

        var stored = await WithDbAsync(db => db.Ratings.AsNoTracking().SingleAsync(r => r.EmployeeId == "S11" && r.Period == period && r.Indicator == "team_management"));
        Assert.Equal(25.5m, stored.Points);
        Assert.Equal("新人带教成效明显", stored.Comment);
        Assert.Equal("M01", stored.Rater);

        // Someone else (HR) saves S11's other rating while the page is open: the manager's save is a visible conflict.
        var other = await WithDbAsync(async db =>
        {
            var time = app.Services.GetRequiredService<TimeProvider>();
            var service = new RatingService(db, time);
            var sheet = (await service.LoadAsync(AccessScope.All(true), Period.Parse(period)))!;
            var entry = sheet.Single(p => p.EmployeeId == "S11").Entries.Single(e => e.Indicator == "sales_analysis");
            return await service.SaveAsync(AccessScope.All(true), Period.Parse(period), "hr", null, [new RatingInput("S11", "sales_analysis", 19m, "HR 复核", entry.Version)]);
        });
        Assert.True(other.Ok);
        await page.FillAsync("#points-S11-sales_analysis", "5");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#message")).ToContainTextAsync("的“销售数据分析”已被他人修改");
        await Expect(page.Locator("#points-S11-sales_analysis")).ToHaveValueAsync("19");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-conflict-1280x800"), FullPage = true });
        Assert.Equal(19m, await WithDbAsync(db => db.Ratings.AsNoTracking().Where(r => r.EmployeeId == "S11" && r.Period == period && r.Indicator == "sales_analysis").Select(r => r.Points).SingleAsync()));

        // The next calculation of the period uses the manager's points.
        var points = await WithDbAsync(async db =>
        {
            var outcome = await new CalculationService(db, app.Services.GetRequiredService<TimeProvider>(), CompanyTimeZone.Default).RunAsync(Period.Parse(period), null);
            Assert.NotNull(outcome);
            var run = (await ResultQueries.LatestRunAsync(db, period, default))!;
            var result = ResultQueries.Dto(await db.Results.AsNoTracking().SingleAsync(r => r.RunId == run.Id && r.EmployeeId == "S11"));
            return result.Indicators.Single(i => i.Code == "team_management").Points;
        });
        Assert.Equal(25.5m, points);
    }

    [SkippableTheory]
    [InlineData("hr", "Demo-hr-2026", true)]
    [InlineData("finance", "Demo-finance-2026", false)]
    public async Task Each_role_chooses_only_the_sources_it_may_upload(string user, string password, bool people)
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, user, password);
        await page.ClickAsync("#nav-data");
        await Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "yes");

        // The source list (a MudSelect): sales and collections for both; ratings and employees for HR only.
        await page.Locator("#source").ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.Filter(new() { HasText = "（collections）" })).ToHaveCountAsync(1);
        await Expect(items.Filter(new() { HasText = "（ratings）" })).ToHaveCountAsync(people ? 1 : 0);
        await Expect(items.Filter(new() { HasText = "（employees）" })).ToHaveCountAsync(people ? 1 : 0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"data-sources-{user}-1280x800") });

        // Choosing a source changes the templates offered.
        await items.Filter(new() { HasText = "（collections）" }).ClickAsync();
        await Expect(page.Locator("#source")).ToHaveValueAsync("回款（collections）");
        await Expect(page.Locator("#template")).ToHaveAttributeAsync("href", "/api/v1/data/collections/template");
    }

    [SkippableFact]
    public async Task Hr_downloads_the_sales_template_uploads_a_bad_row_fixes_it_and_sees_the_upload()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");

        await page.ClickAsync("#nav-data");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("数据");
        await Expect(page.Locator("#ready")).ToHaveAttributeAsync("data-ready", "yes");
        await Expect(page.Locator("#source")).ToHaveValueAsync("销售（sales）");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#template"));
        Assert.Equal("sales_template.xlsx", download.SuggestedFilename);
        var templatePath = Path.Combine(Path.GetTempPath(), $"jixiao-e2e-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(templatePath);
        var template = await File.ReadAllBytesAsync(templatePath);
        File.Delete(templatePath);
        Assert.True(template.Length > 100 && template[0] == (byte)'P' && template[1] == (byte)'K', "the template is an .xlsx package");

        var before = await WithDbAsync(db => db.Sales.CountAsync());
        var bad = Workbook("2026-10-20", "2026-13-45");
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "sales-october.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = bad });
        await Expect(page.Locator("#errors-title")).ToContainTextAsync("未导入任何行");
        var error = page.Locator("#errors tbody tr[data-row='3'][data-column='C']");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("销售日期");
        await Expect(error).ToContainTextAsync("2026-13-45");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("data-upload-errors-1280x800"), FullPage = true });
        Assert.Equal(before, await WithDbAsync(db => db.Sales.CountAsync()));

        var good = Workbook("2026-10-20", "2026-10-21");
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "sales-october-fixed.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = good });
        await Expect(page.Locator("#success")).ToContainTextAsync("新增 2 行");
        await Expect(page.Locator("#errors")).ToHaveCountAsync(0);
        var first = page.Locator("#uploads tbody tr").First;
        await Expect(first).ToContainTextAsync("sales-october-fixed.xlsx");
        await Expect(first).ToContainTextAsync("hr");
        Assert.Equal(before + 2, await WithDbAsync(db => db.Sales.CountAsync()));

        // The same rows again change nothing.
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "sales-october-fixed.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = good });
        await Expect(page.Locator("#success")).ToContainTextAsync("未变 2 行");
        Assert.Equal(before + 2, await WithDbAsync(db => db.Sales.CountAsync()));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("data-upload-success-1280x800"), FullPage = true });

        var export = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        Assert.Equal("uploads.xlsx", export.SuggestedFilename);
    }

    /// <summary>A sales workbook written with the project's own .xlsx writer: two rows, the second on <paramref name="secondDate"/> (as text).</summary>
    private static byte[] Workbook(string firstDate, string secondDate)
    {
        ExportColumn[] columns =
        [
            new("订单号 id", "订单号 id"), new("员工编号 employee", "员工编号 employee"), new("销售日期 date", "销售日期 date"), new("客户 customer", "客户 customer"),
            new("产品 product", "产品 product"), new("数量 units", "数量 units", ExportKind.Number), new("销售金额 amount", "销售金额 amount", ExportKind.Money),
            new("成本 cost", "成本 cost", ExportKind.Money),
        ];
        IReadOnlyList<object?>[] rows =
        [
            ["E2E-0001", "P01", DateOnly.ParseExact(firstDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), "E2E 客户", "suv", 1m, 210_000m, 190_000m],
            ["E2E-0002", "P01", secondDate, "E2E 客户", "sedan", 1m, 150_000m, 140_000m],
        ];
        using var buffer = new MemoryStream();
        ExcelExport.Write(buffer, "sales", columns, rows, CultureInfo.GetCultureInfo("zh-CN"));
        return buffer.ToArray();
    }
}
