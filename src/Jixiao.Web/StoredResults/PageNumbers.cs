using System.Globalization;

namespace Jixiao.Web.StoredResults;

/// <summary>A page number from a page's query string: a whole number from 1 to <see cref="Max"/> (no sign, no spaces).</summary>
public static class PageNumbers
{
    /// <summary>The largest page number accepted (far beyond any list; keeps offsets from overflowing).</summary>
    public const int Max = 100_000;

    public static bool TryParse(string? text, out int page) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page is >= 1 and <= Max;
}
