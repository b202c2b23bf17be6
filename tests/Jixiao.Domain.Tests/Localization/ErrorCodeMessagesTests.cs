using System.Globalization;
using System.Text.Json;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Localization;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Tests.Localization;

/// <summary>Every typed code of the domain (plan problems, calculation errors, target problems) has its message in zh-CN, en and zh-TW.</summary>
public sealed class ErrorCodeMessagesTests
{
    private static readonly CultureInfo[] Languages = [CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    private static readonly string[] Args = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var c in Enum.GetValues<PlanProblemCode>())
        {
            keys.Add(PlanProblem.MessageKey(c));
        }

        foreach (var c in Enum.GetValues<CalculationErrorCode>())
        {
            keys.Add(CalculationError.MessageKey(c));
        }

        foreach (var c in Enum.GetValues<TargetProblemCode>())
        {
            keys.Add(TargetProblem.MessageKey(c));
        }

        // Pay ledger explanations (docs/pay-ledger.md).
        foreach (var r in Enum.GetValues<Jixiao.Domain.Compensation.Ledger.LedgerRule>())
        {
            keys.Add("Ledger_" + r);
        }

        // Career recommendations: the rule's name and its evidence (docs/careers.md).
        foreach (var r in Enum.GetValues<Jixiao.Domain.Careers.CareerRule>())
        {
            keys.Add("CareerRule_" + r);
            keys.Add("Career_" + r);
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Message_WhenAnyCode_ThenEachLanguageHasItsOwnTextWithEveryArgumentFilledIn(string key)
    {
        var texts = new List<string>();
        foreach (var language in Languages)
        {
            var pattern = Text.Exact(key, language);
            Assert.False(string.IsNullOrWhiteSpace(pattern), $"{key} has no text in '{language.Name}'");
            texts.Add(pattern!);
        }

        // English differs from Chinese; every language formats with the arguments filled in.
        Assert.NotEqual(texts[1], texts[0]);
        Assert.NotEqual(texts[1], texts[2]);
        foreach (var culture in (string[])["zh-CN", "en", "zh-TW"])
        {
            var text = Text.Format(key, CultureInfo.GetCultureInfo(culture), Args);
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            Assert.NotEqual(key, text);
        }
    }

    [Fact]
    public void Message_WhenTargetProblem_ThenInTheReadersLanguage()
    {
        var problem = new TargetProblem("cells[0].month", TargetProblemCode.CellDuplicate, "P1", 3);
        Assert.Equal("P1 month 3 is given twice.", problem.Message(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("P1 的第 3 月重复填写。", problem.Message(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("P1 的第 3 月重複填寫。", problem.Message(CultureInfo.GetCultureInfo("zh-TW")));
    }

    [Fact]
    public void Json_WhenCalculationErrorStored_ThenTheCodeIsItsName()
    {
        // Runs keep their errors as JSON (CalculationRun.ErrorsJson): the code is written and read by name, as when it was a string.
        var error = new CalculationError("E1", CalculationErrorCode.MissingTarget, ["revenue", "2026-10", "sales"]);
        var json = JsonSerializer.Serialize(error);
        Assert.Equal("""{"Employee":"E1","Code":"MissingTarget","Arguments":["revenue","2026-10","sales"]}""", json);

        var read = JsonSerializer.Deserialize<CalculationError>("""{"Employee":"E2","Code":"NoGrade","Arguments":["12.5","s"]}""");
        Assert.Equal(CalculationErrorCode.NoGrade, read!.Code);
        Assert.Equal(["12.5", "s"], read.Arguments);
    }
}
