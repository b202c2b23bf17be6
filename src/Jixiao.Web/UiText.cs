using System.Globalization;

namespace Jixiao.Web;

/// <summary>
/// The UI's text (Resources/UiText.resx: zh-CN by default, .en and .zh-TW), read through
/// IStringLocalizer&lt;UiText&gt;, and the cultures a user can pick (cookie ".AspNetCore.Culture").
/// </summary>
public sealed class UiText
{
    public static readonly string[] Cultures = [.. Jixiao.Formulas.Localization.Languages.Names];

    // Kept for the pages that call them; all formatting is LocaleFormat's (docs/number-format.md).

    /// <summary>Money exact to the cent (<see cref="LocaleFormat.Money(decimal, CultureInfo?)"/>).</summary>
    public static string Money(decimal amount) => LocaleFormat.Money(amount);

    /// <summary>A number with two decimals (<see cref="LocaleFormat.Number"/>).</summary>
    public static string Number(decimal? value) => LocaleFormat.Number(value);

    /// <summary>A ratio as a percentage (<see cref="LocaleFormat.Percent"/>).</summary>
    public static string Percent(decimal? ratio) => LocaleFormat.Percent(ratio);
}
