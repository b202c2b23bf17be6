using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Domain.Localization;

/// <summary>
/// Looks up user-facing text of the domain (plan problems, calculation errors, target problems, explanations) by key and culture
/// (Resources/DomainMessages*.resx, generated from DomainMessages.tsv; languages: <see cref="Languages"/>).
/// </summary>
public static class Text
{
    private static readonly ResourceManager Resources = new("Jixiao.Domain.Resources.DomainMessages", typeof(Text).Assembly);

    /// <summary>The culture used when none is given: Simplified Chinese.</summary>
    public static CultureInfo DefaultCulture => Languages.Default;

    /// <summary>The text for <paramref name="key"/> in <paramref name="culture"/>, formatted with <paramref name="args"/>.</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args) =>
        Languages.Text(Resources, key, culture ?? DefaultCulture, args);

    /// <summary>
    /// The text for <paramref name="key"/> in exactly the resources of <paramref name="culture"/> (no fallback to another
    /// language): the invariant culture for zh-CN (the neutral language), en, zh-TW; null when that language has no such text.
    /// </summary>
    internal static string? Exact(string key, CultureInfo culture) => Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);

    /// <summary>Picks zh-CN, zh-TW or en from a language tag such as <c>zh-CN</c>, <c>zh-Hant</c>, <c>en-US</c>; zh-CN when unknown.</summary>
    public static CultureInfo ResolveCulture(string? tag) => Languages.ForTag(tag);
}
