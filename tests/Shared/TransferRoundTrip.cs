using System.Text;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Testing;

/// <summary>
/// A mid-month transfer through <see cref="OrgService"/>, stored, read back by <see cref="DatasetBuilder"/> and
/// calculated: the same scenario for each provider (docs/transfers.md), so SQLite and PostgreSQL behave alike.
/// </summary>
public static class TransferRoundTrip
{
    private const string Plan = """
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          revenue: { source: sales, aggregate: sum, field: amount }
          team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          junior:
            match: { level: junior }
            periods: [month]
            indicators:
              - { code: m, points: 100, rule: formula, formula: "team_revenue", cap: 10 }
          card:
            periods: [month]
            indicators:
              - { code: m, points: 100, rule: formula, formula: "team_revenue", cap: 10 }
        """;

    public static async Task RunAsync(Func<JixiaoDbContext> newContext)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        var time = TestClock.New();
        await using (var db = newContext())
        {
            var org = new OrgService(db, time, CompanyTimeZone.Default);
            Assert.True((await org.CreateUnitAsync(new UnitInput("HQ", "总部", null, null), "hr")).Ok);
            Assert.True((await org.CreateUnitAsync(new UnitInput("A", "门店A", "HQ", null), "hr")).Ok);
            Assert.True((await org.CreateUnitAsync(new UnitInput("B", "门店B", "HQ", null), "hr")).Ok);
            foreach (var (id, unit, position, level) in new[] { ("ceo", "HQ", "manager", "core"), ("ma", "A", "manager", "core"), ("mb", "B", "manager", "core") })
            {
                var created = await org.CreateEmployeeAsync(new PersonInput(id, id.ToUpperInvariant(), new DateOnly(2025, 1, 1), null, null, unit, null, position, "", level, ""), "hr");
                Assert.True(created.Ok, string.Join("; ", created.Problems));
            }

            foreach (var (unit, parent, manager) in new[] { ("HQ", (string?)null, "ceo"), ("A", "HQ", "ma"), ("B", "HQ", "mb") })
            {
                var version = (await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == unit)).Version;
                Assert.True((await org.UpdateUnitAsync(unit, version, new UnitInput(unit, unit, parent, manager), "hr")).Ok);
            }

            // Created after the units have managers: p's manager is A's (ma) by default.
            Assert.True((await org.CreateEmployeeAsync(new PersonInput("p", "P", new DateOnly(2025, 1, 1), null, null, "A", null, "salesperson", "", "junior", ""), "hr")).Ok);

            var sales = new StringBuilder("id,employee,date,customer,product,units,amount,cost,contract,contract_signed\n")
                .Append("S1,p,2026-10-05,c,suv,1,100.10,,,\n").Append("S2,p,2026-10-15,c,suv,1,20,,,\n")
                .Append("S3,p,2026-10-16,c,suv,1,5000,,,\n").Append("S4,p,2026-10-31,c,suv,1,8.05,,,\n");
            var imported = await new DataImporter(db, time).ImportAsync(new UploadFile("sales", "sales.csv", Encoding.UTF8.GetBytes(sales.ToString())), "hr", new DateOnly(2026, 1, 1));
            Assert.True(imported.Ok, string.Join("; ", imported.Errors));
        }

        long pVersion;
        await using (var db = newContext())
        {
            pVersion = (await db.Employees.AsNoTracking().SingleAsync(e => e.Id == "p")).Version;
            var org = new OrgService(db, time, CompanyTimeZone.Default);
            var early = await org.TransferAsync("p", pVersion, new TransferInput(new DateOnly(2024, 12, 31), "B"), "hr");
            Assert.Equal(OrgOutcome.Invalid, early.Outcome);
            Assert.Equal(OrgProblemCode.TransferNotAfterCurrent, Assert.Single(early.Problems).Code);

            var moved = await org.TransferAsync("p", pVersion, new TransferInput(new DateOnly(2026, 10, 16), "B", Level: "senior"), "hr");
            Assert.True(moved.Ok, string.Join("; ", moved.Problems));
        }

        await using (var db = newContext())
        {
            var stale = await new OrgService(db, time, CompanyTimeZone.Default).TransferAsync("p", pVersion, new TransferInput(new DateOnly(2026, 11, 1), "A"), "hr");
            Assert.Equal(OrgOutcome.Conflict, stale.Outcome);
        }

        await using (var db = newContext())
        {
            var history = await db.Assignments.AsNoTracking().Where(a => a.EmployeeId == "p").OrderBy(a => a.ValidFrom).ToListAsync();
            Assert.Equal(2, history.Count);
            Assert.Equal(("A", "ma", "junior", new DateOnly(2025, 1, 1), (DateOnly?)new DateOnly(2026, 10, 16)), (history[0].OrgUnitId, history[0].ManagerId, history[0].Level, history[0].ValidFrom, history[0].ValidTo));
            Assert.Equal(("B", "mb", "senior", new DateOnly(2026, 10, 16), (DateOnly?)null), (history[1].OrgUnitId, history[1].ManagerId, history[1].Level, history[1].ValidFrom, history[1].ValidTo));
            Assert.Equal(pVersion + 1, (await db.Employees.AsNoTracking().SingleAsync(e => e.Id == "p")).Version);
            Assert.Equal(["employee.transfer"], await db.AuditLog.AsNoTracking().Where(a => a.Subject == "p" && a.Action != "employee.create").Select(a => a.Action).ToListAsync());

            var plan = PlanLoader.Load(Plan, "t.yaml").Plan!;
            var october = Calculator.Run(plan, (await DatasetBuilder.BuildAsync(db, Period.Parse("2026-10"))).Dataset, Period.Parse("2026-10"));
            decimal Team(string id) => october.Results.Single(r => r.Employee == id).Indicators[0].Actual!.Value;
            Assert.Equal(120.10m, Team("ma"));
            Assert.Equal(5008.05m, Team("mb"));
            Assert.Equal(5128.15m, Team("ceo"));
            var p = october.Results.Single(r => r.Employee == "p");
            Assert.Equal(("B", "card"), (p.OrgUnit, p.Scorecard));

            var september = Calculator.Run(plan, (await DatasetBuilder.BuildAsync(db, Period.Parse("2026-09"))).Dataset, Period.Parse("2026-09"));
            var before = september.Results.Single(r => r.Employee == "p");
            Assert.Equal(("A", "junior"), (before.OrgUnit, before.Scorecard));
        }
    }
}
