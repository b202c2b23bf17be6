using System.Globalization;
using System.Text;

namespace Jixiao.Testing;

/// <summary>
/// A year (2026) of the logistics template (templates/logistics-a-to-f.yaml) for the payouts scenario, written as CSV files.
///
/// Org: COMP ← R1 (region, managed by A1: B1, B2, C1), R2 (B3, no manager), P1 (a project office: D1).
/// People (employees.csv; salaries.csv monthly fixed pay):
///   A1 category A tier a1, hired 2020, 20,000 a month — team targets 150,000 a month, the year row 1,800,000.
///   B1 category B tier b1, hired 2021; promoted to tier b2 from 2026-07-01 (assignments.csv): target 100,000 a month,
///      150,000 from July; annual target (year row) 1,500,000; 8,000 a month.
///   B2 category B tier b1, hired 2026-04-01 (April hire): 100,000 a month from April; annual 1,200,000 ÷ 12 × 9 = 900,000.
///   B3 category B tier b1, hired 2022, leaves 2026-11-20 (November leaver): 100,000 a month, annual 1,200,000; 8,000 a month.
///   C1 category C level G5 (target bonus 9,000), quarterly target of the department's task credit 700,000; 12,000 a month.
///   D1 category D level G4 (4%), no targets, no salary here (paid in the original post).
/// Sales (new contracts, no expenses): every B sells exactly the month's target; in May B1 and B2 make a joint sale of
/// 100,000 split 60/40 (credits.csv) besides their own 40,000 and 60,000. D1 sells 50,000 in Q1, 100,000 in Q3, 25,000 in Q4.
/// Collections: 100,000 a month per B against a 100,000 target; A1's team collections target is what the team collects.
/// Ratings: B 12.5 + 12.5, A1 12 + 12, C1 24 + 24.
/// With refund: true, a refund of 30,000 on B3's March sale, dated 2026-03-25, entered after April's payroll.
/// </summary>
public static class LogisticsYear
{
    public static void Write(string dir, bool refund = false)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "org_units.csv"), "id,name,parent,manager\nCOMP,物流公司,,\nR1,华东区,COMP,A1\nR2,华南区,COMP,\nP1,项目组,COMP,\n");
        File.WriteAllText(Path.Combine(dir, "employees.csv"), """
            id,name,org_unit,manager,position,category,level,tier,hire_date,leave_date
            A1,王经理,R1,,region_manager,A,,a1,2020-01-01,
            B1,张一,R1,A1,sales_rep,B,,b2,2021-03-01,
            B2,李二,R1,A1,sales_rep,B,,b1,2026-04-01,
            B3,赵三,R2,,sales_rep,B,,b1,2022-01-01,2026-11-20
            C1,孙四,R1,A1,presales,C,G5,,2019-01-01,
            D1,周五,P1,,part_time,D,G4,,2018-01-01,

            """.Replace("            ", "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "assignments.csv"), "employee,org_unit,manager,position,category,level,tier,valid_from\n"
            + "B1,R1,A1,sales_rep,B,,b1,2021-03-01\nB1,R1,A1,sales_rep,B,,b2,2026-07-01\n");
        File.WriteAllText(Path.Combine(dir, "salaries.csv"), "employee,effective_from,monthly_amount\n"
            + "A1,2020-01-01,20000\nB1,2021-03-01,8000\nB2,2026-04-01,8000\nB3,2022-01-01,8000\nC1,2019-01-01,12000\n");

        var sales = new StringBuilder("id,employee,date,product,units,amount\n");
        var credits = new StringBuilder("sale,employee,share\n");
        var collections = new StringBuilder("id,employee,date,amount\n");
        var targets = new StringBuilder("subject,metric,period,value\n");
        var ratings = new StringBuilder("employee,period,indicator,points\n");
        targets.Append("A1,team_task_credit,2026,1800000\nB1,task_credit,2026,1500000\nB2,task_credit,2026,900000\nB3,task_credit,2026,1200000\n");
        for (var m = 1; m <= 12; m++)
        {
            var month = $"2026-{m:D2}";
            var day = $"{month}-10";
            // B1: 100,000 a month, 150,000 from July; in May 40,000 own + 60% of the joint sale.
            var b1 = m >= 7 ? 150_000 : 100_000;
            if (m == 5)
            {
                Sale(sales, $"S-B1-{m}", "B1", day, 40_000);
                Sale(sales, "S-JOINT", "B1", day, 100_000);
                credits.Append("S-JOINT,B1,0.6\nS-JOINT,B2,0.4\n");
            }
            else
            {
                Sale(sales, $"S-B1-{m}", "B1", day, b1);
            }

            Rep(targets, ratings, collections, "B1", month, b1);
            if (m >= 4)
            {
                if (m != 5)
                {
                    Sale(sales, $"S-B2-{m}", "B2", day, 100_000);
                }
                else
                {
                    Sale(sales, $"S-B2-{m}", "B2", day, 60_000);
                }

                Rep(targets, ratings, collections, "B2", month, 100_000);
            }

            if (m <= 11)
            {
                Sale(sales, $"S-B3-{m}", "B3", day, 100_000);
                Rep(targets, ratings, collections, "B3", month, 100_000);
            }

            // A1: team targets 150,000 (task credit) and what the team collects (collections).
            targets.Append(CultureInfo.InvariantCulture, $"A1,team_task_credit,{month},150000\nA1,team_collections,{month},{(m >= 4 ? 200_000 : 100_000)}\n");
            ratings.Append(CultureInfo.InvariantCulture, $"A1,{month},team_management,12\nA1,{month},sales_management,12\n");
        }

        if (refund)
        {
            Sale(sales, "S-B3-REFUND", "B3", "2026-03-25", -30_000);
        }

        for (var q = 1; q <= 4; q++)
        {
            targets.Append(CultureInfo.InvariantCulture, $"C1,team_task_credit,2026-Q{q},700000\n");
            ratings.Append(CultureInfo.InvariantCulture, $"C1,2026-Q{q},solution_quality,24\nC1,2026-Q{q},support_response,24\n");
        }

        Sale(sales, "S-D1-1", "D1", "2026-02-10", 50_000);
        Sale(sales, "S-D1-3", "D1", "2026-08-10", 100_000);
        Sale(sales, "S-D1-4", "D1", "2026-11-10", 25_000);
        File.WriteAllText(Path.Combine(dir, "sales.csv"), sales.ToString());
        File.WriteAllText(Path.Combine(dir, "credits.csv"), credits.ToString());
        File.WriteAllText(Path.Combine(dir, "collections.csv"), collections.ToString());
        File.WriteAllText(Path.Combine(dir, "targets.csv"), targets.ToString());
        File.WriteAllText(Path.Combine(dir, "ratings.csv"), ratings.ToString());
    }

    private static void Sale(StringBuilder sb, string id, string employee, string date, int amount) =>
        sb.Append(CultureInfo.InvariantCulture, $"{id},{employee},{date},freight,1,{amount}\n");

    private static void Rep(StringBuilder targets, StringBuilder ratings, StringBuilder collections, string who, string month, int task)
    {
        targets.Append(CultureInfo.InvariantCulture, $"{who},task_credit,{month},{task}\n{who},collections,{month},100000\n");
        ratings.Append(CultureInfo.InvariantCulture, $"{who},{month},daily_activities,12.5\n{who},{month},customer_service,12.5\n");
        collections.Append(CultureInfo.InvariantCulture, $"C-{who}-{month},{who},{month}-20,100000\n");
    }
}
