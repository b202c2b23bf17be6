using System.Globalization;
using Jixiao.Application.Payroll;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;
using Jixiao.Web.Payroll;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>
/// The explanation of a ledger line (issue 12) names its pay component in the reader's language, as the component column
/// does: the plan's name_en in English, the Simplified name converted in Traditional Chinese, not the stored Simplified one.
/// </summary>
public sealed class LedgerSentenceNamesTests
{
    private static PayrollLine Line(string component, string? componentEn) => new(
        new LedgerLine("P01", "commission", Period.Parse("2026-10"), Period.Parse("2026-11"), LedgerStatus.Paid, 1234.50m, LedgerRule.Scheduled,
            [component, "2026-10", "2026-11"]),
        "张伟", "ST1-T1", component, componentEn);

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal) { ["ST1-T1"] = "城东店 · 销售一组" };

    [Theory]
    [InlineData("en", "Sales commission earned in 2026-10, paid in 2026-11")]
    [InlineData("zh-TW", "銷售提成：2026-10 計提，2026-11 發放")]
    [InlineData("zh-CN", "销售提成：2026-10 计提，2026-11 发放")]
    public void The_sentence_names_the_component_in_the_readers_language(string culture, string expected)
    {
        var dto = PayrollViews.Line(Line("销售提成", "Sales commission"), 1, null, Units, CultureInfo.GetCultureInfo(culture));

        Assert.Equal(expected, dto.Explanation);
        Assert.StartsWith(dto.ComponentName, dto.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_english_name_the_english_sentence_keeps_the_plans_name()
    {
        var dto = PayrollViews.Line(Line("销售提成", null), 1, null, Units, CultureInfo.GetCultureInfo("en"));

        Assert.Equal("销售提成 earned in 2026-10, paid in 2026-11", dto.Explanation);
    }
}
