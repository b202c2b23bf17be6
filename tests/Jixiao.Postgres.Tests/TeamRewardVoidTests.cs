using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: a team reward pool voided by a republished month, its paid shares clawed back and the pool shown void, as on SQLite (see <see cref="TeamRewardVoidScenario"/>).</summary>
public sealed class TeamRewardVoidTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task TeamReward_WhenTheMonthIsRepublishedWithoutTheTarget_ThenThePoolIsVoid_AndPaidSharesAreClawedBack()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await TeamRewardVoidScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
