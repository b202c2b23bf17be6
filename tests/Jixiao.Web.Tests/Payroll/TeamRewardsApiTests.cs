using Jixiao.Testing;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>Team reward pools distributed by the supervisor, approved by the manager and paid, on SQLite (<see cref="TeamRewardsScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class TeamRewardsApiTests
{
    [Fact]
    public async Task TeamReward_WhenTheSupervisorDistributesExactlyAndTheManagerApproves_ThenTheNextPayrollPaysTheShares()
    {
        using var factory = new JixiaoFactory();
        await TeamRewardsScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
