using System.Globalization;
using System.Resources;
using Jixiao.Application.Excel;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Column headers and sheet names of the Excel exports (Resources/ExportText*.resx, generated from ExportText.tsv:
/// zh-CN, en, zh-TW), in the request's language (<see cref="CultureInfo.CurrentUICulture"/>, set by request localization).
/// </summary>
public sealed class ExportText
{
    private static readonly ResourceManager Resources = new("Jixiao.Web.Resources.ExportText", typeof(ExportText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/>'s language (default: the request's).</summary>
    public static string Get(string key, CultureInfo? culture = null) => Languages.Text(Resources, key, culture ?? CultureInfo.CurrentUICulture);

    /// <summary>A column headed by the text <paramref name="key"/> with its placeholder filled, e.g. the company's time zone in "时间（Asia/Shanghai）".</summary>
    public static ExportColumn Column(string key, string argument)
    {
        var header = Languages.Text(Resources, key, CultureInfo.CurrentUICulture, argument);
        return new ExportColumn(header, header, ExportKind.Text);
    }

    /// <summary>A column headed by the text <paramref name="key"/>.</summary>
    public static ExportColumn Column(string key, ExportKind kind = ExportKind.Text, CultureInfo? culture = null)
    {
        var header = Get(key, culture);
        return new ExportColumn(header, header, kind);
    }
}
