using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Web.Calendar;

/// <summary>One month of the 工作日历 page: its title, the days in week rows (Monday first; null pads the first and last week) and the named stretches (国庆节 1–7日, 调休上班 10日).</summary>
public sealed record MonthView(int Month, string Title, IReadOnlyList<CalendarDay?> Cells, IReadOnlyList<string> Summary);

/// <summary>Lays out a year of the calendar as month grids for the page.</summary>
public static class CalendarMonths
{
    /// <summary>The twelve months of <paramref name="days"/> (one year, 1 January first) in <paramref name="culture"/>.</summary>
    public static IReadOnlyList<MonthView> Build(IReadOnlyList<CalendarDay> days, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(culture);
        var months = new List<MonthView>(12);
        foreach (var month in days.GroupBy(d => d.Date.Month))
        {
            var list = month.ToList();
            var cells = new List<CalendarDay?>();
            var lead = ((int)list[0].Date.DayOfWeek + 6) % 7;
            cells.AddRange(Enumerable.Repeat<CalendarDay?>(null, lead));
            cells.AddRange(list);
            while (cells.Count % 7 != 0)
            {
                cells.Add(null);
            }

            var title = CalendarText.Get(culture, "Month", month.Key, CultureInfo.GetCultureInfo("en").DateTimeFormat.GetMonthName(month.Key));
            months.Add(new MonthView(month.Key, title, cells, Summary(list, culture)));
        }

        return months;
    }

    /// <summary>Runs of consecutive special days with the same label: "1–7日 国庆节", "10日 调休上班".</summary>
    private static List<string> Summary(List<CalendarDay> days, CultureInfo culture)
    {
        var items = new List<string>();
        var i = 0;
        while (i < days.Count)
        {
            var label = Label(days[i], culture);
            if (label is null)
            {
                i++;
                continue;
            }

            var j = i;
            while (j + 1 < days.Count && Label(days[j + 1], culture) == label)
            {
                j++;
            }

            var range = i == j
                ? CalendarText.Get(culture, "DayOfMonth", days[i].Date.Day)
                : CalendarText.Get(culture, "DayRange", days[i].Date.Day, days[j].Date.Day);
            items.Add($"{range} {label}");
            i = j + 1;
        }

        return items;
    }

    private static string? Label(CalendarDay day, CultureInfo culture) => day.Kind switch
    {
        DayKind.Holiday or DayKind.CompanyHoliday => day.Name(culture) ?? CalendarText.Kind(culture, day.Kind),
        DayKind.AdjustedWorkday => CalendarText.Kind(culture, day.Kind),
        DayKind.CompanyWorkday => day.CompanyName is { } name ? $"{CalendarText.Kind(culture, day.Kind)} · {name}" : CalendarText.Kind(culture, day.Kind),
        _ => null,
    };
}
