using System.Globalization;
using System.Resources;
using Jixiao.Application.Organisation;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the 组织架构 (/org) and 人员 (/people) pages and of the org/people API messages
/// (Resources/OrgText.resx: zh-CN by default, .en and .zh-TW; generated from OrgText.tsv by scripts/gen-resx.py).
/// Pages read it through IStringLocalizer&lt;OrgText&gt;, the API through <see cref="Get"/> in the request's language.
/// A problem of <see cref="OrgService"/> carries its own message (<see cref="OrgProblem.Message"/>, Application resources).
/// </summary>
public sealed class OrgText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.OrgText", typeof(OrgText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);

    /// <summary>A service problem as a message.</summary>
    public static string Message(CultureInfo culture, OrgProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Message(culture);
    }
}
