using System.Globalization;
using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Import;

namespace Jixiao.Application.Excel;

/// <summary>
/// Downloadable upload templates, one per data source: a header row naming each column in Chinese and English
/// ("员工编号 employee", which the importer accepts as it is), one example row, and in the .xlsx a second sheet
/// "说明" describing every column in Chinese (required or optional, format, example). The example rows of all
/// templates fit together: uploaded in the order of <see cref="DataSources.All"/> into an empty company they import.
/// </summary>
public static class UploadTemplates
{
    private sealed record Column(string Name, string Zh, object? Example, string Format, string Note = "");

    private const string IdNote = "外部编号，文件内唯一；重复上传同一编号的行会更新该行而不会重复计算";
    private const string DateFormat = "日期 yyyy-MM-dd，或 Excel 日期单元格";
    private const string MoneyFormat = "金额，最多 2 位小数；可用千分位（1,234.56）、全角数字、元/万/万元（12.5万）";
    private const string PeriodFormat = "期间：2026-01（月）、2026-Q1（季度）、2026-H1（半年）、2026（年）";
    private const string EmployeeFormat = "员工编号，须为已导入的员工";

    private static readonly string[] HelpHeaders = ["列名", "必填", "格式", "示例", "说明"];

    private static readonly DateOnly Hire = new(2025, 1, 1);

    private static readonly Dictionary<string, Column[]> Columns = new(StringComparer.Ordinal)
    {
        [DataSources.OrgUnits] =
        [
            new("id", "组织编号", "HQ", "文本", "组织的唯一编号"),
            new("name", "组织名称", "总公司", "文本"),
            new("parent", "上级组织", null, "组织编号", "根组织（公司）留空，其他组织填写上级组织编号"),
            new("manager", "负责人", null, "员工编号", "可留空"),
        ],
        [DataSources.Employees] =
        [
            new("id", "员工编号", "E001", "文本", "员工的唯一编号（工号）"),
            new("name", "姓名", "张三", "文本"),
            new("org_unit", "所属组织", "HQ", "组织编号，须为已导入的组织"),
            new("manager", "直属上级", null, "员工编号", "可留空"),
            new("position", "岗位", "销售顾问", "文本"),
            new("category", "岗位类别", "销售", "文本"),
            new("level", "职级", "P3", "文本"),
            new("tier", "档级", "A", "文本"),
            new("hire_date", "入职日期", Hire, DateFormat),
            new("leave_date", "离职日期", null, DateFormat, "在职留空；不得早于入职日期"),
        ],
        [DataSources.Sales] =
        [
            new("id", "订单号", "SO-2026-0001", "文本", IdNote),
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("date", "销售日期", new DateOnly(2026, 1, 15), DateFormat),
            new("customer", "客户", "C001", "文本"),
            new("product", "产品", "轿车A", "文本"),
            new("units", "数量", 1m, "数量，最多 4 位小数；退货为负数"),
            new("amount", "销售金额", 123_456.78m, MoneyFormat, "退货、红冲为负数"),
            new("cost", "成本", 100_000m, MoneyFormat, "留空为 0"),
            new("contract", "合同编号", "HT-2026-001", "文本"),
            new("contract_signed", "签约日期", new DateOnly(2026, 1, 10), DateFormat),
        ],
        [DataSources.Credits] =
        [
            new("sale", "订单号", "SO-2026-0001", "销售订单号，须为已导入的销售"),
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("share", "分配比例", "100%", "0.5 或 50%，大于 0 且不超过 1", "同一订单的比例合计须为 100%；无分配行的订单全部计入其销售员"),
            new("kind", "销售类型", "直接", "直接 或 间接；留空为直接", "间接销售（非直接开拓客户）按方案的折扣比例计入"),
            new("referrer", "外部推荐人", "", "文本；留空为无", "外部推荐人的分成从该销售员的部分中扣除（方案设定比例）"),
        ],
        [DataSources.Collections] =
        [
            new("id", "回款单号", "HK-2026-0001", "文本", IdNote),
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("date", "回款日期", new DateOnly(2026, 2, 1), DateFormat),
            new("contract", "合同编号", "HT-2026-001", "文本"),
            new("contract_signed", "签约日期", new DateOnly(2026, 1, 10), DateFormat),
            new("amount", "回款金额", 50_000m, MoneyFormat, "退款为负数"),
        ],
        [DataSources.Expenses] =
        [
            new("id", "单号", "FY-2026-0001", "文本", IdNote),
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("date", "日期", new DateOnly(2026, 1, 20), DateFormat),
            new("category", "费用类别", "差旅", "文本"),
            new("amount", "费用金额", 1_280.50m, MoneyFormat, "不得为负数；冲销请修改原费用行"),
        ],
        [DataSources.Activities] =
        [
            new("id", "编号", "HD-2026-0001", "文本", IdNote),
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("date", "日期", new DateOnly(2026, 1, 8), DateFormat),
            new("kind", "活动类型", "拜访", "文本：线索、跟进、拜访、方案、投诉、满意度调查等"),
            new("customer", "客户", "C001", "文本"),
            new("value", "数值", 1m, "数值，最多 4 位小数，不得为负数", "可留空（无数值）"),
        ],
        [DataSources.Targets] =
        [
            new("subject", "考核对象", "E001", "员工编号或组织编号"),
            new("metric", "指标", "销售额", "文本"),
            new("period", "考核周期", "2026-01", PeriodFormat),
            new("value", "目标值", 1_200_000m, "数值，最多 4 位小数，不得为负数；可用元/万（120万）"),
            new("challenge", "挑战目标", 1_500_000m, "数值，同目标值", "可留空"),
        ],
        [DataSources.Ratings] =
        [
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("period", "考核周期", "2026-01", PeriodFormat),
            new("indicator", "考核项", "客户满意度", "文本"),
            new("points", "得分", 95m, "数值，最多 4 位小数；扣分为负数"),
            new("rater", "评分人", "李经理", "文本"),
            new("comment", "评语", "表现良好", "文本"),
        ],
        [DataSources.Metrics] =
        [
            new("subject", "考核对象", "E001", "员工编号或组织编号"),
            new("metric", "指标", "应收账款", "文本"),
            new("period", "考核周期", "2026-01", PeriodFormat),
            new("value", "数值", 30_000m, "数值，最多 4 位小数，可为负数；可用元/万"),
        ],
        [DataSources.Salaries] =
        [
            new("employee", "员工编号", "E001", EmployeeFormat),
            new("effective_from", "生效日期", Hire, DateFormat, "自该日起适用；同一员工同一生效日期只能有一行"),
            new("monthly_amount", "月工资", 8_000m, MoneyFormat, "不得为负数"),
        ],
    };

    /// <summary>The file name of a template, e.g. "sales_template.xlsx".</summary>
    public static string FileName(string source, bool xlsx) => source + "_template" + (xlsx ? ".xlsx" : ".csv");

    /// <summary>The header cells of a source's template ("员工编号 employee").</summary>
    public static IReadOnlyList<string> Headers(string source) => [.. Of(source).Select(c => c.Zh + " " + c.Name)];

    /// <summary>Writes the .xlsx template of <paramref name="source"/>.</summary>
    public static void WriteXlsx(string source, Stream stream)
    {
        var columns = Of(source);
        var spec = TableSchemas.ForSource(source);
        var header = columns.Select(c => XlsxCell.Header(c.Zh + " " + c.Name)).ToArray();
        var example = columns.Select(c => ExampleCell(c)).ToArray();
        var widths = columns.Select(c => (double)Math.Max(12, ExcelExport.Width(c.Zh + " " + c.Name) + 2)).ToArray();
        var help = new List<XlsxCell[]>
        {
            HelpHeaders.Select(XlsxCell.Header).ToArray(),
        };
        foreach (var c in columns)
        {
            var required = spec.Columns[spec.IndexOf(c.Name)].Required ? "必填" : "选填";
            help.Add([XlsxCell.Of(c.Zh + " " + c.Name), XlsxCell.Of(required), XlsxCell.Of(c.Format), XlsxCell.Of(ExampleText(c.Example)), XlsxCell.Of(c.Note)]);
        }

        help.Add([]);
        help.Add([XlsxCell.Of("第一个工作表的第一行是表头，请勿修改列名；列的顺序可以调整，选填列可以删除。示例行请替换为实际数据。只读取第一个工作表。")]);
        XlsxWriter.Write(stream,
        [
            new XlsxSheet(source, widths, [header, example]),
            new XlsxSheet(XlsxUpload.InstructionSheetNames[0], [26, 8, 50, 16, 50], help),
        ]);
    }

    /// <summary>Writes the CSV template of <paramref name="source"/> (UTF-8 with BOM, so that Excel shows the Chinese headers).</summary>
    public static void WriteCsv(string source, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var columns = Of(source);
        var csv = new CsvText([.. columns.Select(c => c.Zh + " " + c.Name)]);
        csv.Row([.. columns.Select(c => ExampleText(c.Example))]);
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        stream.Write(bytes);
    }

    private static Column[] Of(string source) =>
        Columns.TryGetValue(source, out var columns) ? columns : throw new ArgumentException($"Unknown data source '{source}'.", nameof(source));

    private static XlsxCell ExampleCell(Column c) => c.Example switch
    {
        null => default,
        DateOnly d => new XlsxCell(null, null, d, XlsxStyle.Date),
        decimal m when c.Format == MoneyFormat => new XlsxCell(null, m, null, XlsxStyle.Money),
        decimal m => new XlsxCell(null, m, null, XlsxStyle.General),
        string s => XlsxCell.Of(s),
        _ => XlsxCell.Of(Convert.ToString(c.Example, CultureInfo.InvariantCulture)),
    };

    private static string ExampleText(object? example) => example switch
    {
        null => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(example, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
