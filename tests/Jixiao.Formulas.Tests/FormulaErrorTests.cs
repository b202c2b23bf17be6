using System.Globalization;
using System.Resources;

namespace Jixiao.Formulas.Tests;

public class FormulaErrorTests
{
    private static FormulaError UnknownVariable(string source = "base * revnue") =>
        Assert.Single(TestFormulas.CompileErrors(source, name: "bonus"));

    [Theory]
    [InlineData("en-US", "formula 'bonus': unknown variable 'revnue' at line 1, column 8")]
    [InlineData("", "formula 'bonus': unknown variable 'revnue' at line 1, column 8")]
    [InlineData("fr-FR", "formula 'bonus': unknown variable 'revnue' at line 1, column 8")]
    [InlineData("zh-CN", "公式 'bonus' 第 1 行第 8 列：未知的变量 'revnue'")]
    [InlineData("zh", "公式 'bonus' 第 1 行第 8 列：未知的变量 'revnue'")]
    [InlineData("zh-Hans", "公式 'bonus' 第 1 行第 8 列：未知的变量 'revnue'")]
    [InlineData("zh-SG", "公式 'bonus' 第 1 行第 8 列：未知的变量 'revnue'")]
    [InlineData("zh-TW", "公式 'bonus' 第 1 行第 8 欄：未知的變數 'revnue'")]
    [InlineData("zh-HK", "公式 'bonus' 第 1 行第 8 欄：未知的變數 'revnue'")]
    [InlineData("zh-Hant", "公式 'bonus' 第 1 行第 8 欄：未知的變數 'revnue'")]
    public void Format_WhenCultureIsGiven_ThenHeaderIsLocalisedAndCaretPointsAtColumn(string culture, string header)
    {
        var text = UnknownVariable().Format(CultureInfo.GetCultureInfo(culture));

        Assert.Equal(header + "\nbase * revnue\n       ^", text);
    }

    [Theory]
    [InlineData("en", "the formula must give a number but gives a boolean (true/false)")]
    [InlineData("zh-CN", "公式的结果必须是数值，但实际是布尔值（真/假）")]
    [InlineData("zh-TW", "公式的結果必須是數值，但實際是布林值（真/假）")]
    public void FormatMessage_WhenTypesAreNamed_ThenTypeNamesAreLocalised(string culture, string message)
    {
        var error = Assert.Single(TestFormulas.CompileErrors("a > b"));

        Assert.Equal(message, error.FormatMessage(CultureInfo.GetCultureInfo(culture)));
    }

    [Theory]
    [InlineData("1 +", "en", "expected a number, a variable, a function call or '(' but found the end of the formula")]
    [InlineData("1 +", "zh-CN", "此处应为数字、变量、函数调用或 '('，却遇到 公式结尾")]
    [InlineData("a b", "en", "unexpected 'b': expected an operator or the end of the formula")]
    [InlineData("a b", "zh-CN", "多余的 'b'：此处应为运算符或公式结尾")]
    [InlineData("min(1)", "en", "function 'min' takes at least 2 arguments but is given 1")]
    [InlineData("abs(1, 2)", "en", "function 'abs' takes 1 argument(s) but is given 2")]
    [InlineData("abs(1, 2)", "zh-CN", "函数 'abs' 需要 1 个参数，实际给了 2 个")]
    [InlineData("1 + true", "en", "'+' needs a number here but this is a boolean (true/false)")]
    [InlineData("1 + true", "zh-CN", "'+' 此处需要数值，但这里是布尔值（真/假）")]
    [InlineData("round(a, 11)", "zh-TW", "'round' 的小數位數必須直接寫成 0 到 10 的整數，不能是 '11'")]
    public void FormatMessage_WhenErrorHasVariants_ThenPicksTheMatchingText(string source, string culture, string message)
    {
        var error = Assert.Single(TestFormulas.CompileErrors(source));

        Assert.Equal(message, error.FormatMessage(CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Format_WhenErrorIsOnLaterLine_ThenShowsThatLine()
    {
        var error = UnknownVariable("base *\n\t  revnue");

        Assert.Equal(
            "公式 'bonus' 第 2 行第 4 列：未知的变量 'revnue'\n\t  revnue\n\t  ^",
            error.Format(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Format_WhenLineHasChineseBeforeColumn_ThenCaretUsesWideSpaces()
    {
        var error = UnknownVariable("销售额 * revnue");

        Assert.EndsWith("\n销售额 * revnue\n\u3000\u3000\u3000   ^", error.Format(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WhenEvaluationFails_ThenRuntimeErrorIsLocalised()
    {
        var formula = FormulaCompiler.Compile("followup", "calls_made / followup_done", TestFormulas.Variables);
        Assert.False(formula.TryEvaluate(TestFormulas.Values(), out _, out var error));

        Assert.Equal(
            "公式 'followup' 第 1 行第 14 列：除数 'followup_done' 为零\ncalls_made / followup_done\n             ^",
            error!.Format(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Theory]
    [InlineData(FormulaErrorCode.Syntax, "ExpectedExpression|x")]
    [InlineData(FormulaErrorCode.UnknownVariable, "v")]
    [InlineData(FormulaErrorCode.UnknownFunction, "f")]
    [InlineData(FormulaErrorCode.UnknownTable, "t")]
    [InlineData(FormulaErrorCode.WrongArgumentCount, "if|3|3|2")]
    [InlineData(FormulaErrorCode.TypeMismatch, "+|Number|Boolean")]
    [InlineData(FormulaErrorCode.InvalidRoundDigits, "11")]
    [InlineData(FormulaErrorCode.TooLong, "5000|4000")]
    [InlineData(FormulaErrorCode.TooDeep, "64")]
    [InlineData(FormulaErrorCode.TooManySteps, "10000")]
    [InlineData(FormulaErrorCode.DivisionByZero, "x")]
    [InlineData(FormulaErrorCode.Overflow, "x * y")]
    [InlineData(FormulaErrorCode.LookupOutOfRange, "rate|-1")]
    public void FormatMessage_WhenAnyCodeInAnyCulture_ThenTextIsTranslatedAndFilledIn(FormulaErrorCode code, string arguments)
    {
        var error = new FormulaError("f", code, 1, 1, "x", arguments.Split('|'));

        var english = error.FormatMessage(CultureInfo.InvariantCulture);
        var simplified = error.FormatMessage(CultureInfo.GetCultureInfo("zh-CN"));
        var traditional = error.FormatMessage(CultureInfo.GetCultureInfo("zh-TW"));

        Assert.DoesNotContain("{", english, StringComparison.Ordinal);
        Assert.DoesNotContain("_", english, StringComparison.Ordinal);
        Assert.DoesNotContain(english, c => c >= '\u2E80');
        Assert.Contains(simplified, s => s >= '\u4E00');
        Assert.Contains(traditional, s => s >= '\u4E00');
        Assert.NotEqual(english, simplified);
        Assert.NotEqual(simplified, traditional);
    }

    [Fact]
    public void Format_WhenPositionIsUnknown_ThenPrintsHeaderOnly()
    {
        var error = new FormulaError("f", FormulaErrorCode.TooManySteps, 0, 0, "", ["5"]);

        Assert.Equal("formula 'f': the evaluation took more than 5 steps at line 0, column 0", error.Format(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Equals_WhenArgumentsAreEqualButDifferentLists_ThenErrorsAreEqual()
    {
        var first = new FormulaError("f", FormulaErrorCode.UnknownVariable, 1, 2, "x", ["a"]);
        var second = new FormulaError("f", FormulaErrorCode.UnknownVariable, 1, 2, "x", new List<string> { "a" });

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-TW")]
    public void SatelliteAssembly_WhenEnglishOrTraditionalIsAsked_ThenLoadsAndHasEveryKey(string culture)
    {
        var assembly = typeof(FormulaCompiler).Assembly;
        var satellite = assembly.GetSatelliteAssembly(CultureInfo.GetCultureInfo(culture));
        var manager = new ResourceManager("Jixiao.Formulas.Resources.FormulaMessages", assembly);

        Assert.Contains($"Jixiao.Formulas.Resources.FormulaMessages.{culture}.resources", satellite.GetManifestResourceNames());
        var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var localised = manager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!;
        foreach (System.Collections.DictionaryEntry entry in neutral)
        {
            var key = (string)entry.Key;
            Assert.False(string.IsNullOrWhiteSpace(localised.GetString(key)), $"{culture} lacks {key}");
        }
    }
}
