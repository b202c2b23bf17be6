using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Security;

/// <summary>Counts the database commands that read an account's security stamp on its own (the per-request check).</summary>
public sealed class StampQueries : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // SessionStamps reads one column: SELECT "a"."SecurityStamp" FROM "AspNetUsers" … (Identity's own reads select the whole row).
        if (command.CommandText.StartsWith("SELECT \"a\".\"SecurityStamp\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The demo company with a counter of the session check's stamp reads.</summary>
public sealed class SessionFixture : IDisposable
{
    public SessionFixture()
    {
        Factory = new JixiaoFactory { TestServices = s => s.ConfigureDbContext<JixiaoDbContext>(o => o.AddInterceptors(Queries)) };
    }

    public StampQueries Queries { get; } = new();

    public JixiaoFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// A session cookie stops working when its account's security stamp changes: sign-out, password change, role change,
/// disabling. Each test signs in its own account and replays the cookie exactly as a stolen copy would be.
/// </summary>
public sealed partial class SessionTests(SessionFixture fixture) : IClassFixture<SessionFixture>
{
    private const string Password = "Test-session-2026";
    private readonly StampQueries _queries = fixture.Queries;
    private readonly JixiaoFactory _factory = fixture.Factory;

    /// <summary>A new account with <paramref name="role"/>, signed in: the client and its cookie header.</summary>
    private async Task<(HttpClient Client, string Cookie, string UserId)> SignInNewAsync(string userName, string role = Roles.Hr)
    {
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = userName };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/login");
        var antiforgery = CookieOf(page);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["userName"] = userName,
                ["password"] = Password,
            }),
        };
        login.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(login);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jixiao=", StringComparison.Ordinal)).Split(';')[0];
        var userId = _factory.WithDb(db => db.Users.Single(u => u.UserName == userName).Id);
        return (client, antiforgery + "; " + cookie, userId);
    }

    private static string CookieOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static async Task<HttpStatusCode> ApiAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    private async Task ChangeAsync(string userId, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await change(users, (await users.FindByIdAsync(userId))!)).Succeeded);
    }

    [Fact]
    public async Task SignOut_ThenTheOldCookieIsRefused()
    {
        var (client, cookie, _) = await SignInNewAsync("session-logout");
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));

        // The sign-out form of a signed-in page, with its antiforgery token.
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", cookie);
        var html = await (await client.SendAsync(home)).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(LogoutTokenPattern().Match(html).Groups[1].Value);
        Assert.NotEmpty(token);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        logout.Headers.Add("Cookie", cookie);
        var signedOut = await client.SendAsync(logout);
        Assert.Equal("/login", signedOut.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(client, cookie));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", cookie);
        var again = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/login", again.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WhenNoAntiforgeryToken_Then400AndTheSessionLives()
    {
        var (client, cookie, _) = await SignInNewAsync("session-logout-csrf");
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        logout.Headers.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));
    }

    [Fact]
    public async Task PasswordChange_ThenTheOldCookieIsRefused()
    {
        var (client, cookie, userId) = await SignInNewAsync("session-password");
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));

        await ChangeAsync(userId, (users, user) => users.ChangePasswordAsync(user, Password, "Test-changed-2026"));

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(client, cookie));
    }

    [Fact]
    public async Task RoleAdded_ThenTheOldCookieIsRefused()
    {
        var (client, cookie, userId) = await SignInNewAsync("session-role-add", Roles.Salesperson);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));

        await ChangeAsync(userId, (users, user) => users.AddToRoleAsync(user, Roles.Hr));

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(client, cookie));
    }

    [Fact]
    public async Task RoleRemoved_ThenTheOldCookieIsRefused()
    {
        var (client, cookie, userId) = await SignInNewAsync("session-role-remove");
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));

        await ChangeAsync(userId, (users, user) => users.RemoveFromRoleAsync(user, Roles.Hr));

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(client, cookie));
    }

    [Fact]
    public async Task Disabled_ThenTheOldCookieIsRefused()
    {
        var (client, cookie, userId) = await SignInNewAsync("session-disabled");
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));

        await ChangeAsync(userId, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(client, cookie));
    }

    [Fact]
    public async Task FailedSignInsByAStranger_ThenTheOwnersSessionLives()
    {
        var (client, cookie, _) = await SignInNewAsync("session-stranger");
        var stranger = _factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await JixiaoFactory.Login(stranger, "session-stranger", "wrong-password");
        }

        Assert.Equal("/login?error=locked", (await JixiaoFactory.Login(stranger, "session-stranger", Password)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));
    }

    [Fact]
    public async Task RepeatedRequests_ThenTheStampIsReadOnceNotPerRequest()
    {
        var (client, cookie, userId) = await SignInNewAsync("session-cache");
        var before = _queries.Count;
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));
        var afterFirst = _queries.Count;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await ApiAsync(client, cookie));
        }

        // One read for the first request, none for the next five.
        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, _queries.Count);

        // A change forgets the cached stamp: the next request reads it again (and refuses the cookie).
        await ChangeAsync(userId, (users, user) => users.UpdateSecurityStampAsync(user));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(client, cookie));
        Assert.Equal(afterFirst + 1, _queries.Count);
    }

    [Fact]
    public async Task InteractivePage_WhenTheStampChanges_ThenItsUserIsNoLongerValid()
    {
        var (_, _, userId) = await SignInNewAsync("session-circuit");
        using var scope = _factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        Assert.IsType<SessionRevalidator>(services.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>());
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        Assert.True(await SessionStamps.IsCurrentAsync(principal, services, CancellationToken.None));

        Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);

        Assert.False(await SessionStamps.IsCurrentAsync(principal, services, CancellationToken.None));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("action=\"/account/logout\">\\s*<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex LogoutTokenPattern();
}
