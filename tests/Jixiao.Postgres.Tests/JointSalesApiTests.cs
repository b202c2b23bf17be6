using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: joint sales (业绩分配) requested, approved and credited exactly by both readers, as on SQLite (see <see cref="JointSalesScenario"/>).</summary>
public sealed class JointSalesApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task JointSale_WhenTheSalespersonSplits60To40AndTheManagerApproves_ThenBothReadersCreditTheSharesExactly()
    {
        await using var factory = new PostgresWebFactory(database.ConnectionString);
        await JointSalesScenario.RunAsync(factory.Services, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
