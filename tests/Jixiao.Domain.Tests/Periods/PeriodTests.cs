using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Periods;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-10", PeriodKind.Month, "2026-10-01", "2026-10-31")]
    [InlineData("2026-02", PeriodKind.Month, "2026-02-01", "2026-02-28")]
    [InlineData("2024-02", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2026-Q4", PeriodKind.Quarter, "2026-10-01", "2026-12-31")]
    [InlineData("2026-q1", PeriodKind.Quarter, "2026-01-01", "2026-03-31")]
    [InlineData("2026-H2", PeriodKind.Half, "2026-07-01", "2026-12-31")]
    [InlineData("2026", PeriodKind.Year, "2026-01-01", "2026-12-31")]
    [InlineData("1900-01", PeriodKind.Month, "1900-01-01", "1900-01-31")]
    [InlineData("2100-12", PeriodKind.Month, "2100-12-01", "2100-12-31")]
    public void Parse_WhenValid_ThenBoundsAreCalendarBounds(string text, PeriodKind kind, string start, string end)
    {
        var p = Period.Parse(text);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
    }

    /// <summary>
    /// A period of the last representable year (no longer parsed from text: years 1900–2100, see below) still ends on its
    /// last day instead of stepping past the calendar (an overflow answered 500 on every endpoint given such a period).
    /// </summary>
    [Theory]
    [InlineData(PeriodKind.Month, 12, "9999-12-01", "9999-12-31")]
    [InlineData(PeriodKind.Quarter, 4, "9999-10-01", "9999-12-31")]
    [InlineData(PeriodKind.Year, 1, "9999-01-01", "9999-12-31")]
    public void Bounds_WhenLastRepresentableYear_ThenCalendarBoundsWithoutOverflow(PeriodKind kind, int index, string start, string end)
    {
        var p = new Period(kind, 9999, index);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-H3")]
    [InlineData("26-10")]
    [InlineData("2026/10")]
    [InlineData("2026-1")]
    [InlineData("9999-12")] // years outside 1900–2100 (RecordDates)
    [InlineData("9999")]
    [InlineData("1899")]
    [InlineData("2101-01")]
    public void TryParse_WhenInvalid_ThenFalse(string text)
    {
        Assert.False(Period.TryParse(text, out _));
    }

    [Fact]
    public void Months_WhenQuarter_ThenThreeMonthsInOrder()
    {
        Assert.Equal(["2026-10", "2026-11", "2026-12"], Period.Parse("2026-Q4").Months().Select(m => m.ToString()));
    }
}
