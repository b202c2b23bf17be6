using System.Text;
using Jixiao.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// HR in Chromium against the real app: late data through /api/v1/data, a re-run of 2026-10 on /calculation that lists
/// the person who changed (old → new); a broken plan on /plans answered with line/column and nothing stored.
/// </summary>
public sealed class PlansCalculationPagesTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    // Starting a circuit, running a period or storing a plan can take long while the other test projects load both
    // cores (the whole suite runs in parallel); the steps that wait for the server get a minute.
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions SlowText = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToHaveCountOptions SlowCount = new() { Timeout = 60_000 };

    private T Db<T>(Func<JixiaoDbContext, T> query)
    {
        using var scope = app.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }

    [SkippableFact]
    public async Task Hr_reruns_a_month_after_late_data_and_sees_who_changed()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        var (runsBefore, oldPay) = Db(db =>
        {
            var run = db.Runs.Where(r => r.Period == "2026-10").Max(r => r.Id);
            return (db.Runs.Count(r => r.Period == "2026-10"), db.Results.Single(r => r.RunId == run && r.EmployeeId == "P01").PayTotal);
        });

        // Late data: one more sale for P01, pushed through the data API with HR's session (a cookie API client sends
        // the CSRF header, docs/deployment.md).
        var form = context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload
        {
            Name = "late-sales.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("id,employee,date,customer,product,units,amount,cost\nE2E-LATE-1,P01,2026-10-30,迟到客户,suv,2,420000,380000\n"),
        });
        var upload = await context.APIRequest.PostAsync(new Uri(app.Address, "api/v1/data/sales").ToString(), new()
        {
            Multipart = form,
            Headers = new Dictionary<string, string> { [Jixiao.Web.Security.CsrfGuard.HeaderName] = "1" },
        });
        Assert.Equal(200, upload.Status);

        var console = new List<string>();
        page.Console += (_, m) => console.Add(m.Text);
        await page.ClickAsync("#nav-calculation");
        try
        {
            await Expect(page.Locator("#calculation-page[data-interactive=true]")).ToBeVisibleAsync(Slow);
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(string.Join("\n", console), e);
        }
        await page.Locator("#period").FillAsync("2026-10");
        // The page shows a period when the field loses focus (or on Enter); the demo's default is its latest month.
        await page.Locator("#period").PressAsync("Tab");
        await Expect(page.Locator("#latest")).ToContainTextAsync("2026-10", SlowText);
        var started = Db(db => db.Runs.Where(r => r.Period == "2026-10").OrderByDescending(r => r.Id).First().StartedAt);
        await Expect(page.Locator("#latest")).ToContainTextAsync(started.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#latest")).Not.ToContainTextAsync("UTC");
        await page.ClickAsync("#run");
        await Expect(page.Locator("#calc-done")).ToContainTextAsync("计算完成", SlowText);

        var p01 = page.Locator("#changes tr[data-employee=P01]");
        await Expect(p01).ToBeVisibleAsync();
        await Expect(p01).ToHaveAttributeAsync("data-change", "changed");
        var newPay = Db(db => db.Results.Single(r => r.RunId == db.Runs.Where(x => x.Period == "2026-10").Max(x => x.Id) && r.EmployeeId == "P01").PayTotal);
        Assert.NotEqual(oldPay, newPay);
        await Expect(p01.Locator(".pay")).ToHaveTextAsync($"{Yuan(oldPay)} → {Yuan(newPay)}");
        await Expect(p01.Locator(".pay-delta")).ToHaveTextAsync("+" + Yuan(newPay - oldPay));
        Assert.Equal(runsBefore + 1, Db(db => db.Runs.Count(r => r.Period == "2026-10")));
        await Expect(page.Locator("#results")).ToContainTextAsync("P01", SlowText);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("calculation-rerun-1280x800"), FullPage = true });

        // The diff as Excel, from the page's link.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-changes"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);

        // One team only: the other people keep the run just made, and nothing changed since it.
        var companyRun = Db(db => db.Runs.Where(r => r.Period == "2026-10").Max(r => r.Id));
        // The scope picker searches units in the database: typing part of the id offers the team by name.
        await page.FillAsync("#scope", "ST1-T2");
        var team = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "（ST1-T2）" });
        await Expect(team).ToHaveCountAsync(1, SlowCount);
        await team.ClickAsync();
        await Expect(page.Locator("#scope")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("（ST1-T2）$"));
        await page.ClickAsync("#run");
        await Expect(page.Locator("#unit-note")).ToContainTextAsync($"其他人保留运行 #{companyRun} 的结果", SlowText);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"与上次计算（运行 #{companyRun}）相比没有变化。" })).ToBeVisibleAsync();
        await Expect(page.Locator("#stale")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("calculation-unit-run-1280x800") });
    }

    [SkippableFact]
    public async Task Hr_uploads_a_broken_plan_and_sees_line_and_column_with_nothing_stored()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        var versionsBefore = Db(db => db.PlanVersions.Count());

        await page.ClickAsync("#nav-plans");
        await Expect(page.Locator("#plans-page[data-interactive=true]")).ToBeVisibleAsync(Slow);
        // The demo's first version (the second turns verification on from last month).
        await Expect(page.Locator("#plan-versions tr[data-plan='4s-dealership'][data-version='1'] .effective")).ToHaveTextAsync("2026-01-01");
        // One time zone for every date and time shown: the company's (Asia/Shanghai, UTC+8), never UTC.
        var created = Db(db => db.PlanVersions.OrderBy(v => v.Id).First().CreatedAt);
        await Expect(page.Locator("#plan-versions tr[data-plan='4s-dealership'][data-version='1'] .created"))
            .ToHaveTextAsync(created.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#plans-page")).Not.ToContainTextAsync("UTC");
        const string yaml = """
            plan: { code: bad, name: 坏方案 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 60, rule: ratio, metric: revenu }
                  - { code: b, points: 40, rule: ratio, metric: revenue }
            """;
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "bad.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(yaml) });

        await Expect(page.Locator("#upload-message")).ToContainTextAsync("“bad.yaml”有 1 个错误，未保存任何内容", SlowText);
        var problem = page.Locator("#plan-problems li[data-line='8'][data-column='53']");
        await Expect(problem).ToContainTextAsync("第 8 行，第 53 列");
        await Expect(problem).ToContainTextAsync("未定义指标数据“revenu”");
        await Expect(problem.Locator("pre")).ToContainTextAsync("metric: revenu }");
        await Expect(problem.Locator("pre")).ToContainTextAsync("^");
        Assert.Equal(versionsBefore, Db(db => db.PlanVersions.Count()));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("plans-upload-error-1280x800"), FullPage = true });

        // A template stored as a new version, in force from a date set on the page.
        await page.Locator("#effective-from").FillAsync("2026-13-01");
        await page.ClickAsync("#use-template");
        await Expect(page.Locator("#upload-message")).ToContainTextAsync("生效日期格式应为 yyyy-MM-dd");
        await page.Locator("#effective-from").FillAsync("2027-01-01");
        await MudInputs.SelectAsync(page, "#template", "4s-dealership");
        await page.ClickAsync("#use-template");
        await Expect(page.Locator("#upload-message")).ToContainTextAsync($"已保存：4s-dealership 第 {versionsBefore + 1} 版，自 2027-01-01 起生效", SlowText);
        await Expect(page.Locator($"#plan-versions tr[data-plan='4s-dealership'][data-version='{versionsBefore + 1}'] .effective")).ToHaveTextAsync("2027-01-01");
        Assert.Equal(new DateOnly(2027, 1, 1), Db(db => db.PlanVersions.Single(v => v.Number == versionsBefore + 1).EffectiveFrom));

        await page.GotoAsync(new Uri(app.Address, "plans/4s-dealership/1").ToString());
        await Expect(page.Locator(".scorecard").First).ToContainTextAsync("按达成率计分");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("plan-version-1280x800") });
    }

    private static string Yuan(decimal amount) => amount.ToString("C2", Currency);

    private static readonly System.Globalization.NumberFormatInfo Currency = new()
    {
        CurrencySymbol = "¥",
        CurrencyDecimalDigits = 2,
        CurrencyGroupSeparator = ",",
        CurrencyDecimalSeparator = ".",
        CurrencyNegativePattern = 1,
        CurrencyPositivePattern = 0,
    };
}
