using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// The 评分 page's and the ratings API's text (Resources/RatingsText.resx: zh-CN by default, .en and .zh-TW): the page
/// reads it through IStringLocalizer&lt;RatingsText&gt;, the API in the request's language through <see cref="Get"/>.
/// </summary>
public sealed class RatingsText
{
    private static readonly ResourceManager Resources = new("Jixiao.Web.Resources.RatingsText", typeof(RatingsText).Assembly);

    /// <summary>A message in <paramref name="culture"/>, formatted with <paramref name="args"/>.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Resources, key, culture, args);
}
