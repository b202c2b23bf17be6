using Jixiao.Testing;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>Self-assessment and manager scoring through the API on SQLite (<see cref="EvaluationStepsScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class EvaluationStepsTests
{
    [Fact]
    public async Task Steps_WhenP01AssessesAndS11Scores_ThenEveryRuleCheckedRefusedInTheUsersLanguageAndAudited()
    {
        using var factory = new JixiaoFactory();
        await EvaluationStepsScenario.RunAsync(factory.Services, factory.Clock, (user, password) => factory.SignedIn(user, password));
    }
}
