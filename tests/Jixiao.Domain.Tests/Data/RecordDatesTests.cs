using Jixiao.Domain.Data;

namespace Jixiao.Domain.Tests.Data;

/// <summary>The one date rule: yyyy-MM-dd (full-width digits too) within 1900-01-01 … 2100-12-31.</summary>
public class RecordDatesTests
{
    [Theory]
    [InlineData("1900-01-01", DateInput.Ok)]
    [InlineData("2100-12-31", DateInput.Ok)]
    [InlineData(" 2026-11-26 ", DateInput.Ok)]
    [InlineData("２０２６－１１－２６", DateInput.Ok)]
    [InlineData("1899-12-31", DateInput.OutOfRange)]
    [InlineData("0001-01-01", DateInput.OutOfRange)]
    [InlineData("2101-01-01", DateInput.OutOfRange)]
    [InlineData("9999-12-31", DateInput.OutOfRange)]
    [InlineData("2026-02-30", DateInput.Invalid)]
    [InlineData("2026-13-01", DateInput.Invalid)]
    [InlineData("26-11-26", DateInput.Invalid)]
    [InlineData("2026/11/26", DateInput.Invalid)]
    [InlineData("abc", DateInput.Invalid)]
    [InlineData("\0", DateInput.Invalid)]
    [InlineData("", DateInput.Empty)]
    [InlineData("  ", DateInput.Empty)]
    [InlineData(null, DateInput.Empty)]
    public void Parse_WhenText_ThenOkOutOfRangeInvalidOrEmpty(string? text, DateInput expected)
    {
        Assert.Equal(expected, RecordDates.Parse(text, out var date));
        if (expected == DateInput.Ok)
        {
            Assert.True(RecordDates.Contains(date));
        }
    }

    [Fact]
    public void Bounds_WhenAsked_ThenTheRangeInclusive()
    {
        Assert.Equal(("1900-01-01", "2100-12-31"), RecordDates.Bounds);
        Assert.True(RecordDates.ContainsYear(1900) && RecordDates.ContainsYear(2100));
        Assert.False(RecordDates.ContainsYear(1899) || RecordDates.ContainsYear(2101));
    }
}
