using Jixiao.Testing;

namespace Jixiao.Web.Tests.Notifications;

/// <summary>The home card's narrow queries and the reminder job's pass agree for every recipient of the demo, on SQLite (<see cref="DueStepsAgreementScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class DueStepsAgreementTests
{
    [Fact]
    public async Task DueSteps_ForEveryRecipientInEveryStateOfTheCycle_ThenTheHomeCardEqualsTheRemindersPart()
    {
        using var factory = new JixiaoFactory();
        await DueStepsAgreementScenario.RunAsync(factory.Services, factory.Clock, (user, password) => factory.SignedIn(user, password));
    }
}
