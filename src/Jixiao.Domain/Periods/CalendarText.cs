using System.Globalization;
using System.Resources;
using Jixiao.Domain.Localization;

namespace Jixiao.Domain.Periods;

/// <summary>User-facing text of the working-day calendar (Resources/CalendarMessages.tsv): holiday names, warnings, file problems.</summary>
internal static class CalendarText
{
    private static readonly ResourceManager Resources = new("Jixiao.Domain.Resources.CalendarMessages", typeof(CalendarText).Assembly);

    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= Text.DefaultCulture;
        var pattern = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? pattern : string.Format(culture, pattern, args);
    }
}
