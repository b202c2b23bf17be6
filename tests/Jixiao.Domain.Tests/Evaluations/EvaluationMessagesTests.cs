using System.Globalization;
using Jixiao.Domain.Evaluations;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>Every refusal, state and step has its text in zh-CN, en and zh-TW (Resources/EvaluationMessages.tsv).</summary>
public sealed class EvaluationMessagesTests
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    [Fact]
    public void Message_WhenEveryCodeInEveryLanguage_ThenTextWithEveryArgumentFilledIn()
    {
        foreach (var code in Enum.GetValues<EvaluationErrorCode>())
        {
            var error = new EvaluationError(code, "2026-10", PeriodState.Evaluation, PeriodState.Calibration, 25);
            var texts = Cultures.Select(c => error.Message(c)).ToList();
            foreach (var text in texts)
            {
                Assert.DoesNotContain(code.ToString(), text, StringComparison.Ordinal);
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(text));
            }

            Assert.NotEqual(texts[0], texts[1]);
        }
    }

    [Fact]
    public void StateAndStepNames_WhenEveryLanguage_ThenNamed()
    {
        Assert.Equal(["进行中", "考核中", "校准中", "公示中", "已关闭"], Enum.GetValues<PeriodState>().Select(s => EvaluationText.StateName(s, Cultures[0])));
        Assert.Equal(["Open", "In evaluation", "In calibration", "Published", "Closed"], Enum.GetValues<PeriodState>().Select(s => EvaluationText.StateName(s, Cultures[1])));
        Assert.Equal("已關閉", EvaluationText.StateName(PeriodState.Closed, Cultures[2]));
        Assert.Equal(["自评", "上级评分", "跨部门复核", "公示期"], Enum.GetValues<EvaluationStep>().Select(s => EvaluationText.StepName(s, Cultures[0])));
        Assert.Equal("跨部門複核", EvaluationText.StepName(EvaluationStep.Verification, Cultures[2]));
    }

    [Fact]
    public void Message_WhenStateArgument_ThenNamedInTheReadersLanguage()
    {
        var error = new EvaluationError(EvaluationErrorCode.WrongState, "2026-10", PeriodState.Open, PeriodState.Calibration);
        Assert.Equal("期间 2026-10 当前为“进行中”，此操作需要“校准中”状态。", error.Message(Cultures[0]));
        Assert.Equal("Period 2026-10 is Open; this step needs it to be In calibration.", error.Message(Cultures[1]));
        Assert.Equal("期間 2026-10 當前為“進行中”，此操作需要“校準中”狀態。", error.Message(Cultures[2]));
    }

    [Fact]
    public void Codes_WhenParsed_ThenRoundTrip()
    {
        foreach (var s in Enum.GetValues<PeriodState>())
        {
            Assert.True(PeriodStates.TryParse(PeriodStates.Code(s).ToUpperInvariant(), out var back));
            Assert.Equal(s, back);
        }

        foreach (var s in Enum.GetValues<EvaluationStep>())
        {
            Assert.True(EvaluationSteps.TryParse(" " + EvaluationSteps.Code(s) + " ", out var back));
            Assert.Equal(s, back);
        }

        Assert.False(PeriodStates.TryParse("done", out _));
        Assert.False(EvaluationSteps.TryParse(null, out _));
        Assert.Null(PeriodStates.Next(PeriodState.Closed));
        Assert.Equal(PeriodState.Published, PeriodStates.Next(PeriodState.Calibration));
    }
}
