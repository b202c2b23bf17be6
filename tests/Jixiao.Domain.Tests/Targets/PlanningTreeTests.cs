using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Tests.Targets;

public sealed class PlanningTreeTests
{
    private static readonly PlanningTree.Unit[] Units =
    [
        new("R", "Region", null),
        new("B", "Store B", "R"),
        new("A", "Store A", "R"),
        new("A1", "Team A1", "A"),
        new("X", "Elsewhere", null),
    ];

    [Fact]
    public void Build_WhenPeopleAndUnits_ThenDepthFirstPeopleBeforeChildUnitsEachByIdWithoutHeadsOrInactive()
    {
        PlanningTree.Person[] people =
        [
            new("P3", "Wang", "A", new DateOnly(2020, 1, 1), null),
            new("P1", "Li", "A", new DateOnly(2020, 1, 1), null),
            new("HA", "Head of A", "A", new DateOnly(2020, 1, 1), null),
            new("P2", "Zhao", "A1", new DateOnly(2026, 12, 15), null),
            new("LATE", "Hired after the last 15th", "B", new DateOnly(2026, 12, 16), null),
            new("GONE", "Left before the first 15th", "B", new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 14)),
            new("NOWHERE", "No unit", null, new DateOnly(2020, 1, 1), null),
            new("OUT", "Other tree", "X", new DateOnly(2020, 1, 1), null),
            new("P4", "Chen", "B", new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 15)),
        ];

        var nodes = PlanningTree.Build("R", 2026, Units, people, new HashSet<string>(["HA"], StringComparer.Ordinal));

        Assert.Equal(["R", "A", "P1", "P3", "A1", "P2", "B", "P4"], nodes.Select(n => n.Id));
        Assert.Equal([null, "R", "A", "A", "A", "A1", "R", "B"], nodes.Select(n => n.Parent));
        Assert.Equal([false, false, true, true, false, true, false, true], nodes.Select(n => n.IsPerson));
        Assert.Equal(new DateOnly(2026, 1, 15), nodes[^1].Left);
        Assert.Equal(new DateOnly(2026, 12, 15), nodes[5].Hired);
    }

    [Fact]
    public void Build_WhenSubjectIsNoUnit_ThenEmpty()
    {
        Assert.Empty(PlanningTree.Build("P1", 2026, Units, [new("P1", "Li", "A", null, null)], new HashSet<string>(StringComparer.Ordinal)));
    }
}
