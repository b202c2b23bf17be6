using Jixiao.Testing;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>Calibration and appeals through the API on SQLite (<see cref="EvaluationCalibrationScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class EvaluationCalibrationTests
{
    [Fact]
    public async Task Calibration_WhenOctoberIsCalibratedPublishedAppealedAndClosed_ThenGradesAndPayFollowThroughTheEngineAndEveryStepIsAudited()
    {
        using var factory = new JixiaoFactory();
        await EvaluationCalibrationScenario.RunAsync(factory.Services, factory.Clock, (user, password) => factory.SignedIn(user, password));
    }
}
