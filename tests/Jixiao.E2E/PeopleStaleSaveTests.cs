using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// Two HR users in two browser contexts edit the same person on the 人员 page: the first save wins, the second
/// shows the conflict message instead of overwriting, and its reload button brings the saved values back so the
/// second user can save on top of them.
/// </summary>
public sealed class PeopleStaleSaveTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private const string Person = "P03";

    [SkippableFact]
    public async Task Second_save_of_the_same_person_shows_the_conflict_and_reload_brings_the_saved_values()
    {
        _ = browser.Browser;
        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync();
        var a = await OpenFormAsync(first);
        var b = await OpenFormAsync(second);
        var original = await b.InputValueAsync("#person-name");
        var versionBefore = Employee().Version;

        await a.FillAsync("#person-name", "甲改的名字");
        await a.ClickAsync("#save-person");
        await Expect(a.Locator("#saved")).ToBeVisibleAsync();
        Assert.Equal("甲改的名字", Employee().Name);

        // The second context still holds the old version: its save is refused with the conflict message.
        await b.FillAsync("#person-name", "乙改的名字");
        await b.ClickAsync("#save-person");
        await Expect(b.Locator("#conflict")).ToBeVisibleAsync();
        await Expect(b.Locator("#conflict")).ToContainTextAsync("已被他人修改");
        await Expect(b.Locator("#saved")).ToHaveCountAsync(0);
        await b.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("people-conflict-1280x800") });
        var afterConflict = Employee();
        Assert.Equal("甲改的名字", afterConflict.Name);
        Assert.Equal(versionBefore + 1, afterConflict.Version);
        Assert.NotEqual(original, afterConflict.Name);

        // Reload: the form shows what the first user saved, and a save on top of it goes through.
        await b.ClickAsync("#reload");
        await Expect(b.Locator("#conflict")).ToHaveCountAsync(0);
        await Expect(b.Locator("#person-name")).ToHaveValueAsync("甲改的名字");
        await b.FillAsync("#person-name", "乙再改的名字");
        await b.ClickAsync("#save-person");
        await Expect(b.Locator("#saved")).ToBeVisibleAsync();
        Assert.Equal("乙再改的名字", Employee().Name);
        Assert.Equal(2, CountUpdates());
    }

    private async Task<IPage> OpenFormAsync(IBrowserContext context)
    {
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        await page.ClickAsync("#nav-people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员");
        await page.FillAsync("#filter-q", Person);
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync($"#edit-{Person}");
        await Expect(page.Locator("#person-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#person-name")).Not.ToHaveValueAsync("");
        return page;
    }

    private EmployeeEntity Employee()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().Employees.AsNoTracking().Single(e => e.Id == Person);
    }

    private int CountUpdates()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().AuditLog.AsNoTracking().Count(x => x.Subject == Person && x.Action == "employee.update");
    }
}
