using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// The 团队奖励 page in Chromium (seed 004 团队奖励, 4S template: 3,000.00 for a team meeting the month's target): on a phone
/// (390×844) the supervisor S11 enters his team's shares — one cent short, the page shows ¥0.01 left and will not submit; exact,
/// he submits — without sideways scrolling; on a desktop (1280×800) the manager M01 approves it. Then the month is republished
/// with the team's sales corrected to nothing: the page shows the pool as void (作废, the reason, the shares struck through, no
/// buttons; nothing was paid yet, so nothing to claw back). Screenshots of all three.
/// </summary>
public sealed class TeamRewardsPageTests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    [SkippableFact]
    public async Task Supervisor_distributes_the_pool_exactly_and_the_manager_approves()
    {
        _ = browser.Browser;
        _ = app.Address;   // starts the server on Kestrel before its services are used
        string? month = null;
        List<string> members = [];
        using (var scope = app.Services.CreateScope())
        {
            var service = new TeamRewardsService(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            foreach (var m in new[] { "2026-05", "2026-06", "2026-07", "2026-08", "2026-09" })
            {
                if ((await service.PoolsAsync(Period.Parse(m))).FirstOrDefault(p => p.Pool.Leader == "S11") is { } pool)
                {
                    Assert.Equal(3000.00m, pool.Pool.Amount);
                    (month, members) = (m, [.. pool.Members.Select(x => x.Id)]);
                    break;
                }
            }
        }

        Assert.True(month is not null && members.Count >= 2, "the demo's team S11 earns no pool in May–September");
        // By hand: 1,000.00 to the first member, the other 2,000.00 spread over the rest to the cent (remainder to the second).
        var rest = members.Count - 1;
        var each = Math.Floor(2000.00m / rest * 100m) / 100m;
        var shares = members.Select((id, i) => (id, amount: i == 0 ? 1000.00m : i == 1 ? each + (2000.00m - (each * rest)) : each)).ToList();
        Assert.Equal(3000.00m, shares.Sum(s => s.amount));
        const string card = "#pool-team_reward-S11";

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
            var page = await app.SignInAsync(phone, "supervisor", "Demo-supervisor-2026");
            await page.GotoAsync(new Uri(app.Address, $"team-rewards?month={month}").ToString());
            await Expect(page.Locator("#team-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("团队奖励");
            await Expect(page.Locator(card)).ToHaveAttributeAsync("data-state", "open");
            for (var i = 0; i < shares.Count; i++)
            {
                var amount = i == shares.Count - 1 ? shares[i].amount - 0.01m : shares[i].amount;
                await page.FillAsync($"#share-team_reward-S11-{shares[i].id}", amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            }

            await Expect(page.Locator("#left-team_reward-S11")).ToContainTextAsync("尚待分配：¥0.01");
            await Expect(page.Locator("#submit-team_reward-S11")).ToBeDisabledAsync();
            var last = shares[^1];
            await page.FillAsync($"#share-team_reward-S11-{last.id}", last.amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("#left-team_reward-S11")).ToContainTextAsync("尚待分配：¥0.00");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]} > {widths[1]}");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("team-rewards-distribute-390x844"), FullPage = true });
            await page.ClickAsync("#submit-team_reward-S11");
            await Expect(page.Locator("#team-notice")).ToContainTextAsync("团队奖励池的分配，等待审批。");
            await Expect(page.Locator(card)).ToHaveAttributeAsync("data-state", "submitted");
            await Expect(page.Locator($"#approve-team_reward-S11")).ToHaveCountAsync(0); // never the supervisor himself
        }

        await using var desktop = await browser.NewContextAsync();
        var manager = await app.SignInAsync(desktop, "manager", "Demo-manager-2026");
        await Expect(manager.Locator("#nav-team-rewards")).ToBeVisibleAsync();
        await manager.GotoAsync(new Uri(app.Address, $"team-rewards?month={month}").ToString());
        await Expect(manager.Locator("#team-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await Expect(manager.Locator(card)).ToHaveAttributeAsync("data-state", "submitted");
        await Expect(manager.Locator($"{card} .team-share[data-employee='{shares[0].id}'] .num")).ToHaveTextAsync("¥1,000.00");
        await manager.ClickAsync("#approve-team_reward-S11");
        await Expect(manager.Locator("#team-notice")).ToContainTextAsync("团队奖励池的分配，将随次月工资发放。");
        await Expect(manager.Locator(card)).ToHaveAttributeAsync("data-state", "approved");
        await manager.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("team-rewards-approved-1280x800"), FullPage = true });

        // ---- The month is republished after the team's sales were corrected to nothing: the pool is void ----
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            var earned = Period.Parse(month!);
            var team = members.Append("S11").ToList();
            foreach (var sale in await db.Sales.Where(x => team.Contains(x.EmployeeId) && x.Date >= earned.Start && x.Date <= earned.End).ToListAsync())
            {
                (sale.Units, sale.Amount) = (0m, 0m);
            }

            var period = await db.EvaluationPeriods.SingleAsync(p => p.Key == month);
            period.State = PeriodStates.Code(PeriodState.Published);
            await db.SaveChangesAsync();
            var rerun = await new CalculationService(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), scope.ServiceProvider.GetRequiredService<CompanyTimeZone>()).RunAsync(earned, null, null);
            period.PublishedRunId = rerun!.Run.Id;
            await db.SaveChangesAsync();
        }

        await manager.ReloadAsync();
        await Expect(manager.Locator("#team-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        const string voidCard = "#pool-team_reward-S11-void";
        await Expect(manager.Locator(voidCard)).ToHaveAttributeAsync("data-state", "void");
        await Expect(manager.Locator($"{voidCard} .state")).ToHaveTextAsync("作废");
        await Expect(manager.Locator($"{voidCard} .team-void")).ToContainTextAsync($"作废：{month} 的结果重新发布后，团队不再完成月度任务，奖励池 ¥3,000.00 不再产生");
        await Expect(manager.Locator($"{voidCard} .team-share[data-employee='{shares[0].id}'] .team-was")).ToHaveTextAsync("¥1,000.00");
        await Expect(manager.Locator($"{voidCard} .team-nothing-paid")).ToHaveTextAsync("尚未随工资发放，无需追回。");
        await Expect(manager.Locator($"{voidCard} button")).ToHaveCountAsync(0);
        await Expect(manager.Locator(card)).ToHaveCountAsync(0);
        await manager.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("team-rewards-void-1280x800"), FullPage = true });
    }
}
