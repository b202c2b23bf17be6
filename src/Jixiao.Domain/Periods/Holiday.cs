using System.Globalization;

namespace Jixiao.Domain.Periods;

/// <summary>A public holiday of China (全体公民放假的节日, 全国年节及纪念日放假办法 art. 2).</summary>
public enum Holiday
{
    NewYear,
    SpringFestival,
    QingMing,
    LabourDay,
    DragonBoat,
    MidAutumn,
    NationalDay,
}

/// <summary>The codes of <see cref="Holiday"/> used in the notice data files, and the holidays' names in each language.</summary>
public static class Holidays
{
    private static readonly (Holiday Holiday, string Code)[] Codes =
    [
        (Holiday.NewYear, "new_year"),
        (Holiday.SpringFestival, "spring_festival"),
        (Holiday.QingMing, "qingming"),
        (Holiday.LabourDay, "labour_day"),
        (Holiday.DragonBoat, "dragon_boat"),
        (Holiday.MidAutumn, "mid_autumn"),
        (Holiday.NationalDay, "national_day"),
    ];

    /// <summary>The data-file code of <paramref name="holiday"/>, e.g. <c>spring_festival</c>.</summary>
    public static string Code(Holiday holiday) => Codes.First(c => c.Holiday == holiday).Code;

    /// <summary>The holiday of a data-file code; false when the code is unknown.</summary>
    public static bool TryParse(string? code, out Holiday holiday)
    {
        foreach (var (h, c) in Codes)
        {
            if (string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                holiday = h;
                return true;
            }
        }

        holiday = default;
        return false;
    }

    /// <summary>The holiday's name in <paramref name="culture"/> (zh-CN by default): 春节, Spring Festival, 春節.</summary>
    public static string Name(Holiday holiday, CultureInfo? culture = null) => CalendarText.Format("Holiday_" + holiday, culture);
}
