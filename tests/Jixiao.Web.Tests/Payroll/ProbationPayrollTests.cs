using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Domain.Compensation;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>
/// No bonus during probation (seed 003 §七.4) in the web app's ledger: the probation end stored on the person is read, and a
/// schedule with <c>none_during_probation</c> forfeits the probation days' part of the amount in the payroll month.
/// </summary>
public sealed class ProbationPayrollTests
{
    [Fact]
    public async Task Payroll_WhenP01OnProbationUntilMay15_ThenFifteenThirtyFirstsOfMaysVehicleBonusAreForfeitedInJune()
    {
        using var factory = new JixiaoFactory();
        var mayRun = factory.WithDb(db => db.EvaluationPeriods.Single(p => p.Key == "2026-05").PublishedRunId!.Value);
        var bonus = factory.WithDb(db => JsonSerializer.Deserialize<ResultDetails>(db.Results.Single(r => r.RunId == mayRun && r.EmployeeId == "P01").DetailsJson)!)
            .Pay.Single(p => p.Component == "vehicle_bonus").Amount;
        Assert.True(bonus > 0m);
        factory.WithDb(db =>
        {
            foreach (var v in db.PlanVersions)
            {
                v.Yaml = v.Yaml.Replace("vehicle_bonus: { pay: next_month }", "vehicle_bonus: { pay: next_month, none_during_probation: true }", StringComparison.Ordinal);
            }

            db.Employees.Single(e => e.Id == "P01").ProbationEnd = new DateOnly(2026, 5, 15);
            return db.SaveChanges();
        });

        using var finance = await factory.SignedIn("finance", "Demo-finance-2026");
        var june = JsonDocument.Parse(await finance.GetStringAsync("/api/v1/payroll/months/2026-06")).RootElement;
        var lines = june.GetProperty("lines").EnumerateArray()
            .Where(l => l.GetProperty("employee").GetString() == "P01" && l.GetProperty("component").GetString() == "vehicle_bonus").ToList();
        // May has 31 days, 15 of them on probation: bonus × 15 ÷ 31 (to the cent) is forfeited, the rest paid.
        var forfeited = Money.Round(bonus * 15m / 31m);
        var f = Assert.Single(lines, l => l.GetProperty("status").GetString() == "forfeited");
        Assert.Equal(forfeited, f.GetProperty("amount").GetDecimal());
        Assert.Contains("试用期", f.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(bonus - forfeited, Assert.Single(lines, l => l.GetProperty("status").GetString() == "paid").GetProperty("amount").GetDecimal());

        // Someone not on probation (P02) is paid May's vehicle bonus in full.
        Assert.DoesNotContain(june.GetProperty("lines").EnumerateArray(), l => l.GetProperty("employee").GetString() == "P02" && l.GetProperty("status").GetString() == "forfeited");
    }
}
