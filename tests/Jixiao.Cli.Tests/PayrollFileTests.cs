using System.Text;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Payroll;
using Jixiao.Domain.Periods;
using Jixiao.Migrations.Sqlite;
using Jixiao.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Cli.Tests;

/// <summary>
/// The web app's payroll months against <c>jixiao payouts --month</c>: the logistics year (<see cref="LogisticsYear"/>) imported
/// into a SQLite database, every period of 2026 calculated and stored, and the payroll months prepared by one finance user and
/// approved by another in order. Each approved month's export is byte for byte the CLI's file of that month from the same data
/// (with the earlier approved months as its paid file); a refund entered after April is clawed back in May on both sides.
/// The months are paid from the latest run of each period (the evaluation cycle's publication is not what this compares; the
/// web app pays from published runs, PayrollApiScenario).
/// </summary>
public sealed class PayrollFileTests : IDisposable
{
    private static readonly string Plan = CliRunner.Template("logistics-a-to-f");

    private readonly TempDir _dir = new();
    private readonly string _connection;

    public PayrollFileTests()
    {
        _connection = $"Data Source={_dir.File("jixiao.db")}";
        using var db = NewContext();
        db.Database.Migrate();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private JixiaoDbContext NewContext() => new(SqliteStore.Options(_connection));

    private static string Cli(string data, string month, string? paid)
    {
        string[] args = ["payouts", "--plan", Plan, "--data", data, "--year", "2026", "--month", month, "--format", "csv"];
        var run = CliRunner.Run(paid is null ? args : [.. args, "--paid", paid]);
        Assert.True(run.ExitCode == 0, run.Err);
        return run.Out;
    }

    [Fact]
    public async Task Payroll_WhenMonthsApprovedInOrder_ThenEachExportIsTheCliFileAndALateRefundIsClawedBackTheSameWay()
    {
        // The runs are made on 2027-03-01, after the year: no period is projected.
        var clock = TestClock.At(new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero));
        var data = Path.Combine(_dir.Path, "data");
        LogisticsYear.Write(data);
        await using (var db = NewContext())
        {
            await LogisticsLedgerScenario.ImportAsync(db, clock, data);
            Assert.NotNull((await new CalculationService(db, clock, CompanyTimeZone.Default).AddPlanVersionAsync(System.IO.File.ReadAllText(Plan), "logistics.yaml", "hr")).Version);
            await LogisticsLedgerScenario.CalculateYearAsync(db, clock);
        }

        var approved = new StringBuilder(Domain.Compensation.Ledger.LedgerCsv.Header + "\n");
        async Task<string> ApproveAsync(int m, string dataDir)
        {
            var month = new Period(PeriodKind.Month, 2026, m);
            await using var db = NewContext();
            var payroll = new PayrollService(db, clock, CompanyTimeZone.Default, PayrollLedger.LatestRunsAsync);
            var prepared = await payroll.PrepareAsync(month, "fin1");
            Assert.True(prepared.Ok, $"{month}: {prepared.Problem}");
            var paid = _dir.File($"paid-{m}.csv");
            await System.IO.File.WriteAllTextAsync(paid, approved.ToString());
            Assert.True((await payroll.ApproveAsync(month, "fin2", prepared.Month!.Version)).Ok);
            var (csv, outcome) = await payroll.CsvAsync(month);
            Assert.True(outcome.Ok);
            Assert.Equal(Cli(dataDir, month.ToString(), m == 1 ? null : paid), csv);
            approved.Append(csv![(csv!.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
            return csv;
        }

        // January: the preparer cannot approve; February cannot be prepared before January is approved.
        await using (var db = NewContext())
        {
            var payroll = new PayrollService(db, clock, CompanyTimeZone.Default, PayrollLedger.LatestRunsAsync);
            var january = Period.Parse("2026-01");
            var prepared = await payroll.PrepareAsync(january, "fin1");
            Assert.True(prepared.Ok);
            Assert.Equal(PayrollProblemCode.OwnPreparation, (await payroll.ApproveAsync(january, "fin1", null)).Problem);
            Assert.Equal(PayrollProblemCode.NotApproved, (await payroll.CsvAsync(january)).Outcome.Problem);
            Assert.True((await payroll.ApproveAsync(january, "fin2", null)).Ok);
            var february = await payroll.PrepareAsync(Period.Parse("2026-03"), "fin1");
            Assert.Equal(PayrollProblemCode.NotFirstOpenMonth, february.Problem);
            Assert.Equal(["2026-03", "2026-02"], february.Arguments);
            Assert.Equal(PayrollProblemCode.AlreadyApproved, (await payroll.PrepareAsync(january, "fin1")).Problem);
            var (csv, _) = await payroll.CsvAsync(january);
            Assert.Equal(Cli(data, "2026-01", null), csv);
            approved.Append(csv![(csv!.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
            Assert.Contains("A1,salary,2026-01,2026-01,paid,20000.00\n", csv, StringComparison.Ordinal);
        }

        for (var m = 2; m <= 4; m++)
        {
            await ApproveAsync(m, data);
        }

        // May is prepared; then a refund of 30,000 on B3's March sale comes in and March is recalculated: May's figures changed.
        await using (var db = NewContext())
        {
            var payroll = new PayrollService(db, clock, CompanyTimeZone.Default, PayrollLedger.LatestRunsAsync);
            Assert.True((await payroll.PrepareAsync(Period.Parse("2026-05"), "fin1")).Ok);
            var refunded = Path.Combine(_dir.Path, "refunded");
            LogisticsYear.Write(refunded, refund: true);
            Assert.True((await new DataImporter(db, clock).ImportAsync(LogisticsLedgerScenario.Upload(refunded, DataSources.Sales), "hr", new DateOnly(2026, 1, 1))).Ok);
            await LogisticsLedgerScenario.CalculateYearAsync(db, clock);
            Assert.Equal(PayrollProblemCode.Changed, (await payroll.ApproveAsync(Period.Parse("2026-05"), "fin2", null)).Problem);
        }

        var refundedData = Path.Combine(_dir.Path, "refunded");
        var may = await ApproveAsync(5, refundedData);

        // The clawback: March's commission of B3 fell from 3,000.00 to 2,100.00 (docs/pay-ledger.md), linked to April's line.
        Assert.Contains("B3,commission,2026-03,2026-05,clawed_back,-900.00\n", may, StringComparison.Ordinal);
        await using (var db = NewContext())
        {
            var claw = await db.PayrollLines.SingleAsync(l => l.Month == "2026-05" && l.Status == "clawed_back" && l.EmployeeId == "B3" && l.Component == "commission");
            var original = await db.PayrollLines.SingleAsync(l => l.Id == claw.RefersLineId);
            Assert.Equal(("B3", "commission", "2026-03", "2026-04", "paid", 3000.00m), (original.EmployeeId, original.Component, original.Earned, original.Month, original.Status, original.Amount));

            // Approved lines are never edited.
            original.Amount = 1m;
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        for (var m = 6; m <= 12; m++)
        {
            await ApproveAsync(m, refundedData);
        }

        // A re-export of an approved month gives the same bytes (CSV and Excel).
        await using (var db = NewContext())
        {
            var payroll = new PayrollService(db, clock, CompanyTimeZone.Default, PayrollLedger.LatestRunsAsync);
            var july = Period.Parse("2026-07");
            Assert.Equal((await payroll.CsvAsync(july)).Csv, (await payroll.CsvAsync(july)).Csv);
            var culture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal((await payroll.XlsxAsync(july, culture)).Xlsx, (await payroll.XlsxAsync(july, culture)).Xlsx);
            Assert.Equal(12, await db.AuditLog.CountAsync(a => a.Action == "payroll.approve"));
        }
    }

    [Fact]
    public async Task Ledger_WhenLogisticsYearStoredInSqlite_ThenEveryLineAsByHandAndTheRefundClawedBackInMay() =>
        await LogisticsLedgerScenario.RunAsync(NewContext, Plan, _dir.Path);
}
