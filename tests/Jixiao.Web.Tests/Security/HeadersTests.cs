using System.Net;
using Jixiao.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Security;

/// <summary>Security headers on every response, Secure cookies over HTTPS, HSTS outside Development, no Server header.</summary>
public sealed class HeadersTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), $"{what}: no X-Content-Type-Options");
        Assert.Equal("nosniff", Assert.Single(nosniff));
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
        var policy = Assert.Single(csp);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer), $"{what}: no Referrer-Policy");
        Assert.Equal("same-origin", Assert.Single(referrer));
    }

    [Fact]
    public async Task Responses_ThenCarryTheSecurityHeaders()
    {
        var anonymous = factory.NewClient();
        var hr = await factory.SignedIn("hr", Password("hr"));

        AssertSecurityHeaders(await anonymous.GetAsync("/login"), "sign-in page");
        AssertSecurityHeaders(await anonymous.GetAsync("/no-such-page"), "404");
        AssertSecurityHeaders(await anonymous.GetAsync("/api/v1/plans"), "401");
        AssertSecurityHeaders(await hr.GetAsync("/team"), "page");
        AssertSecurityHeaders(await hr.GetAsync("/api/v1/plans"), "API");
        AssertSecurityHeaders(await hr.GetAsync("/api/v1/targets?year=abc"), "400 from the safety net");
        var scripts = await anonymous.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, scripts.StatusCode);
        AssertSecurityHeaders(scripts, "static file");
    }

    [Fact]
    public async Task Cookies_WhenHttps_ThenSecure_AndWhenHttp_ThenNot()
    {
        var https = factory.NewClient(baseAddress: new Uri("https://localhost/"));
        var page = await https.GetAsync("/login");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var login = await JixiaoFactory.Login(https, "hr", Password("hr"));
        var session = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jixiao=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        var culture = Assert.Single((await https.GetAsync("/culture/en?returnUrl=%2F")).Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", culture, StringComparison.OrdinalIgnoreCase);

        var http = factory.NewClient();
        var plain = Assert.Single((await http.GetAsync("/login")).Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", plain, StringComparison.OrdinalIgnoreCase);
        var plainSession = Assert.Single((await JixiaoFactory.Login(http, "hr", Password("hr"))).Headers.GetValues("Set-Cookie"), c => c.StartsWith("jixiao=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", plainSession, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hsts_WhenDevelopment_ThenNone()
    {
        var response = await factory.NewClient(baseAddress: new Uri("https://jixiao.example/")).GetAsync("/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_WhenProductionOverHttps_ThenSent_AndOverHttpNot()
    {
        using var production = new JixiaoFactory { EnvironmentName = "Production" };

        var https = await production.NewClient(baseAddress: new Uri("https://jixiao.example/")).GetAsync("/login");
        var http = await production.NewClient(baseAddress: new Uri("http://jixiao.example/")).GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Contains("max-age=", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Kestrel_ThenNoServerHeader()
    {
        // Port 0 on loopback: the system picks a free port (appsettings' 5080 may be taken by another app).
        using var kestrel = new JixiaoFactory { Settings = new Dictionary<string, string> { ["urls"] = "http://127.0.0.1:0" } };
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Assert.DoesNotContain(":5080", address, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)) };

        var response = await client.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
    }
}
