using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The 人员 transfer form picks the manager from a searchable list of people (issue 12: a typo would name nobody): typing
/// filters by name or id and shows names; text that matches nobody is not kept, so it cannot be saved.
/// </summary>
public sealed class ManagerPickerTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private const string Person = "P05";

    [SkippableFact]
    public async Task Manager_is_chosen_by_name_and_a_typo_is_not_kept()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        await page.ClickAsync("#nav-people");
        await page.FillAsync("#filter-q", Person);
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync($"#transfer-{Person}");
        await Expect(page.Locator("#transfer-dialog")).ToBeVisibleAsync();
        var (managerName, before) = Read();

        // Searching by id offers the person by name; choosing fills the field with the name.
        await page.FillAsync("#transfer-manager", "M01");
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "（M01）" });
        await Expect(option).ToHaveCountAsync(1);
        await Expect(option).ToContainTextAsync(managerName);
        await option.ClickAsync();
        await Expect(page.Locator("#transfer-manager")).ToHaveValueAsync($"{managerName}（M01）");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("people-manager-picker-1280x800") });

        // A typo matches nobody: nothing is offered and leaving the field brings back the person chosen.
        await page.FillAsync("#transfer-manager", "M0l");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("#transfer-manager").BlurAsync();
        await Expect(page.Locator("#transfer-manager")).ToHaveValueAsync($"{managerName}（M01）");
        Assert.Equal(before, Read().Assignments);
    }

    private (string ManagerName, string Assignments) Read()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var name = db.Employees.AsNoTracking().Single(e => e.Id == "M01").Name;
        var rows = db.Assignments.AsNoTracking().Where(a => a.EmployeeId == Person).OrderBy(a => a.ValidFrom).Select(a => a.ManagerId + "|" + a.ValidFrom).ToList();
        return (name, string.Join(';', rows));
    }
}
