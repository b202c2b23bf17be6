using System.Globalization;
using System.Text;

namespace Jixiao.Application.Excel;

/// <summary>How an exported column's values are written.</summary>
public enum ExportKind
{
    /// <summary>Text; a number or date given to a text column is still written as a number or date.</summary>
    Text,

    /// <summary>A number as it is.</summary>
    Number,

    /// <summary>Money: a number rounded to 2 decimals, shown as #,##0.00.</summary>
    Money,

    /// <summary>A date (DateOnly, DateTime or DateTimeOffset), shown as yyyy-mm-dd.</summary>
    Date,
}

/// <summary>An exported column: its header in Chinese and in English, and how its values are written.</summary>
public sealed record ExportColumn(string Zh, string En, ExportKind Kind = ExportKind.Text)
{
    /// <summary>The header in the language of <paramref name="culture"/>: Chinese for zh-*, English otherwise.</summary>
    public string Header(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;
    }
}

/// <summary>
/// Writes a table a user sees to an .xlsx (or CSV) file, safe against formula injection: text is always a text cell,
/// never a formula, and text starting with = + - @ tab or CR is marked with Excel's leading apostrophe
/// (quotePrefix in .xlsx, a literal ' in CSV) so that editing the cell or saving the sheet as CSV cannot turn it into
/// a formula. Numbers stay numbers, money has 2 decimals, dates are dates.
/// </summary>
public static class ExcelExport
{
    /// <summary>Whether a spreadsheet would take <paramref name="text"/> for a formula when typed or read from CSV.</summary>
    public static bool LooksLikeFormula(string text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Writes one worksheet: a header row in the language of <paramref name="culture"/> (current UI culture by default), then the rows.</summary>
    public static void Write(Stream stream, string sheetName, IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> rows,
        CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        culture ??= CultureInfo.CurrentUICulture;
        var header = columns.Select(c => XlsxCell.Header(c.Header(culture))).ToArray();
        var widths = columns.Select(c => (double)Math.Clamp(Width(c.Header(culture)) + 2, c.Kind == ExportKind.Text ? 10 : 14, 60)).ToArray();
        XlsxWriter.Write(stream, [new XlsxSheet(sheetName, widths, Rows(header, columns, rows))]);
    }

    /// <summary>Writes the same table as CSV (UTF-8 with BOM so that Excel reads Chinese correctly).</summary>
    public static void WriteCsv(Stream stream, IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> rows, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        culture ??= CultureInfo.CurrentUICulture;
        using var w = new StreamWriter(stream, new UTF8Encoding(true), leaveOpen: true);
        WriteCsvLine(w, columns.Select(c => CsvSafe(c.Header(culture))));
        foreach (var row in rows)
        {
            WriteCsvLine(w, columns.Select((c, i) => CsvValue(c.Kind, i < row.Count ? row[i] : null)));
        }
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> Rows(XlsxCell[] header, IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        yield return header;
        foreach (var row in rows)
        {
            var cells = new XlsxCell[columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(columns[i].Kind, i < row.Count ? row[i] : null);
            }

            yield return cells;
        }
    }

    internal static XlsxCell Cell(ExportKind kind, object? value)
    {
        switch (value)
        {
            case null:
                return default;
            case string s:
                return XlsxCell.Of(s);
        }

        // Dates are dates and numbers numbers whatever the column's kind; the kind adds the money format.
        if (AsDate(value) is { } date)
        {
            return new XlsxCell(null, null, date, XlsxStyle.Date);
        }

        if (AsNumber(value) is { } number)
        {
            return kind == ExportKind.Money
                ? new XlsxCell(null, Math.Round(number, 2, MidpointRounding.AwayFromZero), null, XlsxStyle.Money)
                : new XlsxCell(null, number, null, XlsxStyle.General);
        }

        return XlsxCell.Of(Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    private static DateOnly? AsDate(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset o => DateOnly.FromDateTime(o.DateTime),
        _ => null,
    };

    private static decimal? AsNumber(object value) => value switch
    {
        decimal m => m,
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e27 => (decimal)d,
        float f when float.IsFinite(f) => (decimal)f,
        _ => null,
    };

    private static string CsvValue(ExportKind kind, object? value)
    {
        var cell = Cell(kind, value);
        if (cell.Date is { } date)
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (cell.Number is { } number)
        {
            return kind == ExportKind.Money ? number.ToString("0.00", CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture);
        }

        return CsvSafe(cell.Text ?? string.Empty);
    }

    /// <summary>Text for CSV: a leading apostrophe when a spreadsheet would read it as a formula.</summary>
    private static string CsvSafe(string text) => LooksLikeFormula(text) ? "'" + text : text;

    private static void WriteCsvLine(StreamWriter w, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first)
            {
                w.Write(',');
            }

            first = false;
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                w.Write('"');
                w.Write(f.Replace("\"", "\"\"", StringComparison.Ordinal));
                w.Write('"');
            }
            else
            {
                w.Write(f);
            }
        }

        w.Write("\r\n");
    }

    /// <summary>A rough display width: CJK characters count twice.</summary>
    internal static int Width(string text) => text.Sum(c => c >= 0x2E80 ? 2 : 1);
}
