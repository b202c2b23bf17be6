using System.Net;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Testing;
using Jixiao.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Postgres.Tests;

/// <summary>
/// Two web hosts started at the same moment on one fresh PostgreSQL database: start-up (migrations and seed) runs
/// once under the advisory lock, and a sign-in on one host is valid on the other (data-protection keys in the database).
/// </summary>
public sealed class MultiInstanceWebTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task TwoHosts_WhenStartedTogether_ThenSeededOnceAndASignInOnOneIsValidOnTheOther()
    {
        await using var a = new PostgresWebFactory(database.ConnectionString);
        await using var b = new PostgresWebFactory(database.ConnectionString);
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

        using (var scope = a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
            Assert.Equal(DemoSetup.Logins.Count + 1, await db.Users.CountAsync());
            Assert.Equal(new DemoCalendar(TestClock.Today).Periods, await db.Runs.OrderBy(r => r.Id).Select(r => r.Period).ToListAsync());
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
            Assert.Single(await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync(),
                id => id.EndsWith("_SharedKeysAndLeases", StringComparison.Ordinal));
        }

        var cookies = new CookieContainer();
        var onA = a.Client(cookies);
        var login = await PostgresWebFactory.LoginAsync(onA, "sales", DemoSetup.Logins.Single(l => l.UserName == "sales").Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "jixiao");

        var onB = b.Client(cookies);
        var home = await onB.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var name = await a.Services.CreateScope().ServiceProvider.GetRequiredService<JixiaoDbContext>().Employees.Where(e => e.Id == "P01").Select(e => e.Name).SingleAsync();
        Assert.Contains(name, WebUtility.HtmlDecode(await home.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The same cookie on a host with another database (another key ring) is not accepted:
        // the keys come from the database, not from a folder both hosts happen to share on this machine.
        var other = new PostgresDatabase();
        await other.InitializeAsync();
        try
        {
            await using var c = new PostgresWebFactory(other.ConnectionString);
            var onC = c.Client(cookies);
            var elsewhere = await onC.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
            Assert.StartsWith("/login", elsewhere.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Healthz_WhenAnonymous_ThenHealthy()
    {
        await using var a = new PostgresWebFactory(database.ConnectionString);
        var response = await a.Client(new CookieContainer()).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
