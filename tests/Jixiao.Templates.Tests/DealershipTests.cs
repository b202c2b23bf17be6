using Jixiao.Domain.Calculation;

namespace Jixiao.Templates.Tests;

/// <summary>
/// templates/4s-dealership.yaml (seed 004) on templates/4s-dealership/data, worked out by hand.
///
/// Salesperson (monthly): sales = 30 × min(vehicles ÷ target, 1) + 20 × min(revenue ÷ target, 1) (parts
/// added unrounded, the indicator rounded to 2 dp); gross margin 20 × min(margin ÷ target, 1); new leads
/// 10 × min(leads ÷ target, 1); follow-up = 5 × on-time ÷ due (nothing due → 5) + 5 × conversions ÷ done
/// (nothing done → 0); satisfaction = 10 × average survey ÷ 100 (no survey → 0).
/// Pay: vehicle bonus = units beyond the vehicle target, in the order sold, × sedan 300 / suv 500 /
/// mpv 400 / ev 600; margin bonus = (margin − target) × 5% when above the target.
/// Supervisor (monthly, team = the group they manage): team sales 15 × vehicles + 15 × revenue (capped
/// ratios); two ratings; customer management = 10 × completeness + (5 − 5 per complaint, not below 0)
/// + 5 × min(10% ÷ churn, 1) (lower is better).
/// Manager (quarterly, team = the store): department sales 15 + 15; three ratings; cost control =
/// 10 × min(target ratio ÷ expense ratio, 1) + 5 × min(turnover ÷ target, 1).
/// Grades S ≥ 90 (1.2), A 80–90 (1.0), B 70–80 (0.8), C &lt; 70 (0); they do not change pay here.
///
/// Sale XS-1020 (suv, 1 unit, 220,000, cost 200,000, 2026-10-27) is split 杨帆 P04 50% / 李强 P02 50%.
/// October activities (activities.csv):
///   P01 王芳: lead 4, followup_due 5, followup_on_time 4, followup_done 5, conversion 2, surveys 92, 88
///   P02 李强: lead 6, due 4, on time 4, done 4, conversion 3, surveys 95, 97, 93
///   P03 陈静: lead 2, due 3, on time 2, done 3, conversion 1, survey 85
///   P04 杨帆: lead 4, due 6, on time 3, done 5, conversion 1, surveys 78, 84, 81, complaint 1
///   P05 黄磊: lead 1, complaint 1
/// </summary>
public class DealershipTests
{
    private const string T = "4s-dealership";

    private static CalculationResult October => TemplateRuns.Run(T, "2026-10");

    private static CalculationResult Q4 => TemplateRuns.Run(T, "2026-Q4");

    [Fact]
    public void Runs_WhenComputed_ThenMonthlyAndQuarterlyCardsAssessedWithoutErrors()
    {
        Assert.Empty(October.Errors);
        Assert.Equal(7, October.Results.Count);   // five salespeople and two supervisors
        Assert.Equal(1, October.Skipped);         // the manager is assessed quarterly
        Assert.Empty(Q4.Errors);
        Assert.Equal("M01", Assert.Single(Q4.Results).Employee);
        Assert.Equal(7, Q4.Skipped);              // salespeople and supervisors are assessed monthly
    }

    [Fact]
    public void October_WangFang_BelowTargetNoBonus()
    {
        // 王芳 P01. Sales XS-1002 sedan 1 / 150,000 / cost 138,000; XS-1006 suv 2 / 400,000 / 368,000;
        // XS-1012 sedan 2 / 300,000 / 276,000; XS-1016 ev 1 / 180,000 / 162,000; XS-1021 mpv 1 / 230,000 / 212,000.
        // sales: vehicles 7 of 9 → 30 × 7/9 = 23.333… ; revenue 1,260,000 of 1,500,000 → 20 × 0.84 = 16.8 ; 40.133… → 40.13
        // gross_margin: 1,260,000 − 1,156,000 = 104,000 of 120,000 → 20 × 0.8667 = 17.333… → 17.33
        // new_leads: 4 of 5 → 8
        // followup: 4 of 5 on time → 4 ; 2 of 5 converted → 2 ; 6
        // satisfaction: (92 + 88) ÷ 2 = 90 → 9
        // total 40.13 + 17.33 + 8 + 6 + 9 = 80.46 → A, 1.0
        // pay: 7 vehicles ≤ 9 → 0 ; margin 104,000 ≤ 120,000 → 0
        October.Expect("P01", "salesperson",
            [("sales", 40.13m), ("gross_margin", 17.33m), ("new_leads", 8m), ("followup", 6m), ("satisfaction", 9m)],
            80.46m, "A", 1.0m,
            ("vehicle_bonus", 0m, false), ("margin_bonus", 0m, false));
    }

    [Fact]
    public void October_LiQiang_OverTargetWithHalfOfASplitSale()
    {
        // 李强 P02. Own sales in order: 10-02 suv 2 (420,000 / 386,000), 10-06 sedan 1 (160,000 / 146,000),
        // 10-09 sedan 2 (310,000 / 284,000), 10-14 suv 1 (215,000 / 196,000), 10-19 ev 2 (380,000 / 346,000),
        // 10-25 mpv 1 (240,000 / 219,000); plus half of XS-1020 on 10-27: suv 0.5, 110,000, cost 100,000.
        // vehicles 9 + 0.5 = 9.5; revenue 1,725,000 + 110,000 = 1,835,000; cost 1,577,000 + 100,000 = 1,677,000
        // sales: 9.5 of 8 → capped 30 ; 1,835,000 of 1,300,000 → capped 20 ; 50
        // gross_margin: 1,835,000 − 1,677,000 = 158,000 of 100,000 → capped → 20
        // new_leads: 6 of 4 → 10
        // followup: 4 of 4 → 5 ; 3 of 4 → 3.75 ; 8.75
        // satisfaction: (95 + 97 + 93) ÷ 3 = 95 → 9.5
        // total 50 + 20 + 10 + 8.75 + 9.5 = 98.25 → S, 1.2
        // vehicle bonus: cumulative 2, 3, 5, 6, 8 (= target), then mpv 1 → 1 × 400, then suv 0.5 → 0.5 × 500 ; 650.00
        // margin bonus: (158,000 − 100,000) × 5% = 2,900.00
        October.Expect("P02", "salesperson",
            [("sales", 50m), ("gross_margin", 20m), ("new_leads", 10m), ("followup", 8.75m), ("satisfaction", 9.5m)],
            98.25m, "S", 1.2m,
            ("vehicle_bonus", 650.00m, false), ("margin_bonus", 2900.00m, false));
    }

    [Fact]
    public void October_ChenJing_LeftMidMonthForfeitsBothBonuses()
    {
        // 陈静 P03, left 2026-10-20. Sales: 10-05 sedan 3 (450,000 / 414,000), 10-12 suv 2 (410,000 / 376,000),
        // 10-16 ev 2 (360,000 / 326,000): vehicles 7, revenue 1,220,000, margin 1,220,000 − 1,116,000 = 104,000.
        // sales: 7 of 6 → capped 30 ; 1,220,000 of 1,000,000 → capped 20 ; 50
        // gross_margin: 104,000 of 80,000 → capped → 20
        // new_leads: 2 of 3 → 6.666… → 6.67
        // followup: 2 of 3 → 3.333… ; 1 of 3 → 1.666… ; 5.00
        // satisfaction: 85 → 8.5
        // total 50 + 20 + 6.67 + 5 + 8.5 = 90.17 → S, 1.2
        // pay computed: vehicles cumulative 3, 5, 7 → 1 ev beyond 6 → 600 ; margin (104,000 − 80,000) × 5% = 1,200
        // both forfeited: she left before 2026-10-31 → 0
        October.Expect("P03", "salesperson",
            [("sales", 50m), ("gross_margin", 20m), ("new_leads", 6.67m), ("followup", 5m), ("satisfaction", 8.5m)],
            90.17m, "S", 1.2m,
            ("vehicle_bonus", 0m, true), ("margin_bonus", 0m, true));
    }

    [Fact]
    public void October_YangFan_HalfOfTheSplitSale()
    {
        // 杨帆 P04. Sales: sedan 2 (300,000 / 276,000), suv 2 (430,000 / 394,000), mpv 1 (235,000 / 216,000),
        // sedan 1 (155,000 / 142,000), half of XS-1020 (0.5, 110,000 / 100,000).
        // vehicles 6.5; revenue 1,120,000 + 110,000 = 1,230,000; cost 1,028,000 + 100,000 = 1,128,000
        // sales: 6.5 of 8 → 30 × 0.8125 = 24.375 ; 1,230,000 of 1,400,000 → 20 × 0.878571… = 17.571428… ;
        //   41.946428… → 41.95
        // gross_margin: 102,000 of 110,000 → 20 × 0.927272… = 18.5454… → 18.55
        // new_leads: 4 of 4 → 10
        // followup: 3 of 6 → 2.5 ; 1 of 5 → 1 ; 3.5
        // satisfaction: (78 + 84 + 81) ÷ 3 = 81 → 8.1
        // total 41.95 + 18.55 + 10 + 3.5 + 8.1 = 82.10 → A, 1.0 ; pay 0, 0
        October.Expect("P04", "salesperson",
            [("sales", 41.95m), ("gross_margin", 18.55m), ("new_leads", 10m), ("followup", 3.5m), ("satisfaction", 8.1m)],
            82.10m, "A", 1.0m,
            ("vehicle_bonus", 0m, false), ("margin_bonus", 0m, false));
    }

    [Fact]
    public void October_HuangLei_NoFollowUpsAndNoSurveys()
    {
        // 黄磊 P05, newcomer. Sales: sedan 1 (145,000 / 135,000), sedan 1 (150,000 / 139,000).
        // sales: 2 of 4 → 15 ; 295,000 of 600,000 → 20 × 0.491666… = 9.8333… ; 24.8333… → 24.83
        // gross_margin: 21,000 of 40,000 → 20 × 0.525 = 10.5
        // new_leads: 1 of 3 → 3.333… → 3.33
        // followup: nothing due → 5 (nothing was late) ; nothing done → 0 ; 5
        // satisfaction: no survey → 0
        // total 24.83 + 10.5 + 3.33 + 5 + 0 = 43.66 → C, 0 ; pay 0, 0
        October.Expect("P05", "salesperson",
            [("sales", 24.83m), ("gross_margin", 10.5m), ("new_leads", 3.33m), ("followup", 5m), ("satisfaction", 0m)],
            43.66m, "C", 0m,
            ("vehicle_bonus", 0m, false), ("margin_bonus", 0m, false));
    }

    [Fact]
    public void October_WuXiaoming_SupervisorTeamRollUpIncludesHalfTheSplitAndTheLeaver()
    {
        // 吴晓明 S01 manages 销售一组 T1: 王芳, 李强, 陈静 (her October sales count for the team).
        // team_sales: vehicles 7 + 9.5 + 7 = 23.5 of 25 → 15 × 0.94 = 14.1 ;
        //   revenue 1,260,000 + 1,835,000 + 1,220,000 = 4,315,000 of 4,200,000 → capped 15 ; 29.1
        // team_management: rated 26
        // customer_management: completeness 0.92 → 9.2 ; no complaints in T1 → 5 ;
        //   churn 9 ÷ 120 = 7.5% ≤ 10% → r = 0.10 ÷ 0.075 = 1.33 → capped → 5 ; 19.2
        // sales_analysis: rated 17
        // total 29.1 + 26 + 19.2 + 17 = 91.3 → S, 1.2 ; no pay components for supervisors
        October.Expect("S01", "supervisor",
            [("team_sales", 29.1m), ("team_management", 26m), ("customer_management", 19.2m), ("sales_analysis", 17m)],
            91.3m, "S", 1.2m);
    }

    [Fact]
    public void October_ZhengLi_ComplaintsDeductedToZeroAndChurnAboveTarget()
    {
        // 郑丽 S02 manages 销售二组 T2: 杨帆, 黄磊.
        // team_sales: vehicles 6.5 + 2 = 8.5 of 12 → 15 × 0.708333… = 10.625 ;
        //   revenue 1,230,000 + 295,000 = 1,525,000 of 2,000,000 → 15 × 0.7625 = 11.4375 ; 22.0625 → 22.06
        // team_management: rated 18
        // customer_management: completeness 0.85 → 8.5 ; 2 complaints → 5 − 10 → 0 (扣完为止) ;
        //   churn 12 ÷ 80 = 15% → r = 0.10 ÷ 0.15 = 0.6667 → 5 × 0.6667 = 3.333… ; 11.8333… → 11.83
        // sales_analysis: rated 12
        // total 22.06 + 18 + 11.83 + 12 = 63.89 → C, 0
        October.Expect("S02", "supervisor",
            [("team_sales", 22.06m), ("team_management", 18m), ("customer_management", 11.83m), ("sales_analysis", 12m)],
            63.89m, "C", 0m);
    }

    [Fact]
    public void Q4_ZhouJianhua_ManagerQuarterOverTheWholeStore()
    {
        // 周建华 M01 manages the store (T1 + T2).
        // Vehicles: October 23.5 + 8.5 = 32; November XS-1101..1104: 8 + 9 + 7 + 3 = 27;
        //   December XS-1201..1204: 9 + 10 + 8 + 4 = 31; quarter 90 of 100 → 15 × 0.9 = 13.5
        // Revenue: October 4,315,000 + 1,525,000 = 5,840,000; November 1,600,000 + 1,400,000 + 1,600,000 +
        //   450,000 = 5,050,000; December 1,650,000 + 2,050,000 + 1,250,000 + 820,000 = 5,770,000;
        //   quarter 16,660,000 of 18,000,000 → 15 × 0.925555… = 13.8833… ; dept_sales 27.3833… → 27.38
        // market_execution 17, team_building 15, cross_department 12 (ratings)
        // cost_control: expenses FY-01..05 150,000 + 58,100 + 180,000 + 45,000 + 150,000 = 583,100;
        //   ratio 583,100 ÷ 16,660,000 = 3.5% against 3% (lower is better) → r = 0.03 ÷ 0.035 = 0.857142… →
        //   10 × 0.857142… = 8.571428… ;
        //   cost: October 138,000 + 368,000 + 276,000 + 162,000 + 212,000 (王芳 1,156,000) + 李强 1,677,000 +
        //   陈静 1,116,000 + 杨帆 1,128,000 + 黄磊 274,000 = 5,351,000; November 1,480,000 + 1,290,000 +
        //   1,470,000 + 417,000 = 4,657,000; December 1,520,000 + 1,890,000 + 1,150,000 + 760,000 = 5,320,000;
        //   quarter 15,328,000 ÷ average inventory (4,700,000 + 4,800,000 + 4,870,000) ÷ 3 = 4,790,000
        //   = 3.2 turnover of 3.5 → 5 × 0.914285… = 4.571428… ; 13.142857… → 13.14
        // total 27.38 + 17 + 15 + 13.14 + 12 = 84.52 → A, 1.0 ; no pay components for the manager
        Q4.Expect("M01", "manager",
            [("dept_sales", 27.38m), ("market_execution", 17m), ("team_building", 15m), ("cost_control", 13.14m), ("cross_department", 12m)],
            84.52m, "A", 1.0m);
    }

    [Fact]
    public void October_WhenSupervisorRatingMissing_ThenErrorForThatSupervisorOnly()
    {
        var dir = TemplateRuns.CopyDataWith(T, "ratings.csv", text => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("S02,2026-10,sales_analysis,", StringComparison.Ordinal))));
        var r = Jixiao.Domain.Calculation.Calculator.Run(TemplateRuns.Plan(T), TemplateRuns.LoadTemporary(dir), Jixiao.Domain.Periods.Period.Parse("2026-10"));
        var error = Assert.Single(r.Errors);
        Assert.Equal("S02", error.Employee);
        Assert.Equal(CalculationErrorCode.MissingRating, error.Code);
        Assert.Equal(6, r.Results.Count);
    }
}
