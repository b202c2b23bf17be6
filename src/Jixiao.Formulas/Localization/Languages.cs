using System.Globalization;
using System.Resources;

namespace Jixiao.Formulas.Localization;

/// <summary>
/// The three languages of every user-facing text, named once for the whole solution (docs/localization.md):
/// <c>zh-CN</c> (Simplified Chinese, the default and the neutral language of every assembly: <c>NAME.resx</c>),
/// <c>en</c> (<c>NAME.en.resx</c>) and <c>zh-TW</c> (Traditional Chinese, <c>NAME.zh-TW.resx</c>). Every message
/// family (Formulas, Domain, Application, CLI, Web) maps a culture to one of them here and reads its resources through
/// <see cref="Text"/>. Defined in the lowest assembly so that every layer resolves cultures the same way.
/// </summary>
public static class Languages
{
    /// <summary>Simplified Chinese: the default language.</summary>
    public static CultureInfo SimplifiedChinese { get; } = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Traditional Chinese (Taiwan wording).</summary>
    public static CultureInfo TraditionalChinese { get; } = CultureInfo.GetCultureInfo("zh-TW");

    /// <summary>English.</summary>
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The language used when nobody asked for one: Simplified Chinese.</summary>
    public static CultureInfo Default => SimplifiedChinese;

    /// <summary>The three language names, default first, as the language switch and request localization use them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zh-CN", "en", "zh-TW"];

    /// <summary>
    /// The language a user asked for by tag (<c>zh-CN</c>, <c>zh-Hant-HK</c>, <c>en-US</c>, <c>zh_TW.UTF-8</c>), or null
    /// when it is neither Chinese nor English. Traditional: zh-TW, zh-HK, zh-MO and any zh-Hant tag; other zh: Simplified.
    /// </summary>
    public static CultureInfo? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var t = tag.Trim().Replace('_', '-');
        var cut = t.IndexOfAny(['.', '@', ';']);
        if (cut >= 0)
        {
            t = t[..cut];
        }

        if (t.Equals("en", StringComparison.OrdinalIgnoreCase) || t.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        if (!t.Equals("zh", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return t.Contains("-Hant", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith("-TW", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith("-MO", StringComparison.OrdinalIgnoreCase)
            ? TraditionalChinese
            : SimplifiedChinese;
    }

    /// <summary>The language a user asked for by tag; <see cref="Default"/> when none of ours.</summary>
    public static CultureInfo ForTag(string? tag) => Match(tag) ?? Default;

    /// <summary>
    /// The language a culture reads: Chinese ones Simplified or Traditional, every other one (the invariant culture of
    /// logs and <c>ToString()</c>, French …) English.
    /// </summary>
    public static CultureInfo Of(CultureInfo? culture) => Match(culture?.Name) ?? English;

    /// <summary>
    /// The text <paramref name="key"/> of <paramref name="resources"/> in <paramref name="culture"/>'s language (<see cref="Of"/>),
    /// formatted with <paramref name="args"/>; the key itself when missing.
    /// </summary>
    public static string Text(ResourceManager resources, string key, CultureInfo? culture, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var language = Of(culture);
        var pattern = resources.GetString(key, language) ?? key;
        return args.Length == 0 ? pattern : string.Format(language, pattern, args);
    }
}
