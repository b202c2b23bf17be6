using System.Globalization;
using Jixiao.Domain.Data;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Grades;

public class ForcedDistributionTests
{
    private static readonly GradeScale Scale = new("g",
    [
        new GradeBand("C", 0m, 70m, new CoefficientSpec(0m, 0m, 0m, 0m), null),
        new GradeBand("B", 70m, 80m, new CoefficientSpec(0.8m, 0.8m, 0m, 0m), null),
        new GradeBand("A", 80m, 90m, new CoefficientSpec(1.0m, 1.1m, 80m, 90m), null),
        new GradeBand("S", 90m, null, new CoefficientSpec(1.2m, 1.2m, 0m, 0m), null),
    ]);

    private static RankedPerson P(string id, string unit, decimal total) => new(id, unit, total, Scale.Find(total)!.Grade, Scale);

    private static ForcedDistributionRule Rule(DistributionScope per, params (string Grade, decimal Share)[] shares) =>
        new(per, shares.ToDictionary(s => s.Grade, s => s.Share, StringComparer.Ordinal));

    [Theory]
    [InlineData("0.2", 4, 0)]   // "at most 20%" of 4 is 0.8 people: rounded down
    [InlineData("0.2", 5, 1)]
    [InlineData("0.2", 9, 1)]
    [InlineData("0.2", 10, 2)]
    [InlineData("0", 10, 0)]
    [InlineData("1", 3, 3)]
    public void Cap_WhenShareOfHeadcount_ThenRoundedDown(string share, int headcount, int cap) =>
        Assert.Equal(cap, ForcedDistribution.Cap(decimal.Parse(share, CultureInfo.InvariantCulture), headcount));

    [Fact]
    public void Moves_WhenUnitOverItsShareOfS_ThenLowestRankedSMoveDownWithTheirRank()
    {
        // Unit u1: 5 people, 3 S; at most 20% S = 1: the two S ranked 2nd and 3rd become A. Unit u2 has one S of 5: fine.
        RankedPerson[] people =
        [
            P("e1", "u1", 95m), P("e2", "u1", 92m), P("e3", "u1", 96m), P("e4", "u1", 85m), P("e5", "u1", 60m),
            P("f1", "u2", 99m), P("f2", "u2", 80m), P("f3", "u2", 81m), P("f4", "u2", 82m), P("f5", "u2", 70m),
        ];
        var moves = ForcedDistribution.Moves(Rule(DistributionScope.Unit, ("S", 0.2m)), people);
        Assert.Equal(
            [new GradeMove("e1", "u1", 95m, "S", "A", 2, 5, 1, 0.2m), new GradeMove("e2", "u1", 92m, "S", "A", 3, 5, 1, 0.2m)],
            moves);
    }

    [Fact]
    public void Moves_WhenTotalsTie_ThenEmployeeIdDecides()
    {
        RankedPerson[] people = [P("e9", "u", 95m), P("e1", "u", 95m), P("e5", "u", 70m), P("e6", "u", 70m), P("e7", "u", 70m)];
        var move = Assert.Single(ForcedDistribution.Moves(Rule(DistributionScope.Unit, ("S", 0.2m)), people));
        Assert.Equal(("e9", 2), (move.Employee, move.Rank));
    }

    [Fact]
    public void Moves_WhenMovedIntoACappedGrade_ThenItCountsThereAndCascades()
    {
        // 10 people: S at most 10% (1), A at most 20% (2). Three S and one A: two S move to A; then A has 3 > 2, so the lowest
        // ranked A (the original A, ranked 4th) moves to B, from A.
        var people = new List<RankedPerson> { P("a", "u", 99m), P("b", "u", 98m), P("c", "u", 97m), P("d", "u", 85m) };
        people.AddRange(Enumerable.Range(0, 6).Select(i => P("z" + i, "u", 71m)));
        var moves = ForcedDistribution.Moves(Rule(DistributionScope.Unit, ("S", 0.1m), ("A", 0.2m)), people);
        Assert.Equal([("b", "S", "A"), ("c", "S", "A"), ("d", "A", "B")], moves.Select(m => (m.Employee, m.From, m.To)));
    }

    [Fact]
    public void Moves_WhenPerCompany_ThenCountedOverEveryone()
    {
        RankedPerson[] people = [P("e1", "u1", 95m), P("e2", "u2", 96m), P("e3", "u3", 50m), P("e4", "u3", 50m), P("e5", "u3", 50m)];
        // Per unit, a unit of one may have no S at all (20% of 1 rounds down to 0).
        Assert.Equal(["e1", "e2"], ForcedDistribution.Moves(Rule(DistributionScope.Unit, ("S", 0.2m)), people).Select(m => m.Employee));
        var move = Assert.Single(ForcedDistribution.Moves(Rule(DistributionScope.Company, ("S", 0.2m)), people));
        Assert.Equal(("e1", 2, 5, 1), (move.Employee, move.Rank, move.Headcount, move.Cap));
    }

    [Fact]
    public void Moves_WhenLowestGradeCapped_ThenNobodyMovesOutOfIt()
    {
        RankedPerson[] people = [P("e1", "u", 10m), P("e2", "u", 20m)];
        Assert.Empty(ForcedDistribution.Moves(Rule(DistributionScope.Unit, ("C", 0m)), people));
    }

    private const string Metrics = """
        score: { source: input }
        """;

    private const string ScoreCard = """
        - { code: s, points: 100, rule: formula, formula: score, cap: 1.2 }
        """;

    private const string Grades = """
        - { grade: S, from: 90, coefficient: 1.2 }
        - { grade: A, from: 80, to: 90, coefficient: { from: 1.0, to: 1.1, over: [80, 90] } }
        - { grade: B, from: 70, coefficient: 0.8 }
        - { grade: C, from: 0, coefficient: 0 }
        """;

    private const string Bonus = """
        - { code: bonus, name: 奖金, kind: bonus, periods: [month], base: 1000 }
        """;

    [Fact]
    public void Engine_WhenGradeRecorded_ThenThatGradeAndItsCoefficientAtTheTotalClamped()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("e2", "u").Input("e1", "score", "2026-10", 95m).Input("e2", "score", "2026-10", 95m).Build();
        var corrected = WithCorrections(data, [new GradeOverride("e1", "2026-10", "A"), new GradeOverride("e2", "2026-09", "C")], []);
        var r = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, Bonus, Grades), corrected, "2026-10", "e1");
        var e1 = r.Person("e1");
        Assert.Equal(("A", 1.1m, 95m, 1100m), (e1.Grade, e1.Coefficient, e1.Total, e1.Pay("bonus"))); // A's top coefficient: 95 is above A's range
        Assert.Equal(("S", 1.2m), (r.Person("e2").Grade, r.Person("e2").Coefficient)); // another period's grade does not apply
        var explained = r.Explanations["e1"].Children.Single(c => c.Label == "calibrated");
        Assert.Equal(("Explain_GradeCalibrated", "S", "A"), (explained.Detail, explained.DetailArgs[0], explained.DetailArgs[1]));
    }

    [Fact]
    public void Engine_WhenPointsCorrected_ThenTotalGradeAndPayFollow()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Input("e1", "score", "2026-10", 75m).Build();
        var before = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, Bonus, Grades), data, "2026-10").Person("e1");
        Assert.Equal(("B", 800m), (before.Grade, before.Pay("bonus")));
        var corrected = WithCorrections(data, [], [new PointsCorrection("e1", "2026-10", "s", 85m)]);
        var after = TestPlans.Run(TestPlans.Plan(Metrics, ScoreCard, Bonus, Grades), corrected, "2026-10").Person("e1");
        Assert.Equal((85m, 85m, "A", 1.05m, 1050m), (after.Points("s"), after.Total, after.Grade, after.Coefficient, after.Pay("bonus")));
    }

    [Fact]
    public void Plan_WhenGradesSection_ThenReadAndChecked()
    {
        var yaml = TestPlans.Plan(Metrics, ScoreCard) + "\ngrades:\n  forced_distribution: { per: unit, max_share: { S: 0.2, A: 0.5 } }\n  improvement_below: B\n";
        var plan = TestPlans.Load(yaml);
        Assert.Equal(DistributionScope.Unit, plan.Grades.ForcedDistribution!.Per);
        Assert.Equal(0.2m, plan.Grades.ForcedDistribution.MaxShare["S"]);
        Assert.True(plan.Grades.BelowStandard(plan.GradeScales["g"], "C"));
        Assert.False(plan.Grades.BelowStandard(plan.GradeScales["g"], "B"));
        var bad = PlanLoader.Load(TestPlans.Plan(Metrics, ScoreCard) + "\ngrades:\n  forced_distribution: { per: team, max_share: { X: 0.2, S: 1.5 } }\n", "t.yaml");
        Assert.Equal([PlanProblemCode.InvalidChoice, PlanProblemCode.InvalidChoice, PlanProblemCode.OutOfRange], bad.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Code).Order());
    }

    private static Dataset WithCorrections(Dataset data, GradeOverride[] grades, PointsCorrection[] points) =>
        new(data.OrgUnits, data.Employees, data.Sales, data.Collections, data.Expenses, data.Activities, data.Credits,
            null, null, data.DirectValues)
        { GradeOverrides = grades, PointsCorrections = points };
}
