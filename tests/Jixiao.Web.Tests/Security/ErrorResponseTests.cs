using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jixiao.Web.Auth;
using Jixiao.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jixiao.Web.Tests.Security;

/// <summary>
/// Bad values answer 400/404 (or a safe redirect) in the user's language; nothing answers with the developer exception
/// page, a .NET type name or a stack trace, though the tests run the app in Development.
/// </summary>
public sealed partial class ErrorResponseTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    private static void AssertNoLeak(string body)
    {
        foreach (var leak in new[] { "   at ", "Exception", "System.", "Microsoft.", "Jixiao.Web", ".cs:line", "Int32", "Nullable", "Cookie:", "User-Agent" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/%5Cevil.com", "/")]
    [InlineData("/\\evil.com", "/")]
    [InlineData("//evil.com", "/")]
    [InlineData("https://evil.com/", "/")]
    [InlineData("/%09/evil.com", "/")]
    [InlineData("/me?period=2026-10", "/me?period=2026-10")]
    public async Task CultureSwitch_WhenReturnUrl_ThenLocalOrHome(string returnUrl, string expected)
    {
        var response = await factory.NewClient().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task CultureSwitch_WhenUnknownLanguage_Then404PageWithoutCookie()
    {
        var response = await factory.NewClient().GetAsync("/culture/xx?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("未找到", body, StringComparison.Ordinal);
        AssertNoLeak(body);
    }

    [Theory]
    [InlineData("/\\evil.com", "/")]
    [InlineData("//evil.com", "/")]
    [InlineData("https://evil.com", "/")]
    [InlineData("/team?period=2026-10", "/team?period=2026-10")]
    public async Task SignIn_WhenReturnUrl_ThenLocalOrHome(string returnUrl, string expected)
    {
        var client = factory.NewClient();
        var page = await client.GetStringAsync("/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "hr",
            ["password"] = Password("hr"),
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("abc", "zh-CN", "“abc”不是有效的页码")]
    [InlineData("-1", "en", "'-1' is not a page number")]
    [InlineData("99999999999", "zh-TW", "「99999999999」不是有效的頁碼")]
    public async Task TeamPage_WhenPageIsNotANumber_Then400SayingSoInTheUsersLanguage(string value, string culture, string message)
    {
        var client = await factory.SignedIn("hr", Password("hr"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/culture/{culture}?returnUrl=%2F")).StatusCode);

        var response = await client.GetAsync("/team?page=" + Uri.EscapeDataString(value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains("id=\"team\"", body, StringComparison.Ordinal); // page 1 is still shown
        AssertNoLeak(body);
    }

    [Fact]
    public async Task Run_WhenPeriodIsTheLastRepresentableMonth_ThenNo500()
    {
        var client = await factory.SignedIn("hr", Password("hr"));

        var response = await client.PostAsJsonAsync("/api/v1/runs", new { period = "9999-12" });

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        AssertNoLeak(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_WhenBodyIsNotJson_Then400InTheRequestsLanguage()
    {
        var client = await factory.SignedIn("hr", Password("hr"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = new StringContent("{\"period\":", Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("The request is not valid", problem.GetProperty("title").GetString());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNoLeak(body);
    }

    [Fact]
    public async Task Api_WhenQueryValueDoesNotBind_Then400NamingTheParameterWithoutTypeNames()
    {
        var client = await factory.SignedIn("hr", Password("hr"));

        var response = await client.GetAsync("/api/v1/employees?page=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var errors = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("errors");
        var message = errors.GetProperty("page")[0].GetString();
        Assert.Contains("abc", message, StringComparison.Ordinal);
        Assert.Contains("整数", message, StringComparison.Ordinal);
        AssertNoLeak(body);
    }

    [Fact]
    public async Task UnknownPage_Then404PageInTheUsersLanguage()
    {
        var client = await factory.SignedIn("sales", Password("sales"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/en?returnUrl=%2F")).StatusCode);

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not found", body, StringComparison.Ordinal);
        AssertNoLeak(body);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Keeps the category and level of every log entry.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

/// <summary>An exception in a page or an endpoint (a bug) answers 500 with a reference and no details, in Development too.</summary>
public sealed class UnexpectedErrorTests
{
    private const string Unhandled = "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware";
    private const string Handler = "Jixiao.Web.Security.ErrorResponses";

    [Fact]
    public async Task PageAndApi_WhenABugThrows_Then500WithReferenceAndNoDetails_AndOnlyTheBugIsLoggedAsUnhandled()
    {
        var logs = new CapturedLogs();
        using var factory = new JixiaoFactory
        {
            TestServices = s =>
            {
                s.AddScoped<ScopeResolver>(_ => throw new InvalidOperationException("secret detail of the bug"));
                s.AddSingleton<ILoggerProvider>(logs);
            },
        };
        var client = await factory.SignedIn("sales", DemoSetup.Logins.Single(l => l.UserName == "sales").Password);

        // A value that does not bind is the client's mistake: 400, and nothing logged as an unhandled exception. (An endpoint
        // that needs no ScopeResolver: handlers read their values themselves, after the framework has built their services.)
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/results/me?period=abc")).StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Category == Unhandled);

        var page = await client.GetAsync("/me");
        var api = await client.GetAsync("/api/v1/results?period=2026-10");

        Assert.True(page.StatusCode == HttpStatusCode.InternalServerError, await page.Content.ReadAsStringAsync());
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("出错了", html, StringComparison.Ordinal);
        Assert.True(api.StatusCode == HttpStatusCode.InternalServerError, await api.Content.ReadAsStringAsync());
        var json = await api.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":500", json, StringComparison.Ordinal);
        foreach (var body in new[] { html, json })
        {
            Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
            Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        // The bug is logged once, as an error, with the reference the page shows.
        Assert.DoesNotContain(logs.Entries, e => e.Category == Unhandled);
        var failures = logs.Entries.Where(e => e.Category == Handler && e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, failures.Count);
        var reference = System.Text.RegularExpressions.Regex.Match(failures[0].Message, "reference ([^)]+)\\)").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Contains(reference, html, StringComparison.Ordinal);
    }
}
