using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the 审计日志 page (/audit), its export and the names of audit actions (Resources/AuditText.resx: zh-CN by
/// default, .en and .zh-TW; generated from AuditText.tsv by scripts/gen-resx.py).
/// </summary>
public sealed class AuditText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.AuditText", typeof(AuditText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);

    /// <summary>Every key of the texts.</summary>
    public static IEnumerable<string> Keys() =>
        Manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key);

    /// <summary>Whether <paramref name="key"/> has a text.</summary>
    public static bool Has(string key) => Manager.GetString(key, CultureInfo.InvariantCulture) is not null;
}
