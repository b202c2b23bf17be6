using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The 人员 form applies the same date rule as the API and the uploads (1900-01-01 … 2100-12-31, leave on or after
/// hire): a hire date of 1899-12-31 is refused at the field, in Chinese, naming the field, and nothing is saved.
/// </summary>
public sealed class PeopleDateRuleTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private const string Person = "P04";

    [SkippableFact]
    public async Task Hire_date_outside_the_range_is_refused_at_the_field_and_nothing_is_saved()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        await page.ClickAsync("#nav-people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员");
        await page.FillAsync("#filter-q", Person);
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync($"#edit-{Person}");
        await Expect(page.Locator("#person-form")).ToBeVisibleAsync();
        var before = Employee();

        await page.FillAsync("#person-hire", "1899-12-31");
        await page.ClickAsync("#save-person");

        await Expect(MudInputs.FieldError(page, "#person-hire")).ToContainTextAsync("入职日期 1899-12-31 超出允许范围（1900-01-01 至 2100-12-31）");
        await Expect(page.Locator("#saved")).ToHaveCountAsync(0);
        var after = Employee();
        Assert.Equal(before.HireDate, after.HireDate);
        Assert.Equal(before.Version, after.Version);
    }

    [SkippableFact]
    public async Task Text_that_is_not_a_date_is_kept_and_refused_at_the_field_and_nothing_is_saved()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        await page.ClickAsync("#nav-people");
        await page.FillAsync("#filter-q", Person);
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync($"#edit-{Person}");
        await Expect(page.Locator("#person-hire")).Not.ToHaveValueAsync("");
        var before = Employee();

        // The date picker (its button labelled in Chinese by MudBlazorText) cannot read the text and marks the field; the
        // form keeps the text (never an emptied date) and the save names it.
        await Expect(MudInputs.Field(page, "#person-leave").Locator("button[aria-label='打开日历']")).ToHaveCountAsync(1);
        await page.FillAsync("#person-leave", "2026-13-45");
        await page.Locator("#person-leave").BlurAsync();
        await Expect(page.Locator("#person-leave")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ClickAsync("#save-person");

        await Expect(MudInputs.FieldError(page, "#person-leave")).ToHaveTextAsync("“2026-13-45”不是有效日期（yyyy-MM-dd）。");
        await Expect(page.Locator("#person-leave")).ToHaveValueAsync("2026-13-45");
        await Expect(page.Locator("#saved")).ToHaveCountAsync(0);
        var after = Employee();
        Assert.Equal((before.HireDate, before.LeaveDate, before.Version), (after.HireDate, after.LeaveDate, after.Version));
    }

    private EmployeeEntity Employee()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().Employees.AsNoTracking().Single(e => e.Id == Person);
    }
}
