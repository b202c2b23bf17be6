using System.Globalization;
using System.Resources;

namespace Jixiao.Domain.Localization;

/// <summary>Looks up user-facing text of the domain (plan problems, calculation errors, explanations) by key and culture.</summary>
public static class Text
{
    private static readonly ResourceManager Resources = new("Jixiao.Domain.Resources.DomainMessages", typeof(Text).Assembly);

    /// <summary>The culture used when none is given: Simplified Chinese.</summary>
    public static CultureInfo DefaultCulture { get; } = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The text for <paramref name="key"/> in <paramref name="culture"/>, formatted with <paramref name="args"/>.</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= DefaultCulture;
        var pattern = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? pattern : string.Format(culture, pattern, args);
    }

    /// <summary>
    /// The text for <paramref name="key"/> in exactly the resources of <paramref name="culture"/> (no fallback to another
    /// language): the invariant culture for English, zh-Hans, zh-Hant; null when that language has no such text.
    /// </summary>
    internal static string? Exact(string key, CultureInfo culture) => Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);

    /// <summary>Picks zh-CN, zh-TW or en from a language tag such as <c>zh-CN</c>, <c>zh-Hant</c>, <c>en-US</c>; zh-CN when unknown.</summary>
    public static CultureInfo ResolveCulture(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return DefaultCulture;
        }

        var t = tag.Trim().Replace('_', '-');
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            t = t[..dot];
        }

        if (t.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            return CultureInfo.GetCultureInfo("en");
        }

        if (t.Equals("zh-TW", StringComparison.OrdinalIgnoreCase) || t.Equals("zh-HK", StringComparison.OrdinalIgnoreCase)
            || t.Equals("zh-MO", StringComparison.OrdinalIgnoreCase) || t.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase))
        {
            return CultureInfo.GetCultureInfo("zh-TW");
        }

        return DefaultCulture;
    }
}
