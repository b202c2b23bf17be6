using System.Globalization;
using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

public sealed class DataErrorTests
{
    private static readonly DataError AmountError = new("sales.csv", 12, 5, "amount", DataErrorCode.InvalidNumber, ["12,34.5", "amount"]);

    [Theory]
    [InlineData("zh-CN", "sales.csv:12:5（amount）：'12,34.5' 不是有效的金额")]
    [InlineData("zh-Hans", "sales.csv:12:5（amount）：'12,34.5' 不是有效的金额")]
    [InlineData("zh-SG", "sales.csv:12:5（amount）：'12,34.5' 不是有效的金额")]
    [InlineData("zh-TW", "sales.csv:12:5（amount）：'12,34.5' 不是有效的金額")]
    [InlineData("zh-HK", "sales.csv:12:5（amount）：'12,34.5' 不是有效的金額")]
    [InlineData("zh-Hant", "sales.csv:12:5（amount）：'12,34.5' 不是有效的金額")]
    [InlineData("en", "sales.csv:12:5 (amount): '12,34.5' is not a valid amount")]
    [InlineData("en-GB", "sales.csv:12:5 (amount): '12,34.5' is not a valid amount")]
    [InlineData("fr-FR", "sales.csv:12:5 (amount): '12,34.5' is not a valid amount")]
    [InlineData("", "sales.csv:12:5 (amount): '12,34.5' is not a valid amount")]
    public void Format_WhenCulture_ThenItsLanguage(string culture, string expected)
    {
        Assert.Equal(expected, AmountError.Format(CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Format_WhenNoColumnName_ThenLineAndColumnOnly()
    {
        var error = new DataError("a.csv", 3, 2, null, DataErrorCode.Required, []);
        Assert.Equal("a.csv:3:2: a value is required", error.Format(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("a.csv:3:2：此项必填", error.Format(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Format_WhenTableTooLarge_ThenNamesTheColumn()
    {
        // Reaching 2 GB of text in one column is not practical in a unit test; the message is checked here.
        var error = new DataError("sales.csv", 0, 0, null, DataErrorCode.TableTooLarge, ["customer"]);
        Assert.Equal("sales.csv: the file is too large: column 'customer' holds more than 2 GB of text", error.Format(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("sales.csv：文件过大：列 'customer' 的文本超过 2 GB", error.Format(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Format_WhenEveryCode_ThenEveryLanguageHasText()
    {
        foreach (var code in Enum.GetValues<DataErrorCode>())
        {
            var error = new DataError("f.csv", 2, 1, "x", code, ["a", "amount", "c"]);
            foreach (var culture in (string[])["en", "zh-CN", "zh-TW"])
            {
                var text = error.Format(CultureInfo.GetCultureInfo(culture));
                Assert.DoesNotContain(code.ToString(), text, StringComparison.Ordinal);
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            }

            Assert.NotEqual(error.Format(CultureInfo.GetCultureInfo("en")), error.Format(CultureInfo.GetCultureInfo("zh-CN")));
        }
    }
}
