using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the evaluation pages (self-assessment /evaluation/self, manager scoring on /ratings, the steps due on the home
/// page) and the evaluations API's field messages (Resources/EvaluationPagesText.resx: zh-CN by default, .en and .zh-TW;
/// generated from EvaluationPagesText.tsv by scripts/gen-resx.py). Pages read it through
/// IStringLocalizer&lt;EvaluationPagesText&gt;, the API through <see cref="Get"/>. The cycle's refusals are the domain's
/// (Jixiao.Domain.Evaluations.EvaluationText).
/// </summary>
public sealed class EvaluationPagesText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.EvaluationPagesText", typeof(EvaluationPagesText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/>'s language with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);
}
