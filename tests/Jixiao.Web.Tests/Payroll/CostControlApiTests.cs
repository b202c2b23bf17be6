using Jixiao.Testing;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>Cost control decided by HR and paid by the payroll, on SQLite (<see cref="CostControlScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class CostControlApiTests
{
    [Fact]
    public async Task CostControl_WhenMayExceedsItsPool_ThenPayrollWaitsHrScalesAndJunePaysTheScaledAmounts()
    {
        using var factory = new JixiaoFactory();
        await CostControlScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
