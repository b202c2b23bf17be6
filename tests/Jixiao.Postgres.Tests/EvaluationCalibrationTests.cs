using System.Net;
using Jixiao.Testing;
using Jixiao.Web.Security;

namespace Jixiao.Postgres.Tests;

/// <summary>PostgreSQL: calibration and appeals through the API as on SQLite (see <see cref="EvaluationCalibrationScenario"/>).</summary>
public sealed class EvaluationCalibrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Calibration_WhenOctoberIsCalibratedPublishedAppealedAndClosed_ThenGradesAndPayFollowThroughTheEngineAndEveryStepIsAudited()
    {
        var clock = TestClock.New();
        await using var factory = new PostgresWebFactory(database.ConnectionString, clock);
        await EvaluationCalibrationScenario.RunAsync(factory.Services, clock, async (user, password) =>
        {
            var client = factory.Client(new CookieContainer());
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
            var login = await PostgresWebFactory.LoginAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return client;
        });
    }
}
