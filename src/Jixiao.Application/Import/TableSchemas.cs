using System.Text;

namespace Jixiao.Application.Import;

/// <summary>How the loader reads and stores one column.</summary>
internal enum ColumnKind
{
    /// <summary>External row id: required, unique in the file, kept as UTF-8.</summary>
    Id,

    /// <summary>An employee id resolved to the dense employee index.</summary>
    Employee,

    /// <summary>A required yyyy-MM-dd date as a day number.</summary>
    Date,

    /// <summary>An optional date; empty is <see cref="Jixiao.Domain.Data.Columns.NoDay"/>.</summary>
    OptionalDate,

    /// <summary>Free text kept as UTF-8.</summary>
    Text,

    /// <summary>Low-cardinality text (product, kind, category) kept as codes.</summary>
    Category,

    /// <summary>Money in cents (≤ 2 decimals, 元/万 units); empty is 0 when not required.</summary>
    Money,

    /// <summary>A quantity × 10,000 (≤ 4 decimals).</summary>
    Quantity,

    /// <summary>An optional value × 10,000; empty is <see cref="Jixiao.Domain.Data.Columns.NoValue"/>.</summary>
    OptionalValue,

    /// <summary>Read by the table's own code (reference tables).</summary>
    Plain,
}

/// <summary>A column of a data file: canonical name, aliases accepted in the header, and its rules.</summary>
internal sealed record ColumnSpec(string Name, ColumnKind Kind, bool Required, NumberOptions Options, string NumberKind, string[] Aliases)
{
    public static ColumnSpec Of(string name, ColumnKind kind, bool required, params string[] aliases) =>
        new(name, kind, required, NumberOptions.None, "value", aliases);

    public static ColumnSpec Number(string name, ColumnKind kind, bool required, NumberOptions options, string numberKind, params string[] aliases) =>
        new(name, kind, required, options, numberKind, aliases);
}

/// <summary>A data file and its columns.</summary>
internal sealed class TableSpec
{
    private readonly Dictionary<string, int> _byHeader = new(StringComparer.Ordinal);

    public TableSpec(string fileName, params ColumnSpec[] columns)
    {
        FileName = fileName;
        Columns = columns;
        for (var i = 0; i < columns.Length; i++)
        {
            _byHeader[NormaliseHeader(columns[i].Name)] = i;
            foreach (var alias in columns[i].Aliases)
            {
                _byHeader[NormaliseHeader(alias)] = i;
            }
        }
    }

    public string FileName { get; }

    public ColumnSpec[] Columns { get; }

    /// <summary>
    /// The index of the column a header cell names, or -1. A bilingual header such as "员工编号 employee" (two names
    /// of the same column separated by white space, as the upload templates write them) names that column.
    /// </summary>
    public int Match(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_byHeader.TryGetValue(NormaliseHeader(header), out var i))
        {
            return i;
        }

        var trimmed = header.Trim();
        var split = trimmed.AsSpan().LastIndexOfAny(" \t\n\r\u3000");
        if (split <= 0)
        {
            return -1;
        }

        return _byHeader.TryGetValue(NormaliseHeader(trimmed[..split]), out var left)
            && _byHeader.TryGetValue(NormaliseHeader(trimmed[(split + 1)..]), out var right)
            && left == right
                ? left
                : -1;
    }

    /// <summary>The index of the column named <paramref name="name"/> (canonical).</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column '{name}' in {FileName}.", nameof(name));
    }

    /// <summary>Header cells compare case-insensitively, NFKC-normalised, with spaces and hyphens as underscores.</summary>
    internal static string NormaliseHeader(string header)
    {
        var s = header.Trim();
        if (!Ascii.IsValid(s))
        {
            s = s.Normalize(NormalizationForm.FormKC).Trim();
        }

        return s.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
    }
}

/// <summary>
/// The files of a data directory. Chinese aliases (简体 and 繁體) are accepted for every column so that
/// a spreadsheet exported with Chinese headers loads as it is.
/// </summary>
internal static class TableSchemas
{
    private const NumberOptions Signed = NumberOptions.AllowNegative;
    private const NumberOptions MoneySigned = NumberOptions.MoneyUnits | NumberOptions.AllowNegative;
    private const NumberOptions MoneyUnsigned = NumberOptions.MoneyUnits;

    private static readonly string[] EmployeeAliases = ["员工", "員工", "员工编号", "員工編號", "工号", "工號", "销售员", "銷售員"];
    private static readonly string[] DateAliases = ["日期"];
    private static readonly string[] ContractAliases = ["合同", "合同号", "合同號", "合同编号", "合同編號", "合約"];
    private static readonly string[] ContractSignedAliases = ["签约日期", "簽約日期", "合同签订日期", "合同簽訂日期"];
    private static readonly string[] AmountAliases = ["金额", "金額"];
    private static readonly string[] CustomerAliases = ["客户", "客戶", "客户编号", "客戶編號"];
    private static readonly string[] PeriodAliases = ["期间", "期間", "周期", "週期", "考核周期", "考核週期"];
    private static readonly string[] MetricAliases = ["指标", "指標"];
    private static readonly string[] SubjectAliases = ["对象", "對象", "考核对象", "考核對象"];

    public static readonly TableSpec OrgUnits = new(
        "org_units.csv",
        ColumnSpec.Of("id", ColumnKind.Plain, true, "编号", "編號", "组织编号", "組織編號", "部门编号", "部門編號"),
        ColumnSpec.Of("name", ColumnKind.Plain, true, "名称", "名稱", "组织名称", "組織名稱", "部门名称", "部門名稱"),
        ColumnSpec.Of("parent", ColumnKind.Plain, false, "上级", "上級", "上级组织", "上級組織", "上级部门", "上級部門"),
        ColumnSpec.Of("manager", ColumnKind.Plain, false, "负责人", "負責人", "经理", "經理"));

    public static readonly TableSpec Employees = new(
        "employees.csv",
        ColumnSpec.Of("id", ColumnKind.Plain, true, "编号", "編號", "工号", "工號", "员工编号", "員工編號"),
        ColumnSpec.Of("name", ColumnKind.Plain, true, "姓名", "名称", "名稱"),
        ColumnSpec.Of("org_unit", ColumnKind.Plain, true, "组织", "組織", "部门", "部門", "所属组织", "所屬組織", "所属部门", "所屬部門"),
        ColumnSpec.Of("manager", ColumnKind.Plain, false, "上级", "上級", "直属上级", "直屬上級", "经理", "經理"),
        ColumnSpec.Of("position", ColumnKind.Plain, true, "岗位", "崗位", "职位", "職位"),
        ColumnSpec.Of("category", ColumnKind.Plain, false, "类别", "類別", "岗位类别", "崗位類別"),
        ColumnSpec.Of("level", ColumnKind.Plain, false, "级别", "級別", "职级", "職級"),
        ColumnSpec.Of("tier", ColumnKind.Plain, false, "档级", "檔級", "层级", "層級", "等级", "等級"),
        ColumnSpec.Of("hire_date", ColumnKind.Plain, true, "入职日期", "入職日期"),
        ColumnSpec.Of("leave_date", ColumnKind.Plain, false, "离职日期", "離職日期"));

    /// <summary>Optional effective-dated history of employees (transfers); not an upload source (see docs/transfers.md).</summary>
    public static readonly TableSpec Assignments = new(
        "assignments.csv",
        ColumnSpec.Of("employee", ColumnKind.Plain, true, "员工", "員工", "员工编号", "員工編號", "工号", "工號"),
        ColumnSpec.Of("org_unit", ColumnKind.Plain, true, "组织", "組織", "部门", "部門", "所属组织", "所屬組織", "所属部门", "所屬部門"),
        ColumnSpec.Of("manager", ColumnKind.Plain, false, "上级", "上級", "直属上级", "直屬上級", "经理", "經理"),
        ColumnSpec.Of("position", ColumnKind.Plain, true, "岗位", "崗位", "职位", "職位"),
        ColumnSpec.Of("category", ColumnKind.Plain, false, "类别", "類別", "岗位类别", "崗位類別"),
        ColumnSpec.Of("level", ColumnKind.Plain, false, "级别", "級別", "职级", "職級"),
        ColumnSpec.Of("tier", ColumnKind.Plain, false, "档级", "檔級", "层级", "層級", "等级", "等級"),
        ColumnSpec.Of("valid_from", ColumnKind.Plain, true, "生效日期", "起始日期", "调动日期", "調動日期"));

    /// <summary>Optional effective-dated monthly fixed pay, read by the pay ledger (docs/pay-ledger.md).</summary>
    public static readonly TableSpec Salaries = new(
        "salaries.csv",
        ColumnSpec.Of("employee", ColumnKind.Plain, true, "员工", "員工", "员工编号", "員工編號", "工号", "工號"),
        ColumnSpec.Of("effective_from", ColumnKind.Plain, true, "生效日期", "起始日期"),
        ColumnSpec.Number("monthly_amount", ColumnKind.Plain, true, MoneyUnsigned, "amount", "月工资", "月工資", "固定工资", "固定工資", "月薪"));

    public static readonly TableSpec Sales = new(
        "sales.csv",
        ColumnSpec.Of("id", ColumnKind.Id, true, "编号", "編號", "订单号", "訂單號", "销售单号", "銷售單號", "单号", "單號"),
        ColumnSpec.Of("employee", ColumnKind.Employee, true, EmployeeAliases),
        ColumnSpec.Of("date", ColumnKind.Date, true, [.. DateAliases, "销售日期", "銷售日期"]),
        ColumnSpec.Of("customer", ColumnKind.Text, false, CustomerAliases),
        ColumnSpec.Of("product", ColumnKind.Category, true, "产品", "產品", "车型", "車型"),
        ColumnSpec.Number("units", ColumnKind.Quantity, true, Signed, "quantity", "数量", "數量", "台数", "台數"),
        ColumnSpec.Number("amount", ColumnKind.Money, true, MoneySigned, "amount", [.. AmountAliases, "销售额", "銷售額", "销售金额", "銷售金額"]),
        ColumnSpec.Number("cost", ColumnKind.Money, false, MoneySigned, "amount", "成本"),
        ColumnSpec.Of("contract", ColumnKind.Text, false, ContractAliases),
        ColumnSpec.Of("contract_signed", ColumnKind.OptionalDate, false, ContractSignedAliases));

    public static readonly TableSpec Credits = new(
        "credits.csv",
        ColumnSpec.Of("sale", ColumnKind.Plain, true, "销售", "銷售", "销售编号", "銷售編號", "订单号", "訂單號", "单号", "單號"),
        ColumnSpec.Of("employee", ColumnKind.Plain, true, EmployeeAliases),
        ColumnSpec.Of("share", ColumnKind.Plain, true, "比例", "分配比例", "份额", "份額"),
        ColumnSpec.Of("kind", ColumnKind.Plain, false, "类型", "類型", "销售类型", "銷售類型", "开拓方式", "開拓方式"),
        ColumnSpec.Of("referrer", ColumnKind.Text, false, "推荐人", "推薦人", "外部推荐人", "外部推薦人"));

    public static readonly TableSpec Collections = new(
        "collections.csv",
        ColumnSpec.Of("id", ColumnKind.Id, true, "编号", "編號", "回款单号", "回款單號", "单号", "單號"),
        ColumnSpec.Of("employee", ColumnKind.Employee, true, EmployeeAliases),
        ColumnSpec.Of("date", ColumnKind.Date, true, [.. DateAliases, "回款日期"]),
        ColumnSpec.Of("contract", ColumnKind.Text, false, ContractAliases),
        ColumnSpec.Of("contract_signed", ColumnKind.OptionalDate, false, ContractSignedAliases),
        ColumnSpec.Number("amount", ColumnKind.Money, true, MoneySigned, "amount", [.. AmountAliases, "回款金额", "回款金額"]));

    public static readonly TableSpec Expenses = new(
        "expenses.csv",
        ColumnSpec.Of("id", ColumnKind.Id, true, "编号", "編號", "单号", "單號"),
        ColumnSpec.Of("employee", ColumnKind.Employee, true, EmployeeAliases),
        ColumnSpec.Of("date", ColumnKind.Date, true, DateAliases),
        ColumnSpec.Of("category", ColumnKind.Category, true, "类别", "類別", "费用类别", "費用類別"),
        ColumnSpec.Number("amount", ColumnKind.Money, true, MoneyUnsigned, "amount", [.. AmountAliases, "费用金额", "費用金額"]));

    public static readonly TableSpec Activities = new(
        "activities.csv",
        ColumnSpec.Of("id", ColumnKind.Id, true, "编号", "編號"),
        ColumnSpec.Of("employee", ColumnKind.Employee, true, EmployeeAliases),
        ColumnSpec.Of("date", ColumnKind.Date, true, DateAliases),
        ColumnSpec.Of("kind", ColumnKind.Category, true, "类型", "類型", "活动类型", "活動類型"),
        ColumnSpec.Of("customer", ColumnKind.Text, false, CustomerAliases),
        ColumnSpec.Number("value", ColumnKind.OptionalValue, false, NumberOptions.None, "value", "值", "数值", "數值", "分值"));

    public static readonly TableSpec Targets = new(
        "targets.csv",
        ColumnSpec.Of("subject", ColumnKind.Plain, true, SubjectAliases),
        ColumnSpec.Of("metric", ColumnKind.Plain, true, MetricAliases),
        ColumnSpec.Of("period", ColumnKind.Plain, true, PeriodAliases),
        ColumnSpec.Number("value", ColumnKind.Plain, true, MoneyUnsigned, "value", "目标", "目標", "目标值", "目標值", "基本目标", "基本目標"),
        ColumnSpec.Number("challenge", ColumnKind.Plain, false, MoneyUnsigned, "value", "挑战目标", "挑戰目標", "挑战值", "挑戰值"));

    public static readonly TableSpec Ratings = new(
        "ratings.csv",
        ColumnSpec.Of("employee", ColumnKind.Plain, true, EmployeeAliases),
        ColumnSpec.Of("period", ColumnKind.Plain, true, PeriodAliases),
        ColumnSpec.Of("indicator", ColumnKind.Plain, true, "指标", "指標", "考核项", "考核項"),
        ColumnSpec.Number("points", ColumnKind.Plain, true, Signed, "points", "分数", "分數", "得分"),
        ColumnSpec.Of("rater", ColumnKind.Plain, false, "评分人", "評分人"),
        ColumnSpec.Of("comment", ColumnKind.Plain, false, "备注", "備註", "评语", "評語"));

    public static readonly TableSpec Metrics = new(
        "metrics.csv",
        ColumnSpec.Of("subject", ColumnKind.Plain, true, SubjectAliases),
        ColumnSpec.Of("metric", ColumnKind.Plain, true, MetricAliases),
        ColumnSpec.Of("period", ColumnKind.Plain, true, PeriodAliases),
        ColumnSpec.Number("value", ColumnKind.Plain, true, MoneySigned, "value", "值", "数值", "數值"));

    /// <summary>Every table, in the order of the data directory format.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [OrgUnits, Employees, Sales, Credits, Collections, Expenses, Activities, Targets, Ratings, Metrics, Salaries];

    /// <summary>The table of an upload source ("sales" is sales.csv).</summary>
    public static TableSpec ForSource(string source) =>
        All.FirstOrDefault(t => t.FileName == source + ".csv") ?? throw new ArgumentException($"Unknown data source '{source}'.", nameof(source));

    /// <summary>The canonical names of a table's columns, for the unknown-column message.</summary>
    /// <summary>
    /// The most characters column <paramref name="column"/> of <paramref name="spec"/> can be stored with (the
    /// database's column sizes): 64 for ids of people and units and for codes (they are keys), 4,000 for a rating's
    /// comment, 200 for any other text (row ids included).
    /// </summary>
    public static int StoredMaxChars(TableSpec spec, int column)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.Columns[column].Name;
        return name switch
        {
            "comment" => 4_000,
            "employee" or "org_unit" or "parent" or "manager" or "subject" or "rater" or "indicator" or "metric" => 64,
            "id" when spec == OrgUnits || spec == Employees => 64,
            _ => 200,
        };
    }

    public static string ColumnList(TableSpec spec) =>
        string.Join(", ", spec.Columns.Select(c => c.Name));
}
