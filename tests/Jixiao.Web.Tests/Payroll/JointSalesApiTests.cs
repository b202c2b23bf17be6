using Jixiao.Testing;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>Joint sales (业绩分配) requested by the salesperson, approved by the manager and credited by both readers, on SQLite (<see cref="JointSalesScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class JointSalesApiTests
{
    [Fact]
    public async Task JointSale_WhenTheSalespersonSplits60To40AndTheManagerApproves_ThenBothReadersCreditTheSharesAndUploadsCannotSplitItAgain()
    {
        using var factory = new JixiaoFactory();
        await JointSalesScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
