using Jixiao.Testing;

namespace Jixiao.Web.Tests.Api;

/// <summary>What the calculation page shows of a run, through the runs API, on SQLite (<see cref="RunPageApiScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class RunPageApiTests
{
    [Fact]
    public async Task RunPage_WhenTwoRunsDifferForKnownPeople_ThenComparisonNotComputedAndTotalsPagedExactlyAndBadInputRefused()
    {
        using var factory = new JixiaoFactory();
        await RunPageApiScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
