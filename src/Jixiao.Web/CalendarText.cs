using System.Globalization;
using System.Resources;
using Jixiao.Application.Calendar;
using Jixiao.Domain.Periods;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of the 工作日历 page (/calendar) and of the calendar API's messages (Resources/CalendarText.resx: zh-CN by
/// default, .en and .zh-TW; generated from CalendarText.tsv by scripts/gen-resx.py). The page reads it through
/// IStringLocalizer&lt;CalendarText&gt;, the API through <see cref="Get"/> in the request's language.
/// </summary>
public sealed class CalendarText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.CalendarText", typeof(CalendarText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);

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
