using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>The browser stack end to end: Kestrel serves a Chinese page, Chromium loads it, a click changes it.</summary>
public sealed class SmokeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Page = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <title>绩效 · 冒烟测试</title>
          <style>body { font-family: "Noto Sans CJK SC", sans-serif; margin: 2rem; }</style>
        </head>
        <body>
          <h1>绩效考核</h1>
          <p>销售一部 · 2026年11月 · 提成 ¥12,345.67</p>
          <p id="status">待审批</p>
          <button id="approve" type="button">批准</button>
          <script>
            document.getElementById('approve').addEventListener('click', () => {
              document.getElementById('status').textContent = '已批准';
            });
          </script>
        </body>
        </html>
        """;

    [SkippableFact]
    public async Task ChinesePage_LoadsAndButtonChangesText()
    {
        var chromium = browser.Browser;
        await using var server = await LocalPageServer.StartAsync(new Dictionary<string, string> { ["/"] = Page });
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(server.Address.ToString());

        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {server.Address} returned {response.Status}");
        Assert.False(string.IsNullOrEmpty(chromium.Version));
        await Expect(page).ToHaveTitleAsync("绩效 · 冒烟测试");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("绩效考核");
        await Expect(page.Locator("#status")).ToHaveTextAsync("待审批");

        await page.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("已批准");
        var screenshot = BrowserFixture.ScreenshotPath("e2e-smoke");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 1_000, $"{screenshot} looks empty");
    }
}
