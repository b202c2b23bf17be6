using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: team reward pools distributed by the supervisor, approved by the manager and paid, as on SQLite (see <see cref="TeamRewardsScenario"/>).</summary>
public sealed class TeamRewardsApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task TeamReward_WhenTheSupervisorDistributesExactlyAndTheManagerApproves_ThenTheNextPayrollPaysTheShares()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await TeamRewardsScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
