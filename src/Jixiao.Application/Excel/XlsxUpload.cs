using System.Globalization;
using System.Text;
using System.Xml;
using Jixiao.Application.Import;

namespace Jixiao.Application.Excel;

/// <summary>
/// Turns the first worksheet of an uploaded .xlsx into the CSV text of the data directory format, so that it is
/// validated by exactly the same code as a CSV upload, and maps the loader's errors back to the worksheet: the
/// uploaded file's name, the row number Excel shows and the column letter.
/// </summary>
/// <remarks>
/// Cells become CSV fields as follows. Text cells are taken as they are (the loader's strict number and date
/// parsing applies: full-width digits, thousands separators, 万/元). Number cells are written with the 15
/// significant digits Excel shows (so 0.1+0.2 is 0.3), never in exponent form. Date-formatted cells become
/// yyyy-MM-dd (with the time when there is one, which the loader rejects), and yyyy-MM in a period column when
/// they fall on the first of a month (Excel turns a typed 2026-10 into 1 October 2026). Error values (#N/A …),
/// formulas without a saved result, merged cells and further worksheets with data are errors of their own;
/// a worksheet named like the templates' description sheet (说明, instructions) is ignored.
/// </remarks>
internal sealed class XlsxUpload
{
    /// <summary>Names of extra worksheets that hold instructions, not data (the templates' second sheet).</summary>
    internal static readonly string[] InstructionSheetNames = ["说明", "說明", "填写说明", "填寫說明", "instructions", "readme"];

    private static readonly DateOnly Epoch1900 = new(1899, 12, 30);
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);

    private readonly List<int> _rowOfLine = [0];
    private readonly List<DataError> _errors = [];
    private readonly HashSet<(int Row, int Column)> _badCells = [];
    private readonly StringBuilder _line = new();
    private readonly string _fileName;
    private readonly string _csvName;
    private readonly ImportLimits _limits;

    private XlsxUpload(string fileName, string csvName, ImportLimits limits)
    {
        _fileName = fileName;
        _csvName = csvName;
        _limits = limits;
    }

    /// <summary>Whether the worksheet was converted (its errors, if any, are cell errors); false when it could not be read.</summary>
    public bool Converted { get; private set; }

    /// <summary>The CSV text, from <see cref="Convert(byte[], string, TableSpec)"/> only; null when not converted.</summary>
    public string? Csv { get; private set; }

    /// <summary>Errors found while reading the worksheet (before the loader's checks).</summary>
    public IReadOnlyList<DataError> Errors => _errors;

    /// <summary>Whether <paramref name="fileName"/> or <paramref name="start"/> (the first bytes) says the file is an Excel workbook.</summary>
    public static bool IsWorkbook(string fileName, ReadOnlySpan<byte> start)
    {
        var ext = Path.GetExtension(fileName);
        return XlsxPackage.IsZip(start) || IsOle2(start)
            || ext.Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".xlsm", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".xls", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The old binary .xls (and other OLE2 compound files) start with D0 CF 11 E0.</summary>
    private static bool IsOle2(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0;

    /// <summary>Converts the first worksheet for the table <paramref name="spec"/> into <see cref="Csv"/>, with the default limits.</summary>
    public static XlsxUpload Convert(byte[] content, string fileName, TableSpec spec)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var csv = new StringWriter(CultureInfo.InvariantCulture);
        var upload = Convert(new MemoryStream(content, writable: false), fileName, spec, ImportLimits.Default, csv);
        upload.Csv = upload.Converted ? csv.ToString() : null;
        return upload;
    }

    /// <summary>
    /// Converts the first worksheet of the workbook in <paramref name="content"/> (seekable) for the table
    /// <paramref name="spec"/>, writing CSV to <paramref name="csv"/> row by row, within <paramref name="limits"/>.
    /// </summary>
    public static XlsxUpload Convert(Stream content, string fileName, TableSpec spec, ImportLimits limits, TextWriter csv)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(csv);
        var upload = new XlsxUpload(fileName, spec.FileName, limits);
        XlsxSheetReader? sheet = null;
        try
        {
            using var workbook = XlsxReader.Open(content, limits);
            if (workbook is null)
            {
                upload._errors.Add(new DataError(fileName, 0, 0, null, DataErrorCode.InvalidWorkbook, []));
                return upload;
            }

            using (sheet = workbook.Sheet(0))
            {
                upload.Build(sheet, spec, workbook.Date1904 ? Epoch1904 : Epoch1900, csv);
            }

            for (var i = 1; i < workbook.Sheets.Count; i++)
            {
                var name = workbook.Sheets[i].Name;
                if (InstructionSheetNames.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                sheet = null;
                using var other = workbook.Sheet(i);
                if (other.HasData())
                {
                    upload._errors.Add(new DataError(fileName, 0, 0, null, DataErrorCode.ExtraSheet, [name]));
                }
            }

            upload.Converted = true;
        }
        catch (XlsxReadException e)
        {
            upload._errors.Add(upload.Located(e.Row, e.Column, null, e.Code, [.. e.Arguments]));
        }
        catch (NodeTooLongException)
        {
            // A tag or text far beyond any cell's size outside a cell's value (e.g. a huge attribute).
            upload._errors.Add(upload.Located(sheet?.CurrentRow ?? 0, 0, null, DataErrorCode.FieldTooLong, ErrorList.Number(limits.MaxFieldChars)));
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or FormatException or OverflowException)
        {
            upload._errors.Add(new DataError(fileName, 0, 0, null, DataErrorCode.InvalidWorkbook, []));
        }

        return upload;
    }

    private void Build(XlsxSheetReader sheet, TableSpec spec, DateOnly epoch, TextWriter csv)
    {
        var cells = new List<XlsxCellValue>();
        string?[] names = [];
        string?[] canonical = [];
        var width = 0;
        var first = true;
        while (sheet.Read(cells))
        {
            if (first)
            {
                // The first row with data is the header.
                first = false;
                width = cells[^1].Column;
                names = new string?[width + 1];
                canonical = new string?[width + 1];
                foreach (var cell in cells)
                {
                    names[cell.Column] = cell.Text;
                    var index = spec.Match(cell.Text);
                    canonical[cell.Column] = index >= 0 ? spec.Columns[index].Name : null;
                }
            }

            WriteRow(cells, width, names, canonical, epoch, csv);
        }

        foreach (var range in sheet.MergedRanges)
        {
            var topLeft = range.Split(':')[0];
            var (row, column) = XlsxReader.TryParseReference(topLeft, out var r, out var c) ? (r, c) : (0, 0);
            _errors.Add(Located(row, column, null, DataErrorCode.MergedCells, range));
        }
    }

    private void WriteRow(List<XlsxCellValue> cells, int width, string?[] names, string?[] canonical, DateOnly epoch, TextWriter csv)
    {
        var fields = new string[Math.Max(width, cells[^1].Column)];
        Array.Fill(fields, string.Empty);
        foreach (var cell in cells)
        {
            var name = cell.Column <= width ? names[cell.Column] : null;
            var column = cell.Column <= width ? canonical[cell.Column] : null;
            fields[cell.Column - 1] = Field(cell, name, column, epoch);
        }

        var lines = 1;
        _line.Clear();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }

            var f = fields[i];
            if (f.AsSpan().IndexOfAny(",\"\n") >= 0)
            {
                lines += f.AsSpan().Count('\n');
                _line.Append('"').Append(f.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _line.Append(f);
            }
        }

        csv.Write(_line.Append('\n'));
        for (var i = 0; i < lines; i++)
        {
            _rowOfLine.Add(cells[0].Row);
        }
    }

    private string Field(XlsxCellValue cell, string? name, string? column, DateOnly epoch)
    {
        switch (cell.Kind)
        {
            case XlsxCellKind.Error:
                _badCells.Add((cell.Row, cell.Column));
                _errors.Add(Located(cell.Row, cell.Column, name, DataErrorCode.CellError, cell.Text));
                return cell.Text;
            case XlsxCellKind.UncalculatedFormula:
                _badCells.Add((cell.Row, cell.Column));
                _errors.Add(Located(cell.Row, cell.Column, name, DataErrorCode.FormulaNotCalculated, cell.Text));
                return string.Empty;
            case XlsxCellKind.TooLong:
                _badCells.Add((cell.Row, cell.Column));
                _errors.Add(Located(cell.Row, cell.Column, name, DataErrorCode.FieldTooLong, ErrorList.Number(_limits.MaxFieldChars)));
                return string.Empty;
            case XlsxCellKind.MissingSharedString:
                _badCells.Add((cell.Row, cell.Column));
                _errors.Add(Located(cell.Row, cell.Column, name, DataErrorCode.SharedStringMissing, cell.Text));
                return string.Empty;
            case XlsxCellKind.Number when cell.IsDate:
                return DateText(cell.Number, column, epoch);
            case XlsxCellKind.Number:
                return NumberText(cell.Number);
            default:
                return cell.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }
    }

    /// <summary>A number as Excel shows it (15 significant digits), in plain decimal notation.</summary>
    internal static string NumberText(double value)
    {
        var g15 = value.ToString("G15", CultureInfo.InvariantCulture);
        return decimal.TryParse(g15, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d.ToString(CultureInfo.InvariantCulture)
            : g15;
    }

    private static string DateText(double serial, string? column, DateOnly epoch)
    {
        if (serial < 0 || serial >= 2_958_466)
        {
            return NumberText(serial);
        }

        var days = (int)Math.Floor(serial);
        var date = epoch.AddDays(days);
        var seconds = (int)Math.Round((serial - days) * 86_400);
        if (seconds >= 86_400)
        {
            date = date.AddDays(1);
            seconds = 0;
        }

        if (seconds != 0)
        {
            var time = TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(seconds));
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return column == "period" && date.Day == 1
            ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private DataError Located(int row, int column, string? name, DataErrorCode code, params string[] args) =>
        new(_fileName, row, column, name, code, args) { ColumnLabel = column > 0 ? XlsxWriter.ColumnLetters(column) : null };

    /// <summary>
    /// This upload's errors and the loader's errors about its CSV, moved to the worksheet's rows and columns,
    /// without loader errors about cells already reported (an error value is not also "not a valid amount").
    /// </summary>
    public List<DataError> MergeErrors(IEnumerable<DataError> loaderErrors)
    {
        var result = new List<DataError>(_errors);
        foreach (var e in loaderErrors)
        {
            if (e.File != _csvName)
            {
                continue;
            }

            var moved = Remap(e);
            if (moved.Column > 0 && _badCells.Contains((moved.Line, moved.Column)))
            {
                continue;
            }

            result.Add(moved);
        }

        return [.. result.OrderBy(e => e.Line).ThenBy(e => e.Column)];
    }

    private DataError Remap(DataError e)
    {
        var args = e.Arguments.ToArray();
        switch (e.Code)
        {
            case DataErrorCode.DuplicateId or DataErrorCode.DuplicateKey when args.Length > 1:
                args[1] = RowText(args[1]);
                break;
            case DataErrorCode.MultipleRootOrgUnits when args.Length > 2:
                args[2] = RowText(args[2]);
                break;
            case DataErrorCode.DuplicateColumn when args.Length > 1
                && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var first):
                args[1] = XlsxWriter.ColumnLetters(first);
                break;
        }

        return new DataError(_fileName, Row(e.Line), e.Column, e.ColumnName, e.Code, args)
        {
            ColumnLabel = e.Column > 0 ? XlsxWriter.ColumnLetters(e.Column) : null,
        };
    }

    private int Row(int line) => line > 0 && line < _rowOfLine.Count ? _rowOfLine[line] : line;

    private string RowText(string line) =>
        int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Row(n).ToString(CultureInfo.InvariantCulture) : line;
}
