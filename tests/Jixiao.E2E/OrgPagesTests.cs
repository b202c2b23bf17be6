using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>HR in Chromium: the org tree with head counts, and a transfer with an effective date on the 人员 page.</summary>
public sealed class OrgPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Hr_transfers_an_employee_with_an_effective_date_and_sees_the_history()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");

        await page.ClickAsync("#nav-org");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("组织架构");
        await Expect(page.Locator("#unit-ST1")).ToContainTextAsync("1 人（含下级 12 人）");
        // Each unit's name is indented by its depth (OrgChart.razor.css over the row's --depth): 8 px + 24 px a level.
        var indents = await page.EvaluateAsync<string[]>("() => ['HQ', 'ST1', 'ST1-T1'].map(id => getComputedStyle(document.querySelector(`#unit-${id} td`)).paddingLeft)");
        Assert.Equal(["8px", "32px", "56px"], indents);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("org-1280x800") });

        await page.ClickAsync("#nav-people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员");
        await page.FillAsync("#filter-q", "P02");
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync("#transfer-P02");
        var dialog = page.Locator("#transfer-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("#history tbody tr")).ToHaveCountAsync(1);

        // A date before the current assignment's start is refused with a message at the field.
        await page.FillAsync("#transfer-from", "2015-01-01");
        await MudInputs.SelectAsync(page, "#transfer-unit", "(ST2-T1)");
        await page.ClickAsync("#save-transfer");
        await Expect(MudInputs.FieldError(page, "#transfer-from")).ToContainTextAsync("须晚于当前任职的开始日期");
        await Expect(dialog.Locator("#history tbody tr")).ToHaveCountAsync(1);

        await page.FillAsync("#transfer-from", "2026-11-16");
        await page.ClickAsync("#save-transfer");
        await Expect(page.Locator("#moved")).ToBeVisibleAsync();
        var rows = dialog.Locator("#history tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("2026-11-15");
        await Expect(rows.Nth(1)).ToContainTextAsync("2026-11-16");
        // The unit by name, with its store since 销售一组 repeats (names, never codes).
        await Expect(rows.Nth(1)).ToContainTextAsync("星辉汽车城南店 / 销售一组");
        await Expect(rows.Nth(1)).ToContainTextAsync("至今");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("people-transfer-1280x800"), FullPage = true });

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var history = await db.Assignments.AsNoTracking().Where(a => a.EmployeeId == "P02").OrderBy(a => a.ValidFrom).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.Equal(new DateOnly(2026, 11, 16), history[0].ValidTo);
        Assert.Equal(("ST2-T1", "S21"), (history[1].OrgUnitId, history[1].ManagerId));
        Assert.Contains(await db.AuditLog.AsNoTracking().Where(a => a.Subject == "P02").Select(a => a.Action).ToListAsync(), a => a == "employee.transfer");
    }
}
