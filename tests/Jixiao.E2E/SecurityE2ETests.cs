using System.Text.Json;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.E2E;

/// <summary>
/// In Chromium: a page on another port of 127.0.0.1 (same site, other origin) cannot write through the API with HR's
/// session; the app's own pages, interactive ones included, run under the Content-Security-Policy without a violation.
/// </summary>
public sealed class SecurityE2ETests(BrowserFixture browser, WebAppServer app) : IClassFixture<BrowserFixture>, IClassFixture<WebAppServer>
{
    private const string Header = "id,employee,date,customer,product,units,amount,cost\n";

    /// <summary>Records every CSP violation of every page of the context in window.__csp.</summary>
    private const string CspListener = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '') + ':' + e.lineNumber));
        """;

    private bool Imported(string saleId)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().Sales.AsNoTracking().Any(s => s.ExternalId == saleId);
    }

    private List<string> Audited(string action)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().AuditLog.AsNoTracking().Where(a => a.Action == action).Select(a => a.Subject ?? "").ToList();
    }

    /// <summary>JavaScript that posts a one-row sales CSV as multipart form data to <paramref name="url"/>.</summary>
    private static string PostSale(string url, string saleId, string extra) => $$"""
        (async () => {
          const fd = new FormData();
          fd.append('file', new Blob([{{JsonSerializer.Serialize(Header + saleId + ",P01,2026-10-21,客户甲,suv,1,210000,190000\n")}}], { type: 'text/csv' }), 'sales.csv');
          try {
            const r = await fetch({{JsonSerializer.Serialize(url)}}, { method: 'POST', body: fd, credentials: 'include'{{extra}} });
            return r.type === 'opaque' ? 'opaque' : String(r.status);
          } catch (e) { return 'failed: ' + e; }
        })()
        """;

    [SkippableFact]
    public async Task CrossOriginPage_CannotImportAsHr_ButTheAppsOwnPageCan()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        var appPage = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        var target = new Uri(app.Address, "api/v1/data/sales").ToString();

        // The attacker's page: another port of 127.0.0.1 posts a simple (no-preflight) multipart request with the cookie.
        var attack = $$"""
            <!doctype html><html><head><meta charset="utf-8"><title>prize</title></head>
            <body><p id="status">sending</p><script>
              {{PostSale(target, "E2E-CSRF-FETCH", ", mode: 'no-cors'")}}.then(s => document.getElementById('status').textContent = 'done ' + s);
            </script>
            <form id="f" method="post" enctype="multipart/form-data" action="{{target}}" target="sink"><input name="file" value="x"></form>
            <iframe name="sink"></iframe>
            </body></html>
            """;
        await using var evil = await LocalPageServer.StartAsync(new Dictionary<string, string> { ["/"] = attack });
        Assert.NotEqual(app.Address.Port, evil.Address.Port);
        var evilPage = await context.NewPageAsync();
        await evilPage.GotoAsync(evil.Address.ToString());
        await Expect(evilPage.Locator("#status")).ToHaveTextAsync("done opaque");
        await evilPage.EvaluateAsync("document.getElementById('f').submit()");
        await evilPage.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.False(Imported("E2E-CSRF-FETCH"));
        // Both requests reached the app with HR's cookie and were refused there (not merely dropped by the browser).
        Assert.Equal(2, Audited("api.csrf.refused").Count(s => s == "/api/v1/data/sales"));

        // The same request from the app's own page (same origin) is accepted.
        Assert.Equal("200", await appPage.EvaluateAsync<string>(PostSale("/api/v1/data/sales", "E2E-CSRF-OWN", "")));
        Assert.True(Imported("E2E-CSRF-OWN"));
    }

    [SkippableFact]
    public async Task Pages_UnderTheContentSecurityPolicy_ThenNoViolation_AndInteractivePagesWork()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(CspListener);
        var console = new List<string>();
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal) || m.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                console.Add(m.Text);
            }
        };

        // The policy is enforced: an inline script added to a page does not run and is reported.
        var home = await page.GotoAsync(new Uri(app.Address, "").ToString());
        Assert.Contains("script-src 'self'", (await home!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => window.__csp.length > 0");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__inlineRan === true"));
        console.Clear();

        foreach (var path in new[] { "team", "plans", "ratings", "org", "targets", "data", "calculation", "calendar", "people" })
        {
            await page.GotoAsync(new Uri(app.Address, path).ToString());
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var violations = await page.EvaluateAsync<string[]>("() => window.__csp");
            Assert.True(violations.Length == 0, $"/{path}: {string.Join("; ", violations)}");
        }

        // An interactive page still works: the filter answers over the circuit and a MudBlazor dialog opens.
        await page.FillAsync("#filter-q", "P02");
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync("#transfer-P02");
        await Expect(page.Locator("#transfer-dialog")).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        Assert.Empty(console);

        // A query value that is not a year: the interactive calendar says so and shows this year (its circuit lives).
        await page.GotoAsync(new Uri(app.Address, "calendar?year=abc").ToString());
        await Expect(page.Locator("#calendar-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        await Expect(page.Locator("#year-error")).ToContainTextAsync("“abc”不是有效的年份");
        await Expect(page.Locator("#year-title")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task ApiReference_UnderItsPolicy_ThenRendersWithoutThirdPartyScripts()
    {
        _ = browser.Browser;
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(CspListener);
        var page = await app.SignInAsync(context, "hr", "Demo-hr-2026");

        await page.GotoAsync(new Uri(app.Address, "api/reference/").ToString());

        await Expect(page.Locator("body")).ToContainTextAsync("API tokens", new() { Timeout = 30_000 });
        // Scalar's web fonts (fonts.scalar.com) are blocked on purpose; no script is.
        var violations = await page.EvaluateAsync<string[]>("() => window.__csp");
        Assert.DoesNotContain(violations, v => v.StartsWith("script-src", StringComparison.Ordinal) || v.StartsWith("connect-src", StringComparison.Ordinal));
    }
}
