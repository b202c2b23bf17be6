using System.Globalization;
using System.Text;

namespace Jixiao.Application.Import;

/// <summary>Collects the errors of one file up to a limit.</summary>
internal sealed class ErrorList(string file, int limit)
{
    public string File { get; } = file;

    public int Limit { get; } = limit;

    public List<DataError> Items { get; } = [];

    /// <summary>Whether the limit is reached (more errors are not kept).</summary>
    public bool Full => Items.Count >= Limit;

    public void Add(int line, int column, string? columnName, DataErrorCode code, params string[] arguments)
    {
        if (Items.Count < Limit)
        {
            Items.Add(new DataError(File, line, column, columnName, code, arguments));
        }
    }

    public static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Which header cell holds which column of a <see cref="TableSpec"/>.</summary>
internal sealed class HeaderMap
{
    private HeaderMap(TableSpec spec, int fieldCount)
    {
        Spec = spec;
        FieldCount = fieldCount;
        ColumnOfField = new int[fieldCount];
        FieldOfColumn = new int[spec.Columns.Length];
        Names = new string[spec.Columns.Length];
        Array.Fill(FieldOfColumn, -1);
        for (var i = 0; i < Names.Length; i++)
        {
            Names[i] = spec.Columns[i].Name;
        }
    }

    public TableSpec Spec { get; }

    /// <summary>Number of header cells; every record must have as many fields.</summary>
    public int FieldCount { get; }

    /// <summary>Column index of each field.</summary>
    public int[] ColumnOfField { get; }

    /// <summary>Field index of each column, or -1 when the header does not have it.</summary>
    public int[] FieldOfColumn { get; }

    /// <summary>The header text of each column as written in the file (canonical name when absent).</summary>
    public string[] Names { get; }

    /// <summary>Whether the header has column <paramref name="column"/>.</summary>
    public bool Has(int column) => FieldOfColumn[column] >= 0;

    /// <summary>The 1-based field number of column <paramref name="column"/>.</summary>
    public int Position(int column) => FieldOfColumn[column] + 1;

    /// <summary>The header text of the 1-based field <paramref name="fieldNumber"/>, or null when out of range.</summary>
    public string? NameOfField(int fieldNumber) =>
        fieldNumber >= 1 && fieldNumber <= FieldCount ? Names[ColumnOfField[fieldNumber - 1]] : null;

    /// <summary>
    /// The longest value of each field: the stored size of its column (<see cref="TableSchemas.StoredMaxChars"/>), at
    /// most <paramref name="maxFieldChars"/>; null when there is no limit (<see cref="int.MaxValue"/>: the CLI's loads).
    /// </summary>
    public int[]? FieldLimits(int maxFieldChars)
    {
        if (maxFieldChars == int.MaxValue)
        {
            return null;
        }

        var limits = new int[FieldCount];
        for (var f = 0; f < limits.Length; f++)
        {
            var column = ColumnOfField[f];
            limits[f] = column < 0 ? maxFieldChars : Math.Min(maxFieldChars, TableSchemas.StoredMaxChars(Spec, column));
        }

        return limits;
    }

    /// <summary>Reads the header record; returns null (with errors) when it cannot be used.</summary>
    public static HeaderMap? Read(CsvRecordReader reader, TableSpec spec, ErrorList errors)
    {
        var status = reader.Next();
        if (status == RecordStatus.End)
        {
            errors.Add(0, 0, null, DataErrorCode.EmptyFile);
            return null;
        }

        if (status != RecordStatus.Record)
        {
            errors.Add(reader.ErrorLine, reader.ErrorColumn, null, reader.ErrorCode, reader.ErrorArguments);
            return null;
        }

        var count = reader.FieldCount;
        if (count > spec.Columns.Length * 4)
        {
            count = spec.Columns.Length * 4;
        }

        var map = new HeaderMap(spec, reader.FieldCount);
        var ok = true;
        for (var f = 0; f < count; f++)
        {
            var text = ErrorList.Text(reader.Field(f));
            var column = spec.Match(text);
            if (column < 0)
            {
                errors.Add(reader.Line, f + 1, text, DataErrorCode.UnknownColumn, text, TableSchemas.ColumnList(spec));
                ok = false;
                continue;
            }

            if (map.FieldOfColumn[column] >= 0)
            {
                errors.Add(reader.Line, f + 1, text, DataErrorCode.DuplicateColumn, text, ErrorList.Number(map.FieldOfColumn[column] + 1));
                ok = false;
                continue;
            }

            map.FieldOfColumn[column] = f;
            map.ColumnOfField[f] = column;
            map.Names[column] = text;
        }

        for (var c = 0; c < spec.Columns.Length; c++)
        {
            if (spec.Columns[c].Required && map.FieldOfColumn[c] < 0)
            {
                errors.Add(reader.Line, 0, null, DataErrorCode.MissingColumn, spec.Columns[c].Name);
                ok = false;
            }
        }

        return ok ? map : null;
    }
}
