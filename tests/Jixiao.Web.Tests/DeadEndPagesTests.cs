using System.Net;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// No dead ends: a signed-in user refused a page gets a 403 page in their language with a way home (not the sign-in
/// form), unknown ids on pages a 404 page, and an empty 发放明细 says why it is empty.
/// </summary>
public sealed class DeadEndPagesTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [Theory]
    [InlineData("sales", "Demo-sales-2026", "/users")]
    [InlineData("sales", "Demo-sales-2026", "/team")]
    [InlineData("supervisor", "Demo-supervisor-2026", "/users")]
    [InlineData("finance", "Demo-finance-2026", "/ratings")]
    public async Task A_page_the_role_may_not_see_answers_a_forbidden_page_with_a_way_home(string user, string password, string path)
    {
        var client = await factory.SignedIn(user, password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1 id=\"error-title\">无权查看此页面</h1>", html, StringComparison.Ordinal);
        Assert.Contains("请联系管理员", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">返回首页</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"login", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forbidden_page_speaks_the_users_language()
    {
        var client = await factory.SignedIn("sales", "Demo-sales-2026");

        var english = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users") { Headers = { { "Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den" } } });
        var traditional = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users") { Headers = { { "Cookie", ".AspNetCore.Culture=c%3Dzh-TW%7Cuic%3Dzh-TW" } } });

        Assert.Equal(HttpStatusCode.Forbidden, english.StatusCode);
        Assert.Contains("You may not see this page", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Back to the home page", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("無權檢視此頁面", WebUtility.HtmlDecode(await traditional.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_users_are_still_sent_to_sign_in_and_the_api_still_answers_403()
    {
        var anonymous = factory.NewClient();
        var page = await anonymous.GetAsync("/team");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        var sales = await factory.SignedIn("sales", "Demo-sales-2026");
        var api = await sales.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("supervisor", "Demo-supervisor-2026", "/team/P10", "未找到")]
    [InlineData("hr", "Demo-hr-2026", "/team/NOBODY", "未找到")]
    [InlineData("hr", "Demo-hr-2026", "/plans/x/99", "未找到")]
    public async Task Unknown_ids_on_pages_answer_a_404_page_in_the_users_language(string user, string password, string path, string expected)
    {
        var client = await factory.SignedIn(user, password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\":", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisors_empty_pay_lines_say_why()
    {
        var pay = factory.WithDb(db =>
        {
            var periods = ResultQueries.CalculatedPeriodsAsync(db, default).GetAwaiter().GetResult();
            var run = ResultQueries.LatestRunAsync(db, ResultQueries.DefaultPeriod(periods)!, default).GetAwaiter().GetResult()!;
            return db.Results.AsNoTracking().Where(r => r.RunId == run.Id && r.EmployeeId == "S11").AsEnumerable().Select(ResultQueries.Dto).Single().Pay;
        });
        Assert.Empty(pay);
        var client = await factory.SignedIn("supervisor", "Demo-supervisor-2026");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/me"));

        Assert.Contains("id=\"indicators\"", html, StringComparison.Ordinal);
        Assert.Contains("本期间没有发放项目：绩效方案中没有适用于此考核表的本期发放项目", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pay-lines\"", html, StringComparison.Ordinal);
    }
}
