using Jixiao.Testing;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>Manual awards requested, approved by someone else and paid, on SQLite (<see cref="AwardsScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class AwardsApiTests
{
    [Fact]
    public async Task Awards_WhenRequestedInRangeAndApprovedBySomeoneElse_ThenJunePaysIt()
    {
        using var factory = new JixiaoFactory();
        await AwardsScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
