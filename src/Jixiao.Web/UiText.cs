using System.Globalization;

namespace Jixiao.Web;

/// <summary>
/// The UI's text (Resources/UiText.resx: zh-CN by default, .en and .zh-TW), read through
/// IStringLocalizer&lt;UiText&gt;, and the cultures a user can pick (cookie ".AspNetCore.Culture").
/// </summary>
public sealed class UiText
{
    public static readonly string[] Cultures = ["zh-CN", "en", "zh-TW"];

    /// <summary>Money in yuan for the current culture: ¥ and two decimals in every language.</summary>
    public static string Money(decimal amount)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = "¥";
        format.CurrencyDecimalDigits = 2;
        format.CurrencyNegativePattern = 1;
        format.CurrencyPositivePattern = 0;
        return amount.ToString("C2", format);
    }

    /// <summary>A number with two decimals and the culture's group separator.</summary>
    public static string Number(decimal? value) => value is { } v ? v.ToString("N2", CultureInfo.CurrentCulture) : "—";

    /// <summary>A ratio (1.05) as a percentage (105.0%).</summary>
    public static string Percent(decimal? ratio) => ratio is { } r ? r.ToString("P1", CultureInfo.CurrentCulture) : "—";
}
