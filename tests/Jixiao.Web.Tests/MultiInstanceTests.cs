using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>SQLite: a second host on the same database file accepts the first one's sign-in; /healthz is anonymous.</summary>
public sealed class MultiInstanceTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [Fact]
    public async Task Healthz_WhenAnonymous_ThenHealthy()
    {
        var response = await factory.NewClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SecondHost_WhenSameDatabaseFile_ThenTheCookieOfTheFirstIsValid()
    {
        var cookies = new CookieContainer();
        var onA = factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var login = await JixiaoFactory.Login(onA, "hr", Hosting.DemoSetup.Logins.Single(l => l.UserName == "hr").Password);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Equal(1, factory.WithDb(db => db.DataProtectionKeys.Count()));

        var connectionString = factory.WithDb(db => db.Database.GetConnectionString())!;
        await using var second = new SameFileFactory(connectionString, factory.Clock);
        var onB = second.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/")).StatusCode);
    }

    /// <summary>A second host on the first one's database file and clock.</summary>
    private sealed class SameFileFactory(string connectionString, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Jixiao", connectionString);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Projection:RefreshEnabled", "false"); // the daily recalculation would add runs under the tests
            builder.UseEnvironment("Development");
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
