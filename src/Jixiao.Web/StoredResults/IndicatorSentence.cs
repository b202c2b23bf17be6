using System.Globalization;
using Jixiao.Domain.Calculation;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.StoredResults;

/// <summary>
/// An indicator's result as a sentence a salesperson understands (issue 12): "销售额 785,000 元 ÷ 目标 800,000 元 =
/// 98.13%，× 20 分 = 19.63 分" when the points are the weight times the achievement; otherwise the actual, the target, the
/// achievement and the points out of the weight; without a target, the points out of the weight. The formula's own text
/// stays in the explanation tree (the 公式 toggle for HR).
/// </summary>
public static class IndicatorSentence
{
    /// <summary>The sentence for <paramref name="indicator"/> with the texts of <paramref name="text"/> (UiText).</summary>
    public static string Of(IndicatorResult indicator, IStringLocalizer text, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(text);
        culture ??= CultureInfo.CurrentCulture;
        var points = Points(indicator.Points, culture);
        var weight = Points(indicator.Weight, culture);
        if (indicator is { Actual: { } actual, Target: { } target, Achievement: { } achievement })
        {
            var pct = (achievement * 100m).ToString("#,##0.##", culture) + "%";
            var proportional = Math.Round(indicator.Weight * achievement, 2, MidpointRounding.AwayFromZero) == indicator.Points;
            return proportional
                ? text["Sentence_Ratio", indicator.Name, Figure(actual, indicator.Unit, culture), Figure(target, indicator.Unit, culture), pct, weight, points]
                : text["Sentence_Achieved", indicator.Name, Figure(actual, indicator.Unit, culture), Figure(target, indicator.Unit, culture), pct, points, weight];
        }

        return indicator.Actual is { } value
            ? text["Sentence_Actual", indicator.Name, Figure(value, indicator.Unit, culture), points, weight]
            : text["Sentence_Points", indicator.Name, points, weight];
    }

    /// <summary>A figure with its unit: "785,000 元", "9 台", "0.85".</summary>
    private static string Figure(decimal value, string? unit, CultureInfo culture) =>
        value.ToString("#,##0.####", culture) + (string.IsNullOrEmpty(unit) ? "" : " " + unit);

    private static string Points(decimal value, CultureInfo culture) => value.ToString("#,##0.##", culture);
}
