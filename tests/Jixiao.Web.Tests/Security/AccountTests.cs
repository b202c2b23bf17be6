using System.Net;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Security;

/// <summary>Identity's password hasher, counting its calls.</summary>
public sealed class CountingHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verified;

    public int Verified => Volatile.Read(ref _verified);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verified);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>The demo company with a counting password hasher.</summary>
public sealed class HasherFixture : IDisposable
{
    public HasherFixture()
    {
        Factory = new JixiaoFactory { TestServices = s => s.AddSingleton<IPasswordHasher<AppUser>>(Hasher) };
    }

    public CountingHasher Hasher { get; } = new();

    public JixiaoFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}

/// <summary>Sign-in does not reveal which accounts exist; the first administrator password is random; demo accounts are marked.</summary>
public sealed class AccountTests(HasherFixture fixture) : IClassFixture<HasherFixture>
{
    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    [Fact]
    public async Task SignIn_WhenUnknownUser_ThenThePasswordIsHashedAsForAnExistingOne()
    {
        var client = fixture.Factory.NewClient();
        _ = await client.GetAsync("/login"); // the app is up (the demo seed hashes passwords)

        var before = fixture.Hasher.Verified;
        var unknown = await JixiaoFactory.Login(client, "no-such-user", "Some-password-2026");
        var afterUnknown = fixture.Hasher.Verified;
        var wrong = await JixiaoFactory.Login(client, "supervisor", "Some-password-2026");

        Assert.Equal("/login?error=invalid", unknown.Headers.Location?.OriginalString);
        Assert.Equal("/login?error=invalid", wrong.Headers.Location?.OriginalString);
        Assert.Equal(before + 1, afterUnknown);
        Assert.Equal(afterUnknown + 1, fixture.Hasher.Verified);
    }

    [Fact]
    public async Task AdminPassword_ThenRandomEverywhereAndAcceptedByThePasswordRules()
    {
        var passwords = Enumerable.Range(0, 400).Select(_ => AdminPassword.Generate()).ToList();

        using var scope = fixture.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var someone = new AppUser { UserName = "someone" };
        foreach (var password in passwords)
        {
            Assert.Equal(AdminPassword.Length, password.Length);
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, someone, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }
        }

        // No fixed suffix (the old generator ended every password in "-7aK"): the last four characters vary like the rest.
        Assert.True(passwords.Select(p => p[^4..]).Distinct(StringComparer.Ordinal).Count() > 390);
        for (var position = 1; position <= 4; position++)
        {
            Assert.True(passwords.Select(p => p[^position]).Distinct().Count() > 30, $"position -{position} barely varies");
        }
    }

    [Fact]
    public async Task DemoAccount_WhenSignedIn_ThenTheAppBarSaysDemoAccount()
    {
        var sales = await fixture.Factory.SignedIn("sales", Password("sales"));
        var home = WebUtility.HtmlDecode(await sales.GetStringAsync("/"));
        Assert.Contains("id=\"demo-badge\"", home, StringComparison.Ordinal);
        Assert.Contains("演示账号", home, StringComparison.Ordinal);

        var login = WebUtility.HtmlDecode(await fixture.Factory.NewClient().GetStringAsync("/login"));
        Assert.Contains("id=\"demo-note\"", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnAccount_WhenSignedIn_ThenNoDemoBadge()
    {
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "real-hr", DisplayName = "Real HR" };
            Assert.True((await users.CreateAsync(user, "Real-hr-password-2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Hr)).Succeeded);
        }

        var client = await fixture.Factory.SignedIn("real-hr", "Real-hr-password-2026");
        Assert.DoesNotContain("id=\"demo-badge\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WhenDemoAccountSeededWithoutTheMark_ThenMarkedUnlessItsPasswordChanged()
    {
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var manager = (await users.FindByNameAsync("manager"))!;
            Assert.True((await users.RemoveClaimAsync(manager, DemoAccounts.Claim)).Succeeded);
            var finance = (await users.FindByNameAsync("finance"))!;
            Assert.True((await users.RemoveClaimAsync(finance, DemoAccounts.Claim)).Succeeded);
            Assert.True((await users.ChangePasswordAsync(finance, Password("finance"), "Finance-own-2026")).Succeeded);
        }

        await DemoSetup.InitializeAsync(fixture.Factory.Services, seedDemo: true, TextWriter.Null);

        bool Marked(string name) => fixture.Factory.WithDb(db =>
            db.UserClaims.Any(c => c.ClaimType == DemoAccounts.ClaimType && db.Users.Any(u => u.Id == c.UserId && u.UserName == name)));
        Assert.True(Marked("manager"));
        Assert.False(Marked("finance"));
        Assert.True(Marked("supervisor"));
    }
}

/// <summary>Demo accounts in Production: refused unless configuration allows them.</summary>
public sealed class DemoInProductionTests
{
    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    [Fact]
    public async Task SignIn_WhenProductionAndDemoAccount_ThenRefusedWithAMessage_AndOwnAccountsSignIn()
    {
        using var factory = new JixiaoFactory { EnvironmentName = "Production" };
        var client = factory.NewClient();

        var response = await JixiaoFactory.Login(client, "hr", Password("hr"));

        Assert.Equal("/login?error=demo", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/login?error=demo"));
        Assert.Contains("Demo:AllowDemoAccountsInProduction", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"demo-note\"", page, StringComparison.Ordinal);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var own = new AppUser { UserName = "own-hr", DisplayName = "Own HR" };
            Assert.True((await users.CreateAsync(own, "Own-hr-password-2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(own, Roles.Hr)).Succeeded);
        }

        var ownClient = await factory.SignedIn("own-hr", "Own-hr-password-2026");
        Assert.Equal(HttpStatusCode.OK, (await ownClient.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WhenProductionAllowsDemoAccounts_ThenDemoAccountSignsIn()
    {
        using var factory = new JixiaoFactory
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string> { [DemoAccounts.AllowInProductionKey] = "true" },
        };

        var client = await factory.SignedIn("hr", Password("hr"));

        Assert.Contains("id=\"demo-badge\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
