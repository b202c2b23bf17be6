namespace Jixiao.Formulas.Tests;

public class VariableCatalogueTests
{
    [Fact]
    public void Constructor_WhenNamesAreDistinct_ThenSlotsFollowOrder()
    {
        var catalogue = new VariableCatalogue(["revenue", "Revenue", "销售额"]);

        Assert.Equal(3, catalogue.Count);
        Assert.Equal(["revenue", "Revenue", "销售额"], catalogue.Names);
        Assert.True(catalogue.TryGetSlot("Revenue", out var slot));
        Assert.Equal(1, slot);
        Assert.Equal("销售额", catalogue.NameOf(2));
        Assert.False(catalogue.TryGetSlot("REVENUE", out _));
    }

    [Theory]
    [InlineData("a", "b", "a")]
    [InlineData("a", "", "c")]
    public void Constructor_WhenNameIsDuplicateOrEmpty_ThenThrowsArgumentException(string first, string second, string third)
    {
        Assert.Throws<ArgumentException>(() => new VariableCatalogue([first, second, third]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void NameOf_WhenSlotIsOutOfRange_ThenThrows(int slot)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VariableCatalogue(["a", "b"]).NameOf(slot));
    }

    [Theory]
    [InlineData("revenue", true)]
    [InlineData("_x1", true)]
    [InlineData("销售额2", true)]
    [InlineData("1x", false)]
    [InlineData("a.b", false)]
    [InlineData("and", false)]
    [InlineData("TRUE", false)]
    [InlineData("", false)]
    public void IsValidName_WhenNameIsChecked_ThenMatchesIdentifierGrammar(string name, bool valid)
    {
        Assert.Equal(valid, VariableCatalogue.IsValidName(name));
    }
}
