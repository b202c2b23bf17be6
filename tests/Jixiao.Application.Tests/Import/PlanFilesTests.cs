using System.Globalization;
using Jixiao.Application.Import;
using Jixiao.Domain.Plans;

namespace Jixiao.Application.Tests.Import;

/// <summary>Loading for a plan reads only the files the plan can read, and checks those in full.</summary>
public sealed class PlanFilesTests
{
    private const string H = DataDirectory.SalesHeader;

    /// <summary>Sales and activities only: collections, expenses and metrics.csv are never read.</summary>
    private static Plan SalesPlan()
    {
        var r = PlanLoader.Load("""
            plan: { code: p, name: 方案 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
              complaints: { source: activities, kinds: [complaint] }
            grade_scales:
              g:
                - { grade: A, from: 80, coefficient: 1 }
                - { grade: B, from: 0, coefficient: 0.5 }
            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 75, rule: ratio, metric: revenue }
                  - { code: b, points: 25, rule: deduction, metric: complaints, per_event: 5, category: process }
            """, "p.yaml");
        Assert.True(r.Ok);
        return r.Plan!;
    }

    private static DataDirectory WithBrokenUnusedFiles() => new DataDirectory()
        .Write("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,")
        .Write("activities.csv", "id,employee,date,kind,customer,value\nA1,E3,2026-01-06,complaint,C1,")
        .Write("collections.csv", "id,employee,date,contract,contract_signed,amount\nR1,E3,2026-01-07,K1,2026-01-01,abc")
        .Write("expenses.csv", "id,employee,date,category,amount\nX1,E9,2026-01-07,travel,10")
        .Write("metrics.csv", "subject,metric,period,value\nE3,receivable,2026-13,1");

    [Fact]
    public void UnusedFiles_WhenPlanReadsSalesAndActivities_ThenCollectionsExpensesAndMetrics()
    {
        Assert.Equal(["collections.csv", "expenses.csv", "metrics.csv"], DataDirectoryLoader.UnusedFiles(SalesPlan()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_WhenUnusedFilesAreBroken_ThenPlanLoadSucceedsAndFullLoadReportsThem()
    {
        using var dir = WithBrokenUnusedFiles();

        var forPlan = DataDirectoryLoader.Load(dir.Path, SalesPlan());
        Assert.True(forPlan.Ok, string.Join("\n", forPlan.Errors));
        Assert.Equal(1, forPlan.Dataset!.Sales.Count);
        Assert.Equal(1, forPlan.Dataset.Activities.Count);
        Assert.Equal(0, forPlan.Dataset.Collections.Count);
        Assert.Equal(0, forPlan.Dataset.Expenses.Count);
        Assert.Empty(forPlan.Dataset.DirectValues);

        var full = dir.Load();
        Assert.Null(full.Dataset);
        Assert.Equal(
            ["collections.csv:2:6 (amount): 'abc' is not a valid amount",
             "expenses.csv:2:2 (employee): unknown employee 'E9'",
             "metrics.csv:2:3 (period): '2026-13' is not a valid period (2026-10, 2026-Q4, 2026-H2 or 2026)"],
            full.Errors.Select(e => e.Format(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Load_WhenUsedFileHasBadRow_ThenReportedAtLineAndColumn()
    {
        using var dir = WithBrokenUnusedFiles();
        dir.Write("activities.csv", "id,employee,date,kind,customer,value\nA1,E3,2026-01-06,complaint,C1,\nA2,E3,2026-02-30,complaint,C1,");

        var r = DataDirectoryLoader.Load(dir.Path, SalesPlan());
        Assert.Null(r.Dataset);
        var e = Assert.Single(r.Errors);
        Assert.Equal(("activities.csv", 3, 3, DataErrorCode.InvalidDate), (e.File, e.Line, e.Column, e.Code));
    }

    [Fact]
    public void Load_WhenForPlan_ThenTextsEmptyButIdsCheckedAndCreditsResolved()
    {
        using var dir = WithBrokenUnusedFiles();
        dir.Write("sales.csv", $"{H}\nS2,E4,2026-01-09,C2,suv,1,100,,K2,2026-01-02\nS1,E3,2026-01-05,C1,suv,2,100,,K1,2026-01-01")
            .Write("credits.csv", "sale,employee,share\nS1,E3,0.5\nS1,E4,0.5");

        var data = DataDirectoryLoader.Load(dir.Path, SalesPlan()).Dataset!;
        Assert.Equal(2, data.Sales.Count);
        Assert.Equal(["", "", ""], [data.Sales.Id[0], data.Sales.Customer[1], data.Sales.Contract[1]]);
        Assert.Equal(string.Empty, data.Activities.Customer[0]);
        Assert.Equal([20000, 10000], data.Sales.Units);
        Assert.Equal(DateOnly.Parse("2026-01-01", CultureInfo.InvariantCulture).DayNumber, data.Sales.ContractSignedDay[0]);
        Assert.Equal([new(0, 2, 0.5m), new(0, 3, 0.5m)], data.Credits);

        var full = dir.Delete("collections.csv").Delete("expenses.csv").Delete("metrics.csv").Load().Dataset!;
        Assert.Equal(["S1", "C1", "K1"], [full.Sales.Id[0], full.Sales.Customer[0], full.Sales.Contract[0]]);

        dir.Write("sales.csv", $"{H}\nS1,E4,2026-01-09,C2,suv,1,100,,,\nS1,E3,2026-01-05,C1,suv,2,100,,,");
        var e = Assert.Single(DataDirectoryLoader.Load(dir.Path, SalesPlan()).Errors);
        Assert.Equal(("sales.csv", 3, 1, DataErrorCode.DuplicateId), (e.File, e.Line, e.Column, e.Code));
    }
}
