using System.Globalization;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// The one formatter of numbers, money, percentages and dates on every page (docs/number-format.md). Each method takes
/// the culture to format for (default: the request's <see cref="CultureInfo.CurrentCulture"/>); the three cultures the
/// UI offers are zh-CN, zh-TW and en.
/// <list type="bullet">
/// <item><see cref="Money(decimal, CultureInfo?)"/>: exact to the cent (¥1,234,567.00) — tables, pay lines, payslips,
/// calculation results, changes; exports and the API never go through this class at all.</item>
/// <item><see cref="MoneyShort(decimal, CultureInfo?)"/>: a headline figure (KPI cards, dashboards, leaderboards):
/// in Chinese from 1万 up in 万 (¥123.46万; zh-TW 萬) and from 1亿 up in 亿 (¥1.23亿; zh-TW 億), two decimals rounded
/// half away from zero; smaller amounts and English exact. The exact amount goes in the element's title.</item>
/// </list>
/// </summary>
public static class LocaleFormat
{
    private const decimal Wan = 10_000m;
    private const decimal Yi = 100_000_000m;

    /// <summary>Money exact to the cent: "¥1,234,567.00", negative "-¥1,234.50" in every UI culture.</summary>
    public static string Money(decimal amount, CultureInfo? culture = null) =>
        Jixiao.Domain.Compensation.Money.Round(amount).ToString("C2", Currency(culture ?? CultureInfo.CurrentCulture));

    /// <summary>Money exact to the cent, or "—" when there is none.</summary>
    public static string Money(decimal? amount, CultureInfo? culture = null) => amount is { } a ? Money(a, culture) : "—";

    /// <summary>
    /// A headline amount. zh-CN: "¥123.46万" (1,234,567.00), "¥1.23亿" (123,456,789.00), "¥9,999.99" below 1万;
    /// zh-TW the same with 萬 and 億; English exact ("¥1,234,567.00"). Two decimals, half away from zero; an amount
    /// that rounds to 10,000.00万 is shown as 1.00亿.
    /// </summary>
    public static string MoneyShort(decimal amount, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var units = Units(culture);
        var abs = Math.Abs(amount);
        if (units is not var (wan, yi) || abs < Wan)
        {
            return Money(amount, culture);
        }

        var sign = amount < 0 ? culture.NumberFormat.NegativeSign : "";
        var inWan = Jixiao.Domain.Compensation.Money.Round(abs / Wan);
        var (value, unit) = inWan < Wan ? (inWan, wan) : (Jixiao.Domain.Compensation.Money.Round(abs / Yi), yi);
        return sign + "¥" + value.ToString("N2", culture) + unit;
    }

    /// <summary>A headline amount, or "—" when there is none.</summary>
    public static string MoneyShort(decimal? amount, CultureInfo? culture = null) => amount is { } a ? MoneyShort(a, culture) : "—";

    /// <summary>A number (points, weights, actuals) with two decimals and group separators: "1,234.50", or "—".</summary>
    public static string Number(decimal? value, CultureInfo? culture = null) =>
        value is { } v ? v.ToString("N2", culture ?? CultureInfo.CurrentCulture) : "—";

    private static readonly HashSet<string> MoneyUnits = new(["元", "¥", "￥", "人民币", "CNY", "RMB"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a result's unit (the plan's unit of the metric, trimmed by the engine) is money: 元, ¥, 人民币, CNY, RMB.</summary>
    public static bool IsMoneyUnit(string? unit) => unit is not null && MoneyUnits.Contains(unit);

    /// <summary>An actual or target in its unit: a money unit as a headline amount (<see cref="MoneyShort(decimal?, CultureInfo?)"/>), else <see cref="Number"/>.</summary>
    public static string Amount(decimal? value, string? unit, CultureInfo? culture = null) =>
        IsMoneyUnit(unit) ? MoneyShort(value, culture) : Number(value, culture);

    /// <summary>A quantity as entered, up to four decimals, no trailing zeros: "1,234.5", or "—" (target plans).</summary>
    public static string Quantity(decimal? value, CultureInfo? culture = null) =>
        value is { } v ? v.ToString("#,##0.####", culture ?? CultureInfo.CurrentCulture) : "—";

    /// <summary>A difference with its sign: "+1,234.5", "-0.01", "0".</summary>
    public static string SignedQuantity(decimal value, CultureInfo? culture = null) =>
        value.ToString("+#,##0.####;-#,##0.####;0", culture ?? CultureInfo.CurrentCulture);

    /// <summary>A ratio as a percentage with one decimal: 1.05 → "105.0%", or "—".</summary>
    public static string Percent(decimal? ratio, CultureInfo? culture = null) =>
        ratio is { } r ? r.ToString("P1", culture ?? CultureInfo.CurrentCulture) : "—";

    /// <summary>A calendar date: zh-CN "2026-11-20" (GB/T 7408), zh-TW "2026/11/20", English "20 Nov 2026".</summary>
    public static string Date(DateOnly date, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return Language(culture) switch
        {
            "zh-TW" => date.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture),
            "en" => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            _ => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The UI language of a culture (<see cref="Languages.Match"/>): "zh-TW" (also zh-Hant, zh-HK, zh-MO), "en" (any English), else "zh-CN".</summary>
    private static string Language(CultureInfo culture) => (Languages.Match(culture.Name) ?? Languages.Default).Name;

    private static (string Wan, string Yi)? Units(CultureInfo culture) => Language(culture) switch
    {
        "zh-TW" => ("萬", "億"),
        "en" => null,
        _ => ("万", "亿"),
    };

    private static NumberFormatInfo Currency(CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "¥";
        format.CurrencyDecimalDigits = 2;
        format.CurrencyNegativePattern = 1;
        format.CurrencyPositivePattern = 0;
        return format;
    }
}
