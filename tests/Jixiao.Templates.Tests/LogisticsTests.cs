using Jixiao.Domain.Calculation;

namespace Jixiao.Templates.Tests;

/// <summary>
/// templates/logistics-a-to-f.yaml (seed 003) on templates/logistics-a-to-f/data, worked out by hand.
///
/// Task credit (年度销售任务完成额) = revenue of contracts in their first 12 months − selling expenses
/// (travel, entertainment, commission, pr; not office) + collections on contracts in month 13–24 × 50%,
/// 25–36 × 25%, 37+ × 0% (collections on contracts in months 1–12 count 0: their revenue already counts).
/// A/B (monthly): task 50 × min(credit ÷ target, 1.4); collections 20 × min(collections ÷ target, 1);
/// two ratings of 15. C (quarterly): department task 40 × min(credit of the unit ÷ target, 1.5); two
/// ratings of 30. Grades (seed 003): A+ ≥ 96 coefficient 1.01 + (total − 96) ÷ 24 × 0.19; A 86–96
/// 0.90 + (total − 86) ÷ 9 × 0.10 (max 1.00); B 71–86 0.80 + (total − 71) ÷ 14 × 0.10 (max 0.90);
/// B- and C 0; coefficients rounded to 4 dp.
/// Pay: management bonus (A/B, monthly) = tier amount (a1 3,000, b1 1,000, b2 1,500, b3 2,000) ×
/// coefficient; A team commission = team credit ÷ team annual target × a1 120,000; B commission = credit
/// ÷ annual target × (b1 36,000, b2 48,000, b3 60,000), at least b1 3,000 / b2 4,000 / b3 5,000 when the
/// month's target is met; C bonus (quarterly) = level amount (G4 6,000, G5 9,000) × coefficient;
/// D/E/F (quarterly) = (revenue − selling expenses) × level rate (G3 3%, G4 4%, G5 5%).
/// Sale WL-1002 (200,000, new contract) is split 林晓东 L02 60% / 范志强 L07 40%.
/// </summary>
public class LogisticsTests
{
    private const string T = "logistics-a-to-f";

    private static CalculationResult October => TemplateRuns.Run(T, "2026-10");

    private static CalculationResult Q4 => TemplateRuns.Run(T, "2026-Q4");

    [Fact]
    public void Runs_WhenComputed_ThenCategoriesAssessedInTheirPeriods()
    {
        Assert.Empty(October.Errors);
        Assert.Equal(["L01", "L02", "L03", "L04"], October.Results.Select(r => r.Employee).Order(StringComparer.Ordinal));
        Assert.Equal(5, October.Skipped);   // C, D, E, F are assessed quarterly
        Assert.Empty(Q4.Errors);
        Assert.Equal(["L05", "L06", "L07", "L08", "L09"], Q4.Results.Select(r => r.Employee).Order(StringComparer.Ordinal));
        Assert.Equal(4, Q4.Skipped);        // A and B are assessed monthly
    }

    // ---- 2026-10: A and B ----

    [Fact]
    public void October_LinXiaodong_ContractAgeAndSplitSaleInTaskCredit_APlus()
    {
        // 林晓东 L02, B, tier b2.
        // new-contract revenue: WL-1001 300,000 (signed 2026-10-08) + 60% of WL-1002 200,000 = 120,000;
        //   WL-1003 90,000 is on HT-L-150 signed 2025-05-20, month 18 → 0 ; 420,000
        // selling expenses: travel 6,000 + entertainment 4,000 = 10,000 (FY-03 office 1,500 is not one)
        // aged collections: HK-01 150,000 on a contract signed 2025-10-10, collected 2026-10-09 → month 12 → 0 ;
        //   HK-04 200,000 on HT-L-150, collected 2026-10-18 → month 17 → 50% → 100,000
        // task credit 420,000 − 10,000 + 100,000 = 510,000
        // task: 510,000 ÷ 450,000 = 1.1333 (cap 1.4) → 50 × 1.1333 = 56.666… → 56.67
        // collections: 150,000 + 200,000 = 350,000 ÷ 300,000 → capped → 20
        // ratings 13 + 12
        // total 56.67 + 20 + 13 + 12 = 101.67 → A+ ; 1.01 + 5.67 ÷ 24 × 0.19 = 1.0548875 → 1.0549
        // management bonus 1,500 × 1.0549 = 1,582.35
        // commission 510,000 ÷ 5,400,000 × 48,000 = 4,533.33 (month target met; above the 4,000 minimum)
        October.Expect("L02", "cat_b",
            [("task", 56.67m), ("collections", 20m), ("daily_activities", 13m), ("customer_service", 12m)],
            101.67m, "A+", 1.0549m,
            ("management_bonus", 1582.35m, false), ("commission", 4533.33m, false));
        Assert.Equal(510000m, October.Person("L02").Indicators[0].Actual);
    }

    [Fact]
    public void October_MaLihua_LeftMidMonth_BMinusAndCommissionForfeited()
    {
        // 马丽华 L03, B, tier b1, left 2026-10-20.
        // task credit: WL-1004 180,000 (new) − travel 2,000 + HK-03 60,000 on a contract signed 2025-10-16,
        //   collected 2026-10-16 → month 13 → 50% → 30,000 ; 208,000
        // task: 208,000 ÷ 300,000 = 0.69333 → 34.666… → 34.67
        // collections: 60,000 ÷ 150,000 = 0.4 → 8
        // ratings 9 + 10
        // total 34.67 + 8 + 9 + 10 = 61.67 → B-, 0
        // management bonus 1,000 × 0 = 0 ; commission 208,000 ÷ 3,600,000 × 36,000 = 2,080 (month target not met)
        // both forfeited: she left before the month's end
        October.Expect("L03", "cat_b",
            [("task", 34.67m), ("collections", 8m), ("daily_activities", 9m), ("customer_service", 10m)],
            61.67m, "B-", 0m,
            ("management_bonus", 0m, true), ("commission", 0m, true));
        Assert.Equal(208000m, October.Person("L03").Indicators[0].Actual);
    }

    [Fact]
    public void October_SongJia_MonthTargetMetEarnsTheMonthsTargetCommission()
    {
        // 宋佳 L04, B, tier b3.
        // new-contract revenue: WL-1005 260,000 (signed 2026-05-18, month 5) + WL-1006 240,000 = 500,000
        // selling expenses: commission 10,000 + pr 5,000 = 15,000
        // aged collections: HK-02 120,000 on a contract signed 2024-03-05 → month 32 → 25% → 30,000 ;
        //   HK-05 80,000 on a contract signed 2022-01-01 → month 58 → 0
        // task credit 500,000 − 15,000 + 30,000 = 515,000
        // task: 515,000 ÷ 500,000 = 1.03 → 51.5
        // collections: 120,000 + 80,000 = 200,000 ÷ 250,000 = 0.8 → 16
        // ratings 12 + 11
        // total 51.5 + 16 + 12 + 11 = 90.5 → A ; 0.90 + 4.5 ÷ 9 × 0.10 = 0.95
        // management bonus 2,000 × 0.95 = 1,900.00
        // commission 515,000 ÷ 7,200,000 × 60,000 = 4,291.67, but October's target (500,000, a low month below a
        //   twelfth of 7,200,000) is met → the month's target commission 5,000.00
        October.Expect("L04", "cat_b",
            [("task", 51.5m), ("collections", 16m), ("daily_activities", 12m), ("customer_service", 11m)],
            90.5m, "A", 0.95m,
            ("management_bonus", 1900.00m, false), ("commission", 5000.00m, false));
        Assert.Equal(515000m, October.Person("L04").Indicators[0].Actual);
    }

    [Fact]
    public void October_GaoZhiyuan_ManagerTeamCreditAndTeamCommission()
    {
        // 高志远 L01, A, tier a1, manages 华东大区 R1 (R1-SH: L02, L03; R1-NJ: L04, L06; R1: L05 and himself).
        // team credit: new-contract revenue 420,000 + 180,000 + 500,000 = 1,100,000 (L07's 40% of WL-1002 is
        //   outside R1) − selling expenses 10,000 + 2,000 + 15,000 + his own entertainment 3,000 = 30,000
        //   + aged collections 100,000 + 30,000 + 30,000 = 160,000 ; 1,230,000
        // team_task: 1,230,000 ÷ 1,500,000 = 0.82 → 41
        // team_collections: 350,000 + 60,000 + 200,000 = 610,000 ÷ 700,000 = 0.871428… → 17.428… → 17.43
        // ratings 13 + 12
        // total 41 + 17.43 + 13 + 12 = 83.43 → B ; 0.80 + 12.43 ÷ 14 × 0.10 = 0.8887857… → 0.8888
        // management bonus 3,000 × 0.8888 = 2,666.40
        // team commission 1,230,000 ÷ 18,000,000 × 120,000 = 8,200.00 (not taken from the representatives')
        October.Expect("L01", "cat_a",
            [("team_task", 41m), ("team_collections", 17.43m), ("team_management", 13m), ("sales_management", 12m)],
            83.43m, "B", 0.8888m,
            ("management_bonus", 2666.40m, false), ("team_commission", 8200.00m, false));
    }

    // ---- 2026-Q4: C, D, E, F ----

    [Fact]
    public void Q4_TangNing_PresalesOnTheRegionsCredit()
    {
        // 唐宁 L05, C, level G5, in R1: the department is R1's subtree.
        // new-contract revenue: October 1,100,000 + November WL-1101 400,000 + WL-1102 450,000 + December
        //   WL-1201 350,000 + WL-1202 500,000 = 2,800,000
        // selling expenses: October 30,000 + November 5,000 + 8,000 + December 6,000 + 4,000 = 53,000
        // aged collections: October 160,000 + HK-06 100,000 (HT-L-150, month 19) × 50% = 50,000 + HK-07 80,000
        //   (HT-L-060, month 33) × 25% = 20,000 + HK-08 300,000 (HT-L-201, month 3) × 0 + HK-09 50,000 × 0 = 230,000
        // credit 2,800,000 − 53,000 + 230,000 = 2,977,000 ; target: no quarter row → R1's months
        //   1,500,000 + 1,000,000 + 1,000,000 = 3,500,000 ; 0.850571… → 40 × 0.850571… = 34.0228… → 34.02
        // ratings 28 + 27
        // total 34.02 + 28 + 27 = 89.02 → A ; 0.90 + 3.02 ÷ 9 × 0.10 = 0.933555… → 0.9336
        // presales bonus 9,000 × 0.9336 = 8,402.40
        Q4.Expect("L05", "cat_c",
            [("dept_task", 34.02m), ("solution_quality", 28m), ("support_response", 27m)],
            89.02m, "A", 0.9336m,
            ("presales_bonus", 8402.40m, false));
    }

    [Fact]
    public void Q4_HanXue_ScoreAboveOneHundredInterpolatesAPlus()
    {
        // 韩雪 L06, C, level G4, in R1-NJ: the department is 宋佳 L04 (and herself).
        // credit: revenue 500,000 + 450,000 + 500,000 = 1,450,000 − expenses 15,000 + 8,000 + 4,000 = 27,000
        //   + aged collections 30,000 + 20,000 + 0 = 50,000 ; 1,473,000 ÷ R1-NJ's quarter target 1,000,000 = 1.473
        //   (cap 1.5) → 40 × 1.473 = 58.92
        // ratings 27 + 26
        // total 58.92 + 27 + 26 = 111.92 → A+ ; 1.01 + 15.92 ÷ 24 × 0.19 = 1.1360333… → 1.1360
        // presales bonus 6,000 × 1.1360 = 6,816.00
        Q4.Expect("L06", "cat_c",
            [("dept_task", 58.92m), ("solution_quality", 27m), ("support_response", 26m)],
            111.92m, "A+", 1.136m,
            ("presales_bonus", 6816.00m, false));
    }

    [Fact]
    public void Q4_FanZhiqiang_PartTimeManagerWithSplitSale()
    {
        // 范志强 L07, D, level G5: not scored.
        // revenue: 40% of WL-1002 200,000 = 80,000 + WL-1103 150,000 = 230,000 ; selling expenses: entertainment
        //   3,000 (FY-13 office 800 is not one) ; net sales 227,000 × 5% = 11,350.00
        Q4.Expect("L07", "part_time", [], 0m, null, null,
            ("part_time_commission", 11350.00m, false));
    }

    [Fact]
    public void Q4_DengChao_LeftBeforeQuarterEndForfeits()
    {
        // 邓超 L08, E, level G3, left 2026-11-15: net sales WL-1007 60,000 − travel 1,000 = 59,000 × 3% = 1,770
        // → forfeited (left before 2026-12-31), 0
        Q4.Expect("L08", "part_time", [], 0m, null, null,
            ("part_time_commission", 0m, true));
    }

    [Fact]
    public void Q4_CaoYing_NonSalesUnitLeadAtPartTimeRate()
    {
        // 曹颖 L09, F (成都办事处's lead person), level G4: revenue WL-1008 100,000 + WL-1203 120,000 = 220,000 −
        // selling expenses pr 6,000 + travel 2,500 = 8,500 → net sales 211,500 × 4% = 8,460.00
        Q4.Expect("L09", "part_time", [], 0m, null, null,
            ("part_time_commission", 8460.00m, false));
    }

    [Fact]
    public void October_WhenAnnualTargetMissing_ThenCommissionErrorNotZero()
    {
        var dir = TemplateRuns.CopyDataWith(T, "targets.csv", text => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("L04,task_credit,2026,", StringComparison.Ordinal))));
        var r = Jixiao.Domain.Calculation.Calculator.Run(TemplateRuns.Plan(T), TemplateRuns.LoadTemporary(dir), Jixiao.Domain.Periods.Period.Parse("2026-10"));
        var error = Assert.Single(r.Errors);
        Assert.Equal("L04", error.Employee);
        Assert.Equal(CalculationErrorCode.MissingTarget, error.Code);
        Assert.Equal(["task_credit", "2026", "commission"], error.Arguments);
        Assert.DoesNotContain(r.Results, x => x.Employee == "L04");
    }
}
