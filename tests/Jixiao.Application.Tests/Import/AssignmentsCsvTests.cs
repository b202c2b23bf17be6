using Jixiao.Application.Import;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using static Jixiao.Application.Tests.Import.ErrorAssert;

namespace Jixiao.Application.Tests.Import;

/// <summary>assignments.csv: effective-dated history read from the data directory (docs/data-format.md).</summary>
public sealed class AssignmentsCsvTests
{
    private const string Header = "employee,org_unit,manager,position,category,level,tier,valid_from";

    private const string TwoStores = """
        id,name,parent,manager
        HQ,总公司,,E1
        ST1,门店1,HQ,E2
        ST2,门店2,HQ,E5
        """;

    private const string People = """
        id,name,org_unit,manager,position,category,level,tier,hire_date,leave_date
        E1,张三,HQ,,manager,A,core,T1,2020-01-01,
        E2,李四,ST1,E1,manager,A,core,,2021-03-15,
        E3,王五,ST1,E2,salesperson,B,newcomer,,2025-08-01,
        E5,钱七,ST2,E1,manager,A,core,,2021-03-15,
        """;

    [Fact]
    public void Load_WhenTransferMidMonth_ThenHistoryLatestAssignmentAndTeamTotalsSplit()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", TwoStores).Write("employees.csv", People)
            .Write("assignments.csv", $"""
                {Header}
                E3,ST2,E5,salesperson,B,core,,2026-10-16
                E3,ST1,E2,salesperson,B,newcomer,,2025-08-01
                """)
            .Write("sales.csv", $"""
                {DataDirectory.SalesHeader}
                S1,E3,2026-10-05,C1,suv,1,100.10,,,
                S2,E3,2026-10-15,C1,suv,1,20,,,
                S3,E3,2026-10-16,C1,suv,1,300,,,
                S4,E3,2026-10-31,C1,suv,1,4.05,,,
                """);
        var result = dir.Load();
        Assert.True(result.Ok, string.Join("\n", result.Errors.Select(e => e.Format(English))));
        var data = result.Dataset!;
        Assert.Equal(2, data.Assignments.Count);
        var e3 = data.Employees.Single(e => e.Id == "E3");
        Assert.Equal(("ST2", "E5", "core"), (e3.OrgUnitId, e3.ManagerId, e3.Level));

        var plan = PlanLoader.Load("""
            plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
            metrics:
              team_revenue: { source: sales, aggregate: sum, field: amount, scope: team }
            grade_scales:
              g:
                - { grade: A, from: 0, coefficient: 1 }
            scorecards:
              card:
                periods: [month]
                indicators:
                  - { code: m, points: 100, rule: formula, formula: "team_revenue", cap: 10 }
            """, "t.yaml").Plan!;
        var october = Calculator.Run(plan, data, Period.Parse("2026-10"));
        decimal Team(string id) => october.Results.Single(r => r.Employee == id).Indicators[0].Actual!.Value;
        Assert.Equal(120.10m, Team("E2"));
        Assert.Equal(304.05m, Team("E5"));
        Assert.Equal(424.15m, Team("E1"));
        Assert.Equal("ST2", october.Results.Single(r => r.Employee == "E3").OrgUnit);
        var september = Calculator.Run(plan, data, Period.Parse("2026-09"));
        Assert.Equal("ST1", september.Results.Single(r => r.Employee == "E3").OrgUnit);
    }

    [Fact]
    public void Load_WhenUnknownUnit_ThenErrorAtLineAndColumn()
    {
        using var dir = new DataDirectory();
        dir.Write("assignments.csv", $"{Header}\nE3,ST1,E2,salesperson,B,core,,2025-08-01\nE3,NOPE,E2,salesperson,B,core,,2026-10-16");
        Single(dir.Load(), "assignments.csv", 3, 2, "org_unit", DataErrorCode.UnknownOrgUnit,
            "assignments.csv:3:2 (org_unit): unknown org unit 'NOPE'", "assignments.csv:3:2（org_unit）：未知的组织单元 'NOPE'");
    }

    [Fact]
    public void Load_WhenUnknownEmployeeOrManager_ThenErrors()
    {
        using var dir = new DataDirectory();
        dir.Write("assignments.csv", $"{Header}\nE9,ST1,E2,salesperson,B,core,,2025-08-01\nE3,ST1,E8,salesperson,B,core,,2026-10-16");
        var result = dir.Load();
        Assert.Null(result.Dataset);
        Assert.Equal(2, result.Errors.Count);
        AssertError(result.Errors[0], "assignments.csv", 2, 1, "employee", DataErrorCode.UnknownEmployee,
            "assignments.csv:2:1 (employee): unknown employee 'E9'", "assignments.csv:2:1（employee）：未知的员工 'E9'");
        AssertError(result.Errors[1], "assignments.csv", 3, 3, "manager", DataErrorCode.UnknownEmployee,
            "assignments.csv:3:3 (manager): unknown employee 'E8'", "assignments.csv:3:3（manager）：未知的员工 'E8'");
    }

    [Fact]
    public void Load_WhenSameDayTwiceOrBadDate_ThenErrors()
    {
        using var dir = new DataDirectory();
        dir.Write("assignments.csv", $"{Header}\nE3,ST1,E2,salesperson,B,core,,2025-08-01\nE3,HQ,E1,salesperson,B,core,,2025-08-01\nE2,HQ,E1,manager,,,,2026-13-01");
        var result = dir.Load();
        Assert.Null(result.Dataset);
        Assert.Equal(2, result.Errors.Count);
        AssertError(result.Errors[0], "assignments.csv", 3, 8, "valid_from", DataErrorCode.DuplicateKey,
            "assignments.csv:3:8 (valid_from): duplicate row for E3 / 2025-08-01 (first on line 2)", "assignments.csv:3:8（valid_from）：重复的记录 E3 / 2025-08-01（首次出现在第 2 行）");
        AssertError(result.Errors[1], "assignments.csv", 4, 8, "valid_from", DataErrorCode.InvalidDate,
            "assignments.csv:4:8 (valid_from): '2026-13-01' is not a valid date (yyyy-MM-dd)", "assignments.csv:4:8（valid_from）：'2026-13-01' 不是有效的日期（yyyy-MM-dd）");
    }
}
