using System.Net;

namespace Jixiao.Web.Tests;

/// <summary>The /targets page: who gets it, what a manager may pick, and the nav link only for those who may set targets.</summary>
public sealed class TargetsPageAccessTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [Theory]
    [InlineData("hr", "Demo-hr-2026", true)]
    [InlineData("manager", "Demo-manager-2026", true)]
    [InlineData("supervisor", "Demo-supervisor-2026", true)]
    [InlineData("finance", "Demo-finance-2026", false)]
    [InlineData("sales", "Demo-sales-2026", false)]
    public async Task Targets_page_only_for_those_who_set_targets(string user, string password, bool allowed)
    {
        var client = await factory.SignedIn(user, password);
        var response = await client.GetAsync("/targets");
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Equal(allowed, home.Contains("id=\"nav-targets\"", StringComparison.Ordinal));
        if (!allowed)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("目标分解", html);
        // The units the unit select offers (a MudSelect renders its items only while open; the form lists them). No form
        // (nothing to offer) is no units.
        var offered = System.Text.RegularExpressions.Regex.Match(html, "data-subjects=\"([^\"]*)\"");
        List<string> subjects = offered.Success ? [.. offered.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [];
        string[] expected = user switch
        {
            "hr" => ["HQ", "ST1", "ST1-T1", "ST1-T2", "ST2", "ST2-T1", "ST2-T2", "ST3", "ST3-T1", "ST3-T2"],
            // Never a unit one heads: a manager's store and a supervisor's team are their own targets (set by HR or their manager).
            "manager" => ["ST1-T1", "ST1-T2"],
            _ => [],
        };
        Assert.Equal(expected, subjects);
        if (user == "supervisor")
        {
            Assert.Contains("由人力资源部或您的上级设定", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Targets_page_text_follows_the_language_cookie()
    {
        var client = await factory.SignedIn("hr", "Demo-hr-2026");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/en?returnUrl=%2Ftargets")).StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/targets"));
        Assert.Contains("Annual baseline", html);
        Assert.Contains("By last year's share", html);
    }
}
