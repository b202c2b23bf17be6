using System.Globalization;
using System.Text;

namespace Jixiao.Cli.Tests;

/// <summary>
/// The year-end bonus (plan-format §10f) through <c>jixiao payouts</c>: a year of monthly results, the completion and the average
/// survey score placed on the plan's steps, paid in January, forfeited by a leaver — figures worked out by hand.
/// </summary>
public class PayoutsYearEndTests
{
    private const string PlanYaml = """
        plan: { code: ye, name: 年终奖测试, version: 1, effective_from: 2026-01-01 }
        metrics:
          vehicles: { name: 销售车辆数, source: sales, field: units }
          satisfaction: { name: 客户满意度平均分, source: activities, kinds: [survey], aggregate: avg, field: value }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          salesperson:
            periods: [month]
            match: { position: salesperson }
            grade_scale: g
            indicators:
              - { code: sales, name: 销售业绩, points: 50, rule: ratio, metric: vehicles }
              - { code: satisfaction, name: 客户满意度, points: 50, rule: ratio, metric: satisfaction, target: 100, if_undefined: zero }
        year_end_bonus:
          code: year_end_bonus
          name: 年终奖金
          scorecards: [salesperson]
          parts:
            - code: ye_sales
              name: 年度销售业绩奖金
              measure: completion
              indicators: [sales]
              steps:
                - { from: 100%, amount: 6000 }
                - { from: 90%, amount: 4000 }
            - code: ye_satisfaction
              name: 年度客户满意度奖金
              measure: average
              indicators: [satisfaction]
              steps:
                - { from: 90, amount: 2000 }
                - { from: 80, amount: 1000 }
        """;

    private static void Write(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "plan.yaml"), PlanYaml);
        File.WriteAllText(Path.Combine(dir, "org_units.csv"), "id,name,parent,manager\nU1,销售部,,\n");
        File.WriteAllText(Path.Combine(dir, "employees.csv"),
            "id,name,org_unit,manager,position,category,level,tier,hire_date,leave_date\nP1,张三,U1,,salesperson,,,,2020-01-01,\nP2,李四,U1,,salesperson,,,,2020-01-01,2026-12-20\n");
        var targets = new StringBuilder("subject,metric,period,value,challenge\n");
        var sales = new StringBuilder("id,employee,date,customer,product,units,amount,cost,contract,contract_signed\n");
        var activities = new StringBuilder("id,employee,date,kind,customer,value\n");
        for (var m = 1; m <= 12; m++)
        {
            var month = string.Create(CultureInfo.InvariantCulture, $"2026-{m:00}");
            targets.Append(CultureInfo.InvariantCulture, $"P1,vehicles,{month},10,\nP2,vehicles,{month},10,\n");
            // P1 sells 10 every month but 8 in December: 118 of 120 = 98.33% → the 90% step, 4,000.00.
            // P2 sells 10 every month: 120 of 120 = 100% → 6,000.00, but leaves on 2026-12-20, before January's payroll: forfeited.
            sales.Append(CultureInfo.InvariantCulture, $"S{m}A,P1,{month}-10,c,sedan,{(m == 12 ? 8 : 10)},100000,90000,,\nS{m}B,P2,{month}-10,c,sedan,10,100000,90000,,\n");
            // P1's surveys: 95 and 85 each month (average 90) → 2,000.00; P2's: 85 → 1,000.00 (forfeited).
            activities.Append(CultureInfo.InvariantCulture, $"A{m}a,P1,{month}-12,survey,c,95\nA{m}b,P1,{month}-13,survey,c,85\nA{m}c,P2,{month}-12,survey,c,85\n");
        }

        File.WriteAllText(Path.Combine(dir, "targets.csv"), targets.ToString());
        File.WriteAllText(Path.Combine(dir, "sales.csv"), sales.ToString());
        File.WriteAllText(Path.Combine(dir, "activities.csv"), activities.ToString());
    }

    [Fact]
    public void Payouts_WhenTheYearIsComplete_ThenTheYearEndPartsInJanuary_AndTheLeaversForfeited()
    {
        using var dir = new TempDir();
        Write(dir.Path);
        var run = CliRunner.Run("payouts", "--plan", dir.File("plan.yaml"), "--data", dir.Path, "--year", "2026", "--as-of", "2027-01-31", "--format", "csv", "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal(
            """
            employee,component,earned_period,pay_month,status,amount
            P1,ye_sales,2026,2027-01,paid,4000.00
            P1,ye_satisfaction,2026,2027-01,paid,2000.00
            P2,ye_sales,2026,2027-01,forfeited,6000.00
            P2,ye_satisfaction,2026,2027-01,forfeited,1000.00

            """.ReplaceLineEndings("\n"), run.Out.ReplaceLineEndings("\n"));

        // The table explains each line; as of the year's last day January is still to come: pending.
        var table = CliRunner.Run("payouts", "--plan", dir.File("plan.yaml"), "--data", dir.Path, "--year", "2026", "--lang", "zh-CN");
        Assert.Contains("年度销售业绩奖金：2026 年度销售业绩任务完成率 98.33%，达到“90% 及以上”档，奖金 4000.00，2027-01 发放", table.Out, StringComparison.Ordinal);
        var pending = CliRunner.Run("payouts", "--plan", dir.File("plan.yaml"), "--data", dir.Path, "--year", "2026", "--format", "csv", "--lang", "en");
        Assert.Contains("P1,ye_sales,2026,2027-01,pending,4000.00", pending.Out, StringComparison.Ordinal);
    }
}
