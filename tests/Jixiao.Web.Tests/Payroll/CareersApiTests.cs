using Jixiao.Testing;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>Career recommendations accepted and rejected by HR, on SQLite (<see cref="CareersScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class CareersApiTests
{
    [Fact]
    public async Task Careers_WhenThreeMonthsQualify_ThenHrAcceptsAnEffectiveDatedTierChangeOrRejectsWithAReason()
    {
        using var factory = new JixiaoFactory();
        await CareersScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
