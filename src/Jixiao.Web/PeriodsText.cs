using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the 考核周期 page (/periods), the adjustments shown on other pages, and the periods API's field messages
/// (Resources/PeriodsText.resx: zh-CN by default, .en and .zh-TW; generated from PeriodsText.tsv by
/// scripts/gen-resx.py). Pages read it through IStringLocalizer&lt;PeriodsText&gt;, the API through <see cref="Get"/>.
/// The cycle's own refusals are the domain's (Jixiao.Domain.Evaluations.EvaluationText).
/// </summary>
public sealed class PeriodsText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.PeriodsText", typeof(PeriodsText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/>'s language with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);
}
