using System.Globalization;
using Jixiao.Domain.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>
/// The API's own messages in zh-CN (default), zh-TW and en, and RFC 9457 problem results built from them.
/// The language is the best match of the request's Accept-Language.
/// </summary>
public static class ApiText
{
    private static readonly Dictionary<string, (string ZhCn, string ZhTw, string En)> Messages = new(StringComparer.Ordinal)
    {
        ["NotFound"] = ("未找到该记录，或您无权查看。", "未找到該記錄，或您無權查看。", "Not found, or not visible to you."),
        ["NotFound_Title"] = ("未找到", "未找到", "Not found"),
        ["Invalid_Title"] = ("请求有误", "請求有誤", "The request is not valid"),
        ["Period_Invalid"] = ("“{0}”不是有效的期间（如 2026-10、2026-Q4、2026-H2、2026；年份 1900–2100）。", "「{0}」不是有效的期間（如 2026-10、2026-Q4、2026-H2、2026；年份 1900–2100）。", "'{0}' is not a period (2026-10, 2026-Q4, 2026-H2 or 2026; years 1900–2100)."),
        ["Year_Invalid"] = ("{0} 须为 1900 到 2100 之间的年份，收到“{1}”。", "{0} 須為 1900 到 2100 之間的年份，收到「{1}」。", "{0} must be a year from 1900 to 2100, not '{1}'."),
        ["Integer_Invalid"] = ("{0} 须为 {1} 到 {2} 之间的整数，收到“{3}”。", "{0} 須為 {1} 到 {2} 之間的整數，收到「{3}」。", "{0} must be a whole number from {1} to {2}, not '{3}'."),
        ["Bool_Invalid"] = ("{0} 须为 true 或 false，收到“{1}”。", "{0} 須為 true 或 false，收到「{1}」。", "{0} must be true or false, not '{1}'."),
        ["Choice_Invalid"] = ("{0} 的值“{1}”无效，可用：{2}。", "{0} 的值「{1}」無效，可用：{2}。", "'{1}' is not a valid {0}; use one of {2}."),
        ["Text_TooLong"] = ("{0} 最多 {1} 个字符。", "{0} 最多 {1} 個字元。", "{0} has at most {1} characters."),
        ["Text_Control"] = ("{0} 含有控制字符（如空字符或换行）。", "{0} 含有控制字元（如空字元或換行）。", "{0} contains control characters (such as NUL or a line break)."),
        ["Date_OutOfRange"] = ("{0} 的日期“{1}”超出允许范围（{2} 至 {3}）。", "{0} 的日期「{1}」超出允許範圍（{2} 至 {3}）。", "{0}: the date '{1}' is outside {2} to {3}."),
        ["Body_NotJson"] = ("请求体须为 JSON（Content-Type: application/json）。", "請求本文須為 JSON（Content-Type: application/json）。", "The request body must be JSON (Content-Type: application/json)."),
        ["Body_Required"] = ("请发送 JSON 请求体。", "請傳送 JSON 請求本文。", "Send a JSON request body."),
        ["Body_Invalid"] = ("请求体的 {0} 处无法读取（第 {1} 行）：JSON 格式有误，或值的类型不对（如把文字写在数字字段里）。", "請求本文的 {0} 處無法讀取（第 {1} 行）：JSON 格式有誤，或值的型別不對（如把文字寫在數字欄位裡）。", "The request body cannot be read at {0} (line {1}): the JSON is malformed or a value has the wrong type (such as text in a number field)."),
        ["Value_Required"] = ("请提供 {0}。", "請提供 {0}。", "{0} is required."),
        ["Item_Empty"] = ("这一项是空的（null）。", "這一項是空的（null）。", "This item is empty (null)."),
        ["Unit_Unknown"] = ("组织“{0}”不存在。", "組織「{0}」不存在。", "Org unit '{0}' does not exist."),
        ["Period_Required"] = ("请指定期间。", "請指定期間。", "A period is required."),
        ["Page_Invalid"] = ("页码须为正整数。", "頁碼須為正整數。", "page must be a positive number."),
        ["PageSize_Invalid"] = ("每页条数须在 1 到 {0} 之间。", "每頁筆數須在 1 到 {0} 之間。", "pageSize must be between 1 and {0}."),
        ["Sort_Invalid"] = ("无法按“{0}”排序，可用：{1}。", "無法按「{0}」排序，可用：{1}。", "Cannot sort by '{0}'; use one of {1}."),
        ["File_Required"] = ("请上传一个文件（表单字段 file）。", "請上傳一個檔案（表單欄位 file）。", "Upload one file (form field 'file')."),
        ["Source_Unknown"] = ("未知的数据来源“{0}”，可用：{1}。", "未知的資料來源「{0}」，可用：{1}。", "Unknown data source '{0}'; use one of {1}."),
        ["Plan_Invalid_Title"] = ("方案有错误，未保存", "方案有錯誤，未儲存", "The plan has errors and was not stored"),
        ["Data_Invalid_Title"] = ("数据有错误，未导入任何行", "資料有錯誤，未匯入任何列", "The data has errors; no row was imported"),
        ["NoPlan"] = ("尚无方案：请先上传方案。", "尚無方案：請先上傳方案。", "No plan is stored yet: upload a plan first."),
        ["NoPlan_Title"] = ("无法计算", "無法計算", "Cannot calculate"),
        ["NoResult"] = ("期间 {0} 还没有计算结果。", "期間 {0} 還沒有計算結果。", "Period {0} has not been calculated yet."),
        ["NotLinked"] = ("您的账号未关联员工。", "您的帳號未關聯員工。", "Your account is not linked to an employee."),
        ["TokenName_Required"] = ("请填写令牌名称（最多 100 个字符）。", "請填寫權杖名稱（最多 100 個字元）。", "Give the token a name (at most 100 characters)."),
        ["TokenScopes_Required"] = ("请至少选择一个权限范围。", "請至少選擇一個權限範圍。", "Choose at least one scope."),
        ["TokenScope_Unknown"] = ("未知的权限范围“{0}”，可用：{1}。", "未知的權限範圍「{0}」，可用：{1}。", "Unknown scope '{0}'; use one of {1}."),
        ["Date_Invalid"] = ("“{0}”不是有效日期（yyyy-MM-dd）。", "「{0}」不是有效日期（yyyy-MM-dd）。", "'{0}' is not a date (yyyy-MM-dd)."),
    };

    /// <summary>The request's language: zh-CN, zh-TW or en (best Accept-Language match; zh-CN when none).</summary>
    public static CultureInfo Culture(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var languages = context.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value;
            if (tag is null || tag == "*")
            {
                continue;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Text.ResolveCulture(tag);
            }
        }

        return Text.DefaultCulture;
    }

    /// <summary>A message in the request's language.</summary>
    public static string Get(HttpContext context, string key, params object?[] args)
    {
        var culture = Culture(context);
        var (zhCn, zhTw, en) = Messages[key];
        var pattern = culture.Name.StartsWith("en", StringComparison.Ordinal) ? en
            : culture.Name is "zh-TW" or "zh-HK" or "zh-Hant" ? zhTw
            : zhCn;
        return string.Format(culture, pattern, args);
    }

    /// <summary>404 that does not tell "missing" from "not yours" (see docs/decisions/0006).</summary>
    public static ProblemHttpResult NotFound(HttpContext context) =>
        TypedResults.Problem(Get(context, "NotFound"), statusCode: StatusCodes.Status404NotFound, title: Get(context, "NotFound_Title"));

    /// <summary>400 with one field error.</summary>
    public static ValidationProblem Invalid(HttpContext context, string field, string key, params object?[] args) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [Get(context, key, args)] }, title: Get(context, "Invalid_Title"));

    /// <summary>400 with many field errors and a structured list of the problems (line, column, message).</summary>
    public static ProblemHttpResult Problems(HttpContext context, string titleKey, IDictionary<string, string[]> errors, object problems)
    {
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Get(context, titleKey),
        };
        details.Extensions["problems"] = problems;
        return TypedResults.Problem(details);
    }

    /// <summary>A problem with a status and message.</summary>
    public static ProblemHttpResult Problem(HttpContext context, int status, string titleKey, string key, params object?[] args) =>
        TypedResults.Problem(Get(context, key, args), statusCode: status, title: Get(context, titleKey));
}

/// <summary>One page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
