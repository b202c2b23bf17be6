using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: cost control decided by HR and paid by the payroll, as on SQLite (see <see cref="CostControlScenario"/>).</summary>
public sealed class CostControlApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task CostControl_WhenMayExceedsItsPool_ThenPayrollWaitsHrScalesAndJunePaysTheScaledAmounts()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await CostControlScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
