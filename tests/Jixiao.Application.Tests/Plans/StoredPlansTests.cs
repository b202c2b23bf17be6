using Jixiao.Application.Persistence;
using Jixiao.Application.Plans;
using Jixiao.Domain.Plans;

namespace Jixiao.Application.Tests.Plans;

/// <summary>The parsed-plan cache of stored versions (<see cref="StoredPlans"/>): the same plan as a fresh parse, keyed by the text.</summary>
public sealed class StoredPlansTests
{
    private static PlanVersionEntity Version(long id, string yaml) => new() { Id = id, Number = 1, Yaml = yaml };

    [Fact]
    public void The_same_text_is_parsed_once_and_reads_as_a_fresh_parse()
    {
        var yaml = PlanTemplates.Text(PlanTemplates.Names[0]);
        var fresh = PlanLoader.Load(yaml).Plan!;
        var first = StoredPlans.Of(Version(1, yaml));
        var again = StoredPlans.Of(Version(1, new string(yaml.AsSpan())));

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.Equal(fresh.Code, first!.Code);
        Assert.Equal(fresh.Version, first.Version);
        Assert.Equal(fresh.Scorecards.Select(c => c.Code), first.Scorecards.Select(c => c.Code));
        Assert.Equal(fresh.Pay.Select(p => p.Code), first.Pay.Select(p => p.Code));
    }

    [Fact]
    public void Another_text_under_the_same_version_id_is_its_own_plan()
    {
        // Two databases (or two tests) may store different plans as version 1: the text decides, never the id alone.
        var a = PlanTemplates.Text(PlanTemplates.Names[0]);
        var b = PlanTemplates.Names.Select(PlanTemplates.Text).First(t => PlanLoader.Load(t).Plan?.Code != PlanLoader.Load(a).Plan?.Code);

        var planA = StoredPlans.Of(Version(1, a));
        var planB = StoredPlans.Of(Version(1, b));

        Assert.NotEqual(planA!.Code, planB!.Code);
        Assert.Equal(PlanLoader.Load(b).Plan!.Code, planB.Code);
    }

    [Fact]
    public void A_text_that_no_longer_loads_is_null_and_Required_says_so()
    {
        var broken = Version(7, "plan: [this is not a plan");

        Assert.Null(StoredPlans.Of(broken));
        var error = Assert.Throws<InvalidOperationException>(() => StoredPlans.Required(broken));
        Assert.Contains("no longer loads", error.Message, StringComparison.Ordinal);
    }
}
