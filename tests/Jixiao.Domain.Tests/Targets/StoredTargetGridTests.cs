using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Tests.Targets;

/// <summary>What /targets opens with (StoredTargetGrid) and what closed months allow (ClosedTargets).</summary>
public sealed class StoredTargetGridTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>A store with one team of two people; P2 joined on 2026-07-01.</summary>
    private static List<PlanningNode> Store() =>
    [
        new("ST", "Store", false, null),
        new("T1", "Team 1", false, "ST"),
        new("P1", "P1", true, "T1", D(2020, 1, 1)),
        new("P2", "P2", true, "T1", D(2026, 7, 1)),
    ];

    /// <summary>As the demo stores them: people's months May–October only, with challenges; nothing of units, no annual rows.</summary>
    private static Dictionary<(string, string), (decimal, decimal?)> PeopleMonths()
    {
        var stored = new Dictionary<(string, string), (decimal, decimal?)>();
        for (var m = 5; m <= 10; m++)
        {
            stored[("P1", $"2026-{m:D2}")] = (9m, 11m);
            if (m >= 7)
            {
                stored[("P2", $"2026-{m:D2}")] = (4m, 6m);
            }
        }

        return stored;
    }

    [Fact]
    public void Of_WhenOnlyPeoplesMonthsAreStored_ThenTheyShowAndUnitsAndYearsAreTheirSums()
    {
        var grid = StoredTargetGrid.Of(Store(), 2026, PeopleMonths());

        Assert.Equal(new GridValue(9m, 11m, false), grid["P1"][5]);
        Assert.Null(grid["P1"][1]);
        Assert.Equal(new GridValue(54m, 66m, true), grid["P1"][0]);
        Assert.Equal(new GridValue(16m, 24m, true), grid["P2"][0]);
        Assert.Equal(new GridValue(13m, 17m, true), grid["T1"][8]);
        Assert.Equal(new GridValue(9m, 11m, true), grid["T1"][5]);
        Assert.Null(grid["T1"][12]);
        Assert.Equal(new GridValue(70m, 90m, true), grid["ST"][0]);
        Assert.Equal(70m, Enumerable.Range(1, 12).Sum(m => grid["ST"][m]?.Value ?? 0m));
    }

    [Fact]
    public void Of_WhenAnAnnualRowIsStored_ThenItWinsOverTheSumOfMonths()
    {
        var stored = PeopleMonths();
        stored[("P1", "2026")] = (100m, null);
        stored[("ST", "2026")] = (500m, 600m);

        var grid = StoredTargetGrid.Of(Store(), 2026, stored);

        Assert.Equal(new GridValue(100m, null, false), grid["P1"][0]);
        Assert.Equal(new GridValue(500m, 600m, false), grid["ST"][0]);
        // A unit's year is the sum of its months: the stored 100 of P1 against P1's months is a mismatch the checks show.
        Assert.Equal(new GridValue(70m, 90m, true), grid["T1"][0]);
    }

    [Fact]
    public void Of_WhenAPersonsMonthBeforeHiringIsStored_ThenItIsLeftOut()
    {
        var stored = PeopleMonths();
        stored[("P2", "2026-03")] = (7m, null);

        Assert.Null(StoredTargetGrid.Of(Store(), 2026, stored)["P2"][3]);
    }

    [Fact]
    public void Of_WhenNothingOfTheTreeIsStored_ThenEmpty()
    {
        var stored = new Dictionary<(string, string), (decimal, decimal?)> { [("OTHER", "2026-05")] = (1m, null), [("P1", "2025-05")] = (1m, null) };

        Assert.Empty(StoredTargetGrid.Of(Store(), 2026, stored));
    }

    private static TargetPlan ByHand(IReadOnlyDictionary<string, GridValue?[]> grid, decimal? changeP1May = null)
    {
        var cells = new List<TargetCell>();
        foreach (var (subject, values) in grid)
        {
            for (var m = subject == "ST" ? 1 : 0; m <= 12; m++)
            {
                if (subject == "P2" && m is >= 1 and <= 6)
                {
                    continue;
                }

                var v = values[m];
                cells.Add(new TargetCell(subject, m, subject == "P1" && m == 5 && changeP1May is { } c ? c : v?.Value ?? 0m, v?.Challenge));
            }
        }

        return TargetDecomposer.Compute(new DecomposeRequest
        {
            Year = 2026,
            Metric = "vehicles",
            Subject = "ST",
            Annual = grid["ST"][0]!.Value,
            Challenge = grid["ST"][0]!.Challenge,
            Method = SplitMethod.Hand,
            Cells = cells,
        }, Store(), 0, "台");
    }

    [Fact]
    public void ClosedTargets_WhenTheStoredGridIsAppliedAsIs_ThenClosedMonthsAreKeptAndNotWritten()
    {
        var grid = StoredTargetGrid.Of(Store(), 2026, PeopleMonths());
        var closed = new Dictionary<int, string> { [5] = "2026-05", [6] = "2026-06" };

        var plan = ClosedTargets.Apply(ByHand(grid), closed, grid);

        Assert.True(plan.Balanced);
        Assert.Empty(plan.ClosedChanges);
        var writes = TargetDecomposer.Writes(plan);
        Assert.DoesNotContain(writes, w => w.Period is "2026-05" or "2026-06");
        // The team's May (a sum of parts, no row) is not written into a closed month either; open months are.
        Assert.Contains("T1|2026-05", plan.Kept);
        Assert.Contains(writes, w => w is { Subject: "P1", Period: "2026-07", Value: 9m, Challenge: 11m });
        Assert.Contains(writes, w => w is { Subject: "T1", Period: "2026-07", Value: 13m });
    }

    [Fact]
    public void ClosedTargets_WhenAClosedMonthWouldChange_ThenTheChangeIsNamedWithItsClosedPeriod()
    {
        var grid = StoredTargetGrid.Of(Store(), 2026, PeopleMonths());
        var closed = new Dictionary<int, string> { [5] = "2026-Q2" };

        var plan = ClosedTargets.Apply(ByHand(grid, changeP1May: 10m), closed, grid);

        var change = Assert.Single(plan.ClosedChanges, c => c.Subject == "P1");
        Assert.Equal(new ClosedChange("P1", "2026-05", 9m, 10m, "2026-Q2"), change);
    }

    [Fact]
    public void ClosedTargets_WhenARatioSplitFillsClosedMonths_ThenEveryChangedOrNewValueIsRefused()
    {
        var grid = StoredTargetGrid.Of(Store(), 2026, PeopleMonths());
        var plan = TargetDecomposer.Compute(new DecomposeRequest { Year = 2026, Metric = "vehicles", Subject = "ST", Annual = 120m, Method = SplitMethod.Ratio }, Store(), 0, "台");

        plan = ClosedTargets.Apply(plan, new Dictionary<int, string> { [1] = "2026-01" }, grid);

        // January: nothing stored, the split puts people's and units' values there.
        Assert.Contains(plan.ClosedChanges, c => c is { Subject: "P1", Period: "2026-01", Stored: null });
        Assert.DoesNotContain(plan.ClosedChanges, c => c.Subject == "P2");
    }

    [Fact]
    public void KeepUnset_WhenByHandCellsAreEmpty_ThenNothingIsWrittenWhereNothingIsStored()
    {
        var grid = StoredTargetGrid.Of(Store(), 2026, PeopleMonths());
        List<TargetCell> cells = [new("P1", 1, null), new("P1", 5, null), new("P1", 6, 9m, 11m)];
        var request = new DecomposeRequest { Year = 2026, Metric = "vehicles", Subject = "ST", Annual = 9m, Method = SplitMethod.Hand, Cells = cells };
        var plan = StoredTargetGrid.KeepUnset(TargetDecomposer.Compute(request, Store(), 0, "台"), request, grid);

        var writes = TargetDecomposer.Writes(plan);
        Assert.DoesNotContain(writes, w => w is { Subject: "P1", Period: "2026-01" });
        // A stored row emptied on screen is written as 0: the user took the target away.
        Assert.Contains(writes, w => w is { Subject: "P1", Period: "2026-05", Value: 0m });
        Assert.Contains(writes, w => w is { Subject: "P1", Period: "2026-06", Value: 9m });
    }
}
