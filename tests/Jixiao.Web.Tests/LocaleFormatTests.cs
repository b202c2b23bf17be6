using System.Globalization;

namespace Jixiao.Web.Tests;

/// <summary>The one formatter of the pages (docs/number-format.md), exact strings in the three UI cultures.</summary>
public sealed class LocaleFormatTests
{
    private static readonly CultureInfo ZhCn = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static CultureInfo Culture(string name) => CultureInfo.GetCultureInfo(name);

    [Theory]
    [InlineData("元", "zh-CN", "¥150.00万")]
    [InlineData("cny", "zh-CN", "¥150.00万")]
    [InlineData("RMB", "zh-TW", "¥150.00萬")]
    [InlineData("人民币", "en", "¥1,500,000.00")]
    [InlineData("台", "zh-CN", "1,500,000.00")]
    [InlineData(null, "zh-CN", "1,500,000.00")]
    public void Amount_WhenUnitIsMoney_ThenHeadlineElseNumber(string? unit, string culture, string expected) =>
        Assert.Equal(expected, LocaleFormat.Amount(1_500_000m, unit, Culture(culture)));

    [Theory]
    [InlineData("zh-CN", "1234567.00", "¥123.46万")]
    [InlineData("zh-TW", "1234567.00", "¥123.46萬")]
    [InlineData("en", "1234567.00", "¥1,234,567.00")]
    [InlineData("zh-CN", "10000.00", "¥1.00万")]
    [InlineData("zh-CN", "9999.99", "¥9,999.99")]
    [InlineData("zh-TW", "9999.99", "¥9,999.99")]
    [InlineData("zh-CN", "0", "¥0.00")]
    [InlineData("zh-CN", "12345.00", "¥1.23万")]
    [InlineData("zh-CN", "12350.00", "¥1.24万")] // 1.235万: half away from zero
    [InlineData("zh-CN", "-12350.00", "-¥1.24万")]
    [InlineData("zh-CN", "-9999.99", "-¥9,999.99")]
    [InlineData("zh-CN", "123456789.00", "¥1.23亿")]
    [InlineData("zh-TW", "123456789.00", "¥1.23億")]
    [InlineData("zh-CN", "99999999.99", "¥1.00亿")] // 9,999.9999…万 rounds to 10,000.00万, shown as 1.00亿
    [InlineData("zh-CN", "99994999.99", "¥9,999.50万")]
    [InlineData("zh-CN", "1234567890123.45", "¥12,345.68亿")]
    [InlineData("en", "-1234.5", "-¥1,234.50")]
    [InlineData("en", "123456789.00", "¥123,456,789.00")]
    public void MoneyShort_is_in_wan_in_Chinese_from_ten_thousand_and_exact_otherwise(string culture, string amount, string expected) =>
        Assert.Equal(expected, LocaleFormat.MoneyShort(decimal.Parse(amount, CultureInfo.InvariantCulture), Culture(culture)));

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public void Money_is_exact_to_the_cent_with_the_yuan_sign_in_every_culture(string culture)
    {
        var c = Culture(culture);
        Assert.Equal("¥1,234,567.00", LocaleFormat.Money(1234567m, c));
        Assert.Equal("¥0.01", LocaleFormat.Money(0.01m, c));
        Assert.Equal("-¥1,234.50", LocaleFormat.Money(-1234.5m, c));
        Assert.Equal("¥0.03", LocaleFormat.Money(0.025m, c)); // half away from zero (Money.Round)
        Assert.Equal("-¥0.03", LocaleFormat.Money(-0.025m, c));
        Assert.Equal("—", LocaleFormat.Money((decimal?)null, c));
        Assert.Equal("—", LocaleFormat.MoneyShort((decimal?)null, c));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public void Numbers_and_percentages(string culture)
    {
        var c = Culture(culture);
        Assert.Equal("1,234.50", LocaleFormat.Number(1234.5m, c));
        Assert.Equal("-0.13", LocaleFormat.Number(-0.125m, c));
        Assert.Equal("—", LocaleFormat.Number(null, c));
        Assert.Equal("105.0%", LocaleFormat.Percent(1.05m, c));
        Assert.Equal("59.9%", LocaleFormat.Percent(0.5994m, c));
        Assert.Equal("—", LocaleFormat.Percent(null, c));
        Assert.Equal("1,234.5", LocaleFormat.Quantity(1234.5m, c));
        Assert.Equal("0.0001", LocaleFormat.Quantity(0.0001m, c));
        Assert.Equal("+1,234.5", LocaleFormat.SignedQuantity(1234.5m, c));
        Assert.Equal("-0.01", LocaleFormat.SignedQuantity(-0.01m, c));
        Assert.Equal("0", LocaleFormat.SignedQuantity(0m, c));
    }

    [Fact]
    public void Dates_follow_the_culture()
    {
        var d = new DateOnly(2026, 11, 5);
        Assert.Equal("2026-11-05", LocaleFormat.Date(d, ZhCn));
        Assert.Equal("2026/11/05", LocaleFormat.Date(d, ZhTw));
        Assert.Equal("5 Nov 2026", LocaleFormat.Date(d, En));
        Assert.Equal("5 Nov 2026", LocaleFormat.Date(d, Culture("en-US")));
        Assert.Equal("2026/11/05", LocaleFormat.Date(d, Culture("zh-Hant")));
    }

    [Fact]
    public void Without_a_culture_the_current_culture_is_used()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = ZhTw;
            Assert.Equal("¥123.46萬", LocaleFormat.MoneyShort(1234567m));
            Assert.Equal("¥1,234,567.00", UiText.Money(1234567m));
            CultureInfo.CurrentCulture = En;
            Assert.Equal("¥1,234,567.00", LocaleFormat.MoneyShort(1234567m));
            Assert.Equal("20 Oct 2026", LocaleFormat.Date(new DateOnly(2026, 10, 20)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
