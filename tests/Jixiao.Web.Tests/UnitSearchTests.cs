using Jixiao.Application.Persistence;
using Jixiao.Web.Plans;
using Jixiao.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>The calculation page's unit picker searches org units in the database (by name or id, top N) on the demo company.</summary>
public sealed class UnitSearchTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private async Task<T> Db<T>(Func<JixiaoDbContext, Task<T>> query)
    {
        using var scope = fx.Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }

    [Fact]
    public async Task Find_WhenPartOfAnId_ThenThoseUnitsByNameThenId()
    {
        var expected = fx.Factory.WithDb(db => db.OrgUnits.Where(u => u.Id.StartsWith("ST1-T")).AsEnumerable()
            .OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal).Select(u => (u.Id, u.Name)).ToList());
        var found = await Db(db => UnitSearch.FindAsync(db, " ST1-T "));
        Assert.Equal(["ST1-T1", "ST1-T2"], expected.Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Find_WhenPartOfAName_ThenTheUnitAndWhenNothingMatches_ThenNone()
    {
        var name = fx.Factory.WithDb(db => db.OrgUnits.Single(u => u.Id == "ST2").Name);
        var found = await Db(db => UnitSearch.FindAsync(db, name));
        Assert.Contains(("ST2", name), found);
        Assert.All(found, u => Assert.Contains(name, u.Name, StringComparison.Ordinal));
        Assert.Empty(await Db(db => UnitSearch.FindAsync(db, "no unit is called this")));
    }

    [Fact]
    public async Task Find_WhenEmpty_ThenAtMostTheLimit()
    {
        var all = fx.Factory.WithDb(db => db.OrgUnits.Count());
        Assert.True(all > 3, $"the demo has {all} units");
        Assert.Equal(3, (await Db(db => UnitSearch.FindAsync(db, "", 3))).Count);
        Assert.Equal(all, (await Db(db => UnitSearch.FindAsync(db, null, 1000))).Count);
    }

    [Fact]
    public async Task Names_WhenIdsGiven_ThenTheirNamesAndUnknownIdsLeftOut()
    {
        var expected = fx.Factory.WithDb(db => db.OrgUnits.Where(u => u.Id == "HQ" || u.Id == "ST3-T1").ToDictionary(u => u.Id, u => u.Name));
        var names = await Db(db => UnitSearch.NamesAsync(db, ["HQ", "ST3-T1", "HQ", "NOPE"]));
        Assert.Equal(expected.OrderBy(x => x.Key, StringComparer.Ordinal), names.OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Equal(2, names.Count);
    }
}
