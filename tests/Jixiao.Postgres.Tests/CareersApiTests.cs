using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: career recommendations accepted and rejected by HR, as on SQLite (see <see cref="CareersScenario"/>).</summary>
public sealed class CareersApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Careers_WhenThreeMonthsQualify_ThenHrAcceptsAnEffectiveDatedTierChangeOrRejectsWithAReason()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await CareersScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
