using System.Globalization;
using System.Resources;
using Jixiao.Domain.Localization;
using Jixiao.Formulas.Localization;

namespace Jixiao.Domain.Periods;

/// <summary>User-facing text of the working-day calendar (Resources/CalendarMessages*.resx, generated from CalendarMessages.tsv): holiday names, warnings, file problems.</summary>
internal static class CalendarText
{
    private static readonly ResourceManager Resources = new("Jixiao.Domain.Resources.CalendarMessages", typeof(CalendarText).Assembly);

    public static string Format(string key, CultureInfo? culture, params object?[] args) =>
        Languages.Text(Resources, key, culture ?? Text.DefaultCulture, args);
}
