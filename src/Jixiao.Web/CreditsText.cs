using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the 业绩分配 page (/credits) and /api/v1/credits (Resources/CreditsText.resx: zh-CN by
/// default, .en and .zh-TW; generated from CreditsText.tsv by scripts/gen-resx.py). Pages read it through
/// IStringLocalizer&lt;CreditsText&gt;, the API through <see cref="Get"/> in the request's language.
/// </summary>
public sealed class CreditsText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.CreditsText", typeof(CreditsText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);
}
