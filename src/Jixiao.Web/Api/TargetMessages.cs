using System.Globalization;
using Jixiao.Domain.Targets;

namespace Jixiao.Web.Api;

/// <summary>
/// Messages about targets (the API's problems and the /targets page's errors) in zh-CN (default), zh-TW and en,
/// keyed by the API's own checks; a <see cref="TargetProblem"/> of the planner carries its own message (<see cref="TargetProblem.Message"/>).
/// </summary>
public static class TargetMessages
{
    private static readonly Dictionary<string, (string ZhCn, string ZhTw, string En)> Messages = new(StringComparer.Ordinal)
    {
        ["Value_Negative"] = ("目标值不能为负数。", "目標值不能為負數。", "A target cannot be negative."),
        ["Value_Decimals"] = ("该指标的目标最多 {0} 位小数。", "該指標的目標最多 {0} 位小數。", "This metric's targets have at most {0} decimal places."),
        ["Value_TooLarge"] = ("目标值过大（最大 9,999,999,999,999.9999）。", "目標值過大（最大 9,999,999,999,999.9999）。", "The target is too large (at most 9,999,999,999,999.9999)."),
        ["Value_Required"] = ("请填写目标值。", "請填寫目標值。", "A value is required."),
        ["Year_Invalid"] = ("“{0}”不是有效年份。", "「{0}」不是有效年份。", "'{0}' is not a valid year."),
        ["Metric_Required"] = ("请选择指标。", "請選擇指標。", "A metric is required."),
        ["Subject_Unknown"] = ("组织“{0}”不存在，或您无权查看。", "組織「{0}」不存在，或您無權查看。", "Org unit '{0}' does not exist or is not visible to you."),
        ["Subject_NotFound"] = ("员工或组织“{0}”不存在。", "員工或組織「{0}」不存在。", "No employee or org unit '{0}'."),
        ["Subject_Required"] = ("请填写考核对象（员工或组织编号）。", "請填寫考核對象（員工或組織編號）。", "A subject (employee or org unit id) is required."),
        ["Metric_TooLong"] = ("指标代码最多 100 个字符。", "指標代碼最多 100 個字元。", "A metric code has at most 100 characters."),
        ["Period_Invalid"] = ("“{0}”不是有效的期间（如 2026-10、2026-Q4、2026-H2、2026）。", "「{0}」不是有效的期間（如 2026-10、2026-Q4、2026-H2、2026）。", "'{0}' is not a period (2026-10, 2026-Q4, 2026-H2 or 2026)."),
        ["Key_Duplicate"] = ("与第 {0} 条重复（同一对象、指标和期间）。", "與第 {0} 筆重複（同一對象、指標和期間）。", "Same subject, metric and period as item {0}."),
        ["Items_Required"] = ("请至少提交一条目标（最多 5000 条）。", "請至少提交一筆目標（最多 5000 筆）。", "Send between 1 and 5,000 targets."),
        ["Method_Unknown"] = ("未知的分解方式“{0}”，可用：ratio、lastYear、hand。", "未知的分解方式「{0}」，可用：ratio、lastYear、hand。", "Unknown method '{0}'; use ratio, lastYear or hand."),
        ["Version_Required"] = ("请先预览，再以预览返回的 version 提交。", "請先預覽，再以預覽返回的 version 提交。", "Preview first and send the version the preview returned."),
        ["Conflict_Title"] = ("数据已被他人修改", "資料已被他人修改", "Changed by someone else"),
        ["Conflict"] = ("这些目标在您读取后已被修改，未保存任何内容。请刷新后重试：{0}", "這些目標在您讀取後已被修改，未儲存任何內容。請重新整理後重試：{0}", "These targets changed after you read them; nothing was saved. Reload and try again: {0}"),
        ["Forbidden_Title"] = ("无权设定", "無權設定", "Not allowed"),
        ["Forbidden"] = ("您无权设定这些对象的目标，未保存任何内容：{0}", "您無權設定這些對象的目標，未儲存任何內容：{0}", "You may not set targets for these subjects; nothing was saved: {0}"),
        ["Forbidden_Own_Title"] = ("不能设定自己考核的目标", "不能設定自己考核的目標", "Not your own targets"),
        ["Forbidden_Own"] = ("您不能设定或批准自己考核所用的目标（{0}）：这些目标由人力资源部或您的上级设定。未保存任何内容。",
            "您不能設定或核准自己考核所用的目標（{0}）：這些目標由人力資源部或您的上級設定。未儲存任何內容。",
            "You may not set or approve targets you are measured on ({0}): HR or your own manager sets them. Nothing was saved."),
        ["Unbalanced_Title"] = ("合计不符，未保存", "合計不符，未儲存", "The sums do not match; nothing was saved"),
        ["Check_Children"] = ("{0} 的下级合计 {2}，应为 {1}（差 {3}）。", "{0} 的下級合計 {2}，應為 {1}（差 {3}）。", "{0}: children add up to {2}, expected {1} (difference {3})."),
        ["Check_Months"] = ("{0} 的各月合计 {2}，应为全年 {1}（差 {3}）。", "{0} 的各月合計 {2}，應為全年 {1}（差 {3}）。", "{0}: months add up to {2}, expected the year's {1} (difference {3})."),
        ["Check_Challenge"] = ("挑战目标：", "挑戰目標：", "Challenge: "),
        ["Locked_Title"] = ("会改动已计算期间的目标，未保存", "會改動已計算期間的目標，未儲存", "Targets of calculated periods would change; nothing was saved"),
        ["Locked"] = ("此分解会改动 {0} 个已计算期间（{1}）的目标，未保存任何内容。确认覆盖请传 overwriteCalculated: true，之后须重新计算这些期间。",
            "此分解會改動 {0} 個已計算期間（{1}）的目標，未儲存任何內容。確認覆蓋請傳 overwriteCalculated: true，之後須重新計算這些期間。",
            "This decomposition changes {0} targets of calculated periods ({1}); nothing was saved. To overwrite them send overwriteCalculated: true, then re-run those periods."),
        ["Locked_Save"] = ("这些目标中有 {0} 个属于已计算期间（{1}），会被改动，未保存任何内容。确认覆盖请加参数 overwriteCalculated=true，之后须重新计算这些期间。",
            "這些目標中有 {0} 個屬於已計算期間（{1}），會被改動，未儲存任何內容。確認覆蓋請加參數 overwriteCalculated=true，之後須重新計算這些期間。",
            "{0} of these targets belong to calculated periods ({1}) and would change; nothing was saved. To overwrite them add overwriteCalculated=true, then re-run those periods."),
        ["Locked_Preview"] = ("将改动 {0} 个已计算期间的目标（{1}）：应用前须确认覆盖。", "將改動 {0} 個已計算期間的目標（{1}）：套用前須確認覆蓋。",
            "Changes {0} targets of calculated periods ({1}): applying needs an explicit overwrite."),
        ["Locked_Rerun"] = ("已覆盖 {0} 个已计算期间的目标：请重新计算 {1}。", "已覆蓋 {0} 個已計算期間的目標：請重新計算 {1}。",
            "Overwrote {0} targets of calculated periods: re-run {1}."),
    };

    /// <summary>The message for <paramref name="code"/> in <paramref name="culture"/>'s language.</summary>
    public static string Get(CultureInfo culture, string code, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (!Messages.TryGetValue(code, out var m))
        {
            return code;
        }

        var pattern = culture.Name.StartsWith("en", StringComparison.Ordinal) ? m.En
            : culture.Name is "zh-TW" or "zh-HK" or "zh-Hant" ? m.ZhTw
            : m.ZhCn;
        return string.Format(culture, pattern, args);
    }

    /// <summary>A problem of the planner in <paramref name="culture"/>'s language.</summary>
    public static string Of(CultureInfo culture, TargetProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Message(culture);
    }

    /// <summary>A failed sum check in words.</summary>
    public static string Of(CultureInfo culture, SumCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var text = Get(culture, check.Kind == CheckKind.Children ? "Check_Children" : "Check_Months", check.Subject, check.Expected, check.Actual, check.Difference);
        return check.Challenge ? Get(culture, "Check_Challenge") + text : text;
    }
}
