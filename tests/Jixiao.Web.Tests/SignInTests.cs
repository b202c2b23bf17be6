using System.Net;
using Jixiao.Web.Hosting;

namespace Jixiao.Web.Tests;

public sealed class SignInTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    [Fact]
    public void Start_WhenFirstRun_ThenDemoCompanySeededAndCalculated()
    {
        _ = factory.NewClient();
        Assert.InRange(factory.WithDb(db => db.Employees.Count()), 35, 45);
        Assert.Equal(3, factory.WithDb(db => db.OrgUnits.Count(u => u.ParentId == "HQ")));
        // Seeded relative to the app's clock (2026-11-26): six complete months, their last complete quarter, the open month.
        Assert.Equal(
            ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-Q3", "2026-11"],
            factory.WithDb(db => db.Runs.OrderBy(r => r.Id).Select(r => r.Period).ToList()));
        Assert.Equal(DemoSetup.Logins.Count + 1, factory.WithDb(db => db.Users.Count()));

        // The cycle relative to the same clock (docs/decisions/0019): past months and their quarter closed with published
        // runs, except the month before last, published with its appeal window open (HR answers an appeal, the managers
        // record their feedback talks); last month in evaluation, this month open (no row: it never moved).
        Assert.Equal(
            [("2026-05", "closed"), ("2026-06", "closed"), ("2026-07", "closed"), ("2026-08", "closed"), ("2026-09", "published"), ("2026-10", "evaluation"), ("2026-Q3", "closed")],
            factory.WithDb(db => db.EvaluationPeriods.OrderBy(p => p.Key).Select(p => new { p.Key, p.State }).AsEnumerable().Select(p => (p.Key, p.State)).ToList()));
        Assert.All(factory.WithDb(db => db.EvaluationPeriods.Where(p => p.State == "closed").Select(p => new { p.PublishedRunId, p.PublishedBy, p.ClosedAt }).ToList()),
            p => Assert.True(p.PublishedRunId is not null && p.PublishedBy is not null && p.ClosedAt < factory.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(6, factory.WithDb(db => db.Runs.Count(r => r.Visibility == Jixiao.Domain.Evaluations.RunVisibility.Published)));
    }

    [Fact]
    public async Task Home_WhenAnonymous_ThenRedirectedToSignIn()
    {
        var response = await factory.NewClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WhenDemoSalesperson_ThenHomeGreetsThem()
    {
        var client = await factory.SignedIn("sales", Password("sales"));
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var name = factory.WithDb(db => db.Employees.Single(e => e.Id == "P01").Name);
        Assert.Contains(name, WebUtility.HtmlDecode(await home.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WhenWrongPassword_ThenErrorAndNoCookie()
    {
        var client = factory.NewClient();
        var response = await JixiaoFactory.Login(client, "hr", "wrong-password");
        Assert.Equal("/login?error=invalid", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WhenFiveFailures_ThenLockedOutEvenWithTheRightPassword()
    {
        var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await JixiaoFactory.Login(client, "finance", "wrong-password");
        }

        var response = await JixiaoFactory.Login(client, "finance", Password("finance"));
        Assert.Equal("/login?error=locked", response.Headers.Location?.OriginalString);
        Assert.Contains(factory.WithDb(db => db.AuditLog.Where(a => a.Subject == "finance").Select(a => a.Action).ToList()), a => a == "account.login.failed");
    }
}
