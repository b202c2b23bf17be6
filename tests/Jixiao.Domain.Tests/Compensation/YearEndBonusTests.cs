using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Compensation;

/// <summary>
/// The year-end bonus (seed 004 七.(一).3 年终奖金 = 年度销售业绩奖金 + 年度团队建设奖金 + 年度客户满意度奖金): each part measured over
/// the year's results and placed on its scale; paid in January, forfeited by a leaver before it, pro-rated for a joiner only when
/// the plan says so. Every amount is worked out by hand in the comments.
/// </summary>
public class YearEndBonusTests
{
    private const string PlanYaml = """
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
          vehicles: { source: sales, field: units }
          revenue: { source: sales, field: amount }
          satisfaction: { source: activities, kinds: [survey], aggregate: avg, field: value }
          team_vehicles: { source: sales, field: units, scope: team }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          salesperson:
            periods: [month]
            match: { position: salesperson }
            indicators:
              - code: sales
                name: 销售业绩
                points: 50
                rule: sum_of_parts
                parts:
                  - { name: 销售车辆数得分, rule: ratio, metric: vehicles, points: 30 }
                  - { name: 销售额得分, rule: ratio, metric: revenue, points: 20 }
              - { code: satisfaction, name: 客户满意度, points: 50, rule: ratio, metric: satisfaction, target: 100, if_undefined: zero }
          supervisor:
            periods: [month]
            match: { position: supervisor }
            indicators:
              - { code: team_sales, name: 团队销售业绩, points: 70, rule: ratio, metric: team_vehicles }
              - { code: team_management, name: 团队管理, points: 30, rule: rating, rubric: [{ level: 好, min: 0, max: 30 }] }
        year_end_bonus:
          code: year_end_bonus
          name: 年终奖金
          name_en: Year-end bonus
          scorecards: [salesperson, supervisor]
          parts:
            - code: ye_sales
              name: 年度销售业绩奖金
              name_en: Annual sales bonus
              measure: completion
              indicators: [sales, team_sales]
              steps:
                - { from: 100%, amount: 6000 }
                - { from: 90%, amount: 4000 }
                - { from: 80%, amount: 2000 }
            - code: ye_team
              name: 年度团队建设奖金
              measure: rating
              indicators: [team_management]
              steps:
                - { from: 80%, amount: 3000 }
                - { from: 40%, amount: 1500 }
            - code: ye_satisfaction
              name: 年度客户满意度奖金
              measure: average
              indicators: [satisfaction]
              steps:
                - { from: 90, amount: 2000 }
                - { from: 80, amount: 1000 }
        """;

    private static readonly DateOnly January31 = new(2027, 1, 31);
    private static readonly Period January = Period.Parse("2027-01");
    private static readonly Period Year = Period.Parse("2026");

    private static EmployeeResult Salesperson(string id, decimal vehicles, decimal revenue, decimal? satisfaction) => new(0, id, id, "U1", "salesperson",
        [
            new IndicatorResult("sales", "销售业绩", "sum_of_parts", 50m, 0m, null, null, null,
                [new PartResult("销售车辆数得分", 0m, vehicles, 10m, vehicles / 10m), new PartResult("销售额得分", 0m, revenue, 100_000m, revenue / 100_000m)]),
            new IndicatorResult("satisfaction", "客户满意度", "ratio", 50m, 0m, satisfaction, 100m, satisfaction / 100m, null),
        ], 0m, null, null, []);

    private static EmployeeResult Supervisor(string id, decimal vehicles, decimal rated) => new(0, id, id, "U1", "supervisor",
        [
            new IndicatorResult("team_sales", "团队销售业绩", "ratio", 70m, 0m, vehicles, 50m, vehicles / 50m, null),
            new IndicatorResult("team_management", "团队管理", "rating", 30m, rated, null, null, null, null),
        ], 0m, null, null, []);

    private static Employee Emp(string id, string position, string hired, string? left = null) =>
        new(id, id, "U1", null, position, "", "", "", DateOnly.Parse(hired, CultureInfo.InvariantCulture), left is null ? null : DateOnly.Parse(left, CultureInfo.InvariantCulture));

    /// <summary>Twelve months of results; each person's row for month m (1–12) from <paramref name="rows"/>, none when it returns null.</summary>
    private static List<CalculationResult> Months(params Func<int, EmployeeResult?>[] rows) =>
        [.. Enumerable.Range(1, 12).Select(m => new CalculationResult(new Period(PeriodKind.Month, 2026, m), "t", 1,
            [.. rows.Select(r => r(m)).OfType<EmployeeResult>()], [], 0, new Dictionary<string, Jixiao.Domain.Explanations.Explanation>()))];

    // P1: 9 vehicles of 10 and 90,000 of 100,000 every month → 108 / 120 = 90% and 1,080,000 / 1,200,000 = 90% → 90% → 4,000.00;
    //     satisfaction 90 in January–November, no survey in December → the mean of eleven months is 90 → 2,000.00.
    private static EmployeeResult P1(int m) => Salesperson("P1", 9m, 90_000m, m == 12 ? null : 90m);

    // P2: vehicles 10 in months 1–6 and 11 in months 7–12 → 126 / 120 = 105%; revenue 85,000 a month → 1,020,000 / 1,200,000 = 85%;
    //     weighted as scored (30 : 20): (30 × 105% + 20 × 85%) ÷ 50 = (31.5 + 17) ÷ 50 = 97% → 4,000.00 (not 2,000 by the weaker part);
    //     satisfaction 90 in months 1–11 and 89.89 in December → (990 + 89.89) ÷ 12 = 89.9908… → below 90 → 1,000.00.
    private static EmployeeResult P2(int m) => Salesperson("P2", m <= 6 ? 10m : 11m, 85_000m, m == 12 ? 89.89m : 90m);

    // P3: 9 vehicles a month (90%), revenue 90,000 a month but 89,999.99 in December → 1,079,999.99 / 1,200,000 = 89.99999917%;
    //     (30 × 90% + 20 × 89.99999917%) ÷ 50 = 89.99999967% → one step lower: 2,000.00; satisfaction 80 → 1,000.00.
    private static EmployeeResult P3(int m) => Salesperson("P3", 9m, m == 12 ? 89_999.99m : 90_000m, 80m);

    // P4 joins on 2026-06-01: June–December, 10 of 10 vehicles and 100,000 a month → 100% → 6,000.00; satisfaction 95 → 2,000.00.
    private static EmployeeResult? P4(int m) => m < 6 ? null : Salesperson("P4", 10m, 100_000m, 95m);

    // S1: team 50 of 50 vehicles (100% → 6,000.00), rated 24 of 30 each month: 288 / 360 = 80% → 3,000.00; no satisfaction indicator.
    // S2: team 45 of 50 (90% → 4,000.00), rated 23 each month: 276 / 360 = 76.67% → 1,500.00.
    private static EmployeeResult S1(int m) => Supervisor("S1", 50m, 24m);

    private static EmployeeResult S2(int m) => Supervisor("S2", 45m, 23m);

    private static readonly Employee[] People =
    [
        Emp("P1", "salesperson", "2020-01-01"), Emp("P2", "salesperson", "2020-01-01"), Emp("P3", "salesperson", "2020-01-01", left: "2026-12-20"),
        Emp("P4", "salesperson", "2026-06-01"), Emp("S1", "supervisor", "2019-01-01"), Emp("S2", "supervisor", "2019-01-01"),
    ];

    private static IReadOnlyList<LedgerLine> Ledger(string yaml, DateOnly asOf, List<CalculationResult> results) =>
        LedgerBuilder.Build(new LedgerInput(TestPlans.Load(yaml), 2026, asOf, results, People, [], WorkingDayCalendar.China));

    [Fact]
    public void Plan_WhenTheSectionIsGiven_ThenPartsWithStepsHighestFirst()
    {
        var rule = TestPlans.Load(PlanYaml).YearEndBonus!;
        Assert.Equal(("year_end_bonus", "年终奖金", false, true), (rule.Code, rule.Name, rule.ProRata, rule.ForfeitOnLeave));
        Assert.Equal(["ye_sales", "ye_team", "ye_satisfaction"], rule.Parts.Select(p => p.Code));
        Assert.Equal([1m, 0.9m, 0.8m], rule.Parts[0].Steps.Select(s => s.From));
        Assert.Equal([YearEndMeasure.Completion, YearEndMeasure.Rating, YearEndMeasure.Average], rule.Parts.Select(p => p.Measure));
    }

    [Fact]
    public void StepFor_AtAnEdge_ThenThatStep_AndJustBelowIt_ThenTheStepBelow()
    {
        var steps = TestPlans.Load(PlanYaml).YearEndBonus!.Parts[0].Steps;
        Assert.Equal(0.9m, YearEndBonuses.StepFor(steps, 0.9m)!.From);
        Assert.Equal(0.8m, YearEndBonuses.StepFor(steps, 0.8999999m)!.From);
        Assert.Equal(1m, YearEndBonuses.StepFor(steps, 1.5m)!.From);
        Assert.Null(YearEndBonuses.StepFor(steps, 0.7999m));
    }

    [Fact]
    public void Ledger_WhenTheYearIsComplete_ThenEachPartAtItsStep_PaidInJanuary()
    {
        var lines = Ledger(PlanYaml, January31, Months(P1, P2, S1, S2));
        string Of(LedgerLine l) => $"{l.Employee} {l.Component} {l.Earned} {l.PayMonth} {LedgerStatusCodes.Code(l.Status)} {l.Amount:0.00}";
        Assert.Equal(
        [
            "P1 ye_sales 2026 2027-01 paid 4000.00", "P1 ye_satisfaction 2026 2027-01 paid 2000.00",
            "P2 ye_sales 2026 2027-01 paid 4000.00", "P2 ye_satisfaction 2026 2027-01 paid 1000.00",
            "S1 ye_sales 2026 2027-01 paid 6000.00", "S1 ye_team 2026 2027-01 paid 3000.00",
            "S2 ye_sales 2026 2027-01 paid 4000.00", "S2 ye_team 2026 2027-01 paid 1500.00",
        ], lines.Select(Of));
        var p2 = lines.Single(l => l.Employee == "P2" && l.Component == "ye_sales");
        Assert.Equal("年度销售业绩奖金：2026 年度销售业绩任务完成率 97%，达到“90% 及以上”档，奖金 4000.00，2027-01 发放", p2.Explain());
        var s2 = lines.Single(l => l.Employee == "S2" && l.Component == "ye_team");
        Assert.Equal("年度团队建设奖金 for 2026: 团队管理 rated 276 of 360 points over the year (76.67%); the step from 40% pays 1500.00; paid in 2027-01",
            s2.Explain(CultureInfo.GetCultureInfo("en")));
        var p1 = lines.Single(l => l.Employee == "P1" && l.Component == "ye_satisfaction");
        Assert.Equal(LedgerRule.YearEndAverage, p1.Rule);
        Assert.Equal(["年度客户满意度奖金", "2026", "客户满意度", "90", "90", "2000.00", "2027-01"], p1.Arguments);
        // As of the year's last day the January lines are pending (due after the as-of date).
        Assert.All(Ledger(PlanYaml, new DateOnly(2026, 12, 31), Months(P1)), l => Assert.Equal(LedgerStatus.Pending, l.Status));
    }

    [Fact]
    public void Ledger_WhenALeaverLeftBeforeJanuary_ThenForfeited_UnlessThePlanSaysTheyKeepIt()
    {
        var lines = Ledger(PlanYaml, January31, Months(P3));
        Assert.Equal([("ye_sales", LedgerStatus.Forfeited, 2000.00m), ("ye_satisfaction", LedgerStatus.Forfeited, 1000.00m)],
            lines.Select(l => (l.Component, l.Status, l.Amount)));
        Assert.All(lines, l => Assert.Equal((LedgerRule.ForfeitedBeforePayMonth, January), (l.Rule, l.PayMonth)));
        var kept = Ledger(PlanYaml.Replace("  scorecards: [salesperson, supervisor]\n  parts:", "  scorecards: [salesperson, supervisor]\n  forfeit_on_leave: false\n  parts:", StringComparison.Ordinal),
            January31, Months(P3));
        Assert.Equal([("ye_sales", LedgerStatus.Paid, 2000.00m), ("ye_satisfaction", LedgerStatus.Paid, 1000.00m)], kept.Select(l => (l.Component, l.Status, l.Amount)));
    }

    [Fact]
    public void Ledger_WhenSomeoneJoinedMidYear_ThenTheFullStep_AndProRatedOnlyWhenThePlanSaysSo()
    {
        var full = Ledger(PlanYaml, January31, Months(P4));
        Assert.Equal([("ye_sales", 6000.00m), ("ye_satisfaction", 2000.00m)], full.Select(l => (l.Component, l.Amount)));
        // pro_rata: 7 months assessed (June–December) of 12: 6,000 × 7 ÷ 12 = 3,500.00; 2,000 × 7 ÷ 12 = 1,166.666… → 1,166.67.
        var yaml = PlanYaml.Replace("  scorecards: [salesperson, supervisor]\n  parts:", "  scorecards: [salesperson, supervisor]\n  pro_rata: true\n  parts:", StringComparison.Ordinal);
        var prorated = Ledger(yaml, January31, Months(P4, P1));
        Assert.Equal([("P1", "ye_sales", 4000.00m), ("P1", "ye_satisfaction", 2000.00m), ("P4", "ye_sales", 3500.00m), ("P4", "ye_satisfaction", 1166.67m)],
            prorated.Select(l => (l.Employee, l.Component, l.Amount)));
        var line = prorated.Single(l => l.Employee == "P4" && l.Component == "ye_satisfaction");
        Assert.Equal(LedgerRule.YearEndAverageProRated, line.Rule);
        Assert.Equal("年度客户满意度奖金：2026 年度客户满意度平均 95 分，达到“90 分及以上”档，奖金 2000.00 × 在岗考核期 7 / 12 = 1166.67，2027-01 发放", line.Explain());
    }

    [Fact]
    public void Ledger_WhenDecemberHasNoResults_ThenNoYearEndBonusYet()
    {
        var eleven = Months(P1, S1).Where(r => r.Period.Index != 12).ToList();
        Assert.Empty(Ledger(PlanYaml, January31, eleven));
        Assert.False(YearEndBonuses.YearComplete(TestPlans.Load(PlanYaml).YearEndBonus!, TestPlans.Load(PlanYaml), 2026, eleven));
    }

    [Fact]
    public void Ledger_WhenTheScheduleNamesTheBonus_ThenItsPartsFollowIt()
    {
        // Paid after the Spring Festival: 2027's holiday ends in February (2027-02), and a leaver of 2027-01-15 forfeits it there.
        var yaml = PlanYaml + "\npayment:\n  schedules:\n    year_end_bonus: { pay: after_spring_festival }\n";
        var lines = Ledger(yaml, new DateOnly(2027, 3, 31), Months(P1));
        Assert.All(lines, l => Assert.Equal((Period.Parse("2027-02"), LedgerStatus.Paid, Year), (l.PayMonth, l.Status, l.Earned)));
        Assert.Equal(6000.00m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void Plan_WhenAPartMeasuresTheWrongIndicator_OrACodeIsTaken_ThenProblems()
    {
        var rating = PlanLoader.Load(PlanYaml.Replace("indicators: [team_management]", "indicators: [team_sales]", StringComparison.Ordinal));
        Assert.Contains(rating.Problems, p => p.Code == PlanProblemCode.YearEndMeasureIndicator);
        var completion = PlanLoader.Load(PlanYaml.Replace("indicators: [sales, team_sales]", "indicators: [sales, team_management]", StringComparison.Ordinal));
        Assert.Contains(completion.Problems, p => p.Code == PlanProblemCode.YearEndMeasureIndicator);
        var unknown = PlanLoader.Load(PlanYaml.Replace("indicators: [satisfaction]", "indicators: [nothing]", StringComparison.Ordinal));
        Assert.Contains(unknown.Problems, p => p.Code == PlanProblemCode.UnknownPaymentIndicator);
        var salary = PlanLoader.Load(PlanYaml.Replace("code: ye_team", "code: salary", StringComparison.Ordinal));
        Assert.Contains(salary.Problems, p => p.Code == PlanProblemCode.DuplicateCode);
        var twice = PlanLoader.Load(PlanYaml.Replace("code: ye_team", "code: ye_sales", StringComparison.Ordinal));
        Assert.Contains(twice.Problems, p => p.Code == PlanProblemCode.DuplicateCode);
        var noSteps = PlanLoader.Load(PlanYaml.Replace("measure: average", "measure: median", StringComparison.Ordinal));
        Assert.Contains(noSteps.Problems, p => p.Code == PlanProblemCode.InvalidChoice);
        Assert.Null(PlanLoader.Load(PlanYaml.Replace("{ from: 90, amount: 2000 }", "{ from: -1, amount: 2000 }", StringComparison.Ordinal)).Plan);
    }

    [Fact]
    public void Template_4S_WhenLoaded_ThenThreePartsForSalespeopleSupervisorsAndTheManager()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
        {
            dir = dir.Parent;
        }

        var rule = TestPlans.Load(File.ReadAllText(Path.Combine(dir!.FullName, "templates", "4s-dealership.yaml"))).YearEndBonus!;
        Assert.Equal(["salesperson", "supervisor", "manager"], rule.Scorecards);
        Assert.Equal(["year_end_sales", "year_end_team", "year_end_satisfaction"], rule.Parts.Select(p => p.Code));
        Assert.False(rule.ProRata);
    }
}
