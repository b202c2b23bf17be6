using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>The app configured for the fake provider (Authentication:Oidc), with accounts linked or matchable to it.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public FakeOidcProvider Provider { get; } = new();

    public JixiaoFactory Factory { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        Factory = new JixiaoFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Authentication:Oidc:Authority"] = Provider.Authority,
                ["Authentication:Oidc:ClientId"] = FakeOidcProvider.ClientId,
                ["Authentication:Oidc:ClientSecret"] = FakeOidcProvider.ClientSecret,
                ["Authentication:Oidc:DisplayName"] = "企业微信",
                ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
                ["Authentication:Oidc:AutoLink:Claim"] = "employee_id",
                ["Authentication:Oidc:AutoLink:MatchTo"] = "EmployeeId",
            },
        };
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await AddAsync(users, new AppUser { UserName = "oidc-linked", EmployeeId = "P02" }, Roles.Salesperson, "wx-2001");
        await AddAsync(users, new AppUser { UserName = "oidc-auto", EmployeeId = "P03" }, Roles.Salesperson, null);
        await AddAsync(users, new AppUser { UserName = "oidc-disabled", EmployeeId = "P04", IsDisabled = true }, Roles.Salesperson, "wx-4001");
        await AddAsync(users, new AppUser { UserName = "oidc-forced", EmployeeId = "P05", MustChangePassword = true }, Roles.Salesperson, "wx-5001");
    }

    private static async Task AddAsync(UserManager<AppUser> users, AppUser user, string role, string? key)
    {
        Assert.True((await users.CreateAsync(user, "Oidc-password-2026")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (key is not null)
        {
            Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("oidc", key, "企业微信"))).Succeeded);
        }
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Sign-in through an OpenID Connect provider, driven end to end like a browser: the app's challenge, the provider's
/// authorize page and form_post answer, the app's callback (code exchange over real HTTP, id_token signature checked
/// against the provider's JWKS), the app's cookie.
/// </summary>
public sealed partial class OidcSignInTests(OidcFixture fx) : IClassFixture<OidcFixture>
{
    /// <summary>A browser: follows redirects and form_post pages between the app (TestServer) and the provider (Kestrel), keeps the app's cookies.</summary>
    private sealed class Browser(OidcFixture fx) : IDisposable
    {
        private readonly HttpClient _app = fx.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        private readonly HttpClient _provider = new();

        public void Dispose()
        {
            _app.Dispose();
            _provider.Dispose();
        }
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public Uri Last { get; private set; } = new("http://localhost/");

        public async Task<HttpResponseMessage> GoAsync(string path, string? language = null)
        {
            HttpMethod method = HttpMethod.Get;
            var url = new Uri(new Uri("http://localhost/"), path);
            HttpContent? content = null;
            for (var hop = 0; hop < 12; hop++)
            {
                var toProvider = url.Authority == new Uri(fx.Provider.Authority).Authority;
                using var request = new HttpRequestMessage(method, toProvider ? url : new Uri(url.PathAndQuery, UriKind.Relative)) { Content = content };
                if (!toProvider && _cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }

                if (language is not null)
                {
                    request.Headers.AcceptLanguage.ParseAdd(language);
                }

                var response = await (toProvider ? _provider : _app).SendAsync(request);
                Last = url;
                if (!toProvider && response.Headers.TryGetValues("Set-Cookie", out var set))
                {
                    Keep(set);
                }

                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
                {
                    url = new Uri(url, response.Headers.Location!);
                    (method, content) = (HttpMethod.Get, null);
                    continue;
                }

                var body = response.Content.Headers.ContentType?.MediaType == "text/html" && toProvider ? await response.Content.ReadAsStringAsync() : null;
                if (body is not null && FormPattern().Match(body) is { Success: true } form)
                {
                    // The provider's form_post page, submitted as the browser's onload would.
                    url = new Uri(WebUtility.HtmlDecode(form.Groups[1].Value));
                    method = HttpMethod.Post;
                    content = new FormUrlEncodedContent(InputPattern().Matches(body).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value)));
                    continue;
                }

                return response;
            }

            throw new InvalidOperationException("Too many redirects.");
        }

        /// <summary>The cookies the app set (a deleted cookie is removed); expiry dates are left to the app's own checks.</summary>
        private void Keep(IEnumerable<string> headers)
        {
            foreach (var header in headers)
            {
                var pair = header.Split(';')[0].Split('=', 2);
                if (pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(pair[0]);
                }
                else
                {
                    _cookies[pair[0]] = pair[1];
                }
            }
        }
    }

    private void As(string subject, string? employeeId = null)
    {
        fx.Provider.Subject = subject;
        fx.Provider.Claims.Clear();
        if (employeeId is not null)
        {
            fx.Provider.Claims["employee_id"] = employeeId;
        }
    }

    [Fact]
    public async Task LoginPage_ShowsTheProvidersButton()
    {
        var html = await fx.Factory.NewClient().GetStringAsync("/login?ReturnUrl=%2Fme");
        Assert.Contains("使用 企业微信 登录", html, StringComparison.Ordinal);
        Assert.Contains("/account/external?returnUrl=%2Fme", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WhenTheProviderUserIsLinked_ThenSignedInToTheAccountAndBackWhereAsked()
    {
        As("wx-2001");
        using var browser = new Browser(fx);
        var issued = fx.Provider.TokensIssued;
        var page = await browser.GoAsync("/account/external?returnUrl=%2Fme");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/me", browser.Last.AbsolutePath);
        Assert.Equal(issued + 1, fx.Provider.TokensIssued);
        Assert.Contains(fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == "P02").Name), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(fx.Factory.WithDb(db => db.Users.Single(u => u.UserName == "oidc-linked").LastSignInAt));
        Assert.Contains(fx.Factory.WithDb(db => db.AuditLog.Where(a => a.Subject == "oidc-linked" && a.Action == "account.login").Select(a => a.Detail).ToList()), d => d == "external wx-2001");
    }

    [Fact]
    public async Task SignIn_WhenUnlinkedButTheClaimMatchesAnEmployee_ThenLinkedOnceAndSignedIn()
    {
        As("wx-3001", "P03");
        using var browser = new Browser(fx);
        var page = await browser.GoAsync("/account/external");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("home-my", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var login = fx.Factory.WithDb(db => db.UserLogins.Single(l => l.ProviderKey == "wx-3001"));
        Assert.Equal(fx.Factory.WithDb(db => db.Users.Single(u => u.UserName == "oidc-auto").Id), login.UserId);
        Assert.Equal(1, fx.Factory.WithDb(db => db.AuditLog.Count(a => a.Action == "account.external-login.auto-link" && a.Subject == "oidc-auto")));

        // Next time the link alone signs in, whatever the claim says.
        As("wx-3001", "P99");
        using var again = new Browser(fx);
        Assert.Equal(HttpStatusCode.OK, (await again.GoAsync("/account/external")).StatusCode);
    }

    [Theory]
    [InlineData(null, "尚未关联绩效系统账号")]
    [InlineData("en", "is not linked to a Jixiao account")]
    public async Task SignIn_WhenTheProviderUserIsUnknown_ThenRefusedWithAPageInTheUsersLanguage(string? language, string expected)
    {
        As("wx-9999", "NOPE");
        using var browser = new Browser(fx);
        if (language is not null)
        {
            _ = await browser.GoAsync("/culture/" + language + "?returnUrl=%2Flogin");
        }

        var page = await browser.GoAsync("/account/external");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/account/external/refused", browser.Last.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("wx-9999", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GoAsync("/api/v1/plans")).StatusCode);
        Assert.False(fx.Factory.WithDb(db => db.UserLogins.Any(l => l.ProviderKey == "wx-9999")));
    }

    [Fact]
    public async Task SignIn_WhenTheLinkedAccountIsDisabled_ThenRefused()
    {
        As("wx-4001");
        using var browser = new Browser(fx);
        var page = await browser.GoAsync("/account/external");
        Assert.Equal("/account/external/refused", browser.Last.AbsolutePath);
        Assert.Contains("已停用", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GoAsync("/api/v1/plans")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WhenThePasswordMustChange_ThenTheExternalSessionIsNotHeld()
    {
        As("wx-5001");
        using var browser = new Browser(fx);
        var page = await browser.GoAsync("/account/external");
        Assert.Equal("/", browser.Last.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\">")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\" />")]
    private static partial Regex InputPattern();
}
