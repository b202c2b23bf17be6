using System.Globalization;
using Jixiao.Application.Organisation;

namespace Jixiao.Application.Tests.Organisation;

public sealed class OrgProblemTests
{
    private static readonly CultureInfo[] Languages = [CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    [Fact]
    public void Message_WhenEveryCode_ThenEachLanguageHasItsOwnTextWithEveryArgumentFilledIn()
    {
        foreach (var code in Enum.GetValues<OrgProblemCode>())
        {
            // zh-CN (the neutral resources), en and zh-TW each from their own file; English differs from both Chinese texts.
            var texts = Languages.Select(l => OrgProblem.Resources.GetResourceSet(l, createIfNotExists: true, tryParents: false)?.GetString(code.ToString())).ToList();
            Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t), $"{code} lacks a language"));
            Assert.NotEqual(texts[1], texts[0]);
            Assert.NotEqual(texts[1], texts[2]);

            var problem = new OrgProblem("f", code, ["a", "b", "c"]); // as many arguments as the longest message fills in
            foreach (var culture in (string[])["zh-CN", "en", "zh-TW"])
            {
                var text = problem.Message(CultureInfo.GetCultureInfo(culture));
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                Assert.NotEqual(code.ToString(), text);
            }
        }
    }

    [Fact]
    public void Message_WhenTransferTooEarly_ThenInTheReadersLanguage()
    {
        var problem = new OrgProblem("effectiveFrom", OrgProblemCode.TransferNotAfterCurrent, ["2026-01-01", "2026-03-01"]);
        Assert.Equal("The effective date 2026-01-01 must be after the current assignment's start 2026-03-01.", problem.Message(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("生效日期 2026-01-01 须晚于当前任职的开始日期 2026-03-01。", problem.Message(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("生效日期 2026-01-01 須晚於當前任職的開始日期 2026-03-01。", problem.Message(CultureInfo.GetCultureInfo("zh-TW")));
    }
}
