using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;

namespace Jixiao.Templates.Tests;

/// <summary>
/// templates/incentive-toolkit.yaml (seed 002) on templates/incentive-toolkit/data, worked out by hand.
///
/// Rules: each indicator = weight × min(actual ÷ target, 1), rounded to 2 dp; total = Σ rounded points.
/// Grade S ≥ 90 → 1.2, A 80–90 → 1.0, B 70–80 → 0.8, C &lt; 70 → 0. Quarterly performance bonus (seed 002 templates
/// 2 and 3) = base (newcomer 5,000, core 8,000) × coefficient × min(sales ÷ target, 1.5); the manager's monthly bonus =
/// 10,000 × coefficient × min(team sales ÷ team target, 1.5). Quarterly special award =
/// 2% × (sales − target) when sales &gt; 110% of the quarter's target. Leaving before the period ends
/// forfeits its pay.
///
/// Targets (targets.csv): 2026-10 sales_amount core 500,000 / newcomer 300,000, collection_rate 0.9,
/// visits 4, proposal_timeliness 0.95; 2026-Q4 sales_amount core 1,500,000 / newcomer 900,000,
/// collection_rate 0.9, visits 12, proposal_timeliness 0.95; team HD: team_sales_amount 2,500,000
/// (2026-10) and 7,500,000 (2026-Q4), team_collection_rate 0.9.
/// Sale S002 (100,000) is split 张伟 E01 40% / 李娜 E02 60% (credits.csv).
/// Activities per person and month (visit / proposal / proposal_on_time rows):
///   E01 Oct 3/2/2, Nov 3/1/1, Dec 4/1/0 · E02 Oct 4/3/2, Nov 4/1/1, Dec 4/1/1 · E03 Oct 5/4/4, Nov 4/1/1, Dec 4/0/0
///   E04 Oct 2/2/1, Nov 2/1/0, Dec 1/1/1 · E05 Oct 3/1/1 · E06 Oct 3/0/0, Nov 4/0/0, Dec 3/0/0.
/// </summary>
public class IncentiveToolkitTests
{
    private const string T = "incentive-toolkit";

    private static CalculationResult October => TemplateRuns.Run(T, "2026-10");

    private static CalculationResult Q4 => TemplateRuns.Run(T, "2026-Q4");

    [Fact]
    public void Runs_WhenComputed_ThenEveryoneAssessedWithoutErrors()
    {
        Assert.Empty(October.Errors);
        Assert.Equal(7, October.Results.Count);   // six salespeople (赵敏 left on 10-20 but was employed in October) + the manager
        Assert.Equal(0, October.Skipped);
        Assert.Empty(Q4.Errors);
        Assert.Equal(7, Q4.Results.Count);
        Assert.Equal(0, Q4.Skipped);
    }

    // ---- 2026-10 ----

    [Fact]
    public void October_ZhangWei_SplitSaleAndCollectionBelowTarget()
    {
        // 张伟 E01, core.
        // sales: S001 440,000 + 40% of S002 100,000 = 480,000; ÷ 500,000 = 0.96 → 50 × 0.96 = 48
        // collection_rate: C001 220,000 ÷ receivable 250,000 = 0.88; ÷ 0.9 = 0.97777… → 20 × 0.97777… = 19.555… → 19.56
        // visits: 3 of 4 → 15 × 0.75 = 11.25
        // proposal_timeliness: 2 on time of 2 = 1.0; ÷ 0.95 = 1.0526 → capped 1 → 15
        // total 48 + 19.56 + 11.25 + 15 = 93.81 → S, 1.2
        // no pay in the month: the performance bonus is quarterly
        October.Expect("E01", "salesperson",
            [("sales_amount", 48m), ("collection_rate", 19.56m), ("visits", 11.25m), ("proposal_timeliness", 15m)],
            93.81m, "S", 1.2m);
    }

    [Fact]
    public void October_LiNa_NewcomerWithSplitSaleAndLateProposal()
    {
        // 李娜 E02, newcomer.
        // sales: S003 150,000 + 60% of S002 100,000 = 210,000; ÷ 300,000 = 0.7 → 50 × 0.7 = 35
        // collection_rate: C002 95,000 ÷ 100,000 = 0.95; ÷ 0.9 = 1.0556 → capped → 20
        // visits: 4 of 4 → 15
        // proposal_timeliness: 2 of 3 = 0.6667; ÷ 0.95 = 0.70175… → 15 × 0.70175… = 10.526… → 10.53
        // total 35 + 20 + 15 + 10.53 = 80.53 → A, 1.0
        // no pay in the month: the performance bonus is quarterly
        October.Expect("E02", "salesperson",
            [("sales_amount", 35m), ("collection_rate", 20m), ("visits", 15m), ("proposal_timeliness", 10.53m)],
            80.53m, "A", 1.0m);
    }

    [Fact]
    public void October_WangLei_EveryIndicatorCapped()
    {
        // 王磊 E03, core.
        // sales: S004 500,000 + S005 300,000 = 800,000; ÷ 500,000 = 1.6 → capped 1 → 50
        // collection_rate: C003 380,000 ÷ 400,000 = 0.95 → capped → 20
        // visits: 5 of 4 → capped → 15; proposal_timeliness: 4 of 4 → 15
        // total 100 → S, 1.2
        // no pay in the month (a month at 160% would cap at 150% in a quarter's bonus)
        October.Expect("E03", "salesperson",
            [("sales_amount", 50m), ("collection_rate", 20m), ("visits", 15m), ("proposal_timeliness", 15m)],
            100m, "S", 1.2m);
    }

    [Fact]
    public void October_LiuYang_BelowSeventyIsC()
    {
        // 刘洋 E04, newcomer.
        // sales: S006 120,000 ÷ 300,000 = 0.4 → 20
        // collection_rate: C004 40,000 ÷ 80,000 = 0.5; ÷ 0.9 = 0.5556 → 20 × 0.5556 = 11.111… → 11.11
        // visits: 2 of 4 → 7.5
        // proposal_timeliness: 1 of 2 = 0.5; ÷ 0.95 = 0.526316 → 15 × 0.526316 = 7.894… → 7.89
        // total 20 + 11.11 + 7.5 + 7.89 = 46.50 → C, 0; no pay in the month
        October.Expect("E04", "salesperson",
            [("sales_amount", 20m), ("collection_rate", 11.11m), ("visits", 7.5m), ("proposal_timeliness", 7.89m)],
            46.50m, "C", 0m);
    }

    [Fact]
    public void October_ZhaoMin_ExactlyNinetyIsS()
    {
        // 赵敏 E05, core, left 2026-10-20.
        // sales: S007 437,500 ÷ 500,000 = 0.875 → 43.75
        // collection_rate: C005 180,000 ÷ 200,000 = 0.9; ÷ 0.9 = 1 → 20
        // visits: 3 of 4 → 11.25; proposal_timeliness: 1 of 1 → 15
        // total 43.75 + 20 + 11.25 + 15 = 90.00 → S (90 is the lower bound of S, inclusive), 1.2
        // no pay in the month (she left on 10-20: her quarter's pay is forfeited, see Q4)
        October.Expect("E05", "salesperson",
            [("sales_amount", 43.75m), ("collection_rate", 20m), ("visits", 11.25m), ("proposal_timeliness", 15m)],
            90m, "S", 1.2m);
    }

    [Fact]
    public void October_SunLi_NothingDueAndNoProposalsScoreFull()
    {
        // 孙丽 E06, core.
        // sales: S008 280,000 ÷ 500,000 = 0.56 → 28
        // collection_rate: no collections ÷ receivable 0 → undefined → if_undefined: full → 20
        // visits: 3 of 4 → 11.25
        // proposal_timeliness: no proposals → 0 ÷ 0 undefined → full → 15
        // total 28 + 20 + 11.25 + 15 = 74.25 → B, 0.8
        // no pay in the month: the performance bonus is quarterly
        October.Expect("E06", "salesperson",
            [("sales_amount", 28m), ("collection_rate", 20m), ("visits", 11.25m), ("proposal_timeliness", 15m)],
            74.25m, "B", 0.8m);
    }

    [Fact]
    public void October_ChenJianguo_ManagerTeamRollUp()
    {
        // 陈建国 E07 manages HD (华东区 → 上海组, 杭州组): the team is everyone above.
        // team_sales_amount: 480,000 + 210,000 + 800,000 + 120,000 + 437,500 + 280,000 = 2,327,500
        //   (the split S002 counts once: 40,000 + 60,000); ÷ 2,500,000 = 0.931 → 50 × 0.931 = 46.55
        // team_collection_rate: collections 220,000 + 95,000 + 380,000 + 40,000 + 180,000 = 915,000
        //   ÷ team_receivable (HD) 1,030,000 = 0.888349…; ÷ 0.9 = 0.987055… → 20 × 0.987055… = 19.741… → 19.74
        // training_completion: 0.8 ÷ 100% → 15 × 0.8 = 12
        // teamwork: rated 13
        // total 46.55 + 19.74 + 12 + 13 = 91.29 → S, 1.2
        // manager bonus 10,000 × 1.2 × min(0.931, 1.5) = 11,172.00
        October.Expect("E07", "manager",
            [("team_sales_amount", 46.55m), ("team_collection_rate", 19.74m), ("training_completion", 12m), ("teamwork", 13m)],
            91.29m, "S", 1.2m,
            ("manager_bonus", 11172.00m, false));
    }

    // ---- 2026-Q4: October + November + December; receivable = sum of the three months ----

    [Fact]
    public void Q4_ZhangWei_OverTargetButNotAboveOneHundredTen()
    {
        // sales: 480,000 + S009 520,000 + S014 600,000 = 1,600,000; ÷ 1,500,000 = 1.0667 → 50
        // collection_rate: 220,000 + 200,000 + 230,000 = 650,000 ÷ (250,000 + 220,000 + 260,000 = 730,000)
        //   = 0.890411; ÷ 0.9 = 0.989346 → 20 × 0.989346 = 19.787 → 19.79
        // visits: 3 + 3 + 4 = 10 of 12 → 15 × 0.8333 = 12.5
        // proposal_timeliness: 3 on time of 4 = 0.75; ÷ 0.95 = 0.789474 → 15 × 0.789474 = 11.842 → 11.84
        // total 50 + 19.79 + 12.5 + 11.84 = 94.13 → S, 1.2
        // special award: 1,600,000 is 106.7% of 1,500,000, not above 110% → 0.00
        // performance bonus 8,000 × 1.2 × min(1,600,000 ÷ 1,500,000, 1.5) = 9,600 × 16/15 = 10,240.00
        Q4.Expect("E01", "salesperson",
            [("sales_amount", 50m), ("collection_rate", 19.79m), ("visits", 12.5m), ("proposal_timeliness", 11.84m)],
            94.13m, "S", 1.2m,
            ("performance_bonus", 10240.00m, false), ("special_award", 0m, false));
    }

    [Fact]
    public void Q4_LiNa_ExactlyOneHundredTenPercentEarnsNoAward()
    {
        // sales: 210,000 + S010 400,000 + S015 380,000 = 990,000; ÷ 900,000 = 1.1 → 50
        // collection_rate: 95,000 + 90,000 + 100,000 = 285,000 ÷ 300,000 = 0.95 → capped → 20
        // visits: 4 + 4 + 4 = 12 of 12 → 15
        // proposal_timeliness: 4 on time of 5 = 0.8; ÷ 0.95 = 0.842105 → 15 × 0.842105 = 12.6316 → 12.63
        // total 50 + 20 + 15 + 12.63 = 97.63 → S, 1.2
        // special award: 990,000 = exactly 110% of 900,000, not "more than 10%" over → 0.00
        // performance bonus 5,000 × 1.2 × 1.1 = 6,600.00
        Q4.Expect("E02", "salesperson",
            [("sales_amount", 50m), ("collection_rate", 20m), ("visits", 15m), ("proposal_timeliness", 12.63m)],
            97.63m, "S", 1.2m,
            ("performance_bonus", 6600.00m, false), ("special_award", 0m, false));
    }

    [Fact]
    public void Q4_WangLei_SpecialAwardTwoPercentOfExcess()
    {
        // sales: 800,000 + S011 600,000 + S016 500,000 = 1,900,000; ÷ 1,500,000 = 1.2667 → 50
        // collection_rate: 380,000 + 300,000 + 350,000 = 1,030,000 ÷ (400,000 + 350,000 + 380,000 = 1,130,000)
        //   = 0.9115; ÷ 0.9 = 1.0128 → capped → 20
        // visits: 5 + 4 + 4 = 13 of 12 → 15; proposal_timeliness: 5 of 5 → 15
        // total 100 → S, 1.2
        // special award: 1,900,000 > 1,650,000 (110%) → 2% × (1,900,000 − 1,500,000) = 8,000.00
        // performance bonus 8,000 × 1.2 × (1,900,000 ÷ 1,500,000 = 19/15, under the 1.5 cap) = 12,160.00
        Q4.Expect("E03", "salesperson",
            [("sales_amount", 50m), ("collection_rate", 20m), ("visits", 15m), ("proposal_timeliness", 15m)],
            100m, "S", 1.2m,
            ("performance_bonus", 12160.00m, false), ("special_award", 8000.00m, false));
    }

    [Fact]
    public void Q4_LiuYang()
    {
        // sales: 120,000 + S012 150,000 + S017 130,000 = 400,000; ÷ 900,000 = 0.4444 → 50 × 0.4444 = 22.222 → 22.22
        // collection_rate: 40,000 + 60,000 + 50,000 = 150,000 ÷ (80,000 + 90,000 + 100,000 = 270,000) = 0.5556;
        //   ÷ 0.9 = 0.617284 → 20 × 0.617284 = 12.3457 → 12.35
        // visits: 2 + 2 + 1 = 5 of 12 → 15 × 0.41667 = 6.25
        // proposal_timeliness: 2 on time of 4 = 0.5 → 15 × 0.526316 = 7.894 → 7.89
        // total 22.22 + 12.35 + 6.25 + 7.89 = 48.71 → C, 0; special award 0.00
        // performance bonus 5,000 × 0 × 0.4444 = 0.00
        Q4.Expect("E04", "salesperson",
            [("sales_amount", 22.22m), ("collection_rate", 12.35m), ("visits", 6.25m), ("proposal_timeliness", 7.89m)],
            48.71m, "C", 0m,
            ("performance_bonus", 0m, false), ("special_award", 0m, false));
    }

    [Fact]
    public void Q4_ZhaoMin_LeftInOctoberStillAssessedForTheQuarterButForfeits()
    {
        // 赵敏 left 2026-10-20, inside Q4: assessed on what she did, her pay forfeited.
        // sales: 437,500 ÷ 1,500,000 = 0.291667 → 50 × 0.291667 = 14.583 → 14.58
        // collection_rate: 180,000 ÷ receivable 200,000 (the 2026-Q4 row in metrics.csv) = 0.9 → 20
        // visits: 3 of 12 → 15 × 0.25 = 3.75; proposal_timeliness: 1 of 1 → 15
        // total 14.58 + 20 + 3.75 + 15 = 53.33 → C, 0
        // special award: not above 110% → 0, and forfeited anyway
        // performance bonus 8,000 × 0 × 0.2917 = 0, forfeited (left before the quarter's end)
        Q4.Expect("E05", "salesperson",
            [("sales_amount", 14.58m), ("collection_rate", 20m), ("visits", 3.75m), ("proposal_timeliness", 15m)],
            53.33m, "C", 0m,
            ("performance_bonus", 0m, true), ("special_award", 0m, true));
    }

    [Fact]
    public void Q4_SunLi()
    {
        // sales: 280,000 + S013 450,000 + S018 420,000 = 1,150,000; ÷ 1,500,000 = 0.76667 → 38.333 → 38.33
        // collection_rate: 0 + 150,000 + 180,000 = 330,000 ÷ (0 + 150,000 + 200,000 = 350,000) = 0.942857 → capped → 20
        // visits: 3 + 4 + 3 = 10 of 12 → 12.5
        // proposal_timeliness: no proposals in the quarter → full → 15
        // total 38.33 + 20 + 12.5 + 15 = 85.83 → A, 1.0; special award 0.00
        // performance bonus 8,000 × 1.0 × (1,150,000 ÷ 1,500,000 = 0.76667) = 6,133.333… → 6,133.33
        Q4.Expect("E06", "salesperson",
            [("sales_amount", 38.33m), ("collection_rate", 20m), ("visits", 12.5m), ("proposal_timeliness", 15m)],
            85.83m, "A", 1.0m,
            ("performance_bonus", 6133.33m, false), ("special_award", 0m, false));
    }

    [Fact]
    public void Q4_ChenJianguo_QuarterGradeWithoutPay()
    {
        // team_sales_amount: 1,600,000 + 990,000 + 1,900,000 + 400,000 + 437,500 + 1,150,000 = 6,477,500;
        //   ÷ 7,500,000 = 0.863667 → 50 × 0.863667 = 43.183 → 43.18
        // team_collection_rate: 650,000 + 285,000 + 1,030,000 + 150,000 + 180,000 + 330,000 = 2,625,000
        //   ÷ team_receivable (HD: 1,030,000 + 910,000 + 1,040,000 = 2,980,000) = 0.880872; ÷ 0.9 = 0.978747
        //   → 20 × 0.978747 = 19.575 → 19.57
        // training_completion: average of 0.8, 0.9, 1.0 = 0.9 → 15 × 0.9 = 13.5
        // teamwork: rated 12
        // total 43.18 + 19.57 + 13.5 + 12 = 88.25 → A, 1.0
        // no pay lines: the manager bonus is monthly; the performance bonus and the special award are for salespeople
        Q4.Expect("E07", "manager",
            [("team_sales_amount", 43.18m), ("team_collection_rate", 19.57m), ("training_completion", 13.5m), ("teamwork", 12m)],
            88.25m, "A", 1.0m);
    }

    // ---- deliberately broken data ----

    [Fact]
    public void October_WhenReceivableRowMissing_ThenErrorForThatPersonNotFullPoints()
    {
        // Without 张伟's receivable row the collection rate is missing data, not "nothing due".
        var dir = TemplateRuns.CopyDataWith(T, "metrics.csv", text => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("E01,receivable,2026-10,", StringComparison.Ordinal))));
        var r = Calculator.Run(TemplateRuns.Plan(T), TemplateRuns.LoadTemporary(dir), Period.Parse("2026-10"));
        var error = Assert.Single(r.Errors);
        Assert.Equal("E01", error.Employee);
        Assert.Equal(CalculationErrorCode.MissingInput, error.Code);
        Assert.Equal(["collection_rate", "receivable", "2026-10"], error.Arguments);
        Assert.DoesNotContain(r.Results, x => x.Employee == "E01");
        Assert.Equal(6, r.Results.Count);
    }

    [Fact]
    public void October_WhenTargetMissing_ThenErrorNamesMetric()
    {
        var dir = TemplateRuns.CopyDataWith(T, "targets.csv", text => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("E03,visits,2026-10,", StringComparison.Ordinal))));
        var r = Calculator.Run(TemplateRuns.Plan(T), TemplateRuns.LoadTemporary(dir), Period.Parse("2026-10"));
        var error = Assert.Single(r.Errors);
        Assert.Equal("E03", error.Employee);
        Assert.Equal(CalculationErrorCode.MissingTarget, error.Code);
        Assert.Equal(["visits", "2026-10", "visits"], error.Arguments);
    }
}
