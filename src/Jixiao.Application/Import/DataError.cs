using System.Globalization;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>The outcome of loading a data directory: a dataset, or every error found (then no dataset).</summary>
public sealed record DataLoadResult(Dataset? Dataset, IReadOnlyList<DataError> Errors)
{
    /// <summary>Whether the directory loaded without any error.</summary>
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// One problem in the input: file name, 1-based line (the header is line 1; 0 when the problem concerns
/// the whole file), 1-based column (0 when it concerns the whole line), the column's header as written,
/// a code, and the arguments of the message (the offending text first, where there is one).
/// </summary>
public sealed record DataError(string File, int Line, int Column, string? ColumnName, DataErrorCode Code, IReadOnlyList<string> Arguments)
{
    /// <summary>How the column is shown instead of its number (the column letter of a worksheet: "G"), or null.</summary>
    public string? ColumnLabel { get; init; }

    /// <summary>The error as a sentence in the language of <paramref name="culture"/> (English, 简体中文, 繁體中文).</summary>
    public string Format(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var message = DataMessages.Message(Code, Arguments, culture);
        if (File.Length == 0)
        {
            return message;
        }

        var line = Line.ToString(CultureInfo.InvariantCulture);
        var column = ColumnLabel ?? Column.ToString(CultureInfo.InvariantCulture);
        if (Line <= 0)
        {
            return DataMessages.Pattern("Location_File", culture, File, message);
        }

        if (Column <= 0)
        {
            return DataMessages.Pattern("Location_Line", culture, File, line, message);
        }

        return string.IsNullOrEmpty(ColumnName)
            ? DataMessages.Pattern("Location_Column", culture, File, line, column, message)
            : DataMessages.Pattern("Location_ColumnName", culture, File, line, column, ColumnName, message);
    }

    /// <inheritdoc />
    public override string ToString() => Format(CultureInfo.InvariantCulture);
}

/// <summary>What is wrong with the input. Each code has a message in every supported language.</summary>
public enum DataErrorCode
{
    /// <summary>The data directory does not exist. Arguments: directory.</summary>
    MissingDirectory,

    /// <summary>A required file is missing.</summary>
    MissingFile,

    /// <summary>A file has no header line.</summary>
    EmptyFile,

    /// <summary>A required column is not in the header. Arguments: column name.</summary>
    MissingColumn,

    /// <summary>Two header cells name the same column. Arguments: header text, column number of the first.</summary>
    DuplicateColumn,

    /// <summary>A header cell names no known column. Arguments: header text, the expected names.</summary>
    UnknownColumn,

    /// <summary>A row has a different number of fields than the header. Arguments: expected, found.</summary>
    WrongFieldCount,

    /// <summary>A quoted field has no closing quote before the end of the file.</summary>
    UnterminatedQuote,

    /// <summary>A quote inside an unquoted field, or text after a closing quote.</summary>
    InvalidQuote,

    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>A required value is empty.</summary>
    Required,

    /// <summary>Not a number in the accepted format. Arguments: text, kind (amount, quantity, value, share, points).</summary>
    InvalidNumber,

    /// <summary>More decimal places than the column stores. Arguments: text, allowed decimal places.</summary>
    TooManyDecimals,

    /// <summary>A number beyond the column's range. Arguments: text.</summary>
    NumberOutOfRange,

    /// <summary>A negative number where the column does not allow one. Arguments: text.</summary>
    NegativeNotAllowed,

    /// <summary>Not a date in yyyy-MM-dd. Arguments: text.</summary>
    InvalidDate,

    /// <summary>Not a period (2026-10, 2026-Q4, 2026-H2, 2026). Arguments: text.</summary>
    InvalidPeriod,

    /// <summary>An employee id that employees.csv does not have. Arguments: id.</summary>
    UnknownEmployee,

    /// <summary>An org unit id that org_units.csv does not have. Arguments: id.</summary>
    UnknownOrgUnit,

    /// <summary>A subject that is neither an employee nor an org unit. Arguments: id.</summary>
    UnknownSubject,

    /// <summary>A sale id that sales.csv does not have. Arguments: id.</summary>
    UnknownSale,

    /// <summary>An id used twice in one file. Arguments: id, line of the first use.</summary>
    DuplicateId,

    /// <summary>A row repeating the key of an earlier row (e.g. subject/metric/period). Arguments: key, line of the first.</summary>
    DuplicateKey,

    /// <summary>A share that is not above 0 and at most 1. Arguments: text.</summary>
    InvalidShare,

    /// <summary>The shares of one sale do not add up to exactly 1. Arguments: sale id, sum.</summary>
    SharesDoNotSumToOne,

    /// <summary>Org units whose parents form a cycle. Arguments: the cycle as "A → B → A".</summary>
    OrgCycle,

    /// <summary>No org unit without a parent.</summary>
    NoRootOrgUnit,

    /// <summary>More than one org unit without a parent. Arguments: id, the first root's id, its line.</summary>
    MultipleRootOrgUnits,

    /// <summary>A leave date before the hire date. Arguments: leave date, hire date.</summary>
    LeaveBeforeHire,

    /// <summary>A file too large for one in-memory column (2 GB of text per column). Arguments: column.</summary>
    TableTooLarge,

    /// <summary>The error limit was reached; later errors are not reported. Arguments: the limit.</summary>
    TooManyErrors,

    /// <summary>An uploaded file that is not a readable .xlsx workbook (e.g. an old .xls, or a damaged file).</summary>
    InvalidWorkbook,

    /// <summary>A workbook with data on a worksheet after the first. Arguments: the sheet's name.</summary>
    ExtraSheet,

    /// <summary>Merged cells in the worksheet. Arguments: the range (A1:C1).</summary>
    MergedCells,

    /// <summary>A cell holding an error value, usually a formula's. Arguments: the error (#N/A, #DIV/0! …).</summary>
    CellError,

    /// <summary>A formula saved without its result. Arguments: the formula.</summary>
    FormulaNotCalculated,

    /// <summary>A value longer than the limit (<see cref="ImportLimits.MaxFieldChars"/>). Arguments: the limit.</summary>
    FieldTooLong,

    /// <summary>More rows than an upload may have; at the first row beyond. Arguments: the limit.</summary>
    TooManyRows,

    /// <summary>More columns than a data file may have; at the first column beyond. Arguments: the limit.</summary>
    TooManyColumns,

    /// <summary>An uploaded file larger than the limit. Arguments: the limit in MB.</summary>
    FileTooLarge,

    /// <summary>A workbook that unpacks to more than the limit (a zip bomb, or simply too big). Arguments: the limit in MB, the part.</summary>
    WorkbookTooLarge,

    /// <summary>A worksheet row number out of order or beyond Excel's 1,048,576. Arguments: the number as written.</summary>
    InvalidRowNumber,

    /// <summary>A cell reference that is not a column A–XFD and a row 1–1,048,576. Arguments: the reference as written.</summary>
    InvalidCellReference,

    /// <summary>A cell naming a shared string the workbook does not have. Arguments: the index as written.</summary>
    SharedStringMissing,

    /// <summary>
    /// A rating, target or metric value that would change data a closed period reads (docs/decisions/0019).
    /// Arguments: the row's period, the closed period.
    /// </summary>
    PeriodClosed,
    /// <summary>A calendar date outside 1900-01-01 … 2100-12-31 (<c>RecordDates</c>). Arguments: text.</summary>
    DateOutOfRange,

    /// <summary>
    /// A stored row (not in the upload) that breaks the rules, e.g. an employee whose hire date is out of range: reported
    /// beside a successful upload, never blocking it. Arguments: the row's id, the column, the stored value.
    /// </summary>
    StoredRowInvalid,

    /// <summary>A credit's kind that is neither direct (直接) nor indirect (间接). Arguments: text.</summary>
    InvalidCreditKind,

    /// <summary>
    /// A credits.csv row naming a sale whose shares were entered and approved in the web app (业绩分配): one source per sale
    /// (docs/data-format.md "credits"). Arguments: the sale, the request's number.
    /// </summary>
    SaleSplitInApp,
}
