using CsCheck;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Tests.Targets;

public sealed class TargetDecomposerTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>A store with two teams of two people; P4 joined in the year.</summary>
    private static List<PlanningNode> Store(DateOnly? p4Hired = null, DateOnly? p3Left = null) =>
    [
        new("ST", "Store", false, null),
        new("T1", "Team 1", false, "ST"),
        new("P1", "P1", true, "T1", D(2020, 1, 1)),
        new("P2", "P2", true, "T1", D(2020, 1, 1)),
        new("T2", "Team 2", false, "ST"),
        new("P3", "P3", true, "T2", D(2020, 1, 1), p3Left),
        new("P4", "P4", true, "T2", p4Hired ?? D(2020, 1, 1)),
    ];

    private static TargetPlanRow Row(TargetPlan plan, string subject) => plan.Rows.Single(r => r.Subject == subject);

    private static DecomposeRequest Ratio(decimal annual, IReadOnlyDictionary<string, decimal>? weights = null, IReadOnlyList<decimal>? months = null) => new()
    {
        Year = 2026,
        Metric = "revenue",
        Subject = "ST",
        Annual = annual,
        Method = SplitMethod.Ratio,
        Weights = weights,
        MonthWeights = months,
    };

    [Fact]
    public void Ratio_WhenMoney_ThenUnitsPeopleAndMonthsToTheCent()
    {
        var plan = TargetDecomposer.Compute(Ratio(1_000_000m, new Dictionary<string, decimal> { ["T1"] = 2m, ["T2"] = 1m }), Store(), 2, "元");

        Assert.Empty(plan.Problems);
        Assert.True(plan.Balanced);
        // 1,000,000 × 2/3 = 666,666.666…: the extra cent goes to the larger remainder (T1).
        Assert.Equal(666_666.67m, Row(plan, "T1").Annual);
        Assert.Equal(333_333.33m, Row(plan, "T2").Annual);
        Assert.Equal(333_333.34m, Row(plan, "P1").Annual);
        Assert.Equal(333_333.33m, Row(plan, "P2").Annual);
        Assert.Equal(166_666.67m, Row(plan, "P3").Annual);
        Assert.Equal(166_666.66m, Row(plan, "P4").Annual);
        // P1's 333,333.34 over 12 equal months: 2,777,777.83… cents each; the 10 cents left go to the first ten months (ties by position).
        Assert.Equal([.. Enumerable.Repeat(27_777.78m, 10), 27_777.77m, 27_777.77m], Row(plan, "P1").Months.Select(v => v!.Value));
        Assert.Equal(333_333.34m, Row(plan, "P1").Months.Sum());
        Assert.Equal(0, plan.Rows[0].Depth);
        Assert.Equal(2, Row(plan, "P4").Depth);
    }

    [Fact]
    public void Ratio_WhenSeasonality_ThenMonthsFollowTheWeights()
    {
        decimal[] season = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2m];
        var plan = TargetDecomposer.Compute(Ratio(122_000m, months: season), [new("ST", "Store", false, null)], 2, "元");

        // 122,000 / 12.2 = 10,000 a month, December 12,000.
        Assert.Equal([10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 12_000m], plan.Rows[0].Months.Select(v => v!.Value));
        Assert.True(plan.Balanced);
    }

    [Fact]
    public void Ratio_WhenCountMetric_ThenWholeUnitsByLargestRemainder()
    {
        var nodes = new List<PlanningNode> { new("T", "Team", false, null), new("A", "A", true, "T"), new("B", "B", true, "T"), new("C", "C", true, "T") };
        var plan = TargetDecomposer.Compute(Ratio(100m) with { Metric = "vehicles", Subject = "T" }, nodes, 0, "台");

        // 33.33… each: the one unit left goes to the first key by ordinal order.
        Assert.Equal(34m, Row(plan, "A").Annual);
        Assert.Equal(33m, Row(plan, "B").Annual);
        Assert.Equal(33m, Row(plan, "C").Annual);
        // 34 over 12 months: 34 = 12 × 2 + 10 → ten months of 3, two of 2.
        Assert.Equal(10, Row(plan, "A").Months.Count(v => v == 3m));
        Assert.Equal(2, Row(plan, "A").Months.Count(v => v == 2m));
        Assert.All(plan.Rows.SelectMany(r => r.Months), v => Assert.Equal(decimal.Truncate(v!.Value), v.Value));
    }

    [Theory]
    [InlineData(15, 3, "27272.73")] // hired on the 15th: March counts; 60,000 × 10/22
    [InlineData(16, 4, "25714.29")] // hired on the 16th: from April; 60,000 × 9/21
    public void Proration_WhenHiredMidYear_ThenFromTheMonthEmployedOnThe15th(int day, int firstMonth, string expected)
    {
        var plan = TargetDecomposer.Compute(Ratio(120_000m), Store(p4Hired: D(2026, 3, day)), 2, "元");
        var p4 = Row(plan, "P4");
        var p3 = Row(plan, "P3");
        var months = 13 - firstMonth;

        Assert.Equal(firstMonth, p4.FirstMonth);
        Assert.All(p4.Months.Take(firstMonth - 1), v => Assert.Null(v));
        Assert.All(p4.Months.Skip(firstMonth - 1), v => Assert.NotNull(v));
        // T2 = 60,000 split 12 : months between a full-year colleague and P4.
        Assert.Equal(Row(plan, "T2").Annual, p3.Annual + p4.Annual);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), p4.Annual);
        Assert.True(Math.Abs((60_000m * months / (12 + months)) - p4.Annual) < 0.01m);
        Assert.Equal(p4.Annual, p4.Months.Sum());
        Assert.True(plan.Balanced);
    }

    [Fact]
    public void Proration_WhenLeavingMidYear_ThenMonthsUntilTheLastOneEmployedOnThe15th()
    {
        var plan = TargetDecomposer.Compute(Ratio(120_000m), Store(p3Left: D(2026, 9, 14)), 2, "元");
        var p3 = Row(plan, "P3");

        Assert.Equal(1, p3.FirstMonth);
        Assert.Equal(8, p3.LastMonth);
        // 8 of 12 months against P4's 12: 60,000 × 8/20 = 24,000 exactly.
        Assert.Equal(24_000m, p3.Annual);
        Assert.Equal(36_000m, Row(plan, "P4").Annual);
        Assert.Equal(3_000m, p3.Months[7]);
        Assert.Null(p3.Months[8]);
    }

    [Fact]
    public void Challenge_WhenFactor_ThenBaselineTimesFactorSplitTheSameWay()
    {
        var plan = TargetDecomposer.Compute(Ratio(1_000_000m) with { ChallengeFactor = 1.2m }, Store(), 2, "元");

        Assert.Equal(1_200_000m, plan.Rows[0].Challenge);
        Assert.Equal(300_000m, Row(plan, "P1").Challenge);
        Assert.Equal(25_000m, Row(plan, "P1").MonthChallenges[0]);
        Assert.Contains(plan.Checks, c => c.Challenge && c.Kind == CheckKind.Children && c.Ok);
        Assert.True(plan.Balanced);
    }

    [Fact]
    public void Challenge_WhenGivenByHand_ThenWinsOverTheFactor()
    {
        var plan = TargetDecomposer.Compute(Ratio(1_000_000m) with { Challenge = 1_100_000m, ChallengeFactor = 1.5m }, Store(), 2, "元");
        Assert.Equal(1_100_000m, plan.Rows[0].Challenge);
        Assert.Equal(275_000m, Row(plan, "P1").Challenge);
    }

    [Fact]
    public void HandCell_WhenOneMonthChanged_ThenMonthCheckReportsTheDifference_AndFixingItBalances()
    {
        var plan = TargetDecomposer.Compute(Ratio(120_000m), Store(), 2, "元");
        Assert.Equal(2_500m, Row(plan, "P1").Months[0]);

        var edited = TargetDecomposer.Compute(Ratio(120_000m) with { Cells = [new TargetCell("P1", 1, 3_000m)] }, Store(), 2, "元");
        var check = edited.Checks.Single(c => !c.Ok);
        Assert.Equal(("P1", CheckKind.Months), (check.Subject, check.Kind));
        Assert.Equal(30_000m, check.Expected);
        Assert.Equal(30_500m, check.Actual);
        Assert.Equal(500m, check.Difference);
        Assert.False(edited.Balanced);
        // Nothing else moved: no silent rebalancing.
        Assert.Equal(2_500m, Row(edited, "P1").Months[1]);

        var fixedPlan = TargetDecomposer.Compute(Ratio(120_000m) with { Cells = [new TargetCell("P1", 1, 3_000m), new TargetCell("P1", 2, 2_000m)] }, Store(), 2, "元");
        Assert.True(fixedPlan.Balanced);
    }

    [Fact]
    public void Hand_WhenValuesGiven_ThenChecksCompareThem()
    {
        var nodes = new List<PlanningNode> { new("T", "Team", false, null), new("A", "A", true, "T"), new("B", "B", true, "T") };
        var cells = new List<TargetCell> { new("A", 0, 70m), new("B", 0, 40m) };
        cells.AddRange(Enumerable.Range(1, 12).Select(m => new TargetCell("T", m, 9m)));
        var plan = TargetDecomposer.Compute(new DecomposeRequest { Year = 2026, Metric = "vehicles", Subject = "T", Annual = 108m, Method = SplitMethod.Hand, Cells = cells }, nodes, 0, "台");

        var children = plan.Checks.Single(c => c.Subject == "T" && c.Kind == CheckKind.Children);
        Assert.Equal(2m, children.Difference);
        Assert.True(plan.Checks.Single(c => c.Subject == "T" && c.Kind == CheckKind.Months).Ok);
        Assert.Equal(-70m, plan.Checks.Single(c => c.Subject == "A" && c.Kind == CheckKind.Months).Difference);
        Assert.False(plan.Balanced);
    }

    [Fact]
    public void LastYear_WhenActualsGiven_ThenSplitByShare()
    {
        var nodes = new List<PlanningNode> { new("T", "Team", false, null), new("A", "A", true, "T", D(2020, 1, 1)), new("B", "B", true, "T", D(2020, 1, 1)), new("C", "C", true, "T", D(2026, 1, 2)) };
        var actuals = new Dictionary<string, decimal?> { ["A"] = 300_000m, ["B"] = 100_000m, ["C"] = null };
        var plan = TargetDecomposer.Compute(Ratio(800_000m) with { Subject = "T", Method = SplitMethod.LastYear }, nodes, 2, "元", actuals);

        Assert.Equal(600_000m, Row(plan, "A").Annual);
        Assert.Equal(200_000m, Row(plan, "B").Annual);
        Assert.Equal(0m, Row(plan, "C").Annual);
        Assert.True(plan.Balanced);

        var none = TargetDecomposer.Compute(Ratio(800_000m) with { Subject = "T", Method = SplitMethod.LastYear }, nodes, 2, "元", new Dictionary<string, decimal?>());
        Assert.Contains(none.Problems, p => p.Code == TargetProblemCode.LastYearNoActuals && (string)p.Args[0] == "T");
    }

    [Theory]
    [InlineData(0, "12.5", "annual", TargetProblemCode.ValueWhole)]
    [InlineData(2, "12.345", "annual", TargetProblemCode.ValueDecimals)]
    [InlineData(2, "-1", "annual", TargetProblemCode.ValueNegative)]
    public void Validate_WhenAnnualIsNotAValidTarget_ThenProblemAndNoRows(int decimals, string annual, string field, TargetProblemCode code)
    {
        var plan = TargetDecomposer.Compute(Ratio(decimal.Parse(annual, System.Globalization.CultureInfo.InvariantCulture)), Store(), decimals, null);
        Assert.Empty(plan.Rows);
        Assert.Contains(plan.Problems, p => p.Field == field && p.Code == code);
    }

    [Fact]
    public void Validate_WhenCellsAreWrong_ThenEachReportedWithItsField()
    {
        var plan = TargetDecomposer.Compute(Ratio(100m) with { Cells = [new("X", 1, 1m), new("P1", 13, 1m), new("P1", 2, -1m)], MonthWeights = [1m, 2m] }, Store(), 0, null);
        Assert.Equal(
            ["cells[0].subject:CellSubject", "cells[1].month:CellMonth", "cells[2].value:ValueNegative", "monthWeights:MonthWeightsCount"],
            plan.Problems.Select(p => $"{p.Field}:{p.Code}").Order(StringComparer.Ordinal));

        var inactive = TargetDecomposer.Compute(Ratio(100m) with { Cells = [new("P4", 2, 1m)] }, Store(p4Hired: D(2026, 6, 1)), 0, null);
        Assert.Equal("cells[0].month:CellInactive", inactive.Problems.Select(p => $"{p.Field}:{p.Code}").Single());
    }

    /// <summary>For any total, precision, tree weights, seasonality and hire dates: every check holds (parts sum to the whole exactly).</summary>
    [Fact]
    public void Property_WhenAnyDecomposition_ThenChildrenAndMonthsSumExactlyToTheWhole()
    {
        var gen = Gen.Select(
            Gen.Long[0, 10_000_000_000L],
            Gen.Int[0, 4],
            Gen.Int[0, 1000].Array[4],
            Gen.Int[0, 20].Array[12],
            Gen.Int[1, 365].Array[4]);
        gen.Sample((scaled, decimals, ints, season, hireDays) =>
        {
            var annual = scaled / (decimal)Math.Pow(10, decimals);
            if (season.All(s => s == 0))
            {
                season[0] = 1;
            }

            var nodes = new List<PlanningNode> { new("U", "U", false, null) };
            for (var i = 0; i < 4; i++)
            {
                nodes.Add(new PlanningNode($"E{i}", "E", true, "U", new DateOnly(2026, 1, 1).AddDays(hireDays[i] - 1)));
            }

            var weights = Enumerable.Range(0, 4).ToDictionary(i => $"E{i}", i => (decimal)ints[i]);
            weights["E0"] += 1; // not all zero
            var plan = TargetDecomposer.Compute(
                new DecomposeRequest { Year = 2026, Metric = "m", Subject = "U", Annual = annual, ChallengeFactor = 1.15m, Method = SplitMethod.Ratio, Weights = weights, MonthWeights = [.. season.Select(s => (decimal)s)] },
                nodes, decimals, null);
            if (plan.Problems.Count > 0)
            {
                // Only possible when every person's active months weigh zero or the person with weight has none.
                return plan.Problems.All(p => p.Code == TargetProblemCode.WeightsAllZero);
            }

            return plan.Checks.Count > 0 && plan.Checks.All(c => c.Ok)
                && plan.Rows.SelectMany(r => r.Months.Append(r.Annual)).All(v => v is null || v.Value * (decimal)Math.Pow(10, decimals) == decimal.Truncate(v.Value * (decimal)Math.Pow(10, decimals)));
        }, iter: 10_000);
    }
}
