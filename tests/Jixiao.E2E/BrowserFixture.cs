using Jixiao.Testing;
using Microsoft.Playwright;

namespace Jixiao.E2E;

/// <summary>
/// One headless Chromium for a test class: <c>IClassFixture&lt;BrowserFixture&gt;</c>; each test takes
/// its own context (cookies, storage) from <see cref="NewContextAsync"/>. Launches Debian's chromium
/// (<c>JIXIAO_CHROMIUM</c>, default /usr/bin/chromium) through Playwright's ExecutablePath: no
/// browser is ever downloaded. Tests must be <c>[SkippableFact]</c>/<c>[SkippableTheory]</c>: without
/// Chromium, reading <see cref="Browser"/> skips the test (or, under CI=true, the fixture has
/// already failed every test of the class). Self-contained apart from <see cref="TestServices"/>:
/// copy or link it into other test projects (docs/testing.md).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Chromium's arguments: no sandbox (CI runs as root), no GPU, and no traffic of its own.</summary>
    public static readonly IReadOnlyList<string> ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailable;

    /// <summary>The running browser. Skips the test when there is no Chromium.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                TestServices.Unavailable(_unavailable ?? "BrowserFixture was not initialised");
            }

            return _browser;
        }
    }

    /// <summary>A fresh context in Chinese (zh-CN, Asia/Shanghai) at 1280×800; the caller disposes it.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
    });

    /// <summary>
    /// <c>artifacts/screenshots/NAME.png</c> under the repository root (git-ignored), its folder created.
    /// </summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    public async Task InitializeAsync()
    {
        var executable = TestServices.ChromiumPath;
        if (!File.Exists(executable))
        {
            NotAvailable($"there is no Chromium at {executable} ({TestServices.ChromiumVariable} or its default). {TestServices.ChromiumHint}");
            return;
        }

        // Belt and braces: Playwright must never fetch a browser of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ChromiumArguments,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException e)
        {
            NotAvailable($"Chromium at {executable} did not start: {e.Message}. {TestServices.ChromiumHint}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    private void NotAvailable(string reason)
    {
        _unavailable = reason;
        TestServices.FailUnderCi(reason);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
