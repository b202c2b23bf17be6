using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: the same payroll months through the API as on SQLite (see <see cref="PayrollApiScenario"/>).</summary>
public sealed class PayrollApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Payroll_WhenJunePreparedAndApprovedBySomeoneElse_ThenLockedExportedInOrderAndAudited()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await PayrollApiScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
