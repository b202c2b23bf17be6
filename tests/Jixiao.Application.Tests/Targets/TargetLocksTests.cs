using Jixiao.Application.Targets;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Targets;

namespace Jixiao.Application.Tests.Targets;

/// <summary>Which stored targets a decomposition may not change silently (docs/targets.md, "Calculated periods").</summary>
public sealed class TargetLocksTests
{
    private static readonly List<PlanningNode> Team = [new("T1", "Team", false, null), new("P1", "P1", true, "T1", new DateOnly(2020, 1, 1))];

    private static TargetPlan Plan(decimal annual) => TargetDecomposer.Compute(
        new DecomposeRequest { Year = 2026, Metric = "vehicles", Subject = "T1", Annual = annual, Method = SplitMethod.Ratio }, Team, 0, "台");

    private static Dictionary<string, (decimal, decimal?)> StoredFrom(TargetPlan plan) =>
        TargetDecomposer.Writes(plan).ToDictionary(w => w.Subject + "|" + w.Period, w => (w.Value, w.Challenge), StringComparer.Ordinal);

    [Fact]
    public void Changes_WhenAMonthIsCalculated_ThenOnlyChangedRowsOfOverlappingPeriodsAreLocked()
    {
        var stored = StoredFrom(Plan(120));
        var locks = new TargetLockState(2026, [Period.Parse("2026-05"), Period.Parse("2026-Q3")], stored);

        var changes = locks.Changes(Plan(240));

        // May (its own run), July–September (the quarter's run), and both annual rows (runs of the year read them).
        var keys = changes.Select(c => c.Subject + " " + c.Period).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["P1 2026", "P1 2026-05", "P1 2026-07", "P1 2026-08", "P1 2026-09", "T1 2026", "T1 2026-05", "T1 2026-07", "T1 2026-08", "T1 2026-09"], keys);
        var may = changes.Single(c => c.Subject == "P1" && c.Period == "2026-05");
        Assert.Equal(10m, may.OldValue);
        Assert.Equal(20m, may.NewValue);
        Assert.Equal(["2026-05"], may.RunPeriods);
        Assert.Equal(["2026-05", "2026-Q3"], changes.Single(c => c.Subject == "T1" && c.Period == "2026").RunPeriods);
        Assert.Equal(["2026-05", "2026-Q3"], (Plan(240) with { Locked = changes }).RerunPeriods);
    }

    [Fact]
    public void Changes_WhenUnchangedNewOrUncalculated_ThenNothingIsLocked()
    {
        var stored = StoredFrom(Plan(120));
        // The same values: nothing changes.
        Assert.Empty(new TargetLockState(2026, [Period.Parse("2026")], stored).Changes(Plan(120)));
        // No run in the year.
        Assert.Empty(new TargetLockState(2026, [], stored).Changes(Plan(240)));
        // Nothing stored yet: new rows are never locked.
        Assert.Empty(new TargetLockState(2026, [Period.Parse("2026")], new Dictionary<string, (decimal, decimal?)>(StringComparer.Ordinal)).Changes(Plan(240)));
        // A challenge alone that changes is a change.
        var challenged = TargetDecomposer.Compute(
            new DecomposeRequest { Year = 2026, Metric = "vehicles", Subject = "T1", Annual = 120, ChallengeFactor = 1.5m, Method = SplitMethod.Ratio }, Team, 0, "台");
        var changes = new TargetLockState(2026, [Period.Parse("2026-12")], stored).Changes(challenged);
        Assert.Contains(changes, c => c.Subject == "P1" && c.Period == "2026-12" && c.OldChallenge is null && c.NewChallenge == 15m);
    }
}
