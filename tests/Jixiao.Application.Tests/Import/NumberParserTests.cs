using System.Text;
using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

public sealed class NumberParserTests
{
    private const NumberOptions Money = NumberOptions.MoneyUnits | NumberOptions.AllowNegative;

    private static (NumberStatus, long) Cents(string text, NumberOptions options = Money)
    {
        var status = NumberParser.ParseScaled(Encoding.UTF8.GetBytes(text), 2, options, long.MaxValue / 10, out var value, out _);
        return (status, value);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("7", 700L)]
    [InlineData("12.3", 1230L)]
    [InlineData("12.30", 1230L)]
    [InlineData("12.300", 1230L)]
    [InlineData("1,234,567.89", 123456789L)]
    [InlineData("123,456", 12345600L)]
    [InlineData("-0.01", -1L)]
    [InlineData("-0", 0L)]
    [InlineData("12.5万", 12500000L)]
    [InlineData("12.5万元", 12500000L)]
    [InlineData("0.000001万", 1L)]
    [InlineData("3元", 300L)]
    [InlineData("¥1,000", 100000L)]
    [InlineData("-¥5", -500L)]
    [InlineData("１２３．５", 12350L)]
    [InlineData("１，２３４．５", 123450L)]
    [InlineData("－１２", -1200L)]
    [InlineData("１２万", 12000000L)]
    [InlineData("￥８", 800L)]
    public void ParseScaled_WhenWellFormed_ThenExact(string text, long cents)
    {
        Assert.Equal((NumberStatus.Ok, cents), Cents(text));
    }

    [Theory]
    [InlineData("12,34")]
    [InlineData("1234,567")]
    [InlineData("1,2345")]
    [InlineData("1,,234")]
    [InlineData("12.3.4")]
    [InlineData("1e5")]
    [InlineData("1E5")]
    [InlineData("12¥3")]
    [InlineData("12元万")]
    [InlineData("万")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1.2,345")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("∞")]
    [InlineData("12%")]
    [InlineData("1 000")]
    [InlineData("١٢")]
    public void ParseScaled_WhenMalformed_ThenInvalid(string text)
    {
        Assert.Equal(NumberStatus.Invalid, Cents(text).Item1);
    }

    [Fact]
    public void ParseScaled_WhenEmpty_ThenEmpty()
    {
        Assert.Equal(NumberStatus.Empty, Cents(string.Empty).Item1);
    }

    [Theory]
    [InlineData("0.001", "TooManyDecimals")]
    [InlineData("1.2345678万", "TooManyDecimals")]
    [InlineData("99999999999999999999999", "OutOfRange")]
    [InlineData("9223372036854775807", "OutOfRange")]
    public void ParseScaled_WhenNotRepresentable_ThenSaysWhy(string text, string status)
    {
        Assert.Equal(Enum.Parse<NumberStatus>(status), Cents(text).Item1);
    }

    [Fact]
    public void ParseScaled_WhenNegativeNotAllowed_ThenNegative()
    {
        Assert.Equal(NumberStatus.Negative, Cents("-5", NumberOptions.MoneyUnits).Item1);
        Assert.Equal(NumberStatus.Negative, Cents("－５", NumberOptions.MoneyUnits).Item1);
        Assert.Equal((NumberStatus.Ok, 0L), Cents("-0", NumberOptions.MoneyUnits));
    }

    [Fact]
    public void ParseScaled_WhenUnitsNotAllowed_ThenInvalid()
    {
        Assert.Equal(NumberStatus.Invalid, Cents("5万", NumberOptions.None).Item1);
        Assert.Equal(NumberStatus.Invalid, Cents("¥5", NumberOptions.None).Item1);
    }

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData("50%", "0.5")]
    [InlineData("33.3333%", "0.333333")]
    [InlineData("１００％", "1")]
    [InlineData("0.125", "0.125")]
    [InlineData("1", "1")]
    public void ParseDecimal_WhenShare_ThenExact(string text, string expected)
    {
        var status = NumberParser.ParseDecimal(Encoding.UTF8.GetBytes(text), 6, NumberOptions.Percent, 1m, out var value);
        Assert.Equal(NumberStatus.Ok, status);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("12.5万", "125000")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("1,000.5", "1000.5")]
    [InlineData("7.50000", "7.5")]
    public void ParseDecimal_WhenValue_ThenExact(string text, string expected)
    {
        var status = NumberParser.ParseDecimal(Encoding.UTF8.GetBytes(text), 4, NumberOptions.MoneyUnits, 1e15m, out var value);
        Assert.Equal(NumberStatus.Ok, status);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void ParseDecimal_WhenTooPrecise_ThenTooManyDecimals()
    {
        Assert.Equal(NumberStatus.TooManyDecimals, NumberParser.ParseDecimal("0.00001"u8, 4, NumberOptions.None, 1e15m, out _));
        Assert.Equal(NumberStatus.TooManyDecimals, NumberParser.ParseDecimal("0.0000001%"u8, 6, NumberOptions.Percent, 1m, out _));
    }

    [Theory]
    [InlineData("50.00", "50.00")]
    [InlineData("7", "7")]
    [InlineData("007.50", "7.50")]
    [InlineData("1.23450", "1.2345")]
    [InlineData("9999999999999.9999", "9999999999999.9999")]
    [InlineData("123456789012345678", null)]
    [InlineData("10000000000000", null)]
    [InlineData("5.", null)]
    [InlineData("1.2.3", null)]
    [InlineData("-0.5", null)]
    public void ParseDecimal_WhenPlainDigits_ThenValueAndPlacesAsWritten(string text, string? expected)
    {
        // The plain-digits fast path must give what the full grammar gives, decimal places (scale) included.
        var status = NumberParser.ParseDecimal(Encoding.UTF8.GetBytes(text), 4, NumberOptions.None, 9_999_999_999_999.9999m, out var value);
        if (expected is null)
        {
            Assert.NotEqual(NumberStatus.Ok, status);
        }
        else
        {
            Assert.Equal(NumberStatus.Ok, status);
            Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
