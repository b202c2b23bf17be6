using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the compensation pages (成本控制 /cost-control and the pages of issue 11 after it) and their APIs (Resources/CompensationText.resx: zh-CN by
/// default, .en and .zh-TW; generated from CompensationText.tsv by scripts/gen-resx.py). Pages read it through
/// IStringLocalizer&lt;CompensationText&gt;, the API through <see cref="Get"/> in the request's language.
/// </summary>
public sealed class CompensationText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.CompensationText", typeof(CompensationText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);
}
