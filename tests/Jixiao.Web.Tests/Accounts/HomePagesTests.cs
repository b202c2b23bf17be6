using System.Net;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>
/// Each role's start page shows what that role works on (its home cards), accounts without an employee get no
/// 我的绩效 entry and a friendly /me, and the account pages open for the roles they are for.
/// </summary>
public sealed class HomePagesTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    [Theory]
    [InlineData("sales", "home-my", "home-team,home-accounts,home-calculation,home-pay")]
    [InlineData("supervisor", "home-my,home-team,home-ratings", "home-accounts,home-calculation")]
    [InlineData("manager", "home-my,home-team,home-ratings", "home-accounts,home-data")]
    [InlineData("hr", "home-ratings,home-calculation,home-data,home-accounts,home-org", "home-my,home-team,home-settings,home-pay")]
    [InlineData("finance", "home-data,home-pay", "home-my,home-accounts,home-calculation,home-ratings")]
    [InlineData("admin", "home-calculation,home-accounts,home-org,home-settings", "home-my,home-team,home-data,home-ratings")]
    public async Task Home_WhenRole_ThenItsCardsAndNoOthers(string who, string shown, string hidden)
    {
        var html = await fx.Clients[who].GetStringAsync("/");
        foreach (var card in shown.Split(','))
        {
            Assert.Contains($"id=\"{card}\"", html, StringComparison.Ordinal);
        }

        foreach (var card in hidden.Split(','))
        {
            Assert.DoesNotContain($"id=\"{card}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Home_WhenSalesperson_ThenTheirLatestResultsInWords()
    {
        var html = await fx.Clients["sales"].GetStringAsync("/");
        Assert.Contains("2026-11（进行中，暂定）", html, StringComparison.Ordinal);
        Assert.Contains("2026-10：", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/me\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WhenSupervisor_ThenThePendingRatingIsCounted()
    {
        // The demo leaves one supervisor rating of the open month pending (README).
        var html = await fx.Clients["supervisor"].GetStringAsync("/");
        Assert.Matches("还有 [1-9][0-9]* 人待评分", html);
    }

    [Theory]
    [InlineData("hr", false)]
    [InlineData("finance", false)]
    [InlineData("admin", false)]
    [InlineData("sales", true)]
    [InlineData("manager", true)]
    public async Task Navigation_WhenAccountIsNotLinked_ThenNoMyResultsEntry(string who, bool entry)
    {
        var html = await fx.Clients[who].GetStringAsync("/");
        Assert.Equal(entry, html.Contains("id=\"nav-me\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Me_WhenNotLinked_ThenAFriendlyPageWithWaysOn()
    {
        var html = await fx.Clients["hr"].GetStringAsync("/me");
        Assert.Contains("此账号未关联员工", html, StringComparison.Ordinal);
        Assert.Contains("id=\"me-home\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/users\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "/users", true)]
    [InlineData("hr", "/users", true)]
    [InlineData("finance", "/users", false)]
    [InlineData("sales", "/users", false)]
    [InlineData("admin", "/settings", true)]
    [InlineData("hr", "/settings", false)]
    [InlineData("sales", "/account/password", true)]
    [InlineData("finance", "/account/password", true)]
    public async Task AccountPages_OpenForTheirRoles(string who, string path, bool opens)
    {
        var response = await fx.Clients[who].GetAsync(path);
        Assert.Equal(opens ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Settings_ShowsTheRuleAndThatExternalSignInIsOff()
    {
        var html = await fx.Clients["admin"].GetStringAsync("/settings");
        Assert.Contains("<code>{id}</code>", html, StringComparison.Ordinal);
        Assert.Contains("p01", html, StringComparison.Ordinal);
        Assert.Contains("id=\"oidc-off\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"setting-length\">10<", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Manage accounts")]
    [InlineData("zh-TW", "管理帳號")]
    public async Task AccountsText_IsTranslated(string culture, string expected)
    {
        var client = fx.Factory.NewClient();
        _ = await JixiaoFactory.Login(client, "test-admin", AccountsFixture.Password);
        _ = await client.GetAsync($"/culture/{culture}?returnUrl=%2F");
        var html = await client.GetStringAsync("/");
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }
}
