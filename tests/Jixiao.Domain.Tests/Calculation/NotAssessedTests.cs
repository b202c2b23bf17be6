using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Calculation;

/// <summary>A position the plan marks <c>assessed: false</c> (docs/plan-format.md §4a): no result, no error, listed as not assessed.</summary>
public sealed class NotAssessedTests
{
    private const string Metrics = """
        score: { source: input }
        sales_amount: { source: sales, aggregate: sum, field: amount }
        """;

    private const string Positions = """
        positions:
          salesperson: { name: 销售顾问, name_en: Sales consultant }
          general_manager: { name: 总经理, name_en: General manager, name_zh_tw: 總經理, assessed: false }
        levels:
          core: { name: 骨干 }
        """;

    // A formula card (compiled for the fast path) and a ratio card against a target.
    [Theory]
    [InlineData("- { code: s, points: 100, rule: formula, formula: score, cap: 1.2 }")]
    [InlineData("- { code: s, points: 100, rule: ratio, metric: sales_amount }")]
    public void Run_WhenAPositionIsNotAssessed_ThenNoResultNoErrorAndListed(string card)
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("g1", "u", position: "general_manager", level: "")
            .Input("e1", "score", "2026-10", 80m).Input("g1", "score", "2026-10", 80m)
            .Sale("e1", "2026-10-05", 100m).Sale("g1", "2026-10-05", 100m)
            .Target("e1", "sales_amount", "2026-10", 100m).Target("g1", "sales_amount", "2026-10", 100m).Build();
        var result = TestPlans.Run(TestPlans.Plan(Metrics, card) + "\n" + Positions, data, "2026-10");

        Assert.Equal(["e1"], result.Results.Select(r => r.Employee));
        Assert.Empty(result.Errors);
        Assert.Equal(["g1"], result.NotAssessed);
        Assert.Equal(0, result.Skipped);
    }

    [Fact]
    public void Run_WhenNoScorecardMatchesAndThePositionIsNotMarked_ThenStillAnError()
    {
        var data = new DataBuilder().Unit("u").Person("e1", "u").Person("g1", "u", position: "general_manager").Input("e1", "score", "2026-10", 80m).Build();
        var plan = TestPlans.Plan(Metrics, "- { code: s, points: 100, rule: formula, formula: score }").Replace("    periods:", "    match: { position: salesperson }\n    periods:", StringComparison.Ordinal);
        var result = TestPlans.Run(plan, data, "2026-10");

        var error = Assert.Single(result.Errors);
        Assert.Equal(CalculationErrorCode.NoScorecard, error.Code);
        Assert.Empty(result.NotAssessed);
    }

    [Fact]
    public void Load_WhenNamesAreGiven_ThenEachCodeHasItsNamesAndTheAssessedFlag()
    {
        var plan = TestPlans.Load(TestPlans.Plan(Metrics, "- { code: s, points: 100, rule: formula, formula: score }") + "\n" + Positions);

        Assert.Equal(new AttributeName("general_manager", "总经理", "General manager", "總經理") { Assessed = false }, plan.Positions["general_manager"]);
        Assert.True(plan.Positions["salesperson"].Assessed);
        Assert.Equal("骨干", plan.Levels["core"].Name);
        Assert.Empty(plan.Tiers);
    }

    [Fact]
    public void Load_WhenAssessedIsGivenOnALevelOrANameIsMissing_ThenProblemsWithTheirLines()
    {
        var yaml = TestPlans.Plan(Metrics, "- { code: s, points: 100, rule: formula, formula: score }") + """

            levels:
              core: { name: 骨干, assessed: false }
            positions:
              manager: { name_en: Manager }
            """;
        var result = PlanLoader.Load(yaml, "test.yaml");

        Assert.False(result.Ok);
        var text = string.Join("\n", result.Problems.Select(p => p.Format(CultureInfo.InvariantCulture)));
        Assert.Contains(result.Problems, p => p.Code == PlanProblemCode.UnknownKey && p.Arguments.Contains("assessed"));
        Assert.Contains(result.Problems, p => p.Code == PlanProblemCode.MissingKey && p.Arguments.Contains("name"));
        Assert.True(result.Problems.All(p => p.Line > 10), text);
    }
}
