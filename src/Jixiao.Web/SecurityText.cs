using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the security checks, error pages and demo-account notices (Resources/SecurityText.tsv → .resx: zh-CN by
/// default, .en and .zh-TW), read through IStringLocalizer&lt;SecurityText&gt; by pages and through <see cref="Get"/>
/// by middleware (the request's language from request localization: the cookie, then Accept-Language; docs/localization.md).
/// </summary>
public sealed class SecurityText
{
    private static readonly ResourceManager Resources = new("Jixiao.Web.Resources.SecurityText", typeof(SecurityText).Assembly);

    /// <summary>The message <paramref name="key"/> in <paramref name="culture"/> (zh-CN, en or zh-TW; others fall back to zh-CN).</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var supported = Supported(culture);
        var pattern = Resources.GetString(key, supported) ?? throw new KeyNotFoundException($"No SecurityText '{key}'.");
        return args.Length == 0 ? pattern : string.Format(supported, pattern, args);
    }

    /// <summary>The UI culture of the three that <paramref name="culture"/> is closest to.</summary>
    public static CultureInfo Supported(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Languages.ForTag(culture.Name);
    }
}
