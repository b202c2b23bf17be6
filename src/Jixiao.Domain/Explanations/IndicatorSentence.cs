using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Localization;

namespace Jixiao.Domain.Explanations;

/// <summary>
/// An indicator's result as a sentence a salesperson understands (issue 12): "销售额 785,000 元 ÷ 目标 800,000 元 =
/// 98.13%，× 20 分 = 19.63 分" when the points are the weight times the achievement; otherwise the actual, the target, the
/// achievement and the points out of the weight; without a target, the points out of the weight. The formula's own text
/// stays in the explanation tree (the web's 公式 toggle for HR, the command line's --formula). One implementation for the
/// web app and the command line.
/// </summary>
public static class IndicatorSentence
{
    /// <summary>The sentence for <paramref name="indicator"/> in <paramref name="culture"/> (zh-CN when null).</summary>
    public static string Of(IndicatorResult indicator, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        culture ??= Text.DefaultCulture;
        var points = Points(indicator.Points, culture);
        var weight = Points(indicator.Weight, culture);
        if (indicator is { Actual: { } actual, Target: { } target, Achievement: { } achievement })
        {
            var pct = (achievement * 100m).ToString("#,##0.##", culture) + "%";
            var proportional = Math.Round(indicator.Weight * achievement, 2, MidpointRounding.AwayFromZero) == indicator.Points;
            return proportional
                ? Text.Format("Sentence_Ratio", culture, indicator.Name, Figure(actual, indicator.Unit, culture), Figure(target, indicator.Unit, culture), pct, weight, points)
                : Text.Format("Sentence_Achieved", culture, indicator.Name, Figure(actual, indicator.Unit, culture), Figure(target, indicator.Unit, culture), pct, points, weight);
        }

        return indicator.Actual is { } value
            ? Text.Format("Sentence_Actual", culture, indicator.Name, Figure(value, indicator.Unit, culture), points, weight)
            : Text.Format("Sentence_Points", culture, indicator.Name, points, weight);
    }

    /// <summary>
    /// The sentence for one part of a sum of parts under its indicator's sentence ("· 销售车辆数 7 台 ÷ 目标 10 台 = 70%，得
    /// 14 分"), <paramref name="name"/> being the part's name in the reader's language.
    /// </summary>
    public static string OfPart(PartResult part, string name, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        culture ??= Text.DefaultCulture;
        var points = Points(part.Points, culture);
        if (part is { Actual: { } actual, Target: { } target, Achievement: { } achievement })
        {
            var pct = (achievement * 100m).ToString("#,##0.##", culture) + "%";
            return Text.Format("Sentence_Part", culture, name, Figure(actual, part.Unit, culture), Figure(target, part.Unit, culture), pct, points);
        }

        return Text.Format("Sentence_PartActual", culture, name, part.Actual is { } value ? Figure(value, part.Unit, culture) : "—", points);
    }

    /// <summary>A figure with its unit: "785,000 元", "9 台", "0.85".</summary>
    private static string Figure(decimal value, string? unit, CultureInfo culture) =>
        value.ToString("#,##0.####", culture) + (string.IsNullOrEmpty(unit) ? "" : " " + unit);

    private static string Points(decimal value, CultureInfo culture) => value.ToString("#,##0.##", culture);
}
