using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: what the calculation page shows of a run, through the runs API, as on SQLite (see <see cref="RunPageApiScenario"/>).</summary>
public sealed class RunPageApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task RunPage_WhenTwoRunsDifferForKnownPeople_ThenComparisonNotComputedAndTotalsPagedExactlyAndBadInputRefused()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await RunPageApiScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
