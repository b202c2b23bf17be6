using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: manual awards requested, approved by someone else and paid, as on SQLite (see <see cref="AwardsScenario"/>).</summary>
public sealed class AwardsApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Awards_WhenRequestedInRangeAndApprovedBySomeoneElse_ThenJunePaysIt()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await AwardsScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
