using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: self-assessment and manager scoring through the API as on SQLite (see <see cref="EvaluationStepsScenario"/>).</summary>
public sealed class EvaluationStepsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Steps_WhenP01AssessesAndS11Scores_ThenEveryRuleCheckedRefusedInTheUsersLanguageAndAudited()
    {
        var clock = TestClock.New();
        await using var factory = new PostgresWebFactory(database.ConnectionString, clock);
        await EvaluationStepsScenario.RunAsync(factory.Services, clock, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
