using System.Globalization;
using System.Text;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;

namespace Jixiao.Templates.Tests;

/// <summary>
/// Seed 002's three template tables (销售人员绩效指标表, 奖金计算表, 季度绩效评估汇总表) recomputed with
/// the seed's own rules in templates/incentive-toolkit.yaml. The seed's figures do not follow from its
/// rules; these tests assert what the rules give and say where and why the seed differs.
///
/// Seed figures:
///   Template 1 (小张): 销售额 target 50万, actual 48万, score 96 (weight 50); 回款率 90% / 88%, score 88
///     (weight 20); 客户拜访量 30 / 28, score 93 (weight 15); 方案提交及时率 95% / 100%, score 100 (weight
///     left blank; 15 by the total of 100); total 93.2.
///   Template 2: 小张 core, base 8,000, score 93.2, coefficient 1.0, achievement 96% → 7,680;
///     新人 newcomer, base 5,000, score 85.6, coefficient 0.8, achievement 90% (45万/50万) → 3,600, plus
///     a first-order award 1,000 → 4,600.
///   Template 3 (2023Q3): 小张 result 92, process 95, total 93.2, coefficient 1.0, bonus 7,680, grade A;
///     新人 result 88, process 82, total 85.6, coefficient 0.8, bonus 4,600, grade B.
///   Step 3's rule: 90+ → 1.2, 80–89 → 1.0, 70–79 → 0.8, below 70 → no bonus.
///
/// Where the seed disagrees with its rules:
///   1. Template 1's "score" column is not weight × achievement: 回款率 shows the actual rate 88 (88 ÷ 90 =
///      97.8%), 拜访量 shows 93 (28 ÷ 30 = 93.3%, truncated), 及时率 shows the actual 100% (above target).
///   2. 93.2 follows neither from the indicator scores with the stated weights (0.5×96 + 0.2×88 + 0.15×93 +
///      0.15×100 = 94.55) nor from the rules (96.56, below). It equals 0.6 × 92 + 0.4 × 95, template 3's
///      result and process scores weighted 60/40, while template 1 weights them 70/30 (and step 2
///      advises 70–80 / 20–30). Likewise 85.6 = 0.6 × 88 + 0.4 × 82.
///   3. Template 3's result 92 and process 95 do not follow from template 1 either: (96×50 + 88×20) ÷ 70
///      = 93.71 and (93×15 + 100×15) ÷ 30 = 96.5.
///   4. Coefficients: 93.2 ≥ 90 earns 1.2 by step 3, the seed uses 1.0; 85.6 is in 80–89 and earns 1.0,
///      the seed uses 0.8. So the bonuses are 9,216 (not 7,680) and 4,500 (not 3,600).
///   5. Grades: template 3 gives A to 93.2 and B to 85.6; with S/A/B/C on step 3's bands they are S and A.
///      The seed's grades and coefficients agree with each other (A ↔ 1.0, B ↔ 0.8), not with the bands.
///   6. The 1,000 first-order award (首单奖励) is not one of step 3's special awards (over 110% of the
///      quarterly target → 2% of the excess; strategic customer → 5,000–20,000); it is a manual award
///      and not computed by the template.
/// </summary>
public class Seed002WorkedExampleTests
{
    /// <summary>
    /// 小张 (X1) with template 1's figures and the 新人 (X2) with figures chosen to reproduce her total
    /// of 85.6 (the seed gives only her sales, 45万 of 50万, and her result/process scores). Run as the quarter
    /// 2026-Q3 (the seed's 2023Q3), because the template pays the performance bonus per quarter as templates 2 and 3
    /// do; everything happens in September, the targets and receivables are the quarter's.
    /// </summary>
    private static CalculationResult RunSeedExample()
    {
        var activities = new StringBuilder("id,employee,date,kind,customer,value\n");
        var n = 0;
        void Add(string emp, string kind, int count)
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                activities.Append(CultureInfo.InvariantCulture, $"A{n:000},{emp},2026-09-{1 + (i % 28):00},{kind},客户{i + 1},\n");
            }
        }

        Add("X1", "visit", 28);             // 28 visits of 30
        Add("X1", "proposal", 4);           // 4 proposals, all on time: 100% of 95%
        Add("X1", "proposal_on_time", 4);
        Add("X2", "visit", 20);             // 20 visits of 30
        Add("X2", "proposal", 2);
        Add("X2", "proposal_on_time", 2);

        var dir = TemplateRuns.WriteData(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org_units.csv"] = "id,name,parent,manager\nHD,华东区,,\n",
            ["employees.csv"] = """
                id,name,org_unit,manager,position,category,level,tier,hire_date,leave_date
                X1,小张,HD,,salesperson,,core,,2022-01-01,
                X2,新人,HD,,salesperson,,newcomer,,2026-03-01,
                """,
            ["sales.csv"] = """
                id,employee,date,customer,product,units,amount,cost,contract,contract_signed
                S1,X1,2026-09-10,甲客户,企业版,1,480000,0,,
                S2,X2,2026-09-12,乙客户,企业版,1,450000,0,,
                """,
            ["collections.csv"] = """
                id,employee,date,contract,contract_signed,amount
                C1,X1,2026-09-20,,,220000
                C2,X2,2026-09-21,,,70200
                """,
            ["activities.csv"] = activities.ToString(),
            ["metrics.csv"] = """
                subject,metric,period,value
                X1,receivable,2026-Q3,250000
                X2,receivable,2026-Q3,100000
                """,
            ["targets.csv"] = """
                subject,metric,period,value,challenge
                X1,sales_amount,2026-Q3,500000,
                X1,collection_rate,2026-Q3,0.9,
                X1,visits,2026-Q3,30,
                X1,proposal_timeliness,2026-Q3,0.95,
                X2,sales_amount,2026-Q3,500000,
                X2,collection_rate,2026-Q3,0.9,
                X2,visits,2026-Q3,30,
                X2,proposal_timeliness,2026-Q3,0.95,
                """,
        });
        return Calculator.Run(TemplateRuns.Plan("incentive-toolkit"), TemplateRuns.LoadTemporary(dir), Period.Parse("2026-Q3"));
    }

    [Fact]
    public void XiaoZhang_WhenScoredByTheRules_Then96Point56GradeSAndBonus9216()
    {
        var r = RunSeedExample();
        Assert.Empty(r.Errors);
        // 销售额 48万 of 50万 = 0.96 → 50 × 0.96 = 48            (seed: "96")
        // 回款率 88% of 90% = 0.97778 → 20 × 0.97778 = 19.556 → 19.56  (seed: "88")
        // 拜访量 28 of 30 = 0.93333 → 15 × 0.93333 = 14            (seed: "93")
        // 及时率 100% of 95% = 1.0526 → capped 1 → 15             (seed: "100")
        // total 48 + 19.56 + 14 + 15 = 96.56                     (seed: 93.2)
        // 96.56 ≥ 90 → S, 1.2                                   (seed: A, 1.0)
        // bonus 8,000 × 1.2 × min(0.96, 1.5) = 9,216.00          (seed: 8,000 × 1.0 × 96% = 7,680)
        r.Expect("X1", "salesperson",
            [("sales_amount", 48m), ("collection_rate", 19.56m), ("visits", 14m), ("proposal_timeliness", 15m)],
            96.56m, "S", 1.2m,
            ("performance_bonus", 9216.00m, false), ("special_award", 0m, false));
    }

    [Fact]
    public void Newcomer_WhenTotalIs85Point6_ThenGradeAAndCoefficientOneNotPointEight()
    {
        var r = RunSeedExample();
        // The seed gives the newcomer's sales (45万 of 50万) and total (85.6) only; the other actuals are
        // chosen to reach that total: collections 70,200 of receivable 100,000 = 70.2% of 90%; 20 visits of 30;
        // 2 proposals, both on time.
        // 销售额 0.9 → 45; 回款率 0.702 ÷ 0.9 = 0.78 → 15.6; 拜访量 20/30 → 10; 及时率 1/0.95 → capped → 15
        // total 45 + 15.6 + 10 + 15 = 85.6 → 80 ≤ 85.6 < 90 → A, 1.0          (seed: B, 0.8)
        // bonus 5,000 × 1.0 × 0.9 = 4,500.00                               (seed: 5,000 × 0.8 × 90% = 3,600)
        r.Expect("X2", "salesperson",
            [("sales_amount", 45m), ("collection_rate", 15.6m), ("visits", 10m), ("proposal_timeliness", 15m)],
            85.6m, "A", 1.0m,
            ("performance_bonus", 4500.00m, false), ("special_award", 0m, false));
    }

    [Theory]
    [InlineData("93.2", "S", "1.2")]   // the seed's 小张: seed says A / 1.0
    [InlineData("85.6", "A", "1.0")]   // the seed's 新人: seed says B / 0.8
    [InlineData("90", "S", "1.2")]     // step 3: "90分以上" — 90 itself is read as S (lower bounds inclusive)
    [InlineData("89.99", "A", "1.0")]  // "80-89分": the gap 89–90 belongs to A
    [InlineData("79.5", "B", "0.8")]   // "70-79分": the gap 79–80 belongs to B
    [InlineData("69.99", "C", "0")]    // "70分以下无奖金"
    public void GradeScale_WhenSeedTotals_ThenStepThreeBands(string total, string grade, string coefficient)
    {
        var scale = TemplateRuns.Plan("incentive-toolkit").GradeScales["standard"];
        var band = scale.Find(decimal.Parse(total, CultureInfo.InvariantCulture))!;
        Assert.Equal(grade, band.Grade);
        Assert.Equal(decimal.Parse(coefficient, CultureInfo.InvariantCulture), band.Coefficient.At(0m));
    }
}
