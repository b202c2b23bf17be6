using System.Text;
using Jixiao.Application.Access;
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
/// An effective-dated manager change through <see cref="OrgService"/> (docs/transfers.md, decision 5), stored and read
/// back by <see cref="AccessScope"/> and <see cref="DatasetBuilder"/>: store A is managed by ma until 2026-10-31 and by mb
/// from 2026-11-01 (both sit in unit C, which has no sales). October belongs to ma, November to mb — for who may see
/// whom and for the manager card's team metric. The same scenario for each provider.
/// </summary>
public static class ManagerHistoryRoundTrip
{
    private const string Plan = """
        plan: { code: m, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          card:
            periods: [month]
            indicators:
              - { code: t, points: 100, rule: formula, formula: "team_revenue", cap: 10 }
        """;

    public static async Task RunAsync(Func<JixiaoDbContext> newContext)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        var time = TestClock.New();
        var handover = new DateOnly(2026, 11, 1);
        await using (var db = newContext())
        {
            var org = new OrgService(db, time, CompanyTimeZone.Default);
            Assert.True((await org.CreateUnitAsync(new UnitInput("HQ", "总部", null, null), "hr")).Ok);
            Assert.True((await org.CreateUnitAsync(new UnitInput("A", "门店A", "HQ", null), "hr")).Ok);
            Assert.True((await org.CreateUnitAsync(new UnitInput("C", "门店C", "HQ", null), "hr")).Ok);
            foreach (var (id, unit) in new[] { ("ceo", "HQ"), ("ma", "C"), ("mb", "C"), ("p", "A") })
            {
                var created = await org.CreateEmployeeAsync(new PersonInput(id, id.ToUpperInvariant(), new DateOnly(2025, 1, 1), null, null, unit, null, "sales", "", "core", ""), "hr");
                Assert.True(created.Ok, string.Join("; ", created.Problems));
            }

            // Setting up the org (a unit that never had a manager gets one): no history, the manager applies at all times.
            foreach (var (unit, parent, manager) in new[] { ("HQ", (string?)null, "ceo"), ("A", "HQ", "ma") })
            {
                var version = (await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == unit)).Version;
                Assert.True((await org.UpdateUnitAsync(unit, version, new UnitInput(unit, unit, parent, manager), "hr")).Ok);
            }

            Assert.Equal(0, await db.UnitManagers.CountAsync());
            var sales = new StringBuilder("id,employee,date,customer,product,units,amount,cost,contract,contract_signed\n")
                .Append("S1,p,2026-10-05,c,suv,1,100.10,,,\n").Append("S2,p,2026-11-03,c,suv,1,50.05,,,\n");
            var imported = await new DataImporter(db, time).ImportAsync(new UploadFile("sales", "sales.csv", Encoding.UTF8.GetBytes(sales.ToString())), "hr", new DateOnly(2026, 1, 1));
            Assert.True(imported.Ok, string.Join("; ", imported.Errors));
        }

        long version0;
        await using (var db = newContext())
        {
            version0 = (await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == "A")).Version;
            var appointed = await new OrgService(db, time, CompanyTimeZone.Default).UpdateUnitAsync("A", version0, new UnitInput("A", "门店A", "HQ", "mb", handover), "hr");
            Assert.True(appointed.Ok, string.Join("; ", appointed.Problems));
        }

        await using (var db = newContext())
        {
            // A stale version is a conflict; a date on or before the latest appointment's start is refused at its field.
            var stale = await new OrgService(db, time, CompanyTimeZone.Default).UpdateUnitAsync("A", version0, new UnitInput("A", "门店A", "HQ", "ceo", new DateOnly(2026, 12, 1)), "hr");
            Assert.Equal(OrgOutcome.Conflict, stale.Outcome);
        }

        await using (var db = newContext())
        {
            var current = (await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == "A")).Version;
            Assert.Equal(version0 + 1, current);
            var early = await new OrgService(db, time, CompanyTimeZone.Default).UpdateUnitAsync("A", current, new UnitInput("A", "门店A", "HQ", "ceo", handover), "hr");
            Assert.Equal(OrgOutcome.Invalid, early.Outcome);
            var problem = Assert.Single(early.Problems);
            Assert.Equal(("managerFrom", OrgProblemCode.UnitManagerFromNotAfterCurrent), (problem.Field, problem.Code));
        }

        await using (var db = newContext())
        {
            var history = await db.UnitManagers.AsNoTracking().OrderBy(m => m.ValidFrom).ToListAsync();
            Assert.Equal(2, history.Count);
            Assert.Equal(("A", "ma", DateOnly.MinValue, (DateOnly?)handover), (history[0].OrgUnitId, history[0].ManagerId, history[0].ValidFrom, history[0].ValidTo));
            Assert.Equal(("A", "mb", handover, (DateOnly?)null), (history[1].OrgUnitId, history[1].ManagerId, history[1].ValidFrom, history[1].ValidTo));
            Assert.Equal("mb", (await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == "A")).ManagerId);
            Assert.Single(await db.AuditLog.AsNoTracking().Where(a => a.Subject == "A" && a.Action == "org.unit.update" && a.Detail!.Contains("from 2026-11-01")).ToListAsync());

            // Access: the last day of October is ma's, of November mb's; the CEO above sees both.
            var octoberEnd = new DateOnly(2026, 10, 31);
            var novemberEnd = new DateOnly(2026, 11, 30);
            async Task<AccessScope> Scope(string who, DateOnly day) => await AccessScope.ForAsync(db, who, ScopeKind.Subtree, true, day);
            Assert.Equal((true, true), ((await Scope("ma", octoberEnd)).Units.Contains("A"), (await Scope("ma", octoberEnd)).CanSee("p")));
            Assert.Equal((false, false), ((await Scope("ma", novemberEnd)).Units.Contains("A"), (await Scope("ma", novemberEnd)).CanSee("p")));
            Assert.Equal((false, false), ((await Scope("mb", octoberEnd)).Units.Contains("A"), (await Scope("mb", octoberEnd)).CanSee("p")));
            Assert.Equal((true, true), ((await Scope("mb", novemberEnd)).Units.Contains("A"), (await Scope("mb", novemberEnd)).CanSee("p")));
            Assert.True((await Scope("mb", handover)).CanSee("p"));
            Assert.False((await Scope("mb", handover.AddDays(-1))).CanSee("p"));
            Assert.True((await Scope("ceo", octoberEnd)).CanSee("p") && (await Scope("ceo", novemberEnd)).CanSee("p"));
            Assert.True((await Scope("ma", novemberEnd)).CanSee("ma"));

            // The engine: the manager in force on the period's last day heads the unit, so the manager card's team metric follows.
            var plan = PlanLoader.Load(Plan, "m.yaml").Plan!;
            async Task<(string? Manager, decimal Ma, decimal Mb)> Month(string period)
            {
                var data = (await DatasetBuilder.BuildAsync(db, Period.Parse(period))).Dataset;
                var run = Calculator.Run(plan, data, Period.Parse(period));
                decimal Team(string id) => run.Results.Single(r => r.Employee == id).Indicators[0].Actual!.Value;
                return (data.OrgUnits.Single(u => u.Id == "A").ManagerId, Team("ma"), Team("mb"));
            }

            Assert.Equal(("ma", 100.10m, 0m), await Month("2026-10"));
            Assert.Equal(("mb", 0m, 50.05m), await Month("2026-11"));

            // Calculation runs read the period through PeriodReader: the same manager, the same team metric.
            async Task<(string? Manager, decimal Ma, decimal Mb)> Read(string period)
            {
                var data = (await PeriodReader.ReadAsync(db, Period.Parse(period), plan)).Dataset;
                var run = Calculator.Run(plan, data, Period.Parse(period));
                decimal Team(string id) => run.Results.Single(r => r.Employee == id).Indicators[0].Actual!.Value;
                return (data.OrgUnits.Single(u => u.Id == "A").ManagerId, Team("ma"), Team("mb"));
            }

            Assert.Equal(("ma", 100.10m, 0m), await Read("2026-10"));
            Assert.Equal(("mb", 0m, 50.05m), await Read("2026-11"));

            // One person explained from their own rows reads the same manager.
            var explained = (await DatasetBuilder.BuildForAsync(db, Period.Parse("2026-10"), "ma", team: true)).Dataset;
            Assert.Equal("ma", explained.OrgUnits.Single(u => u.Id == "A").ManagerId);
        }
    }
}
