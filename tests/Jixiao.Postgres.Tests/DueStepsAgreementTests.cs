using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: the home card's narrow queries and the reminder job's pass agree for every recipient of the demo, as on SQLite (see <see cref="DueStepsAgreementScenario"/>).</summary>
public sealed class DueStepsAgreementTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task DueSteps_ForEveryRecipientInEveryStateOfTheCycle_ThenTheHomeCardEqualsTheRemindersPart()
    {
        var clock = TestClock.New();
        await using var factory = new PostgresWebFactory(database.ConnectionString, clock);
        await DueStepsAgreementScenario.RunAsync(factory.Services, clock, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
