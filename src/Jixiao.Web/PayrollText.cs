using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the 工资发放 page (/payroll), the payroll API's messages and 我的收入 on /me (Resources/PayrollText.resx: zh-CN by
/// default, .en and .zh-TW; generated from PayrollText.tsv by scripts/gen-resx.py). Pages read it through
/// IStringLocalizer&lt;PayrollText&gt;, the API through <see cref="Get"/> in the request's language.
/// </summary>
public sealed class PayrollText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.PayrollText", typeof(PayrollText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);
}
