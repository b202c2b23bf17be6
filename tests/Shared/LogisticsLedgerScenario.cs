using System.Text;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Testing;

/// <summary>
/// The year-long logistics scenario (<see cref="LogisticsYear"/>: a hire in April, a leaver in November, a missed quarter with
/// recovery, a tier promotion, a joint sale, a refund entered after April's payroll) through the web app's ledger on a real
/// database — SQLite and PostgreSQL run the same steps: the data imported as uploads, every period of 2026 calculated and
/// stored, the year's ledger drawn from the stored runs (<see cref="PayrollLedger"/>) equal line for line to the ledger worked
/// out by hand (<see cref="LogisticsYearLedger"/>); then the payroll months approved in order by a second finance user, the
/// refund imported after April, and the ledger again as by hand with the two clawbacks in May, linked to April's lines.
/// </summary>
public static class LogisticsLedgerScenario
{
    /// <summary>Runs the scenario on the databases <paramref name="newContext"/> opens (migrated, empty); <paramref name="plan"/> is the logistics template's path.</summary>
    public static async Task RunAsync(Func<JixiaoDbContext> newContext, string plan, string workDir)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        // The runs are made on 2027-03-01, after the year: no period is projected.
        var clock = TestClock.At(new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero));
        var asOf = new DateOnly(2027, 3, 31);
        var data = Path.Combine(workDir, "data");
        var refunded = Path.Combine(workDir, "refunded");
        LogisticsYear.Write(data);
        LogisticsYear.Write(refunded, refund: true);
        await using (var db = newContext())
        {
            await ImportAsync(db, clock, data);
            Assert.NotNull((await new CalculationService(db, clock, CompanyTimeZone.Default).AddPlanVersionAsync(await File.ReadAllTextAsync(plan), "logistics.yaml", "hr")).Version);
            await CalculateYearAsync(db, clock);
        }

        // ---- Nothing approved: the year's ledger from the stored runs is the one worked out by hand ----
        await using (var db = newContext())
        {
            LogisticsYearLedger.AssertSameLines(LogisticsYearLedger.Expected(), await LedgerAsync(db, clock, asOf));
        }

        // ---- January–April approved, one finance user preparing and another approving ----
        for (var m = 1; m <= 4; m++)
        {
            await ApproveAsync(newContext, clock, m);
        }

        // ---- The refund on B3's March sale comes in after April's payroll; the year is recalculated ----
        await using (var db = newContext())
        {
            var sales = new UploadFile(DataSources.Sales, "sales.csv", await File.ReadAllBytesAsync(Path.Combine(refunded, "sales.csv")));
            Assert.True((await new DataImporter(db, clock).ImportAsync(sales, "hr", new DateOnly(2026, 1, 1))).Ok);
            await CalculateYearAsync(db, clock);
        }

        for (var m = 5; m <= 12; m++)
        {
            await ApproveAsync(newContext, clock, m);
        }

        // ---- The ledger with twelve approved months: as by hand, plus May's two clawbacks linked to what April paid ----
        await using (var db = newContext())
        {
            var expected = LogisticsYearLedger.Expected();
            expected.AddRange(LogisticsYearLedger.RefundCorrections);
            LogisticsYearLedger.AssertSameLines(expected, await LedgerAsync(db, clock, asOf));

            // What was approved and stored for the months of 2026 is exactly the 2026 part of that ledger.
            var stored = await db.PayrollLines.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
            LogisticsYearLedger.AssertSameLines(
                [.. expected.Where(l => string.CompareOrdinal(l.Split(',')[3], "2027-01") < 0)],
                [.. stored.Select(l => LedgerCsv.Row(PayrollLedger.ToLine(l)))]);
            var claw = stored.Single(l => l.Month == "2026-05" && l.Status == "clawed_back" && l.EmployeeId == "B3" && l.Component == "commission");
            var original = stored.Single(l => l.Id == claw.RefersLineId);
            Assert.Equal(("B3", "commission", "2026-03", "2026-04", "paid", 3000.00m, -900.00m),
                (original.EmployeeId, original.Component, original.Earned, original.Month, original.Status, original.Amount, claw.Amount));
        }
    }

    /// <summary>Every line of the 2026 ledger as of <paramref name="asOf"/>, as rows of the payroll file.</summary>
    private static async Task<List<string>> LedgerAsync(JixiaoDbContext db, TimeProvider clock, DateOnly asOf)
    {
        var ledger = await new PayrollLedger(db, clock, CompanyTimeZone.Default, PayrollLedger.LatestRunsAsync).LinesAsync(asOf, [2026], null, default);
        Assert.NotNull(ledger);
        Assert.Empty(ledger.MissingPeriods);
        return [.. ledger.Lines.Select(l => LedgerCsv.Row(l.Line))];
    }

    private static async Task ApproveAsync(Func<JixiaoDbContext> newContext, TimeProvider clock, int m)
    {
        var month = new Period(PeriodKind.Month, 2026, m);
        await using var db = newContext();
        var payroll = new PayrollService(db, clock, CompanyTimeZone.Default, PayrollLedger.LatestRunsAsync);
        var prepared = await payroll.PrepareAsync(month, "fin1");
        Assert.True(prepared.Ok, $"{month}: {prepared.Problem}");
        var approved = await payroll.ApproveAsync(month, "fin2", prepared.Month!.Version);
        Assert.True(approved.Ok, $"{month}: {approved.Problem}");
    }

    /// <summary>A data file of <paramref name="dir"/> as an upload.</summary>
    public static UploadFile Upload(string dir, string source) => new(source, source + ".csv", File.ReadAllBytes(Path.Combine(dir, source + ".csv")));

    /// <summary>Imports the data directory as uploads would: B1 in tier b1 first, then moved to b2 from 2026-07-01 (its assignments.csv).</summary>
    public static async Task ImportAsync(JixiaoDbContext db, TimeProvider clock, string data)
    {
        var importer = new DataImporter(db, clock);
        var employees = await File.ReadAllTextAsync(Path.Combine(data, "employees.csv"));
        var b1 = new UploadFile(DataSources.Employees, "employees.csv", Encoding.UTF8.GetBytes(employees.Replace("B1,张一,R1,A1,sales_rep,B,,b2", "B1,张一,R1,A1,sales_rep,B,,b1", StringComparison.Ordinal)));
        Ok(await importer.ImportAsync([Upload(data, DataSources.OrgUnits), b1], "hr", new DateOnly(2018, 1, 1)));
        Ok(await importer.ImportAsync(Upload(data, DataSources.Employees), "hr", new DateOnly(2026, 7, 1)));
        Ok(await importer.ImportAsync([.. new[] { DataSources.Sales, DataSources.Credits, DataSources.Collections, DataSources.Targets, DataSources.Ratings, DataSources.Salaries }
            .Select(s => Upload(data, s))], "hr", new DateOnly(2026, 1, 1)));

        static void Ok(ImportOutcome o) => Assert.True(o.Ok, string.Join("; ", o.Errors.Select(e => e.Format(System.Globalization.CultureInfo.GetCultureInfo("en")))));
    }

    /// <summary>Calculates and stores every month and quarter of 2026.</summary>
    public static async Task CalculateYearAsync(JixiaoDbContext db, TimeProvider clock)
    {
        var calc = new CalculationService(db, clock, CompanyTimeZone.Default);
        foreach (var period in Enumerable.Range(1, 12).Select(m => new Period(PeriodKind.Month, 2026, m)).Concat(Enumerable.Range(1, 4).Select(q => new Period(PeriodKind.Quarter, 2026, q))))
        {
            Assert.NotNull(await calc.RunAsync(period, "hr"));
        }
    }
}
