using Jixiao.Testing;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>The evaluation cycle through the API on SQLite (<see cref="EvaluationCycleScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class EvaluationCycleTests
{
    [Fact]
    public async Task Cycle_WhenOctoberGoesFromEvaluationToClosed_ThenEveryStepCheckedRefusedInTheUsersLanguageAndAudited()
    {
        using var factory = new JixiaoFactory();
        await EvaluationCycleScenario.RunAsync(factory.Services, factory.Clock, (user, password) => factory.SignedIn(user, password));
    }
}
