using System.Globalization;
using System.Resources;
using Jixiao.Application.Calendar;
using Jixiao.Domain.Periods;

namespace Jixiao.Web;

/// <summary>
/// Text of the 工作日历 page (/calendar) and of the calendar API's messages (Resources/CalendarText.resx: zh-CN by
/// default, .en and .zh-TW; generated from CalendarText.tsv by scripts/gen-web-resx.py). The page reads it through
/// IStringLocalizer&lt;CalendarText&gt;, the API through <see cref="Get"/> in the request's language.
/// </summary>
public sealed class CalendarText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Traditional = CultureInfo.GetCultureInfo("zh-TW");
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.CalendarText", typeof(CalendarText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var name = culture.Name;
        var resources = name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English
            : name is "zh-TW" or "zh-HK" or "zh-MO" || name.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase) ? Traditional
            : CultureInfo.InvariantCulture;
        var pattern = Manager.GetString(key, resources) ?? key;
        return args.Length == 0 ? pattern : string.Format(culture, pattern, args);
    }

    /// <summary>A calendar problem as a message.</summary>
    public static string Message(CultureInfo culture, CalendarProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Get(culture, problem.Code, [.. problem.Arguments]);
    }

    /// <summary>The name of a kind of day (工作日, 周末, 法定节假日, 调休上班, 公司假日, 公司工作日).</summary>
    public static string Kind(CultureInfo culture, DayKind kind) => Get(culture, "Kind_" + kind);

    /// <summary>The kind of day as the API writes it: workday, weekend, holiday, adjusted_workday, company_holiday, company_workday.</summary>
    public static string KindCode(DayKind kind) => kind switch
    {
        DayKind.Workday => "workday",
        DayKind.Weekend => "weekend",
        DayKind.Holiday => "holiday",
        DayKind.AdjustedWorkday => "adjusted_workday",
        DayKind.CompanyHoliday => "company_holiday",
        _ => "company_workday",
    };
}
