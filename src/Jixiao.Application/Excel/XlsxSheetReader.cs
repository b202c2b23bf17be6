using System.Globalization;
using System.Text;
using System.Xml;
using Jixiao.Application.Import;

namespace Jixiao.Application.Excel;

/// <summary>
/// The rows of one worksheet, read one at a time from its XML (see <see cref="XlsxReader"/>): only rows with a
/// non-empty cell are returned, with only their non-empty cells. Rows must come in order and cells left to right, as
/// Excel writes them; the merged ranges (after the rows in the XML) are known once <see cref="Read"/> returns false.
/// </summary>
internal sealed class XlsxSheetReader : IDisposable
{
    /// <summary>Merged ranges listed (each is an error of its own; more would only repeat it).</summary>
    private const int MaxMergedRanges = 1_000;

    private readonly XmlReader _r;
    private readonly XlsxSharedStrings _strings;
    private readonly List<bool> _dateStyles;
    private readonly ImportLimits _limits;
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _piece = new();
    private readonly List<string> _merged = [];
    private int _row;
    private int _rowsWithData;
    private bool _started;

    public XlsxSheetReader(XmlReader reader, XlsxSharedStrings strings, List<bool> dateStyles, ImportLimits limits)
    {
        _r = reader;
        _strings = strings;
        _dateStyles = dateStyles;
        _limits = limits;
    }

    /// <summary>The merged ranges ("A1:C1"), once every row has been read.</summary>
    public IReadOnlyList<string> MergedRanges => _merged;

    /// <summary>The row a problem in the worksheet is reported at: the row being read.</summary>
    public int CurrentRow => _row;

    /// <summary>Reads the next row with a non-empty cell into <paramref name="cells"/>; false at the end of the sheet.</summary>
    public bool Read(List<XlsxCellValue> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        cells.Clear();
        if (!_started)
        {
            _started = true;
            _r.Read();
        }

        while (!_r.EOF)
        {
            if (_r.NodeType != XmlNodeType.Element)
            {
                _r.Read();
                continue;
            }

            switch (_r.LocalName)
            {
                case "row":
                    ReadRow(cells);
                    if (cells.Count > 0)
                    {
                        // The header counts as a row here; MaxRows counts data rows.
                        if (++_rowsWithData > _limits.MaxRows + 1)
                        {
                            throw new XlsxReadException(DataErrorCode.TooManyRows, _row, 0, ErrorList.Number(_limits.MaxRows));
                        }

                        return true;
                    }

                    break;
                case "mergeCell":
                    if (_merged.Count < MaxMergedRanges)
                    {
                        _merged.Add(Truncate(_r.GetAttribute("ref") ?? string.Empty));
                    }

                    _r.Skip();
                    break;
                case "worksheet" or "sheetData" or "mergeCells":
                    _r.Read();
                    break;
                default:
                    // Column widths, views, print settings …: not data.
                    _r.Skip();
                    break;
            }
        }

        return false;
    }

    /// <summary>Whether the sheet has any non-empty cell (reads no further than the first).</summary>
    public bool HasData() => Read([]);

    public void Dispose() => _r.Dispose();

    private void ReadRow(List<XlsxCellValue> cells)
    {
        var number = _r.GetAttribute("r");
        var row = _row + 1;
        if (number is not null && !(int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out row) && row > _row && row <= XlsxReader.MaxExcelRow))
        {
            throw new XlsxReadException(DataErrorCode.InvalidRowNumber, 0, 0, Truncate(number));
        }

        if (row > XlsxReader.MaxExcelRow)
        {
            throw new XlsxReadException(DataErrorCode.InvalidRowNumber, 0, 0, row.ToString(CultureInfo.InvariantCulture));
        }

        _row = row;
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return;
        }

        var depth = _r.Depth;
        var column = 0;
        _r.Read();
        while (!_r.EOF && !(_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth))
        {
            if (_r.NodeType != XmlNodeType.Element)
            {
                _r.Read();
            }
            else if (_r.LocalName == "c")
            {
                column = ReadCell(column, cells);
            }
            else
            {
                _r.Skip();
            }
        }

        _r.Read();
    }

    /// <summary>Reads the cell the reader is on, after column <paramref name="previous"/>; returns its column.</summary>
    private int ReadCell(int previous, List<XlsxCellValue> cells)
    {
        var reference = _r.GetAttribute("r");
        var type = _r.GetAttribute("t") ?? "n";
        var style = int.TryParse(_r.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var column = previous + 1;
        if (reference is not null)
        {
            if (!XlsxReader.TryParseReference(reference, out var row, out column) || row != _row || column <= previous)
            {
                throw new XlsxReadException(DataErrorCode.InvalidCellReference, _row, 0, Truncate(reference));
            }
        }
        else if (column > XlsxReader.MaxExcelColumn)
        {
            throw new XlsxReadException(DataErrorCode.InvalidCellReference, _row, 0, XlsxWriter.ColumnLetters(column) + _row.ToString(CultureInfo.InvariantCulture));
        }

        if (_r.IsEmptyElement)
        {
            _r.Read();
            return column;
        }

        string? value = null, formula = null, inline = null;
        var tooLong = false;
        var depth = _r.Depth;
        try
        {
            ReadContent(depth, ref value, ref formula, ref inline, ref tooLong);
        }
        catch (NodeTooLongException)
        {
            // A text far beyond the limit (a zip bomb of one cell): not read to its end.
            throw new XlsxReadException(DataErrorCode.FieldTooLong, _row, column, ErrorList.Number(_limits.MaxFieldChars));
        }

        var cell = Cell(column, type, style, tooLong, value, formula, inline);
        if (cell is not null)
        {
            if (column > _limits.MaxColumns)
            {
                throw new XlsxReadException(DataErrorCode.TooManyColumns, _row, column, ErrorList.Number(_limits.MaxColumns));
            }

            cells.Add(cell);
        }

        return column;
    }

    private void ReadContent(int depth, ref string? value, ref string? formula, ref string? inline, ref bool tooLong)
    {
        _r.Read();
        while (!_r.EOF && !(_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth))
        {
            if (_r.NodeType != XmlNodeType.Element)
            {
                _r.Read();
            }
            else if (_r.LocalName == "v")
            {
                value = XlsxReader.ReadText(_r, _limits.MaxFieldChars, _text, out var longValue);
                tooLong |= longValue;
            }
            else if (_r.LocalName == "f")
            {
                // Only shown in a message: the start of a long formula is enough.
                formula = XlsxReader.ReadText(_r, _limits.MaxFieldChars, _text, out var longFormula);
                formula = longFormula || formula.Length > 100 ? formula[..Math.Min(formula.Length, 100)] + "…" : formula;
            }
            else if (_r.LocalName == "is")
            {
                tooLong |= XlsxSharedStrings.ReadRichText(_r, _limits.MaxFieldChars, _text, _piece);
                inline = _text.ToString();
            }
            else
            {
                _r.Skip();
            }
        }

        _r.Read();
    }

    private XlsxCellValue? Cell(int column, string type, int style, bool tooLong, string? value, string? formula, string? inline)
    {
        var row = _row;
        if (tooLong)
        {
            return new XlsxCellValue(row, column, XlsxCellKind.TooLong, string.Empty, 0, false);
        }

        if (type == "inlineStr")
        {
            return inline is null or "" ? null : new XlsxCellValue(row, column, XlsxCellKind.Text, inline, 0, false);
        }

        if (value is null)
        {
            return formula is null ? null : new XlsxCellValue(row, column, XlsxCellKind.UncalculatedFormula, "=" + formula, 0, false);
        }

        switch (type)
        {
            case "s":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _strings.Count)
                {
                    return new XlsxCellValue(row, column, XlsxCellKind.MissingSharedString, Truncate(value), 0, false);
                }

                var text = _strings[index];
                return text is null ? new XlsxCellValue(row, column, XlsxCellKind.TooLong, string.Empty, 0, false)
                    : text.Length == 0 ? null
                    : new XlsxCellValue(row, column, XlsxCellKind.Text, text, 0, false);
            case "str":
                return value.Length == 0 ? null : new XlsxCellValue(row, column, XlsxCellKind.Text, value, 0, false);
            case "b":
                return new XlsxCellValue(row, column, XlsxCellKind.Boolean, value == "1" ? "TRUE" : "FALSE", 0, false);
            case "e":
                return new XlsxCellValue(row, column, XlsxCellKind.Error, Truncate(value), 0, false);
            case "d":
                // ISO 8601 date cells (rare; strict OOXML).
                return new XlsxCellValue(row, column, XlsxCellKind.Text, value.Length >= 10 ? value[..10] : value, 0, false);
            default:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    // Not a number Excel writes: the loader reports the text where a number belongs.
                    return value.Length == 0 ? null : new XlsxCellValue(row, column, XlsxCellKind.Text, value, 0, false);
                }

                var isDate = style < _dateStyles.Count && _dateStyles[style];
                return new XlsxCellValue(row, column, XlsxCellKind.Number, value, number, isDate);
        }
    }

    /// <summary>Text from the file shown in a message: at most 40 characters.</summary>
    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
