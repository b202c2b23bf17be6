using System.Globalization;
using System.Resources;

namespace Jixiao.Web;

/// <summary>
/// Text of the security checks, error pages and demo-account notices (Resources/SecurityText.tsv → .resx: zh-CN by
/// default, .en and .zh-TW), read through IStringLocalizer&lt;SecurityText&gt; by pages and through <see cref="Get"/>
/// by middleware that picks the language itself (the API answers in the request's Accept-Language).
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
        var name = culture.Name;
        return name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en")
            : name is "zh-TW" or "zh-HK" or "zh-MO" || name.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("zh-TW")
            : CultureInfo.GetCultureInfo("zh-CN");
    }
}
