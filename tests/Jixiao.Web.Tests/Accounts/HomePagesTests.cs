using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Persistence;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>
/// Each role's start page shows what that role works on (its home cards), accounts without an employee get no
/// 我的绩效 entry and a friendly /me, and the account pages open for the roles they are for.
/// </summary>
public sealed class HomePagesTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    [Theory]
    [InlineData("sales", "home-due,home-my", "home-team,home-accounts,home-calculation,home-pay")]
    [InlineData("supervisor", "home-due,home-my,home-team,home-ratings", "home-accounts,home-calculation")]
    [InlineData("manager", "home-due,home-my,home-team,home-ratings", "home-accounts,home-data")]
    [InlineData("hr", "home-due,home-ratings,home-calculation,home-data,home-accounts,home-org", "home-my,home-team,home-settings,home-pay")]
    [InlineData("finance", "home-due,home-data,home-pay", "home-my,home-accounts,home-calculation,home-ratings")]
    [InlineData("admin", "home-calculation,home-accounts,home-org,home-settings", "home-due,home-my,home-team,home-data,home-ratings")]
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

    [Theory]
    [InlineData("sales", "期间 2026-10 的自评：2026-11-04 前（已逾期）", "/evaluation/self?period=2026-10")]
    [InlineData("supervisor", "期间 2026-10 的自评：2026-11-04 前（已逾期）|期间 2026-10 的上级评分：4 人，2026-11-11 前（已逾期）|期间 2026-10：下属 1 人的自评已逾期",
        "/evaluation/self?period=2026-10|/ratings?period=2026-10")]
    [InlineData("manager", "期间 2026-10 的上级评分：2 人，2026-11-11 前（已逾期）|期间 2026-10：下属 1 人的自评已逾期", "/ratings?period=2026-10")]
    public async Task Home_WhenStepsDue_ThenEachWithItsDeadlineOverdueMarkedAndALinkToIt(string who, string lines, string links)
    {
        // Today is 2026-11-26 (TestClock): October is in evaluation, self-assessment was due Nov 4 and scoring Nov 11. The
        // demo leaves the demo logins' steps open: P01's and S11's self-assessments, S11's scorings of P01–P04, M01's of S11
        // and S12 (the other people submitted; DemoEvaluations).
        var html = System.Net.WebUtility.HtmlDecode(await fx.Clients[who].GetStringAsync("/"));
        var card = html[html.IndexOf("id=\"home-due\"", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("id=\"home-my\"", StringComparison.Ordinal)];
        foreach (var line in lines.Split('|'))
        {
            Assert.Contains(line, card, StringComparison.Ordinal);
        }

        foreach (var link in links.Split('|'))
        {
            Assert.Contains($"href=\"{link}\"", card, StringComparison.Ordinal);
        }

        Assert.Equal(lines.Split('|').Length, card.Split("（已逾期）").Length - 1 + (card.Contains("下属", StringComparison.Ordinal) ? 1 : 0));
    }

    [Fact]
    public async Task Home_WhenSalesperson_ThenTheirLatestResultsInWords()
    {
        // The app's clock stands at 2026-11-26 (TestClock): P01's two latest periods people see are November, still open
        // and so marked provisional, and September, closed; October is in evaluation, so none of its figures (a draft's)
        // reach the card (docs/decisions/0019). Each line shows that period's own figures of the run people see.
        // The card "my results" only: the steps due above it rightly name October's self-assessment.
        var page = await fx.Clients["sales"].GetStringAsync("/");
        var html = page[page.IndexOf("id=\"home-my\"", StringComparison.Ordinal)..];
        Assert.Contains($"2026-11（进行中，暂定）：{ResultLine("P01", "2026-11")}", html, StringComparison.Ordinal);
        Assert.Contains($"2026-09：{ResultLine("P01", "2026-09")}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-10", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-08", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/me\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hr", 6, 1)] // HR sees every rated person; the demo leaves S32's November analysis unrated (README)
    [InlineData("manager", 2, 0)] // M01 rates the supervisors S11 and S12, both rated
    [InlineData("supervisor", 0, 0)] // S11's salespeople have no rated indicator
    public async Task Home_RatingsCard_CountsThisMonthsRatingSheet(string who, int people, int due)
    {
        // Today is 2026-11-26 (TestClock): the card speaks of November, counting as the 评分 sheet of that month does.
        var sheet = await fx.Clients[who].GetFromJsonAsync<JsonElement>("/api/v1/ratings/sheet?period=2026-11");
        var rows = sheet.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(people, rows.Count);
        Assert.Equal(due, rows.Count(p => p.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("points").ValueKind == JsonValueKind.Null)));

        var html = await fx.Clients[who].GetStringAsync("/");
        var line = people == 0 ? "2026-11：没有需要您评分的人员。" : due > 0 ? $"2026-11：{people} 人中还有 {due} 人待评分。" : $"2026-11：{people} 人的评分均已完成。";
        Assert.Contains(line, html, StringComparison.Ordinal);
    }

    /// <summary>
    /// "{total} 分，等级 {grade}，奖金 {pay}" of the employee's result in the run people see of the period (zh-CN): its published
    /// run once published, else (an open period) its latest succeeded run.
    /// </summary>
    private string ResultLine(string employee, string period)
    {
        var (total, grade, pay) = fx.Factory.WithDb(db => db.Results
            .Where(r => r.EmployeeId == employee && r.RunId == (db.EvaluationPeriods.Where(p => p.Key == period).Select(p => p.PublishedRunId).FirstOrDefault()
                ?? db.Runs.Where(x => x.Period == period && x.Status == RunStatus.Succeeded).Max(x => x.Id)))
            .Select(r => new { r.Total, r.Grade, r.PayTotal }).ToList().Select(r => (r.Total, r.Grade, r.PayTotal)).Single());
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        return $"{total.ToString("N2", zh)} 分，等级 {grade}，奖金 {LocaleFormat.Money(pay, zh)}";
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
        Assert.Equal(opens ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
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
